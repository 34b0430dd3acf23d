# fig08_gem.gp - Figure 8: GEM and A-GEM against n: (a) ACC, mean over seeds with the
# 95% interval of the mean and every seed's value (small points); (b) the spread, the
# standard deviation over seeds with its 95% chi-square interval (Wilson-Hilferty, as
# verify computes it). Columns: 1 technique, 2 n, 3 param (M), 4 seeds, acc 5-8 (mean,
# sd, lo, hi), ..., per-seed acc from column 33 on (7 metrics x 4 + 4 id columns + 1).
W = 1350; H = 620; NCAP = 4
load "examples/style.gp"
M = int(COLMAX(3))
CAP = sprintf("GEM and A-GEM (episodic memory of %d items per task; GEM margin 0.5, A-GEM reference sample 256) against n, %d seeds. (a) ACC, the average test accuracy\nover the tasks after the last one: mean, bars: %s of the mean, small points: the seeds (grey dashes: chance). (b) The spread: standard deviation of ACC\nover the seeds, bars: its 95%s chi-square interval. The verdict: the largest sd at n in 5..20 (shaded) against the largest at the other n, for GEM or A-GEM.\n%s.", M, S, CI, PCT, SEQSET)
@CAPTION
NMIN = COLMIN(2); NMAX = COLMAX(2)
set multiplot layout 1,2 margins screen 0.065, 0.985, screen BOT, screen TOP spacing screen 0.08
set xlabel "interaction vertex n"
set logscale x
set xtics (2, 3, 5, 10, 20, 30, 40, 60)
set xrange [NMIN*0.8:NMAX*1.25]
set title "accuracy"; LETTER = "a"; @PANEL
set ylabel "average accuracy ACC after the last task"
set yrange [0:1]
set key bottom left
plot CHANCE with lines ls 90 notitle, \
     datafile using ($1==6 ? $2*0.97 : 1/0):5:7:8 with yerrorlines lt 7 title "GEM", \
     datafile using ($1==7 ? $2*1.03 : 1/0):5:7:8 with yerrorlines lt 8 title "A-GEM", \
     for [k=1:S] datafile using ($1==6 ? $2*0.97 : 1/0):(column(32+k)) with points lt 7 pt 7 ps 0.45 notitle, \
     for [k=1:S] datafile using ($1==7 ? $2*1.03 : 1/0):(column(32+k)) with points lt 8 pt 7 ps 0.45 notitle
# the sd's interval: sd * sqrt(df / q) with q the chi-square quantiles of df = S - 1
CHI2Q(df, z) = df * (1 - 2.0/(9*df) + z * sqrt(2.0/(9*df)))**3
DF = S - 1
SDLO(sd) = sd * sqrt(DF / CHI2Q(DF, 1.959964))
SDHI(sd) = sd * sqrt(DF / CHI2Q(DF, -1.959964))
set title "spread over seeds"; LETTER = "b"; @PANEL
set ylabel "standard deviation of ACC over seeds"
set yrange [0:*]
set object 4 rect from 5*0.93, graph 0 to 20*1.07, graph 1 fc rgb "#000000" fs transparent solid 0.06 noborder back
set key top left
if (S >= 2) {
    plot datafile using ($1==6 ? $2*0.97 : 1/0):6:(SDLO($6)):(SDHI($6)) with yerrorlines lt 7 title "GEM", \
         datafile using ($1==7 ? $2*1.03 : 1/0):6:(SDLO($6)):(SDHI($6)) with yerrorlines lt 8 title "A-GEM"
} else {
    # one seed (smoke): no spread to draw
    set yrange [0:1]
    set label 5 "one seed: no spread" at graph 0.5, graph 0.5 center
    plot NaN notitle
}
unset multiplot
