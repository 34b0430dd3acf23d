#!/bin/sh
# verdicts.sh - regenerate README's verdict table and book chapter 09's verdict lines
# from the committed aggregated data (build/examples/verify data), and put the saved
# outputs of the two seed sets (data/verify-seeds-*.txt, written by the stability runs)
# verbatim into book chapter 09 between its "<!-- verify outputs -->" markers.
# Never computes data. Usage: scripts/verdicts.sh (from the repository root).
set -eu
V=build/examples/verify
[ -x $V ] || { echo "verdicts: build $V first (make $V)" >&2; exit 1; }
out=$(mktemp)
trap 'rm -f "$out" "$out".*' EXIT
$V data > "$out" || true
# one record per figure: stem <TAB> claim <TAB> verdict line <TAB> details
awk '
/^fig[0-9][0-9]_/ && !/^fig[0-9][0-9]_[a-z_]* +(MISSING|MALFORMED|WARNING)/ {
    if (stem != "") print stem "\t" claim "\t" v "\t" d
    stem = $1; claim = $0; sub(/^[^]]*\] /, "", claim); v = ""; d = ""; next
}
/^ +(SUPPORTED|NOT SUPPORTED|UNDECIDED): / { v = $0; sub(/^ +/, "", v); next }
/^ +/ && v != "" { d = $0; sub(/^ +/, "", d); next }
END { if (stem != "") print stem "\t" claim "\t" v "\t" d }' "$out" > "$out.rec"
seeds=$(grep -h '^# seeds: ' data/fig01_memories.dat | head -1 | sed 's/^# seeds: //')
profile=$(grep -h '^# profile: ' data/fig01_memories.dat | head -1 | sed 's/^# profile: //')
# README: the table between <!-- verdicts begin --> and <!-- verdicts end -->
{
    echo "| figure | claim tested | verdict ($profile profile, seeds $seeds; 95% intervals over paired seeds) |"
    echo "|---|---|---|"
    awk -F'\t' '{ printf "| %s | %s | %s |\n", $1, $2, $3 }' "$out.rec"
} > "$out.table"
awk -v tf="$out.table" '
/<!-- verdicts begin -->/ { print; while ((getline l < tf) > 0) print l; skip = 1; next }
/<!-- verdicts end -->/ { skip = 0 }
!skip' README.md > "$out.readme" && cat "$out.readme" > README.md
# book 09: the line after each <!-- verdict figNN --> marker
awk -F'\t' -v prof="$profile" -v seeds="$seeds" 'FNR == NR { split($1, a, "_"); line[a[1]] = "**Verdict of the committed " prof "-profile data (seeds " seeds ", `make verify`):** " $3 ($4 != "" ? " *The numbers:* " $4 : ""); next }
/<!-- verdict fig[0-9][0-9] -->/ { print; k = $0; sub(/.*verdict /, "", k); sub(/ -->.*/, "", k); if (k in line) { print line[k]; getline } next }
{ print }' "$out.rec" book/09-experiments.md > "$out.book"
# the two seed sets' outputs
awk '
/<!-- verify outputs begin -->/ {
    print
    n = split("1_2_3 101_102_103", s, " ")
    for (i = 1; i <= n; i++) {
        f = "data/verify-seeds-" s[i] ".txt"; t = s[i]; gsub(/_/, " ", t)
        if ((getline l < f) <= 0) continue
        printf "\n`make figures SEEDS=\"%s\"`, then `make verify`", t
        if (s[i] == "101_102_103")
            printf " (saved in the third session: before fig12 existed and before issue 17 added the relaxed probes of fig06 at more P and the longer sweep of fig07, so its fig06 and fig07 details list fewer points; the points the two verdicts judge are in both)"
        printf ":\n\n```\n"
        print l
        while ((getline l < f) > 0) print l
        print "```"
    }
    skip = 1; next
}
/<!-- verify outputs end -->/ { print ""; skip = 0 }
!skip' "$out.book" > "$out.book2" && cat "$out.book2" > book/09-experiments.md
echo "verdicts: README.md and book/09-experiments.md updated from data/ ($profile, seeds $seeds)"
