# fig09_summary.gp - Figure 9: every technique at its default against n: mean over seeds
# with the 95% interval. Columns: 1 technique, 2 n, 3 seeds, acc 4-7.
load "examples/style.gp"
set title "Every technique at its default: average accuracy after the last task (mean, 95% interval)"
set xlabel "interaction vertex n"
set ylabel "average accuracy ACC"
set logscale x
set xtics (2, 3, 5, 10, 20, 30, 40, 60)
set xrange [1.5:60]
set yrange [0:1]
set key below horizontal maxcols 4 box
set terminal pngcairo size 900,720 enhanced font "DejaVu Sans,13" linewidth 1.5
set output outfile
TN = "vanilla rehearsal pseudorehearsal EWC SI MAS GEM A-GEM"
SEL(t) = sprintf("< awk '!/^#/ && NF && $1 == %d' %s | sort -g -k2", t, datafile)
plot for [t=0:7] SEL(t) using ($2*(1+0.015*(t-3.5))):4:6:7 with yerrorlines lt (t+1) title word(TN, t+1)
