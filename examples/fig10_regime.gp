# fig10_regime.gp - Figure 10: vanilla, EWC, SI, MAS against the items per task (left)
# and K (right): mean over seeds with the 95% interval. Columns: 1 technique, 2 n,
# 3 axis (0 items, 1 K), 4 param, 5 seeds, acc 6-9.
load "examples/style.gp"
set terminal pngcairo size 1200,560 enhanced font "DejaVu Sans,12" linewidth 1.5
set output outfile
set multiplot layout 1,2 title "Regularisation against data and memories (n = 10; mean, 95% interval)"
set ylabel "average accuracy ACC"
set yrange [0:1]
set logscale x
set key bottom right
TN(t) = t==0 ? "vanilla" : t==3 ? "EWC" : t==4 ? "SI" : "MAS"
LT(t) = t==0 ? 8 : t-2
SEL(t, a) = sprintf("< awk '!/^#/ && NF && $1 == %d && $3 == %d' %s | sort -g -k4", t, a, datafile)
set title "items per task (K = 256)"
set xlabel "training items per task"
set xrange [350:5500]
plot for [t in "0 3 4 5"] SEL(t+0, 0) using 4:6:8:9 with yerrorlines lt LT(t+0) title TN(t+0)
set title "memories K"
set xlabel "memories K"
set xrange [45:700]
plot for [t in "0 3 4 5"] SEL(t+0, 1) using 4:6:8:9 with yerrorlines lt LT(t+0) title TN(t+0)
unset multiplot
