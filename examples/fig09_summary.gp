# fig09_summary.gp - Figure 9: every technique at its default, grouped by n: mean over
# seeds with the 95% interval, one marker and colour per technique (style.gp), the
# techniques side by side within each n. Columns: 1 technique, 2 n, 3 seeds, acc 4-7.
W = 1000; H = 720; NCAP = 5
load "examples/style.gp"
CAP = sprintf("Every technique at its default setting: ACC, the average test accuracy over the tasks after the last one, grouped by n\n(mean of %d seeds, bars: %s, cut at 0 and 1; grey dashes: chance). Defaults (dam\\_seq\\_defaults): rehearsal r = 0.1,\nclass-conditional pseudo-items P = 1000, EWC and MAS lambda = 1, SI c = 1, GEM and A-GEM 256 items per task. The verdict:\nrehearsal - every other technique, paired over seeds, > 0 at the lower 95%s bound for every technique at every n.\n%s.", S, CI, PCT, SEQSET)
@CAPTION
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $2}' | sort -n | uniq | tr '\\n' ' '")
NN = words(NS)
set bmargin at screen BOT + 0.1
set tmargin at screen TOP
set lmargin at screen 0.09
set rmargin at screen 0.98
GI(n) = sum [i=1:NN] (word(NS,i)+0 == n ? i : 0)
set xrange [0.5:NN+0.5]
set xtics () scale 0
do for [i=1:NN] { set xtics add (sprintf("n = %s", word(NS,i)) i) }
do for [i=1:NN-1] { set arrow 10+i from i+0.5, graph 0 to i+0.5, graph 1 nohead lc rgb "#cccccc" lw 1 back }
set grid noxtics ytics
unset xlabel
set ylabel "average accuracy ACC after the last task"
set yrange [0:1]
set key at screen 0.53, screen BOT - 0.005 center bottom horizontal maxcols 4 font ",11" spacing 1.0
TN = "vanilla rehearsal pseudorehearsal EWC SI MAS GEM A-GEM"
plot CHANCE with lines ls 90 notitle, \
     for [t=0:7] datafile using ($1==t ? GI($2) + 0.095*(t-3.5) : 1/0):4:6:7 with yerrorbars lt (t+1) lw 2 title word(TN, t+1)
