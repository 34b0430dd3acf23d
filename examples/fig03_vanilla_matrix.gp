# fig03_vanilla_matrix.gp - Figure 3: accuracy matrices of vanilla training, one heat map
# per n: the mean over seeds, each cell labelled "mean +- half-width of the 95% interval".
# Columns: 1 n, 2 i, 3 j, 4 seeds, R 5-8 (mean, sd, lo, hi).
load "examples/style.gp"
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $1}' | uniq | tr '\\n' ' '")
set terminal pngcairo size (470*words(NS)+100),520 enhanced font "DejaVu Sans,13"
set output outfile
set multiplot layout 1,words(NS) title "Vanilla sequential training: R[i][j] = test accuracy on task j after task i (mean +- 95% half-width)"
set palette defined (0 "#000004", 0.25 "#3b0f70", 0.5 "#8c2981", 0.75 "#de4968", 1 "#fcfdbf")
set cbrange [0:1]
set xlabel "task tested j"
set ylabel "task just trained i"
T = int(system("grep -v '^#' ".datafile." | awk 'NF{if($2+1>t)t=$2+1} END{print t}'"))
set xrange [-0.5:T-0.5]
set yrange [T-0.5:-0.5]
set xtics 1
set ytics 1
set size ratio -1
unset grid
unset key
HW(lo, hi) = (hi - lo) / 2
do for [n in NS] {
    set title sprintf("n = %s", n)
    sel = sprintf("< awk '!/^#/ && NF && $1==%s' %s", n, datafile)
    plot sel using 3:2:5 with image, \
         sel using 3:2:($5 < 0.55 ? sprintf("%.2f\n{/*0.7 +-%.2f}", $5, HW($7,$8)) : "") with labels tc rgb "#ffffff" font ",10", \
         sel using 3:2:($5 >= 0.55 ? sprintf("%.2f\n{/*0.7 +-%.2f}", $5, HW($7,$8)) : "") with labels tc rgb "#000000" font ",10"
}
unset multiplot
