# fig04_vanilla_vs_n.gp - Figure 4: vanilla sequential training against n, one quantity
# per panel: (a) accuracies (ACC, and the lowest accuracy right after a task's own
# training), (b) backward transfer, (c) mean forgetting: mean over seeds with the 95%
# interval. Columns: 1 n, 2 seeds, acc 3-6, bwt 7-10, fwt 11-14, forgetting 15-18,
# first 19-22, learned 23-26.
W = 1350; H = 560; NCAP = 3
load "examples/style.gp"
CAP = sprintf("Vanilla sequential training against n (mean of %d seeds, bars: %s). (a) ACC, the average test accuracy over the tasks after the last one, and the lowest\naccuracy of a task right after its own training (grey: chance 0.1); (b) backward transfer BWT; (c) mean forgetting of tasks 0..T-2.\n%s.", S, CI, SEQSET)
@CAPTION
NMIN = COLMIN(1); NMAX = COLMAX(1)
set multiplot layout 1,3 margins screen 0.06, 0.985, screen BOT, screen TOP spacing screen 0.07
set xlabel "interaction vertex n"
set logscale x
set xtics (2, 3, 5, 10, 20, 30, 40, 60)
set xrange [NMIN*0.85:NMAX*1.15]
set title "accuracy"; LETTER = "a"; @PANEL
set ylabel "test accuracy"
set yrange [0:1]
set key at graph 0.55, graph 0.3 center
plot CHANCE with lines ls 90 notitle, \
     datafile using 1:3:5:6 with yerrorlines lt 9 title "ACC after the last task", \
     datafile using 1:23:25:26 with yerrorlines lt 10 title "lowest R[j][j] (just trained)"
set title "backward transfer"; LETTER = "b"; @PANEL
set ylabel "BWT (accuracy change of earlier tasks)"
set yrange [COLMIN(9) < -0.6 ? -1 : -0.6:0]
unset key
plot 0 with lines lc rgb "#888888" lw 1 notitle, \
     datafile using 1:7:9:10 with yerrorlines lt 11 notitle
set title "forgetting"; LETTER = "c"; @PANEL
set ylabel "mean forgetting (accuracy lost)"
set yrange [0:COLMAX(18) > 0.6 ? 1 : 0.6]
plot datafile using 1:15:17:18 with yerrorlines lt 12 notitle
unset multiplot
