# fig06_pseudorehearsal.gp - Figure 6: ACC after the last task against n, per kind of
# pseudo-item: (a) class-conditional probes (P = 250, 1000, 2000; soft targets) beside
# rehearsal and vanilla, (b) random and relaxed probes at every P of the data, beside
# vanilla: mean over seeds with the 95% interval, curves offset slightly in n.
# Columns: 1 technique, 2 n, 3 param (P or r), 4 probe (-1 none, 0 class, 1 random,
# 2 relaxed, 3 class soft), 5 seeds, acc 6-9.
W = 1350; H = 640; NCAP = 5
load "examples/style.gp"
CAP = sprintf("Pseudorehearsal: ACC, the average test accuracy over the tasks after the last one, against n (mean of %d seeds, bars: %s, cut at 0;\ncurves offset slightly in n; grey dashes: chance). (a) Pseudo-items drawn from the class-conditional pixel densities of the finished tasks, P per task, labelled\nby the network (soft: its outputs as targets, weight 1000); (b) random probes, labelled as they are or after relaxing to an attractor. \nThe verdict tests class-conditional P = 1000 - vanilla, paired over seeds: > 0.05 at the lower 95%s bound at every n.\n%s.", S, CI, PCT, SEQSET)
@CAPTION
NMIN = COLMIN(2); NMAX = COLMAX(2)
set multiplot layout 1,2 margins screen 0.07, 0.985, screen BOT, screen TOP spacing screen 0.08
set xlabel "interaction vertex n"
set ylabel "average accuracy ACC after the last task"
set logscale x
set xtics (2, 3, 5, 10, 20, 30, 40, 60)
set xrange [NMIN*0.8:NMAX*1.2]
set yrange [0:1]
set key bottom left maxrows 3 width -3 font ",10.5" spacing 1.0 samplen 2
# the rows of one configuration, in n order (so its points are joined by a line)
SEL(cond) = sprintf("< awk '!/^#/ && NF && (%s)' %s | sort -g -k2", cond, datafile)
# one curve, offset by o (a factor in n)
set title "class-conditional pseudo-items"; LETTER = "a"; @PANEL
plot CHANCE with lines ls 90 notitle, \
     SEL("$1==0") using ($2*0.88):6:8:9 with yerrorlines lt 1 title "vanilla", \
     SEL("$1==1") using ($2*0.92):6:8:9 with yerrorlines lt 2 title "rehearsal r = 0.1", \
     SEL("$1==2 && $4==0 && $3==250") using ($2*0.96):6:8:9 with yerrorlines lt 12 title "class P = 250", \
     SEL("$1==2 && $4==0 && $3==1000") using ($2):6:8:9 with yerrorlines lt 10 lw 3 title "class P = 1000 (tested)", \
     SEL("$1==2 && $4==0 && $3==2000") using ($2*1.04):6:8:9 with yerrorlines lt 14 title "class P = 2000", \
     SEL("$1==2 && $4==3") using ($2*1.08):6:8:9 with yerrorlines lt 11 title "class P = 1000, soft targets"
PR = system("awk '!/^#/ && NF && $1==2 && $4==1 {print $3}' ".datafile." | sort -n | uniq | tr '\\n' ' '")
PS = system("awk '!/^#/ && NF && $1==2 && $4==2 {print $3}' ".datafile." | sort -n | uniq | tr '\\n' ' '")
# (a kind absent from the data, e.g. relaxed probes in smoke, gets P = -1: no rows, no curve)
if (words(PR) == 0) { PR = "-1" }
if (words(PS) == 0) { PS = "-1" }
LTP(p) = p == 250 ? 12 : p == 1000 ? 10 : p == 2000 ? 14 : 13
set title "random probes: as they are, or relaxed to an attractor"; LETTER = "b"; @PANEL
set key top right width 1.5
plot CHANCE with lines ls 90 notitle, \
     SEL("$1==0") using ($2*0.88):6:8:9 with yerrorlines lt 1 title "vanilla", \
     for [i=1:words(PR)] SEL(sprintf("$1==2 && $4==1 && $3==%s", word(PR,i))) using ($2*(0.90+0.05*i)):6:8:9 with yerrorlines lt LTP(word(PR,i)+0) pt 6 title sprintf("random P = %s", word(PR,i)), \
     for [i=1:words(PS)] SEL(sprintf("$1==2 && $4==2 && $3==%s", word(PS,i))) using ($2*(0.925+0.05*i)):6:8:9 with yerrorlines lt LTP(word(PS,i)+0) title sprintf("relaxed P = %s", word(PS,i))
unset multiplot
