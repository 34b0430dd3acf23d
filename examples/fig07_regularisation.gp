# fig07_regularisation.gp - Figure 7: ACC against the penalty strength, EWC, SI and MAS,
# one panel per n: mean over seeds with the 95% interval. Strength 0 is vanilla: drawn
# at the left end of the axis (tic "0", beyond a break) and as a band (its interval)
# across the panel. Columns: 1 technique, 2 n, 3 param (strength), 4 seeds, acc 5-8.
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $2}' | sort -n | uniq | tr '\\n' ' '")
W = 560*words(NS) + 160; H = 660; NCAP = 4
load "examples/style.gp"
CAP = sprintf("EWC, SI and MAS: ACC, the average test accuracy over the tasks after the last one, against the penalty strength (lambda for EWC and MAS,\nc for SI; each task's importance normalised to mean 1), one panel per n. Strength 0 is vanilla (left, and the grey band: its interval). Mean of %d seeds,\nbars: %s; curves offset slightly. The verdict compares the gain over vanilla at strength 1 between the smallest and the largest n.\n%s.", S, CI, SEQSET)
@CAPTION
PMIN = real(system("awk '!/^#/ && NF && $3 > 0 {print $3}' ".datafile." | sort -g | head -1"))
PMAX = COLMAX(3)
X0 = PMIN / 10.0          # where strength 0 is drawn
set multiplot layout 1,words(NS) margins screen 0.075, 0.985, screen BOT, screen TOP spacing screen 0.06
set xlabel "penalty strength (lambda or c)"
set ylabel "average accuracy ACC after the last task"
set logscale x
set xrange [X0/2.5:PMAX*2.5]
set format x "10^{%T}"
set xtics add ("0" X0)
unset mxtics
set yrange [0:1]
set key bottom right font ",11" spacing 1.0
set arrow 2 from X0*2.2, graph 0 to X0*2.2, graph 1 nohead lc rgb "#cccccc" lw 1 dt 3 back
TN = "EWC SI MAS"
k = 0
do for [n in NS] {
    k = k + 1
    set title sprintf("n = %s", n); LETTER = word("a b c d e f", k); @PANEL
    VM = real(system(sprintf("awk '!/^#/ && NF && $1==0 && $2==%s {print $5}' %s", n, datafile)))
    VL = real(system(sprintf("awk '!/^#/ && NF && $1==0 && $2==%s {print $7}' %s", n, datafile)))
    VH = real(system(sprintf("awk '!/^#/ && NF && $1==0 && $2==%s {print $8}' %s", n, datafile)))
    set object 3 rect from X0*2.2, VL to graph 1, VH fc rgb "#000000" fs transparent solid 0.08 noborder back
    if (k > 1) { unset ylabel }
    plot CHANCE with lines ls 90 notitle, \
         VM with lines lc rgb "#777777" lw 1 dt 1 notitle, \
         for [t=3:5] datafile using ($1==t && $2==n+0 ? $3*(1+0.08*(t-4)) : 1/0):5:7:8 with yerrorlines lt (t+1) title word(TN,t-2), \
         datafile using ($1==0 && $2==n+0 ? X0 : 1/0):5:7:8 with yerrorbars lt 1 title "vanilla (strength 0)"
}
unset multiplot
