# fig06_pseudorehearsal.gp - Figure 6: ACC against the number of pseudo-items, one curve per n;
# open symbols: probes relaxed to attractors (plotted at their P).
load "examples/style.gp"
set title "Pseudorehearsal: average accuracy after the last task"
set xlabel "pseudo-items P made before each task"
set ylabel "average accuracy ACC"
set yrange [0:1]
set key top right
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $2}' | sort -n | uniq | tr '\\n' ' '")
plot for [i=1:words(NS)] datafile using ($2==word(NS,i)+0 && $3>=0 ? $3 : 1/0):5 with linespoints lt i title sprintf("n = %s, random probes", word(NS,i)), \
     for [i=1:words(NS)] datafile using ($2==word(NS,i)+0 && $3<0 ? -$3 : 1/0):5 with points lt i pt 6 ps 2 title sprintf("n = %s, relaxed probes", word(NS,i))
