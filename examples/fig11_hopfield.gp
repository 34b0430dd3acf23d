# fig11_hopfield.gp - Figure 11: recall of earlier tasks in the classical Hopfield
# network: mean over seeds with the 95% interval (each seed's value is a mean of 20
# repeats). (a) no margin: Hebbian and Delta with kappa = 0; (b) the Delta rule with a
# margin. Colour: the replay; marker: the rule (or kappa).
# Columns: 1 rule, 2 kappa, 3 replay, 4 i, 5 seeds, earlier 6-9.
W = 1350; H = 620; NCAP = 4
load "examples/style.gp"
CAP = sprintf("Classical Hopfield network, N = 100 neurons, 10 tasks of 5 random patterns each: the fraction of the earlier tasks' patterns recalled after each task\n(mean of %d seeds, each the mean of 20 repeats; bars: %s). A pattern is recalled when the network, started from it with 10%s of its bits flipped,\nsettles (asynchronous updates, at most 20 sweeps) within 2%s of its bits. Rehearsal: half of every finished task's patterns kept and replayed; pseudorehearsal:\nthe 3 most visited attractors of 300 random probes kept after each task (Robins and McCallum 1998). Delta rule: eta 0.1, up to 100 epochs.", S, CI, PCT, PCT)
@CAPTION
set multiplot layout 1,2 margins screen 0.065, 0.985, screen BOT, screen TOP spacing screen 0.08
set xlabel "tasks learned"
set ylabel "fraction of earlier tasks' patterns recalled"
set yrange [0:1.05]
set xrange [1.6:10.4]
set xtics 2, 1, 10
set key top right font ",11" spacing 1.0 samplen 1.5
LT(p) = p==0 ? 1 : p==1 ? 2 : 10
OFF(p, v) = 0.06 * (p - 1) + 0.03 * v
# key: colours for the replay, markers for the rule (entries without data)
array RN[3] = ["no replay", "rehearsal", "pseudorehearsal"]
set title "no margin"; LETTER = "a"; @PANEL
plot for [p=0:2] NaN with lines lt LT(p) lw 3 title RN[p+1], \
     NaN with points lc rgb "#444444" pt 7 title "Hebbian", \
     NaN with points lc rgb "#444444" pt 4 title "Delta, {/Symbol k} = 0", \
     for [p=0:2] datafile using ($1==0 && $3==p ? $4+1+OFF(p,-1) : 1/0):6:8:9 with yerrorlines lt LT(p) pt 7 notitle, \
     for [p=0:2] datafile using ($1==1 && $2==0 && $3==p ? $4+1+OFF(p,1) : 1/0):6:8:9 with yerrorlines lt LT(p) pt 4 notitle
set title "Delta rule with a margin"; LETTER = "b"; @PANEL
set key bottom left
plot for [p=0:2] NaN with lines lt LT(p) lw 3 title RN[p+1], \
     NaN with points lc rgb "#444444" pt 7 title "{/Symbol k} = 10", \
     NaN with points lc rgb "#444444" pt 4 title "{/Symbol k} = 30", \
     for [p=0:2] datafile using ($1==1 && $2==10 && $3==p ? $4+1+OFF(p,-1) : 1/0):6:8:9 with yerrorlines lt LT(p) pt 7 notitle, \
     for [p=0:2] datafile using ($1==1 && $2==30 && $3==p ? $4+1+OFF(p,1) : 1/0):6:8:9 with yerrorlines lt LT(p) pt 4 notitle
unset multiplot
