# fig04_vanilla_vs_n.gp - Figure 4: vanilla ACC, BWT and forgetting against n: mean over
# seeds with the 95% interval. Columns: 1 n, 2 seeds, acc 3-6, bwt 7-10, fwt 11-14,
# forgetting 15-18, first 19-22, learned 23-26.
load "examples/style.gp"
set title "Vanilla sequential training against n (mean, 95% interval over seeds)"
set xlabel "interaction vertex n"
set ylabel "accuracy / transfer"
set logscale x
set xtics (2, 3, 5, 10, 20, 30, 40, 60)
set xrange [1.5:80]
set yrange [-1:1]
set key bottom left
plot datafile using 1:3:5:6 with yerrorlines lt 1 title "ACC", \
     datafile using 1:7:9:10 with yerrorlines lt 2 title "BWT", \
     datafile using 1:15:17:18 with yerrorlines lt 3 title "mean forgetting", \
     datafile using 1:23:25:26 with yerrorlines lt 4 dt 2 title "min accuracy right after a task"
