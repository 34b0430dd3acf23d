# fig01_memories.gp - Figure 1: how prototype-like the memories are, against n: mean over
# seeds with the 95% interval (error bars). Columns (aggregated .dat): 1 n, 2 T, 3 seeds,
# used 4-7, prototype 8-11, selectivity 12-15, acc 16-19 (mean, sd, lo, hi each).
# The memory images are plots/fig01_memories_n<n>.png (first seed).
load "examples/style.gp"
set title "Memories: features at small n, prototypes at large n? (mean, 95% interval over seeds)"
set xlabel "interaction vertex n"
set ylabel "measure over the K/8 strongest memories"
set logscale x
set xtics (2, 3, 5, 10, 20, 30, 40, 60)
set xrange [1.5:50]
set yrange [0:1.05]
set key bottom right
plot datafile using 1:8:10:11 with yerrorlines lt 1 title "prototype similarity", \
     datafile using 1:12:14:15 with yerrorlines lt 2 title "label selectivity", \
     datafile using 1:16:18:19 with yerrorlines lt 3 title "test accuracy"
