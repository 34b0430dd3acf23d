# fig07_regularisation.gp - Figure 7: ACC against penalty strength for EWC, SI, MAS at each n.
# Vanilla (strength 0) is drawn as a dashed horizontal line per n.
load "examples/style.gp"
set title "Regularisation: average accuracy after the last task"
set xlabel "penalty strength (lambda for EWC and MAS, c for SI)"
set ylabel "average accuracy ACC"
set logscale x 10
set format x "10^{%L}"
set yrange [0:1]
set key outside right
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $2}' | sort -n | uniq | tr '\\n' ' '")
TN = "EWC SI MAS"
plot for [i=1:words(NS)] for [t=3:5] datafile using ($2==word(NS,i)+0 && $1==t ? $3 : 1/0):5 with linespoints lt (t-2) dt i \
         title sprintf("%s, n = %s", word(TN,t-2), word(NS,i)), \
     for [i=1:words(NS)] datafile using ($2==word(NS,i)+0 && $1==0 ? 1e-3 : 1/0):5:(1e-3):(1e5) with xerrorbars lt 8 dt i pt 0 \
         title sprintf("vanilla, n = %s", word(NS,i))
