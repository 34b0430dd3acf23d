# style.gp - the look every figure shares.  Loaded by every figNN_*.gp after the script
# has set
#   W, H      the figure's size in pixels (PNG; the PDF has the same proportions)
#   NCAP      the number of lines of its caption (the space kept for it under the plot)
# and after it the caption CAP (what is plotted and the settings that matter; lines
# split by "\n"), drawn under the plot instead of a title by @CAPTION.
# scripts/plot.sh passes (from the .dat header): datafile, outfile, term ("png" or
# "pdf"), profile, seeds (e.g. "1 2 3"), S (their count), and from the first run's key
# K, items, test_items, epochs, tasks, batch, dataset (gnuplot -e).
#
# Colours: one colour and one marker per technique, the same in every figure (linetype
# t+1 is technique t of dam_technique: 0 vanilla ... 7 A-GEM), solid lines (dashes make
# error bars unreadable). Okabe & Ito (2008) colours, safe for the common colour-vision
# deficiencies, without their yellow (faint on white), and Paul Tol's wine; the one pair
# that stays close for some readers (orange EWC, vermillion GEM) differs in marker.
if (!exists("W")) W = 900
if (!exists("H")) H = 600
if (!exists("term")) term = "png"
if (!exists("NCAP")) NCAP = 0
# (run by hand, without plot.sh, the script reads them from the header itself)
HDR(k) = system(sprintf("sed -n 's/^# %s: //p' '%s' | head -1", k, datafile))
KEYV(k) = system(sprintf("sed -n 's/^# first run.s key: //p' '%s' | head -1 | tr ' ' '\\n' | sed -n 's/^%s=//p'", datafile, k))
KEYN(k) = (KEYV(k) eq "" ? 0 : int(real(KEYV(k))))
if (!exists("profile")) profile = HDR("profile")
if (!exists("seeds")) seeds = HDR("seeds")
if (!exists("S")) S = words(seeds)
if (!exists("K")) K = KEYN("K")
if (!exists("items")) items = KEYN("items")
if (!exists("test_items")) test_items = KEYN("test_items")
if (!exists("epochs")) epochs = KEYN("epochs")
if (!exists("tasks")) tasks = KEYN("tasks")
if (!exists("batch")) batch = KEYN("batch")
if (!exists("dataset")) dataset = KEYV("dataset")
FONT = 13
if (term eq "pdf") {
    # a page of W/146 inches holds a 13-point font, lines and points in the proportions
    # of the PNG (measured: the PNG's caption lines and the PDF's end at the same place)
    set terminal pdfcairo size (W/146.0),(H/146.0) enhanced font sprintf("DejaVu Sans,%d", FONT) linewidth 0.75 rounded
} else {
    set terminal pngcairo size W,H enhanced font sprintf("DejaVu Sans,%d", FONT) linewidth 1.5 rounded
}
set output outfile
set encoding utf8
set grid lc rgb "#e4e4e4" lw 1
set key box opaque samplen 2.5 spacing 1.1 Left reverse
set border lw 1.2
set tics nomirror
set border 3
#                vanilla    rehearsal  pseudo     EWC        SI         MAS        GEM        A-GEM
array C[8]  = ["#000000", "#0072B2", "#56B4E9", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#882255"]
array PT[8] = [7, 5, 4, 9, 11, 13, 15, 6]
PSZ = term eq "pdf" ? 0.8 : 1.3
do for [i=1:8] { set linetype i lc rgb C[i] lw 2 pt PT[i] ps PSZ dt 1 }
# six more, for curves that are not techniques (values of n, of P, kinds of probe)
set linetype 9 lc rgb "#0072B2" lw 2 pt 7 ps PSZ dt 1
set linetype 10 lc rgb "#E69F00" lw 2 pt 5 ps PSZ dt 1
set linetype 11 lc rgb "#009E73" lw 2 pt 9 ps PSZ dt 1
set linetype 12 lc rgb "#CC79A7" lw 2 pt 13 ps PSZ dt 1
set linetype 13 lc rgb "#D55E00" lw 2 pt 11 ps PSZ dt 1
set linetype 14 lc rgb "#56B4E9" lw 2 pt 15 ps PSZ dt 1
set style line 90 lc rgb "#888888" lw 1.5 dt 2   # chance
# the caption block at the bottom (its height CAPH as a fraction of the figure; a line
# holds about W / 7.2 characters), the stamp (profile and seeds, small, top right)
CAPH = NCAP > 0 ? (NCAP * 1.6 + 0.9) * (FONT - 2) / H : 0.0
CAPY = CAPH - 1.0 * (FONT - 2) / H   # the first line of the label is at its position
CAPFONT = sprintf(",%d", FONT - 2)
# after setting CAP, a script says @CAPTION
CAPTION = "set label 990 CAP at screen 0.012, screen CAPY left front font CAPFONT tc rgb '#222222'"
set label 991 sprintf("%s profile, seeds %s", profile, seeds) at screen 0.995, screen 0.985 right front font sprintf(",%d", FONT - 4) tc rgb "#777777"
# the lowest and highest plot edges the figure may use (screen fractions)
BOT = CAPH + 0.115 * 600.0 / H
TOP = 1 - 0.1 * 600.0 / H
# a panel's letter, top left of the panel: LETTER = "a"; @PANEL (before its plot)
PANEL = "set label 980 sprintf('{/:Bold %s}', LETTER) at graph -0.02, graph 1.0 right offset 0, char 1.1 font ',16' front"
# the settings of a task sequence, for the captions
DS = dataset eq "mnist" ? "MNIST" : dataset eq "fashion" ? "Fashion-MNIST" : dataset
SEQSET = sprintf("%d permuted-%s tasks of %d training / %d test items, %d epochs per task, batch %d, K = %d", tasks, DS, items, test_items, epochs, batch, K)
# gnuplot's sprintf mangles long formats that hold "%%": captions say %s with these
CI = "95% t-interval"
PCT = "%"
# chance for 10 classes
CHANCE = 0.1
# the smallest / largest finite value of column c of the data (for ranges that span them)
COLMIN(c) = real(system(sprintf("awk '!/^#/ && NF && $%d == $%d + 0 && $%d != \"nan\" { if (m == \"\" || $%d < m) m = $%d } END { print (m == \"\" ? 0 : m) }' %s", c, c, c, c, c, datafile)))
COLMAX(c) = real(system(sprintf("awk '!/^#/ && NF && $%d == $%d + 0 && $%d != \"nan\" { if (m == \"\" || $%d > m) m = $%d } END { print (m == \"\" ? 0 : m) }' %s", c, c, c, c, c, datafile)))
