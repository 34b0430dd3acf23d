# fig05_rehearsal.gp - Figure 5: ACC against the rehearsed fraction r, one curve per n
# (r = 0 is vanilla): mean over seeds with the 95% interval. Columns: 1 technique, 2 n,
# 3 param (r), 4 seeds, acc 5-8.
W = 900; H = 700; NCAP = 5
load "examples/style.gp"
CAP = sprintf("Naive rehearsal: ACC, the average test accuracy over the tasks after the last one, against the fraction r of every\nfinished task's training items rehearsed (r = 0: vanilla). Mean of %d seeds, bars: %s (cut at 0); curves offset\nslightly in r. The verdict tests r = 0.1 (dotted): rehearsal - vanilla, paired over seeds, > 0.05 at the lower 95%s bound\nat every n. Grey dashes: chance.\n%s.", S, CI, PCT, SEQSET)
@CAPTION
set bmargin at screen BOT
set tmargin at screen TOP
set xlabel "fraction r of each finished task rehearsed"
set ylabel "average accuracy ACC after the last task"
RMAX = COLMAX(3)
set xrange [-0.02:RMAX + 0.03]
set yrange [0:1]
set key bottom right
set arrow 1 from 0.1, graph 0 to 0.1, graph 1 nohead lc rgb "#999999" dt 3 lw 1.5 back
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $2}' | sort -n | uniq | tr '\\n' ' '")
plot CHANCE with lines ls 90 notitle, \
     for [i=1:words(NS)] datafile using ($2==word(NS,i)+0 ? $3 + 0.006*(i - (words(NS)+1)/2.0) : 1/0):5:7:8 with yerrorlines lt (8+i) title sprintf("n = %s", word(NS,i))
