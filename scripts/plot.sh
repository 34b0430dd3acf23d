#!/bin/sh
# plot.sh STEM DATFILE - render plots/STEM.png and plots/STEM.pdf (the same figure as
# vector graphics) from DATFILE with examples/STEM.gp, and every examples/STEM_*.gp
# beside it (e.g. fig01_memories_grids.gp -> plots/fig01_memories_grids.png/.pdf).
# The settings a caption states are read from DATFILE's header and passed to gnuplot:
# profile, seeds (and S, their count), and K, items, test_items, epochs, tasks, batch,
# dataset from the "# first run's key:" line (each only when the key has it).
# Never computes data. Installs gnuplot-nox when missing and root (scripts/need.sh);
# otherwise says exactly what to install and leaves the .dat file (the figure's data) in
# place, exit 0.
set -eu
stem=$1
dat=$2
if ! "$(dirname "$0")/need.sh" --optional gnuplot; then
    echo "plot: $dat is written but plots/$stem.png is not; install gnuplot, then run make figures again" >&2
    exit 0
fi
[ -r "$dat" ] || { echo "plot: cannot read $dat" >&2; exit 1; }
header() { sed -n "s/^# $1: //p" "$dat" | head -1; }
profile=$(header profile)
seeds=$(header seeds)
key=$(header "first run's key")
vars="profile='${profile:-?}'; seeds='${seeds:-?}'; S=$(echo "$seeds" | wc -w)"
for v in K items test_items epochs tasks batch; do
    x=$(printf '%s\n' $key | sed -n "s/^$v=//p" | head -1)
    case $x in '' | *[!0-9]*) ;; *) vars="$vars; $v=$x" ;; esac
done
ds=$(printf '%s\n' $key | sed -n 's/^dataset=//p' | head -1)
case $ds in '' | *[!a-z]*) ;; *) vars="$vars; dataset='$ds'" ;; esac
mkdir -p plots
for gp in "examples/$stem.gp" examples/"$stem"_*.gp; do
    [ -f "$gp" ] || continue
    out=$(basename "$gp" .gp)
    for term in png pdf; do
        gnuplot -e "datafile='$dat'; outfile='plots/$out.$term.tmp'; term='$term'; $vars" "$gp"
        if [ "$term" = pdf ]; then
            # the PDF's creation date is the only byte that changes from one plot to the
            # next: a fixed one of the same length (the offsets stay right), so unchanged
            # data make an unchanged file
            LC_ALL=C sed 's/(D:[0-9]\{14\}Z)/(D:20000101000000Z)/' "plots/$out.pdf.tmp" > "plots/$out.pdf.tmp2"
            mv "plots/$out.pdf.tmp2" "plots/$out.pdf.tmp"
        fi
        mv "plots/$out.$term.tmp" "plots/$out.$term"
    done
    echo "plot: plots/$out.png, plots/$out.pdf"
done
