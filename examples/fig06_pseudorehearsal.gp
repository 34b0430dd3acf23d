# fig06_pseudorehearsal.gp - Figure 6: ACC after the last task against n. Lines: the mean
# over the seeds (computed by awk from the rows of one configuration); small points: the
# single seeds; large open symbols: one-seed runs (class P = 250, 2000; relaxed probes).
# Columns: 1 technique, 2 n, 3 param (P), 4 seed, 5 acc, ..., 11 probe kind.
load "examples/style.gp"
set title "Pseudorehearsal in the DAM: average accuracy after the last task"
set xlabel "interaction vertex n"
set ylabel "average accuracy ACC"
set logscale x
set xrange [2.5:36]
set xtics (3, 10, 30)
set yrange [0:1]
set terminal pngcairo size 900,720 enhanced font "DejaVu Sans,13" linewidth 1.5
set output outfile
set key below horizontal maxcols 2 box
MEAN(cond) = sprintf("< awk '!/^#/ && NF && (%s) {s[$2]+=$5; c[$2]++} END {for (n in s) print n, s[n]/c[n]}' %s | sort -n", cond, datafile)
plot MEAN("$1==1") using 1:2 with linespoints lt 3 title "rehearsal r = 0.1", \
     MEAN("$1==2 && $11==0 && $3==1000") using 1:2 with linespoints lt 5 title "class-conditional pseudo-items, P = 1000", \
     MEAN("$1==2 && $11==3") using 1:2 with linespoints lt 2 title "class, soft targets (w = 1000)", \
     MEAN("$1==0") using 1:2 with linespoints lt 8 title "vanilla", \
     MEAN("$1==2 && $11==1") using 1:2 with linespoints lt 6 title "random probes, P = 1000", \
     datafile using ($1==2 && $11==2 ? $2 : 1/0):5 with points lt 7 pt 6 ps 2 title "relaxed probes, P = 1000 (seed 1)", \
     datafile using ($1==2 && $11==0 && $3!=1000 ? $2 : 1/0):5 with points lt 5 pt 8 ps 2 title "class, P = 250 and 2000 (seed 1)", \
     datafile using ($1<=1 || ($1==2 && ($11<=1 || $11==3) && $3==1000) ? $2 : 1/0):5 with points lt 8 pt 7 ps 0.5 notitle
