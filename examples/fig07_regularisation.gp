# fig07_regularisation.gp - Figure 7: ACC against the penalty strength, per technique
# and n: mean over seeds with the 95% interval; vanilla (strength 0) as a horizontal line
# per n. Columns: 1 technique, 2 n, 3 param (strength), 4 seeds, acc 5-8.
load "examples/style.gp"
set title "EWC, SI, MAS: average accuracy after the last task (mean, 95% interval)"
set xlabel "penalty strength (lambda or c)"
set ylabel "average accuracy ACC"
set logscale x
set xrange [0.05:200]
set yrange [0:1]
set key below horizontal maxcols 3 box
set terminal pngcairo size 900,720 enhanced font "DejaVu Sans,13" linewidth 1.5
set output outfile
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $2}' | sort -n | uniq | tr '\\n' ' '")
TN = "EWC SI MAS"
VAN(n) = real(system(sprintf("awk '!/^#/ && NF && $1==0 && $2==%s {print $5}' %s", n, datafile)))
plot for [i=1:words(NS)] for [t=3:5] datafile using ($1==t && $2==word(NS,i)+0 ? $3 : 1/0):5:7:8 with yerrorlines lt (t-2) dt i title sprintf("%s n = %s", word(TN,t-2), word(NS,i)), \
     for [i=1:words(NS)] VAN(word(NS,i)) with lines lt 8 dt i title sprintf("vanilla n = %s", word(NS,i))
