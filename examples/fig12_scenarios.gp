# fig12_scenarios.gp - Figure 12: every technique at its default in every scenario, one
# panel per n (feature regime left, prototype regime right): mean ACC over seeds with
# the 95% interval (points: the scenarios are categories, not an axis). Columns: 1 technique, 2 n, 3 scenario, 4 seeds, acc 5-8.
load "examples/style.gp"
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $2}' | sort -gu | tr '\\n' ' '")
set terminal pngcairo size (560*words(NS)+120),720 enhanced font "DejaVu Sans,13" linewidth 1.5
set output outfile
set multiplot layout 1,words(NS) title "Every technique at its default in every scenario\nACC after the last task (mean over seeds, 95% interval)"
set ylabel "average accuracy ACC"
set yrange [0:1]
set xrange [-0.5:3.5]
set xtics ("permuted" 0, "rotated" 1, "split-class" 2, "split-task" 3)
set key below horizontal maxcols 4 box
TN = "vanilla rehearsal pseudorehearsal EWC SI MAS GEM A-GEM"
SEL(t, n) = sprintf("< awk '!/^#/ && NF && $1 == %d && $2 == %s' %s | sort -g -k3", t, n, datafile)
do for [n in NS] {
    set title sprintf("n = %s (%s regime)", n, n + 0 <= 5 ? "feature" : "prototype")
    plot for [t=0:7] SEL(t, n) using ($3+0.05*(t-3.5)):5:7:8 with yerrorbars lt (t+1) title word(TN, t+1)
}
unset multiplot
