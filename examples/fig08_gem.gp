# fig08_gem.gp - Figure 8: GEM and A-GEM against n: mean over seeds with the 95% interval
# of the mean (error bars), and the per-seed values (small points). Columns: 1 technique,
# 2 n, 3 param (M), 4 seeds, acc 5-8, ..., per-seed acc from column 33 on (7 metrics x 4
# + 4 id columns + 1).
load "examples/style.gp"
set title "GEM and A-GEM: average accuracy after the last task (mean, 95% interval; points: seeds)"
set xlabel "interaction vertex n"
set ylabel "average accuracy ACC"
set logscale x
set xtics (2, 3, 5, 10, 20, 30, 40, 60)
set xrange [1.5:60]
set yrange [0:1]
set key bottom left width 2
S = int(system("grep -v '^#' ".datafile." | awk 'NF{print $4; exit}'"))
plot datafile using ($1==6 ? $2 : 1/0):5:7:8 with yerrorlines lt 1 title "GEM", \
     datafile using ($1==7 ? $2*1.03 : 1/0):5:7:8 with yerrorlines lt 2 title "A-GEM", \
     for [k=1:S] datafile using ($1==6 ? $2 : 1/0):(column(32+k)) with points lt 1 pt 7 ps 0.5 notitle, \
     for [k=1:S] datafile using ($1==7 ? $2*1.03 : 1/0):(column(32+k)) with points lt 2 pt 7 ps 0.5 notitle
