#!/bin/sh
# merge-shards.sh OUT.dat - join OUT.dat.shard* (written by a figure program run as
# `figNN_x --shard i/N --out OUT.dat.shardI` for i = 0..N-1) into OUT.dat.
#
# It refuses (exit 1, no OUT.dat written) unless
#   - exactly N files are there, one each for shard 0/N .. N-1/N (a stale shard of an
#     older run, a missing one or a duplicate is an error, as is a .tmp of a running one);
#   - their headers are identical apart from the lines that describe the machine and the
#     moment (# shard, # date, # host, # threads, # seconds): same program, claim,
#     profile, seed, parameters, dam.h version, commit, compiler and flags;
#   - each file is complete (ends with "# jobs: J", the same J in all), and every job
#     0..J-1 is in exactly one file, in the shard that owns it (j mod N = i).
# The output is shard 0's header with "# shard: merged", then the jobs in order 0..J-1
# ("# job: j" and its rows), so its data lines are those of an unsharded run in the same
# order, byte for byte except columns that time a job (fig02, fig06, the sequence
# figures' seconds column), which measure the machine, not the run; then "# jobs: J", the list of pieces and each shard's run information.
# Exit 2 for a usage error. Runs under LC_ALL=C (no locale-dependent comparison).
set -eu
LC_ALL=C
export LC_ALL
if [ $# -ne 1 ] || [ "$1" = "--help" ]; then
    echo "usage: scripts/merge-shards.sh OUT.dat   (joins OUT.dat.shard0 .. OUT.dat.shardN-1)" >&2
    exit 2
fi
out=$1
set -- "$out".shard*
[ -e "$1" ] || { echo "merge-shards: no files $out.shard*" >&2; exit 1; }
# an empty shard (killed before its header, or a stale truncated file) is refused: awk
# would never see it, and the merge would look complete without it
for f in "$@"; do
    [ -s "$f" ] || { echo "merge-shards: $f is empty (a shard that never started, or a stale file): nothing written" >&2; exit 1; }
done
tmp="$out.merge.$$"
if awk -v out="$out" '
function fail(msg) { if (err == "") err = msg }
FNR == 1 { nf++; name[nf] = FILENAME; inhead = 1; cur = -1; head[nf] = ""; info[nf] = ""; si[nf] = -1; sn[nf] = -1; jobs[nf] = -1 }
{
    line = $0
    if (substr(line, 1, 7) == "# job: ") {
        j = substr(line, 8)
        if (j !~ /^[0-9]+$/) { fail(FILENAME ": bad line \"" line "\""); next }
        j = j + 0
        if ((j in owner) && jerr == "") jerr = "job " j " is in both " name[owner[j]] " and " FILENAME
        owner[j] = nf; rows[j] = ""; inhead = 0; cur = j
        next
    }
    if (substr(line, 1, 8) == "# jobs: ") {
        jobs[nf] = substr(line, 9); inhead = 0; cur = -2
        if (jobs[nf] !~ /^[0-9]+$/) fail(FILENAME ": bad line \"" line "\"")
        next
    }
    if (substr(line, 1, 1) == "#") {
        if (line ~ /^# (date|host|threads|seconds): /) { info[nf] = info[nf] (info[nf] == "" ? "" : ", ") substr(line, 3); next }
        if (!inhead) { fail(FILENAME ": header line after the data: \"" line "\""); next }
        if (substr(line, 1, 9) == "# shard: ") {
            s = substr(line, 10)
            if (s !~ /^[0-9]+\/[0-9]+$/) { fail(FILENAME ": bad shard line \"" line "\""); next }
            split(s, p, "/"); si[nf] = p[1] + 0; sn[nf] = p[2] + 0
            line = "# shard: merged"
        }
        head[nf] = head[nf] line "\n"
        next
    }
    if (cur == -2) { fail(FILENAME ": a data row after \"# jobs:\""); next }
    if (cur < 0) { fail(FILENAME ": a data row outside a job (no \"# job: j\" line before it; written by an older program?)"); next }
    rows[cur] = rows[cur] line "\n"
}
END {
    if (err == "") for (f = 1; f <= nf; f++) {
        if (si[f] < 0) { fail(name[f] ": no \"# shard: i/N\" line"); break }
        if (jobs[f] < 0) { fail(name[f] ": incomplete (no \"# jobs: J\" line at the end: still running, or killed?)"); break }
    }
    if (err == "") {
        N = sn[1]
        for (f = 1; f <= nf; f++) {
            if (sn[f] != N) { fail(name[f] " is shard " si[f] "/" sn[f] " but " name[1] " is shard " si[1] "/" N " (a stale shard of another run?)"); break }
            if (si[f] >= N) { fail(name[f] ": shard " si[f] "/" sn[f] " is out of range"); break }
            if (si[f] in byshard) { fail(name[byshard[si[f]]] " and " name[f] " are both shard " si[f] "/" N); break }
            byshard[si[f]] = f
        }
    }
    if (err == "") for (i = 0; i < N; i++) if (!(i in byshard)) { fail("shard " i "/" N " is missing (" nf " of " N " files)"); break }
    if (err == "") for (f = 2; f <= nf; f++) if (head[f] != head[1]) {
        n1 = split(head[1], a, "\n"); n2 = split(head[f], b, "\n")
        for (k = 1; k <= n1 || k <= n2; k++) if (a[k] != b[k]) break
        fail("the headers of " name[1] " and " name[f] " differ: \"" a[k] "\" against \"" b[k] "\" (another seed, profile or build?)")
        break
    }
    if (err == "") fail(jerr)
    if (err == "") {
        J = jobs[1] + 0
        for (f = 2; f <= nf; f++) if (jobs[f] + 0 != J) { fail(name[1] " says " J " jobs, " name[f] " says " jobs[f]); break }
    }
    if (err == "") for (j = 0; j < J; j++) {
        if (!(j in owner)) { fail("job " j " of " J " is in no shard (shard " (j % N) "/" N " is incomplete)"); break }
        if (si[owner[j]] != j % N) { fail("job " j " is in " name[owner[j]] " (shard " si[owner[j]] "/" N "), not in shard " (j % N) "/" N); break }
    }
    if (err == "") for (j in owner) if (j + 0 >= J) { fail("job " j " is beyond the " J " jobs of the sweep (" name[owner[j]] ")"); break }
    if (err != "") { print "merge-shards: refusing to write " out ": " err > "/dev/stderr"; exit 1 }
    printf "%s", head[byshard[0]]
    for (j = 0; j < J; j++) printf "# job: %d\n%s", j, rows[j]
    printf "# jobs: %d\n", J
    for (i = 0; i < N; i++) printf "# merged from: %s (shard %d/%d: %s)\n", name[byshard[i]], i, N, info[byshard[i]]
}' "$@" > "$tmp"; then
    mv "$tmp" "$out"
    echo "merge-shards: wrote $out from $# shards"
else
    rm -f "$tmp"
    exit 1
fi
