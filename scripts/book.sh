#!/bin/sh
# scripts/book.sh - pair the book (book/NN-*.md) with dam.h, the way Crafting Interpreters
# pairs its chapters with the interpreter's source: chapters pull code from dam.h by name,
# and a check fails when a snippet is stale or missing.  POSIX sh + awk (mawk, gawk and
# busybox awk all work); pandoc only for `html`.
#
# USAGE
#   scripts/book.sh sync            rewrite every code block of every chapter from dam.h
#   scripts/book.sh check           report every problem below, exit 1 if there is any
#   scripts/book.sh html OUT.html   render all chapters, in order, to one HTML file
#   Environment (for tests of this script): DAM_H (default ./dam.h), BOOK_DIR (./book),
#   EXAMPLES_DIR (./examples), MAKEFILE (./Makefile), CC (cc).
#
# MARKERS IN A CHAPTER
#   <!-- dam:code ANCHOR [FUNCTION] -->        a code block pulled from dam.h; `sync`
#   ```c                                        rewrites everything between the two
#   ...                                         markers.  With FUNCTION: the whole
#   ```                                         definition of FUNCTION found inside the
#   <!-- /dam:code -->                          section ANCHOR (its comment block and
#                                               attribute-macro lines directly above
#   included, down to the closing brace in column 0, or the same line for a one-line
#   definition).  Without FUNCTION: the section's banner comment.  A section starts at
#   a banner -- a line "/* ====..." followed by a line ">>dam:NAME ..." -- and runs to
#   the next banner (or the end of dam.h).
#
#   <!-- dam:example NAME -->                   a stand-alone program: compiled with
#   ```c                                        cc -std=c99 -O1 -I<repo> NAME.c -lm
#   ...                                         in a temporary directory (no OpenMP, so
#   ```                                         the output is deterministic), run (10 s
#   <!-- dam:expect -->                         at most), and its stdout compared byte
#   ```                                         for byte with the block after
#   exact expected stdout                       dam:expect.
#   ```
#
#   Front matter, within the first 20 lines of a chapter, one item per line:
#     Paper: <the paper's sections or works the chapter covers>
#     Sections: dam:x, dam:y          the anchors of dam.h this chapter explains ("-": none)
#     Figures: make figures (plots/fig01_memories.png, ...)       optional
#
# WHAT `check` REPORTS (each as "file:line: message"; exit 1 if any)
#   1. a dam:code block that differs from what `sync` would write (stale);
#   2. an anchor named by a dam:code marker or a Sections: line that dam.h lacks, and a
#      FUNCTION that is not defined inside its anchor's section;
#   3. an anchor whose banner appears twice in dam.h;
#   4. an anchor of dam.h that no chapter claims in its Sections: line;
#   5. a chapter without a Sections: line, a marker without its closing marker or fence;
#   6. a Figures: line naming a plot plots/figNN_slug.png or a make target figNN_slug
#      for which examples/figNN_slug.c does not exist (figNN alone: no examples/figNN_*.c),
#      or another make target the Makefile does not define;
#   7. a stand-alone example that does not compile, fails, or prints anything else than
#      its expected output; two examples with the same NAME.
#   Warnings (printed, not failing): a banner without a Book: line, or whose Book: chapter
#   exists but does not claim the anchor.
#
# BOOTSTRAP RULE
#   Chapters 05-08 (sequential learning) are written after their code. While NO file
#   book/05-*.md .. book/08-*.md exists, rule 4 ignores the anchors dam:seq.* and
#   dam:hopfield.sequence.  As soon as any of those chapters exists, every anchor of
#   dam.h must be claimed.
set -u

ROOT=$(cd "$(dirname "$0")/.." && pwd)
HDR=${DAM_H:-$ROOT/dam.h}
BOOK=${BOOK_DIR:-$ROOT/book}
EXAMPLES=${EXAMPLES_DIR:-$ROOT/examples}
MAKEFILE=${MAKEFILE:-$ROOT/Makefile}
CC=${CC:-cc}
INC=$(cd "$(dirname "$HDR")" && pwd)
cd "$ROOT" || exit 2
case $HDR in "$ROOT"/*) HDR=${HDR#"$ROOT"/} ;; esac
case $BOOK in "$ROOT"/*) BOOK=${BOOK#"$ROOT"/} ;; esac

die() { printf 'book.sh: %s\n' "$*" >&2; exit 2; }

chapters() {
    for f in "$BOOK"/[0-9][0-9]-*.md; do
        [ -f "$f" ] && printf '%s\n' "$f"
    done
}

# ---------------------------------------------------------------------------------------
# The awk program shared by sync and check.  Input: dam.h, then the chapters.
#   mode=sync   write FILE.book-sync next to each chapter FILE; print "OK FILE" or
#               "BAD FILE" on stdout; problems on stdout as "ERR ..." lines.
#   mode=check  print "ERR file:line: message" / "WARN ..." lines; write the examples
#               to exdir (NAME.c, NAME.expect, and a line "NAME FILE LINE" in exdir/LIST).
# ---------------------------------------------------------------------------------------
AWK_PROG='
function err(msg) { print "ERR " msg; nerr++; ferr++ }
function warn(msg) { print "WARN " msg }

# ----- dam.h: banners and sections -----
function parse_header(   i, j, a, k) {
    nb = 0
    for (i = 1; i <= nh; i++) {
        if (H[i] !~ /^\/\* ==+[ \t]*$/ || i == nh) continue
        if (H[i + 1] !~ /^[ \t]*>>dam:[A-Za-z0-9_.-]/) continue
        a = H[i + 1]
        sub(/^[ \t]*>>/, "", a)
        sub(/[ \t].*$/, "", a)
        nb++
        BA[nb] = a; BS[nb] = i
        for (j = i + 1; j < nh && index(H[j], "*/") == 0; j++) ;
        BE[nb] = j
        BOOKOF[nb] = ""
        for (k = i + 1; k <= j; k++)
            if (H[k] ~ /^[ \t]*Book:/) {
                BOOKOF[nb] = H[k]
                sub(/^[ \t]*Book:[ \t]*/, "", BOOKOF[nb])
                sub(/[ \t].*$/, "", BOOKOF[nb])
            }
        if (a in AIDX) DUPS[a] = DUPS[a] ", " i
        else { AIDX[a] = nb; DUPS[a] = "" i }
        NDEF[a]++
    }
    for (k = 1; k <= nb; k++) SE[k] = k < nb ? BS[k + 1] - 1 : nh
}

# The definition of function f inside section k: sets XS, XE (line range); 0 if none.
function find_fn(k, f,   i, j, L, p, e, t, ob, cb, tmp) {
    for (i = BE[k] + 1; i <= SE[k]; i++) {
        L = H[i]
        if (L !~ /^[A-Za-z_]/) continue
        p = index(L, f "(")
        if (p == 0) continue
        if (p > 1 && substr(L, p - 1, 1) ~ /[A-Za-z0-9_]/) continue
        # a definition reaches "{" before a line ending in ";"
        for (j = i; j <= SE[k]; j++) {
            if (index(H[j], "{")) break
            if (H[j] ~ /;[ \t]*(\/\*.*\*\/)?[ \t]*$/) { j = -1; break }
        }
        if (j < 0 || j > SE[k]) continue
        tmp = H[j]; ob = gsub(/\{/, "{", tmp); cb = gsub(/\}/, "}", tmp)
        if (ob == cb && H[j] ~ /\}[ \t]*$/) e = j
        else {
            for (e = j + 1; e <= SE[k] && H[e] !~ /^\}/; e++) ;
            if (e > SE[k]) continue
        }
        # attribute-macro lines and the comment block directly above
        XS = i
        while (XS - 1 > BE[k] && H[XS - 1] ~ /^[A-Z_][A-Z0-9_]*(\(.*\))?[ \t]*$/) XS--
        if (XS - 1 > BE[k] && H[XS - 1] ~ /\*\/[ \t]*$/) {
            for (t = XS - 1; t > BE[k] && index(H[t], "/*") == 0; t--) ;
            if (t > BE[k] && H[t] ~ /^[ \t]*\/\*/ && H[t] !~ /^\/\* ==/) XS = t
        }
        XE = e
        return 1
    }
    return 0
}

# The text a marker stands for, into X (lines joined by "\n"); returns 0 on failure.
function extract(anchor, fn, where,   k, i) {
    if (!(anchor in AIDX)) { err(where ": anchor " anchor " is not in dam.h"); return 0 }
    k = AIDX[anchor]
    if (fn == "") { XS = BS[k]; XE = BE[k] }
    else if (!find_fn(k, fn)) {
        err(where ": function " fn " is not defined in section " anchor " (dam.h lines " BS[k] "-" SE[k] ")")
        return 0
    }
    X = "```c"
    for (i = XS; i <= XE; i++) X = X "\n" H[i]
    X = X "\n```"
    return 1
}

# ----- chapters -----
function begin_chapter() {
    if (cur != "") end_chapter()
    cur = FILENAME; ferr = 0; state = ""; haveSections = 0
    if (mode == "sync") { out = cur ".book-sync"; printf "" > out }
}
function emit(s) { if (mode == "sync") print s > out }
function end_chapter() {
    if (state == "code") err(cur ":" mline ": dam:code block without <!-- /dam:code -->")
    if (state ~ /^ex/) err(cur ":" mline ": dam:example " exname " without its dam:expect block")
    if (!haveSections) err(cur ": no Sections: line in the first 20 lines")
    if (mode == "sync") { close(out); print (ferr ? "BAD " : "OK ") cur }
    cur = ""
}
function claim(line, where,   n, t, i, a) {
    sub(/^Sections:[ \t]*/, "", line)
    gsub(/,/, " ", line)
    n = split(line, t, /[ \t]+/)
    for (i = 1; i <= n; i++) {
        a = t[i]
        if (a == "" || a == "-") continue
        if (a !~ /^dam:/) { err(where ": Sections: entry \"" a "\" is not an anchor (dam:...)"); continue }
        CLAIMED[a] = CLAIMED[a] " " cur
        if (!(a in AIDX)) err(where ": Sections: names " a ", which is not in dam.h")
    }
}

FNR == NR { H[++nh] = $0; next }
FNR == 1 { if (!parsed) { parse_header(); parsed = 1 } begin_chapter() }
{
    line = $0
    where = cur ":" FNR
    if (FNR <= 20 && state == "" && line ~ /^Sections:/) { haveSections = 1; claim(line, where) }

    if (state == "code") {              # inside a dam:code block: collect
        if (line == "<!-- /dam:code -->") {
            if (ok) {
                if (mode == "check" && body != X) err(where ": stale code block " manchor (mfn == "" ? "" : " " mfn) " (from line " mline "): run scripts/book.sh sync")
                emit(X)
            } else if (nbody) emit(body)   # leave an unresolvable block as it was
            emit(line); state = ""; next
        }
        body = (nbody++ ? body "\n" : "") line
        next
    }
    if (line ~ /^<!-- dam:code /) {
        n = split(line, t, /[ \t]+/)
        if (t[n] != "-->" || n < 4 || n > 5) { err(where ": malformed marker (want <!-- dam:code ANCHOR [FUNCTION] -->)"); emit(line); next }
        manchor = t[3]; mfn = n == 5 ? t[4] : ""
        mline = FNR; state = "code"; body = ""; nbody = 0
        ok = extract(manchor, mfn, where)
        emit(line); next
    }
    if (line ~ /^<!-- \/dam:code -->/) { err(where ": <!-- /dam:code --> without an opening marker"); emit(line); next }

    # stand-alone examples: marker, ```c ... ```, <!-- dam:expect -->, ``` ... ```
    if (line ~ /^<!-- dam:example /) {
        n = split(line, t, /[ \t]+/)
        if (n != 4 || t[4] != "-->" || t[3] !~ /^[A-Za-z0-9_]+$/) { err(where ": malformed marker (want <!-- dam:example NAME -->, NAME of letters, digits, _)"); emit(line); next }
        exname = t[3]; mline = FNR; state = "ex_wait_code"
        if (exname in EXSEEN) err(where ": example " exname " already defined at " EXSEEN[exname])
        EXSEEN[exname] = where
        if (mode == "check") { excode = exdir "/" exname ".c"; exexp = exdir "/" exname ".expect"; printf "" > excode; printf "" > exexp }
        emit(line); next
    }
    if (state == "ex_wait_code") {
        if (line ~ /^```/) state = "ex_code"
        else if (line !~ /^[ \t]*$/) { err(where ": dam:example " exname " must be followed by a ```c block"); state = "" }
        emit(line); next
    }
    if (state == "ex_code") {
        if (line ~ /^```[ \t]*$/) { state = "ex_wait_marker"; if (mode == "check") close(excode) }
        else if (mode == "check") print line > excode
        emit(line); next
    }
    if (state == "ex_wait_marker") {
        if (line == "<!-- dam:expect -->") state = "ex_wait_expect"
        else if (line !~ /^[ \t]*$/) { err(where ": dam:example " exname " needs <!-- dam:expect --> right after its code"); state = "" }
        emit(line); next
    }
    if (state == "ex_wait_expect") {
        if (line ~ /^```/) state = "ex_expect"
        else if (line !~ /^[ \t]*$/) { err(where ": <!-- dam:expect --> of " exname " must be followed by a ``` block"); state = "" }
        emit(line); next
    }
    if (state == "ex_expect") {
        if (line ~ /^```[ \t]*$/) {
            state = ""
            if (mode == "check") { close(exexp); print exname " " cur " " mline >> (exdir "/LIST"); close(exdir "/LIST") }
        } else if (mode == "check") print line > exexp
        emit(line); next
    }
    emit(line)
}
END {
    if (!parsed) { parse_header(); parsed = 1 }
    if (cur != "") end_chapter()
    if (mode != "check") exit
    for (a in NDEF)
        if (NDEF[a] > 1) err(hdr ": anchor " a " is defined " NDEF[a] " times (lines " DUPS[a] ")")
    for (k = 1; k <= nb; k++) {
        a = BA[k]
        if (AIDX[a] != k) continue
        if (!(a in CLAIMED)) {
            if (bootstrap && (a ~ /^dam:seq\./ || a == "dam:hopfield.sequence")) continue
            err(hdr ":" BS[k] ": anchor " a " is claimed by no chapter (add it to a Sections: line)")
            continue
        }
        if (BOOKOF[k] == "") { warn(hdr ":" BS[k] ": banner of " a " has no Book: line"); continue }
        bf = bookdir "/" BOOKOF[k]
        if ((getline dummy < bf) >= 0) {
            close(bf)
            if (index(CLAIMED[a] " ", " " bf " ") == 0)
                warn(hdr ":" BS[k] ": banner of " a " says Book: " BOOKOF[k] ", but that chapter does not claim it")
        } else if (!(bootstrap && (a ~ /^dam:seq\./ || a == "dam:hopfield.sequence")))
            warn(hdr ":" BS[k] ": banner of " a " says Book: " BOOKOF[k] ", which does not exist yet")
    }
}
'

run_awk() { # mode [exdir]
    bootstrap=1
    for f in "$BOOK"/0[5-8]-*.md; do [ -f "$f" ] && bootstrap=0; done
    # shellcheck disable=SC2046
    awk -v mode="$1" -v exdir="${2:-}" -v hdr="$HDR" -v bookdir="$BOOK" -v bootstrap="$bootstrap" \
        "$AWK_PROG" "$HDR" $(chapters)
}

# ---------------------------------------------------------------------------------------
cmd_sync() {
    [ -f "$HDR" ] || die "no $HDR"
    [ -n "$(chapters)" ] || die "no chapters in $BOOK"
    status=0 changed=0
    out=$(run_awk sync) || die "awk failed"
    printf '%s\n' "$out" | while IFS= read -r l; do
        case $l in ERR\ *) printf 'book.sh sync: %s\n' "${l#ERR }" >&2 ;; esac
    done
    for f in $(chapters); do
        if printf '%s\n' "$out" | grep -qxF "OK $f"; then
            if cmp -s "$f" "$f.book-sync"; then rm -f "$f.book-sync"
            else mv "$f.book-sync" "$f"; changed=$((changed + 1)); echo "synced $f"; fi
        else
            rm -f "$f.book-sync"; status=1
            echo "book.sh sync: $f left unchanged (see the errors above)" >&2
        fi
    done
    echo "sync: $changed chapter(s) rewritten"
    return $status
}

# examples/STEM.c exists, or STEM is a figure program's stem plus "_something" (a plot such
# as plots/fig01_memories_n20.png made by examples/fig01_memories.c)
has_program() {
    [ -f "$EXAMPLES/$1.c" ] && return 0
    for p in "$EXAMPLES"/${1%%_*}_*.c; do
        [ -f "$p" ] || continue
        s=${p##*/}; s=${s%.c}
        case $1 in "$s"_*) return 0 ;; esac
    done
    return 1
}

# Figures: lines (rule 6)
check_figures() {
    for f in $(chapters); do
        line=$(awk 'NR <= 20 && /^Figures:/ { print FNR; exit }' "$f")
        [ -n "$line" ] || continue
        text=$(sed -n "${line}p" "$f" | sed 's/^Figures:[ 	]*//' | tr '(),;`' '     ')
        prev=
        for tok in $text; do
            case $tok in
            fig[0-9][0-9]_*|plots/fig[0-9][0-9]_*|data/fig[0-9][0-9]_*)
                stem=${tok##*/}; stem=${stem%.png}; stem=${stem%.dat}
                has_program "$stem" || echo "$f:$line: Figures: names $tok but examples/$stem.c does not exist" ;;
            fig[0-9][0-9])
                set -- "$EXAMPLES/$tok"_*.c
                [ -f "$1" ] || echo "$f:$line: Figures: names $tok but no examples/${tok}_*.c exists" ;;
            *)
                if [ "$prev" = make ] && [ "$tok" != make ]; then
                    awk -v t="$tok" '
                        /^[^ \t#][^=]*:/ && !/^[^:]*:=/ { s = $0; sub(/:.*/, "", s); n = split(s, a, /[ \t]+/)
                                         for (i = 1; i <= n; i++) if (a[i] == t) found = 1 }
                        END { exit !found }' "$MAKEFILE" 2>/dev/null ||
                        echo "$f:$line: Figures: names 'make $tok' but $MAKEFILE has no target $tok"
                fi ;;
            esac
            prev=$tok
        done
    done
}

# stand-alone examples (rule 7)
check_examples() { # exdir
    ex=$1
    [ -f "$ex/LIST" ] || return 0
    while read -r name file mline; do
        if ! (cd "$ex" && $CC -std=c99 -O1 -I"$INC" -o "$name" "$name.c" -lm >"$name.cc" 2>&1); then
            echo "$file:$mline: example $name does not compile:"
            sed 's/^/    /' "$ex/$name.cc" | head -20
            continue
        fi
        if command -v timeout >/dev/null 2>&1; then run="timeout 10"; else run=; fi
        if ! (cd "$ex" && $run "./$name" >"$name.out" 2>"$name.err"); then
            echo "$file:$mline: example $name exits with an error:"
            sed 's/^/    /' "$ex/$name.err" | head -10
            continue
        fi
        if ! cmp -s "$ex/$name.out" "$ex/$name.expect"; then
            echo "$file:$mline: example $name prints something else than its expected output (- expected, + printed):"
            diff "$ex/$name.expect" "$ex/$name.out" | sed -n 's/^</    -/p; s/^>/    +/p' | head -20
        fi
    done <"$ex/LIST"
}

cmd_check() {
    [ -f "$HDR" ] || die "no $HDR"
    [ -n "$(chapters)" ] || die "no chapters in $BOOK"
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/book-check.XXXXXX") || die "mktemp failed"
    trap 'rm -rf "$tmp"' EXIT INT TERM
    run_awk check "$tmp" >"$tmp/awk.out" || die "awk failed"
    grep '^WARN ' "$tmp/awk.out" | sed 's/^WARN /warning: /' >&2
    { grep '^ERR ' "$tmp/awk.out" | sed 's/^ERR //'
      check_figures
      check_examples "$tmp"; } >"$tmp/problems"
    nex=0; [ -f "$tmp/LIST" ] && nex=$(wc -l <"$tmp/LIST")
    nch=$(chapters | wc -l)
    if [ -s "$tmp/problems" ]; then
        cat "$tmp/problems"
        echo "book check FAILED: $(grep -c '^[^ ]' "$tmp/problems") problem(s) ($nch chapters, $((nex)) examples)"
        return 1
    fi
    echo "book check ok: $nch chapters, $((nex)) examples, every block in sync with dam.h"
}

# ---------------------------------------------------------------------------------------
cmd_html() {
    outfile=${1:-}
    [ -n "$outfile" ] || die "usage: scripts/book.sh html OUT.html"
    if ! command -v pandoc >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pandoc ||
                die "apt-get install pandoc failed"
        else
            die "pandoc is missing: sudo apt-get install pandoc"
        fi
    fi
    if pandoc --help 2>/dev/null | grep -q -- --embed-resources; then embed="--embed-resources --standalone"
    else embed="--self-contained"; fi
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/book-html.XXXXXX") || die "mktemp failed"
    trap 'rm -rf "$tmp"' EXIT INT TERM
    files=
    for f in $(chapters); do
        # the front-matter lines become a line block (one line each, label in bold);
        # an image that is not built yet becomes a note (pandoc would stop on it)
        awk -v book="$BOOK" '
            function exists(p,   l) { if ((getline l < p) >= 0) { close(p); return 1 } return 0 }
            FNR <= 20 && /^(Paper|Sections|Figures):/ { l = $0; k = index(l, ":")
                print "| **" substr(l, 1, k) "** " substr(l, k + 1); next }
            /^!\[.*\]\([^ )]+\)[ \t]*$/ { p = $0; sub(/^.*\]\(/, "", p); sub(/\).*$/, "", p)
                if (p !~ /^(\/|[a-z]+:)/ && !exists(book "/" p) && !exists(p)) {
                    print "book.sh html: " FILENAME ": " p " is not built yet (make figures)" > "/dev/stderr"
                    print "*[Figure not built yet: `" p "`; run `make figures`.]*"; next } }
            { print }' "$f" >"$tmp/${f##*/}"
        files="$files $tmp/${f##*/}"
    done
    mkdir -p "$(dirname "$outfile")"
    # shellcheck disable=SC2086
    pandoc $files --from markdown --to html5 $embed --mathml --toc --toc-depth=2 \
        --resource-path="$BOOK:$ROOT" --metadata title="dam.h: the book" \
        --metadata lang=en -o "$outfile" || die "pandoc failed"
    echo "wrote $outfile ($(wc -c <"$outfile") bytes)"
}

case ${1:-} in
sync) cmd_sync ;;
check) cmd_check ;;
html) shift; cmd_html "$@" ;;
*) sed -n '2,/^set -u/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
