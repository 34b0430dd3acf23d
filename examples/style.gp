# style.gp - the look every figure shares: a colour-blind-safe palette (Okabe & Ito
# 2008), readable fonts at README size, a light grid.  Loaded by every figNN_*.gp.
set terminal pngcairo size 900,600 enhanced font "DejaVu Sans,13" linewidth 1.5
set output outfile
set encoding utf8
set grid lc rgb "#dddddd"
set key box opaque
set border lw 1.2
# Okabe-Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, black
array C[8] = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]
do for [i=1:8] { set linetype i lc rgb C[i] lw 2 pt (i==1?7:i==2?5:i==3?9:i==4?11:i==5?13:i==6?15:i==7?4:6) ps 1.3 }
