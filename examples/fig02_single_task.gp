# fig02_single_task.gp - Figure 2: single-task test accuracy against n, both functions:
# mean over seeds with the 95% interval. Columns: 1 function, 2 n, 3 T, 4 seeds, acc 5-8.
load "examples/style.gp"
set title "Single-task MNIST: test accuracy (mean, 95% interval over seeds)"
set xlabel "interaction vertex n"
set ylabel "test accuracy"
set logscale x
set xtics (2, 3, 5, 10, 20, 30, 40, 60)
set xrange [1.5:80]
set yrange [0:1]
set key bottom left
plot datafile using ($1==0 ? $2 : 1/0):5:7:8 with yerrorlines lt 1 title "leaky rectified polynomial", \
     datafile using ($1==1 ? $2 : 1/0):5:7:8 with yerrorlines lt 2 title "rectified polynomial"
