#!/bin/sh
# plot.sh STEM DATFILE - render plots/STEM.png from DATFILE with examples/STEM.gp.
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
mkdir -p plots
gnuplot -e "datafile='$dat'; outfile='plots/$stem.png.tmp'" "examples/$stem.gp"
mv "plots/$stem.png.tmp" "plots/$stem.png"
echo "plot: plots/$stem.png"
