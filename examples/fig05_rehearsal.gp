# fig05_rehearsal.gp - Figure 5: ACC against the rehearsed fraction, one curve per n: mean
# over seeds with the 95% interval. Columns: 1 technique, 2 n, 3 param (r), 4 seeds,
# acc 5-8.
load "examples/style.gp"
set title "Naive rehearsal: average accuracy after the last task (mean, 95% interval)"
set xlabel "fraction r of each finished task rehearsed"
set ylabel "average accuracy ACC"
set yrange [0:1]
set key bottom right
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $2}' | sort -n | uniq | tr '\\n' ' '")
plot for [i=1:words(NS)] datafile using ($2==word(NS,i)+0 ? $3 : 1/0):5:7:8 with yerrorlines lt i title sprintf("n = %s", word(NS,i))
