# fig01_memories_grids.gp - Figure 1, the memories themselves: one panel per n, the 40
# memories of largest mean |xi| of the first seed's run (pixels only; -1 black, +1
# white; fig01_memories_n<n>.png beside outfile, drawn by the run tool), the untrained ones (cosine
# similarity to their random start > 0.5) framed in vermillion, the ones that are the
# best match of no training image framed in blue. The tiles' use is in
# <datafile stem>_tiles.dat: n, tile (row by row, 10 a row), wins, start_cos.
tiles = datafile[1:strlen(datafile)-4]."_tiles.dat"
imgdir = system(sprintf("dirname '%s'", outfile))
NS = system("awk '!/^#/ && NF {print $1}' ".datafile." | tr '\\n' ' '")
NP = words(NS)
ROWS = (NP + 1) / 2
W = 1300; H = 300*ROWS + 130; NCAP = 3
load "examples/style.gp"
SEED = word(seeds, 1)
CAP = sprintf("The memories of one DAM trained on single-task %s, one panel per n: the 40 memories of largest mean |xi| (pixels only; -1 black, +1 white), seed %s.\nFramed in vermillion: untrained memories, whose pixels keep cosine similarity > 0.5 with their random start; in blue: memories that are the best\nmatch (largest pixel overlap) of none of the first 2000 training images, trained but unused. K = %d, %d training items, %d epochs, batch %d.", DS, SEED, K, items, epochs, batch)
@CAPTION
set multiplot layout ROWS,2 margins screen 0.03, 0.985, screen BOT - 0.02, screen TOP + 0.02 spacing screen 0.03, screen 0.07
unset border; unset tics; unset grid; unset key
set size ratio -1
IW = 851; IH = 341; TS = 85
set xrange [0:IW]; set yrange [0:IH]
do for [k=1:NP] {
    n = word(NS, k)
    png = sprintf("%s/fig01_memories_n%s.png", imgdir, n)
    NU = int(system(sprintf("awk '!/^#/ && NF && $1 == %s && $4 > 0.5' %s 2>/dev/null | wc -l", n, tiles)))
    NW = int(system(sprintf("awk '!/^#/ && NF && $1 == %s && $3 > 0' %s 2>/dev/null | wc -l", n, tiles)))
    set title sprintf("n = %s", n) offset 0, -0.4
    LETTER = word("a b c d e f g h", k)
    set label 980 sprintf("{/:Bold %s}", LETTER) at graph 0, graph 1 left offset 0, char 1.2 font ",16" front
    set label 981 sprintf("%d of the 40 untrained, %d the best match of a training image", NU, NW) at graph 0.5, graph 0 center offset 0, char -0.8 font ",11" front
    unset object
    UT = system(sprintf("awk '!/^#/ && NF && $1 == %s && $4 > 0.5 {print $2}' %s 2>/dev/null | tr '\\n' ' '", n, tiles))
    UW = system(sprintf("awk '!/^#/ && NF && $1 == %s && $3 == 0 && $4 <= 0.5 {print $2}' %s 2>/dev/null | tr '\\n' ' '", n, tiles))
    do for [u in UT] {
        c = int(u) % 10; r = int(u) / 10
        set object (100 + int(u)) rect from c*TS + 1, IH - r*TS - TS to c*TS + TS, IH - r*TS - 1 fs empty border lc rgb "#D55E00" lw 2.5 front
    }
    do for [u in UW] {
        c = int(u) % 10; r = int(u) / 10
        set object (100 + int(u)) rect from c*TS + 2, IH - r*TS - TS + 1 to c*TS + TS - 1, IH - r*TS - 2 fs empty border lc rgb "#0072B2" lw 2.5 front
    }
    if (system(sprintf("test -r '%s' && echo 1 || echo 0", png)) eq "1") {
        unset label 982
        plot png binary filetype=png with rgbimage
    } else {
        set label 982 sprintf("%s is missing (its run was stored without the image)", png) at graph 0.5, graph 0.5 center front
        plot NaN notitle
    }
}
unset multiplot
