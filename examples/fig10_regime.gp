# fig10_regime.gp - Figure 10: regularisation against items per task (left) and K (right).
load "examples/style.gp"
set terminal pngcairo size 1300,550 enhanced font "DejaVu Sans,13"
set output outfile
set multiplot layout 1,2 title "Regularisation by data size and memory regime"
TN = "vanilla rehearsal pseudorehearsal EWC SI MAS GEM A-GEM"
set ylabel "average accuracy ACC after the last task"
set yrange [0:1]
set logscale x 2
set key bottom right
# one curve per technique and axis: select its rows with awk (they are interleaved in the file)
items(t) = sprintf("< awk '!/^#/ && NF && $1==%s && $3<1e6' %s", t, datafile)
memk(t) = sprintf("< awk '!/^#/ && NF && $1==%s && $3>=1e6 {$3=$3-1e6; print}' %s", t, datafile)
set xlabel "training items per task (K = 256)"
plot for [t in "0 3 4 5"] items(t) using 3:5 with linespoints lt (t+0==0 ? 8 : t+0) title word(TN, t+1)
set xlabel "memories K"
plot for [t in "0 3 4 5"] memk(t) using 3:5 with linespoints lt (t+0==0 ? 8 : t+0) title word(TN, t+1)
unset multiplot
