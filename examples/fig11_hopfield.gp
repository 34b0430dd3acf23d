# fig11_hopfield.gp - Figure 11: recall of earlier tasks in the classical Hopfield
# network: mean over seeds with the 95% interval (each seed's value is a mean of 20
# repeats). Left: no margin (Hebbian, Delta kappa = 0); right: Delta with a margin.
# Columns: 1 rule, 2 kappa, 3 replay, 4 i, 5 seeds, earlier 6-9.
load "examples/style.gp"
set terminal pngcairo size 1200,560 enhanced font "DejaVu Sans,12" linewidth 1.5
set output outfile
set multiplot layout 1,2 title "Classical Hopfield network: recall of earlier tasks (N = 100, tasks of 5 patterns; mean, 95% interval)"
set xlabel "tasks learned"
set ylabel "fraction of earlier tasks' patterns recalled"
set yrange [0:1.05]
set xrange [1.5:10.5]
PN = "none rehearsal pseudorehearsal"
LT(p) = p==0 ? 8 : p==1 ? 3 : 5
set title "no margin"
set key top right
plot for [p=0:2] datafile using ($1==0 && $3==p ? $4+1 : 1/0):6:8:9 with yerrorlines lt LT(p) dt 1 title sprintf("Hebbian, %s", word(PN, p+1)), \
     for [p=0:2] datafile using ($1==1 && $2==0 && $3==p ? $4+1 : 1/0):6:8:9 with yerrorlines lt LT(p) dt 2 title sprintf("Delta, {/Symbol k} = 0, %s", word(PN, p+1))
set title "Delta rule with a margin"
set key bottom left
plot for [p=0:2] datafile using ($1==1 && $2==10 && $3==p ? $4+1 : 1/0):6:8:9 with yerrorlines lt LT(p) dt 1 title sprintf("{/Symbol k} = 10, %s", word(PN, p+1)), \
     for [p=0:2] datafile using ($1==1 && $2==30 && $3==p ? $4+1 : 1/0):6:8:9 with yerrorlines lt LT(p) dt 2 title sprintf("{/Symbol k} = 30, %s", word(PN, p+1))
unset multiplot
