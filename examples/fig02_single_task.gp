# fig02_single_task.gp - Figure 2: single-task MNIST test accuracy against n.
# gnuplot -e "datafile='data/fig02_single_task.dat'; outfile='plots/fig02_single_task.png'" examples/fig02_single_task.gp
load "examples/style.gp"
set title "Single-task MNIST: test accuracy of one DAM against n"
set xlabel "interaction vertex n"
set ylabel "test accuracy"
set yrange [0:1]
set logscale x 2
set xtics (2,3,5,10,20,30,40,60)
set key bottom right
plot datafile using ($1==0 ? $2 : 1/0):5 with linespoints lt 5 title "leaky rectified polynomial", \
     datafile using ($1==1 ? $2 : 1/0):5 with linespoints lt 6 title "rectified polynomial"
