# fig03_vanilla_matrix.gp - Figure 3: accuracy matrices of vanilla training, one heat map per n.
load "examples/style.gp"
set terminal pngcairo size 1350,500 enhanced font "DejaVu Sans,13"
set output outfile
stats datafile using 1 nooutput
ns = ""
# the n values present, in file order
do for [k=0:int(STATS_records)-1] { }
set multiplot layout 1,3 title "Vanilla sequential training: R[i][j] = test accuracy on task j after task i"
set palette defined (0 "#000004", 0.25 "#3b0f70", 0.5 "#8c2981", 0.75 "#de4968", 1 "#fcfdbf")
set cbrange [0:1]
set xlabel "task tested j"
set ylabel "task just trained i"
set yrange [] reverse
unset key
set view map
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $1}' | uniq | tr '\\n' ' '")
do for [n in NS] {
    set title sprintf("n = %s", n)
    set xtics 1
    set ytics 1
    plot datafile using ($1==n ? $3 : 1/0):2:4 with image, \
         datafile using ($1==n ? $3 : 1/0):2:(sprintf("%.2f", $4)) with labels tc rgb "#888888" font ",10"
}
unset multiplot
