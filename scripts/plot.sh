#!/bin/sh
# plot.sh STEM DATFILE - render plots/STEM.png from DATFILE with examples/STEM.gp.
# Installs gnuplot-nox when missing and root; otherwise says exactly what to run and
# leaves the .dat file (the figure's data) in place.
set -eu
stem=$1
dat=$2
if ! command -v gnuplot >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox >/dev/null
    else
        echo "plot: gnuplot is missing, $dat is written but plots/$stem.png is not;" >&2
        echo "plot: install it with: sudo apt-get install gnuplot-nox, then run make figures again" >&2
        exit 0
    fi
fi
mkdir -p plots
gnuplot -e "datafile='$dat'; outfile='plots/$stem.png.tmp'" "examples/$stem.gp"
mv "plots/$stem.png.tmp" "plots/$stem.png"
echo "plot: plots/$stem.png"
