# fig01_memories.gp - Figure 1: how prototype-like the memories are, against n.
# The memory images themselves are plots/fig01_memories_n<n>.png (written by the program).
load "examples/style.gp"
set title "Memory vectors: features at small n, prototypes at large n?"
set xlabel "interaction vertex n"
set ylabel "similarity"
set yrange [0:1]
set logscale x 2
set xtics (2,3,5,10,20,30,40,60)
set key bottom right
set y2label "memories used (of K)"
set y2tics
set ytics nomirror
plot datafile using 1:4 with linespoints lt 5 title "prototype similarity (K/8 strongest memories)", \
     datafile using 1:5 with linespoints lt 6 title "label selectivity (K/8 strongest)", \
     datafile using 1:6 with linespoints lt 3 dt 2 title "test accuracy", \
     datafile using 1:3 axes x1y2 with linespoints lt 8 dt 3 title "memories used (right axis)"
