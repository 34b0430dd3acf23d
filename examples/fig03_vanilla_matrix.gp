# fig03_vanilla_matrix.gp - Figure 3: accuracy matrices of vanilla training, one heat map
# per n (panels a, b, ...): the mean over seeds, each cell labelled "mean +- half-width of
# the 95% interval". Columns: 1 n, 2 i, 3 j, 4 seeds, R 5-8 (mean, sd, lo, hi).
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $1}' | uniq | tr '\\n' ' '")
W = 440*words(NS) + 120; H = 600; NCAP = 2
load "examples/style.gp"
CAP = sprintf("Vanilla sequential training: R[i][j], the test accuracy on task j after training task i (mean of %d seeds, +- the 95%s half-width),\none panel per n. %s. Chance 0.1; above the diagonal: tasks not yet trained.", S, PCT, SEQSET)
@CAPTION
set multiplot layout 1,words(NS) margins screen 0.06, 0.93, screen BOT, screen TOP spacing screen 0.05
set palette defined (0 "#000004", 0.25 "#3b0f70", 0.5 "#8c2981", 0.75 "#de4968", 1 "#fcfdbf")
set cbrange [0:1]
set cblabel "test accuracy"
set xlabel "task tested j"
set ylabel "task just trained i"
T = int(system("grep -v '^#' ".datafile." | awk 'NF{if($2+1>t)t=$2+1} END{print t}'"))
set xrange [-0.5:T-0.5]
set yrange [T-0.5:-0.5]
set xtics 1 out
set ytics 1 out
set border 15
set size ratio -1
unset grid
unset key
HW(lo, hi) = (hi - lo) / 2
k = 0
do for [n in NS] {
    k = k + 1
    if (k < words(NS)) { unset colorbox } else { set colorbox }
    if (k > 1) { unset ylabel }
    set title sprintf("n = %s", n); LETTER = word("a b c d e f g h", k); @PANEL
    sel = sprintf("< awk '!/^#/ && NF && $1==%s' %s", n, datafile)
    plot sel using 3:2:5 with image, \
         sel using 3:2:($5 < 0.55 ? sprintf("%.2f\n{/*0.75 ±%.2f}", $5, HW($7,$8)) : "") with labels tc rgb "#ffffff" font ",10", \
         sel using 3:2:($5 >= 0.55 ? sprintf("%.2f\n{/*0.75 ±%.2f}", $5, HW($7,$8)) : "") with labels tc rgb "#000000" font ",10"
}
unset multiplot
