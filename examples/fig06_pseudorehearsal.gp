# fig06_pseudorehearsal.gp - Figure 6: ACC after the last task against n, per
# configuration: mean over seeds with the 95% interval. Columns: 1 technique, 2 n,
# 3 param (P or r), 4 probe (-1 none, 0 class, 1 random, 2 relaxed, 3 class soft),
# 5 seeds, acc 6-9.
load "examples/style.gp"
set title "Pseudorehearsal in the DAM: average accuracy after the last task (mean, 95% interval)"
set xlabel "interaction vertex n"
set ylabel "average accuracy ACC"
set logscale x
set xrange [2.5:36]
set xtics (3, 5, 10, 20, 30)
set yrange [0:1]
set terminal pngcairo size 900,720 enhanced font "DejaVu Sans,13" linewidth 1.5
set output outfile
set key below horizontal maxcols 2 box
# the rows of one configuration, in n order (so its points are joined by a line)
SEL(cond) = sprintf("< awk '!/^#/ && NF && (%s)' %s | sort -g -k2", cond, datafile)
plot SEL("$1==1") using ($2):6:8:9 with yerrorlines lt 3 title "rehearsal r = 0.1", \
     SEL("$1==2 && $4==0 && $3==1000") using ($2):6:8:9 with yerrorlines lt 1 title "class-conditional P = 1000", \
     SEL("$1==2 && $4==3") using ($2):6:8:9 with yerrorlines lt 7 title "class, soft targets (w 1000)", \
     SEL("$1==2 && $4==0 && $3==250") using ($2*0.96):6:8:9 with yerrorlines lt 1 dt 3 title "class P = 250", \
     SEL("$1==2 && $4==0 && $3==2000") using ($2*1.04):6:8:9 with yerrorlines lt 1 dt 2 title "class P = 2000", \
     SEL("$1==2 && $4==1") using ($2):6:8:9 with yerrorlines lt 2 title "random probes P = 1000", \
     SEL("$1==2 && $4==2") using ($2):6:8:9 with yerrorlines lt 6 title "relaxed probes P = 1000", \
     SEL("$1==0") using ($2):6:8:9 with yerrorlines lt 8 title "vanilla"
