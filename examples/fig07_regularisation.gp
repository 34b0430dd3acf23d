# fig07_regularisation.gp - Figure 7: ACC against penalty strength for EWC, SI, MAS at each n.
# Vanilla (strength 0) is drawn as a horizontal black line per n (same dash as its n).
load "examples/style.gp"
set title "Regularisation: average accuracy after the last task"
set xlabel "penalty strength (lambda for EWC and MAS, c for SI)"
set ylabel "average accuracy ACC"
set logscale x 10
set format x "10^{%L}"
set xrange [0.05:200]
set yrange [0:1]
set key outside right
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $2}' | sort -n | uniq | tr '\\n' ' '")
VANS = system("for n in ".NS."; do awk -v n=$n '!/^#/ && NF && $1==0 && $2==n {print $5}' ".datafile."; done | tr '\\n' ' '")
TN = "EWC SI MAS"
plot for [i=1:words(NS)] for [t=3:5] datafile using ($2==word(NS,i)+0 && $1==t ? $3 : 1/0):5 with linespoints lt (t-2) dt i \
         title sprintf("%s, n = %s", word(TN,t-2), word(NS,i)), \
     for [i=1:words(NS)] word(VANS,i)+0 with lines lt 8 dt i title sprintf("vanilla, n = %s", word(NS,i))
