# fig08_gem.gp - Figure 8: GEM and A-GEM against n: mean over seeds with min..max bars.
load "examples/style.gp"
set title "Gradient projection against n (mean over seeds, bars: min..max)"
set xlabel "interaction vertex n"
set ylabel "average accuracy ACC"
set logscale x 2
set xtics (2,3,5,10,20,30,40,60)
set yrange [0:1]
set key bottom right
# per (technique, n): mean, min, max of column 5
summary(t) = sprintf("< awk '!/^#/ && NF && $1==%d {s[$2]+=$5; c[$2]++; if(!($2 in lo)||$5<lo[$2])lo[$2]=$5; if(!($2 in hi)||$5>hi[$2])hi[$2]=$5} END{for(n in s) print n, s[n]/c[n], lo[n], hi[n]}' %s | sort -n", t, datafile)
plot summary(6) using 1:2:3:4 with yerrorlines lt 5 title "GEM", \
     summary(7) using 1:2:3:4 with yerrorlines lt 6 title "A-GEM", \
     datafile using ($1==6 ? $2 : 1/0):5 with points lt 5 pt 1 ps 0.8 notitle, \
     datafile using ($1==7 ? $2 : 1/0):5 with points lt 6 pt 2 ps 0.8 notitle
