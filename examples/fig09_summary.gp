# fig09_summary.gp - Figure 9: every technique at its default setting against n.
load "examples/style.gp"
set title "Every technique at its default setting"
set xlabel "interaction vertex n"
set ylabel "average accuracy ACC after the last task"
set logscale x 2
set xtics (2,3,5,10,20,30,40,60)
set yrange [0:1]
set key outside right
TN = "vanilla rehearsal pseudorehearsal EWC SI MAS GEM A-GEM"
# one curve per technique: its rows are not adjacent in the file, so select them with awk
sel(t) = sprintf("< awk '!/^#/ && NF && $1==%d' %s", t, datafile)
plot for [t=0:7] sel(t) using 2:5 with linespoints lt (t==0 ? 8 : t) title word(TN, t+1)
