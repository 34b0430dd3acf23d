# fig01_memories.gp - Figure 1: how prototype-like the memories are, and how many are
# used, against n: mean over seeds with the 95% interval. (a) prototype similarity and
# (b) label selectivity of the K/8 strongest memories, (c) memories used (the best
# match of a training image) and untrained (still near their random start), out of K.
# Columns (aggregated .dat): 1 n, 2 T, 3 seeds, used 4-7, untrained 8-11, prototype
# 12-15, selectivity 16-19, acc 20-23 (mean, sd, lo, hi each). The memory images are
# plots/fig01_memories_grids.png (fig01_memories_grids.gp).
W = 1350; H = 600; NCAP = 4
load "examples/style.gp"
CAP = sprintf("The memories of one DAM trained on single-task %s against n (mean of %d seeds, bars: %s). (a) Prototype similarity: the largest cosine similarity\nof a memory's pixels to any of the first 2000 training images; (b) label selectivity: (largest label entry - mean of the others) / 2; both averaged over the K/8 = %d\nmemories of largest mean |xi|. (c) Memories used: the best match (largest pixel overlap, the dominant energy term) of at least one of the first 2000 training\nimages; untrained: cosine similarity to their random start > 0.5. K = %d, %d training items, %d epochs, batch %d; T = dam\\_default\\_temperature(n).", DS, S, CI, K/8, K, items, epochs, batch)
@CAPTION
NMIN = COLMIN(1); NMAX = COLMAX(1)
set multiplot layout 1,3 margins screen 0.06, 0.985, screen BOT, screen TOP spacing screen 0.07
set xlabel "interaction vertex n"
set logscale x
set xtics (2, 3, 5, 10, 20, 30, 40, 60)
set xrange [NMIN*0.8:NMAX*1.25]
unset key
set title "prototype similarity"; LETTER = "a"; @PANEL
set ylabel "max cosine similarity to a training image"
set yrange [0:1]
plot datafile using 1:12:14:15 with yerrorlines lt 9 notitle
set title "label selectivity"; LETTER = "b"; @PANEL
set ylabel "label selectivity"
plot datafile using 1:16:18:19 with yerrorlines lt 10 notitle
set title sprintf("memories used, of K = %d", K); LETTER = "c"; @PANEL
set ylabel "memories"
set yrange [0:K]
set key center right font ",11"
plot datafile using 1:4:6:7 with yerrorlines lt 11 title "used (best match of an image)", \
     datafile using 1:8:10:11 with yerrorlines lt 12 title "untrained (near their start)"
unset multiplot
