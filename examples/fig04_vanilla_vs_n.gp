# fig04_vanilla_vs_n.gp - Figure 4: vanilla ACC, BWT and forgetting against n.
load "examples/style.gp"
set title "Vanilla sequential training against n"
set xlabel "interaction vertex n"
set ylabel "accuracy / transfer"
set logscale x 2
set xtics (2,3,5,10,15,20,30,40,60)
set yrange [-1:1]
set key bottom left
plot datafile using 1:8 with linespoints lt 3 title "accuracy right after learning (mean R[j][j])", \
     datafile using 1:3 with linespoints lt 5 title "average accuracy ACC (after the last task)", \
     datafile using 1:4 with linespoints lt 6 title "backward transfer BWT", \
     datafile using 1:6 with linespoints lt 7 title "mean forgetting", \
     0 with lines lt 8 dt 3 notitle
