# fig11_hopfield.gp - Figure 11: recall of earlier tasks in the classical Hopfield network.
load "examples/style.gp"
set title "Classical Hopfield network: recall of earlier tasks"
set xlabel "tasks learned"
set ylabel "fraction of earlier tasks' patterns recalled"
set yrange [0:1.05]
set xrange [1.5:10.5]
set key outside right
RN = "Hebbian Delta"
PN = "none rehearsal pseudorehearsal"
plot for [r=0:1] for [p=0:2] datafile using ($1==r && $2==p ? $3+1 : 1/0):4 with linespoints lt (p==0 ? 8 : p==1 ? 3 : 5) dt r+1 \
     title sprintf("%s, %s", word(RN, r+1), word(PN, p+1))
