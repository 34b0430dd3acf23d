# fig10_regime.gp - Figure 10: vanilla, EWC, SI, MAS against the items per task (a) and
# against K (b): mean over seeds with the 95% interval, curves offset slightly.
# Columns: 1 technique, 2 n, 3 axis (0 items, 1 K), 4 param, 5 seeds, acc 6-9.
W = 1350; H = 620; NCAP = 4
load "examples/style.gp"
NV = int(COLMAX(2))
I1 = int(system("awk '!/^#/ && NF && $3 == 0 {print $4}' ".datafile." | sort -g | head -1"))
I2 = int(system("awk '!/^#/ && NF && $3 == 0 {print $4}' ".datafile." | sort -g | tail -1"))
K1 = int(system("awk '!/^#/ && NF && $3 == 1 {print $4}' ".datafile." | sort -g | head -1"))
K2 = int(system("awk '!/^#/ && NF && $3 == 1 {print $4}' ".datafile." | sort -g | tail -1"))
# panel b's items per task: the profile's (the quick and paper sizes of figseq.h)
IB = profile eq "paper" ? 60000 : profile eq "smoke" ? 300 : 2000
CAP = sprintf("Regularisation against the data and the memories, n = %d: ACC, the average test accuracy over the tasks after the last one (mean of %d seeds, bars: %s;\ngrey dashes: chance; curves offset slightly). (a) Against the training items per task, K = 256; (b) against the number of memories K, %d training items per task.\nDefault strengths (EWC and MAS lambda = 1, SI c = 1). The verdict: for some method and axis, the paired change of the gain over vanilla\nbetween the ends of the axis has its 95%s interval outside +-0.05. %d permuted-%s tasks, %d test items per task, %d epochs per task, batch %d.", NV, S, CI, IB, PCT, tasks, DS, test_items, epochs, batch)
@CAPTION
set multiplot layout 1,2 margins screen 0.065, 0.985, screen BOT, screen TOP spacing screen 0.08
set ylabel "average accuracy ACC after the last task"
set yrange [0:1]
set logscale x
set key bottom right font ",11"
TN(t) = t==0 ? "vanilla" : t==3 ? "EWC" : t==4 ? "SI" : "MAS"
OFF(t) = 1 + 0.025 * (t == 0 ? -1.5 : t - 3.5)
SEL(t, a) = sprintf("< awk '!/^#/ && NF && $1 == %d && $3 == %d' %s | sort -g -k4", t, a, datafile)
set title sprintf("items per task (K = 256, n = %d)", NV); LETTER = "a"; @PANEL
set xlabel "training items per task"
set xrange [I1/1.35:I2*1.35]
set xtics (250, 500, 1000, 2000, 4000, 8000, 16000, 60000)
plot CHANCE with lines ls 90 notitle, \
     for [t in "0 3 4 5"] SEL(t+0, 0) using ($4*OFF(t+0)):6:8:9 with yerrorlines lt (t+1) title TN(t+0)
set title sprintf("memories K (%d items per task, n = %d)", IB, NV); LETTER = "b"; @PANEL
set xlabel "memories K"
set xrange [K1/1.35:K2*1.35]
set xtics (16, 32, 64, 128, 256, 512, 1024, 2048)
plot CHANCE with lines ls 90 notitle, \
     for [t in "0 3 4 5"] SEL(t+0, 1) using ($4*OFF(t+0)):6:8:9 with yerrorlines lt (t+1) title TN(t+0)
unset multiplot
