# fig12_scenarios.gp - Figure 12 (beyond the paper): every technique at its default in
# every scenario, one panel per n (feature regime left, prototype regime right): mean
# ACC over seeds with the 95% interval, the techniques side by side within each
# scenario (the scenarios are categories, not an axis), a short grey dash at chance in
# each scenario (1/10, but 1/2 in split-task, where the argmax runs over the task's two
# classes). Columns: 1 technique, 2 n, 3 scenario, 4 seeds, acc 5-8.
W = 1350; H = 760; NCAP = 4
load "examples/style.gp"
NS = system("grep -v '^#' ".datafile." | awk 'NF{print $2}' | sort -gu | tr '\\n' ' '")
NN = words(NS)
CAP = sprintf("Every technique at its default setting (dam\\_seq\\_defaults) in four scenarios on %s: ACC, the average test accuracy over the tasks after the last one (mean of %d seeds,\nbars: %s, cut at 0 and 1; grey dashes: chance, 1/10, and 1/2 in split-task). permuted and rotated: the 10 digits in every task; split-class: two new digits per task\n(0/1, 2/3, ...), the argmax over all 10 label neurons; split-task: the same tasks, the argmax over the task's two classes. rotated: 0, 45, 90, 135, 180 degrees.\n%d tasks of %d training / %d test items, %d epochs per task, batch %d, K = %d. Not a claim of the paper: the verdict asks where the scenario matters.", DS, S, CI, tasks, items, test_items, epochs, batch, K)
@CAPTION
set multiplot layout 1,NN margins screen 0.065, 0.985, screen BOT + 0.17, screen TOP spacing screen 0.06
set ylabel "average accuracy ACC after the last task"
set yrange [0:1.02]
set xrange [-0.5:3.5]
set xtics ("permuted" 0, "rotated" 1, "split-class" 2, "split-task" 3) scale 0
set grid noxtics ytics
do for [i=1:3] { set arrow 10+i from i-0.5, graph 0 to i-0.5, graph 1 nohead lc rgb "#cccccc" lw 1 back }
do for [i=0:3] { set arrow 20+i from i-0.42, (i == 3 ? 0.5 : CHANCE) to i+0.42, (i == 3 ? 0.5 : CHANCE) nohead ls 90 back }
unset key
TN = "vanilla rehearsal pseudorehearsal EWC SI MAS GEM A-GEM"
SEL(t, n) = sprintf("< awk '!/^#/ && NF && $1 == %d && $2 == %s' %s | sort -g -k3", t, n, datafile)
CLIP(y) = y < 0 ? 0 : y > 1 ? 1 : y
do for [i=1:NN] {
    n = word(NS, i)
    set title sprintf("n = %s (%s regime)", n, n + 0 <= 5 ? "feature" : "prototype")
    LETTER = i == 1 ? "a" : "b"; @PANEL
    if (i == NN) { set key at screen 0.53, screen BOT - 0.01 center bottom horizontal maxcols 4 font ",11" spacing 1.0 }
    plot for [t=0:7] SEL(t, n) using ($3 + 0.095*(t-3.5)):5:(CLIP($7)):(CLIP($8)) with yerrorbars lt (t+1) lw 2 title word(TN, t+1)
}
unset multiplot
