#!/bin/sh
# figures.sh PROFILE - run every figure program of examples/ that exists and render its
# plot with gnuplot. PROFILE: smoke (seconds), quick (default), paper (hours).
set -eu
PROFILE=${1:-quick}
case "$PROFILE" in smoke|quick|paper) ;; *) echo "figures: PROFILE must be smoke, quick or paper" >&2; exit 2;; esac
if ! command -v gnuplot >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gnuplot-nox
    else
        echo "figures: gnuplot is missing; install it with: sudo apt-get install gnuplot-nox" >&2
        echo "figures: the .dat files are still written" >&2
    fi
fi
mkdir -p data plots
found=0
for src in examples/fig[0-9][0-9]_*.c; do
    [ -e "$src" ] || continue
    found=1
    stem=$(basename "$src" .c)
    echo "== $stem ($PROFILE)"
    make -s "build/examples/$stem"
    "build/examples/$stem" --profile "$PROFILE" --out "data/$stem.dat.tmp" && mv "data/$stem.dat.tmp" "data/$stem.dat"
    if command -v gnuplot >/dev/null 2>&1 && [ -f "examples/$stem.gp" ]; then
        gnuplot -e "datafile='data/$stem.dat'; outfile='plots/$stem.png'" "examples/$stem.gp"
    fi
done
[ "$found" = 1 ] || echo "figures: no figure programs yet (examples/figNN_*.c)"
