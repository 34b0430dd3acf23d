# fig02_single_task.gp - Figure 2: single-task test accuracy against n, both functions:
# mean over seeds with the 95% interval. Columns: 1 function, 2 n, 3 T, 4 seeds, acc 5-8.
W = 900; H = 640; NCAP = 2
load "examples/style.gp"
CAP = sprintf("Single-task %s: test accuracy of one DAM against n (mean of %d seeds, bars: %s; grey: chance 0.1).\nK = %d memories, %d training and %d test items, %d epochs, batch %d; T = dam\\_default\\_temperature(n).", DS, S, CI, K, items, test_items, epochs, batch)
@CAPTION
set xlabel "interaction vertex n"
set ylabel "test accuracy"
set logscale x
set xtics (2, 3, 5, 10, 20, 30, 40, 60)
set xrange [COLMIN(2)*0.85:COLMAX(2)*1.15]
set yrange [0:1]
set bmargin at screen BOT
set tmargin at screen TOP
set key at graph 0.02, graph 0.5 left
plot CHANCE with lines ls 90 notitle, \
     datafile using ($1==0 ? $2 : 1/0):5:7:8 with yerrorlines lt 9 title "leaky rectified polynomial", \
     datafile using ($1==1 ? $2*1.02 : 1/0):5:7:8 with yerrorlines lt 10 title "rectified polynomial"
