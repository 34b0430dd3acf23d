/* verify.c - `make verify`: read every figure's aggregated .dat file and say, per
   figure, the paper claim it tests and whether our numbers SUPPORT it, with the numbers
   behind the verdict. A claim that does not reproduce is reported, never hidden; the
   program fails (exit 1) only when a .dat file is missing or malformed.

   Every claim is judged with its uncertainty over seeds (the files hold, per point,
   the mean, sd, 95% t-interval and the value at every seed; seeds are paired: seed s
   gives every technique the same tasks, start and shuffles, so differences are taken
   seed by seed and the interval is the t-interval of the paired differences):
     SUPPORTED      the claim holds at the interval's bound (e.g. the lower bound of the
                    paired difference rehearsal - vanilla is above the threshold);
     NOT SUPPORTED  its negation holds at the bound (the upper bound is at or below it);
     UNDECIDED      neither: more seeds (or a larger profile) are needed.
   A claim "at every n" is SUPPORTED when every n is, NOT SUPPORTED when one n is;
   a claim "for some method" the other way round.
   Under-training is not forgetting: a sequence point whose tasks reached less than 0.8
   right after their own training (min_j R[j][j], mean over seeds) is listed as "not
   learned"; the forgetting claims (fig03, fig04) leave such points out.
   The criteria are fixed here before the runs they judge (issue 14) and documented in
   book chapter 09. fig12 asks a question beyond the paper (issue 16); its criterion too
   was fixed before its runs were made (see fig12 below). Columns are found by their "# Column k: name" headers.
   Usage: build/examples/verify [--data-dir DIR | DIR]   (default data; --help, --version) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>

#include "../dam.h" /* DAM_VERSION_STRING only (no implementation) */

#define MAXROWS 4000
#define MAXCOLS 256
#define MAXS 32

typedef struct {
    int rows, cols, ncn, S;
    double v[MAXROWS][MAXCOLS];
    char cname[MAXCOLS][48];
    char claim[512], profile[32], version[64], seeds[256];
} table;

static table tb;
static int bad = 0;
static const char *data_dir = "data";
static const char *cur = "";

enum { UNDECIDED = 0, SUPPORTED = 1, NOTSUP = 2 };
static const char *vname(int v) { return v == SUPPORTED ? "SUPPORTED" : v == NOTSUP ? "NOT SUPPORTED" : "UNDECIDED"; }

/* Load a .dat file: numeric rows (NaN allowed), '#' header lines. 0 on success. */
static int load(const char *dir, const char *stem)
{
    char path[1024], line[16384];
    FILE *f;
    cur = stem;
    snprintf(path, sizeof path, "%s/%s.dat", dir, stem);
    memset(&tb, 0, sizeof tb);
    f = fopen(path, "r");
    if (!f) {
        printf("%-22s MISSING: %s (run make figures)\n", stem, path);
        bad = 1;
        return 1;
    }
    while (fgets(line, sizeof line, f)) {
        char *p = line, *end;
        int c = 0, k;
        if (line[0] == '#') {
            line[strcspn(line, "\n")] = 0;
            if (strncmp(line, "# claim: ", 9) == 0) snprintf(tb.claim, sizeof tb.claim, "%.500s", line + 9);
            if (strncmp(line, "# profile: ", 11) == 0) sscanf(line + 11, "%31s", tb.profile);
            if (strncmp(line, "# dam.h: ", 9) == 0) sscanf(line + 9, "%63s", tb.version);
            if (strncmp(line, "# seeds: ", 9) == 0) snprintf(tb.seeds, sizeof tb.seeds, "%.250s", line + 9);
            if (sscanf(line, "# Column %d: ", &k) == 1 && k >= 1 && k <= MAXCOLS) {
                char *nm = strstr(line, ": ") + 2;
                size_t l = strcspn(nm, " ");
                if (l >= sizeof tb.cname[0]) l = sizeof tb.cname[0] - 1;
                memcpy(tb.cname[k - 1], nm, l);
                tb.cname[k - 1][l] = 0;
                if (k > tb.ncn) tb.ncn = k;
            }
            continue;
        }
        while (*p == ' ' || *p == '\t') p++;
        if (*p == '\n' || *p == 0) continue;
        if (tb.rows >= MAXROWS) break;
        while (*p && *p != '\n') {
            double x = strtod(p, &end);
            if (end == p || c >= MAXCOLS) {
                printf("%-22s MALFORMED: %s, row %d\n", stem, path, tb.rows + 1);
                fclose(f);
                bad = 1;
                return 1;
            }
            tb.v[tb.rows][c++] = x;
            p = end;
            while (*p == ' ' || *p == '\t') p++;
        }
        if (tb.cols == 0) tb.cols = c;
        if (c != tb.cols || c != tb.ncn) {
            printf("%-22s MALFORMED: %s, row %d has %d columns, the header names %d\n", stem, path, tb.rows + 1, c, tb.ncn);
            fclose(f);
            bad = 1;
            return 1;
        }
        tb.rows++;
    }
    fclose(f);
    {
        const char *s = tb.seeds;
        while (*s) {
            while (*s == ' ') s++;
            if (!*s) break;
            tb.S++;
            while (*s && *s != ' ') s++;
        }
    }
    if (tb.rows == 0 || tb.S < 1) {
        printf("%-22s MALFORMED: %s has no data rows or no '# seeds:' line (an old-format file: run make figures)\n", stem, path);
        bad = 1;
        return 1;
    }
    if (tb.S > MAXS) tb.S = MAXS;
    return 0;
}

/* column index by name; a missing column makes the file MALFORMED */
static int col(const char *name)
{
    int k;
    for (k = 0; k < tb.ncn; k++)
        if (strcmp(tb.cname[k], name) == 0) return k;
    printf("%-22s MALFORMED: no column '%s' (rerun make figures)\n", cur, name);
    bad = 1;
    return -1;
}

/* first row whose columns names[0..n) equal vals[0..n); -1 if none */
static int row_where(int n, const char *const *names, const double *vals)
{
    int r, k, c[8];
    for (k = 0; k < n; k++)
        if ((c[k] = col(names[k])) < 0) return -1;
    for (r = 0; r < tb.rows; r++) {
        int ok = 1;
        for (k = 0; k < n && ok; k++) ok = tb.v[r][c[k]] == vals[k];
        if (ok) return r;
    }
    return -1;
}

/* the S per-seed values of metric m in row r (NaN when r < 0) */
static void seedvals(int r, const char *m, double *out)
{
    char nm[64];
    int k, c;
    for (k = 0; k < tb.S; k++) {
        snprintf(nm, sizeof nm, "%s_s%d", m, k + 1);
        c = r >= 0 ? col(nm) : -1;
        out[k] = c >= 0 ? tb.v[r][c] : NAN;
    }
}

static double t975(int df)
{
    static const double t[31] = {NAN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
                                 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
                                 2.056, 2.052, 2.048, 2.045, 2.042};
    return df < 1 ? NAN : df <= 30 ? t[df] : 1.96 + 2.4 / df;
}

/* mean and 95% t-interval of x[0..n) (NaN in, NaN out) */
typedef struct { double mean, sd, lo, hi; } est;
static est stats(const double *x, int n)
{
    est e;
    double m = 0, v = 0, h;
    int i;
    for (i = 0; i < n; i++) m += x[i];
    m /= n;
    for (i = 0; i < n; i++) v += (x[i] - m) * (x[i] - m);
    e.mean = m;
    e.sd = n > 1 ? sqrt(v / (n - 1)) : NAN;
    h = n > 1 ? t975(n - 1) * e.sd / sqrt((double)n) : NAN;
    e.lo = m - h, e.hi = m + h;
    return e;
}
/* paired difference a - b, seed by seed */
static est paired(const double *a, const double *b)
{
    double d[MAXS];
    int k;
    for (k = 0; k < tb.S; k++) d[k] = a[k] - b[k];
    return stats(d, tb.S);
}

/* "x > thr": SUPPORTED when lo > thr, NOT SUPPORTED when hi <= thr */
static int above(est e, double thr)
{
    if (isnan(e.lo) || isnan(e.hi)) return UNDECIDED;
    return e.lo > thr ? SUPPORTED : e.hi <= thr ? NOTSUP : UNDECIDED;
}
/* "|x| > thr": SUPPORTED when the interval lies outside [-thr, thr], NOT SUPPORTED when
   it lies inside */
static int beyond(est e, double thr)
{
    if (isnan(e.lo) || isnan(e.hi)) return UNDECIDED;
    return e.lo > thr || e.hi < -thr ? SUPPORTED : e.lo >= -thr && e.hi <= thr ? NOTSUP : UNDECIDED;
}
/* combine: every part must hold (one NOT makes NOT) / some part must hold */
static int all_of(int acc, int v) { return acc == NOTSUP || v == NOTSUP ? NOTSUP : acc == SUPPORTED && v == SUPPORTED ? SUPPORTED : UNDECIDED; }
static int any_of(int acc, int v) { return acc == SUPPORTED || v == SUPPORTED ? SUPPORTED : acc == NOTSUP && v == NOTSUP ? NOTSUP : UNDECIDED; }

/* per-figure details, printed under the verdict */
static char detail[16384];
static void det(const char *fmt, ...)
{
    va_list ap;
    size_t len = strlen(detail);
    va_start(ap, fmt);
    vsnprintf(detail + len, sizeof detail - len, fmt, ap);
    va_end(ap);
}

static void verdict(const char *stem, int v, const char *fmt, ...)
{
    va_list ap;
    printf("%-22s [%s; seeds %s] %s\n", stem, tb.profile, tb.seeds, tb.claim);
    if (strcmp(tb.version, DAM_VERSION_STRING) != 0)
        printf("%-22s WARNING: this file was made by dam.h %s, this verify is dam.h %s\n", "", tb.version, DAM_VERSION_STRING);
    printf("%-22s %s: ", "", vname(v));
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    if (detail[0]) printf("%-22s %s\n", "", detail);
    detail[0] = 0;
}

/* distinct values of column c (sorted) over rows where column fc == fv (fc < 0: all) */
static int distinct(int c, double *out, int max, int fc, double fv)
{
    int r, k, n = 0;
    if (c < 0) return 0;
    for (r = 0; r < tb.rows; r++) {
        double x = tb.v[r][c];
        int seen = 0;
        if (fc >= 0 && tb.v[r][fc] != fv) continue;
        for (k = 0; k < n; k++) seen |= out[k] == x;
        if (!seen && n < max) out[n++] = x;
    }
    for (k = 1; k < n; k++) {
        double x = out[k];
        int j = k - 1;
        while (j >= 0 && out[j] > x) out[j + 1] = out[j], j--;
        out[j + 1] = x;
    }
    return n;
}

/* rows whose tasks were not learned (learned_mean < 0.8): listed as technique name,
   swept setting (param, axis, probe when the file has them) and n; returns how many.
   (Presentation only: which points are left out of a claim is decided by learned_at.) */
static int not_learned(void)
{
    static const char *tn[8] = {"vanilla", "rehearsal", "pseudo", "EWC", "SI", "MAS", "GEM", "A-GEM"};
    static const char *sn[4] = {"permuted", "rotated", "split-class", "split-task"};
    int r, n = 0, c = col("learned_mean"), cn = col("n"), ct = -1, cp = -1, ca = -1, cq = -1, cs = -1, k;
    if (c < 0 || cn < 0) return 0;
    for (k = 0; k < tb.ncn; k++) {
        if (strcmp(tb.cname[k], "technique") == 0) ct = k;
        if (strcmp(tb.cname[k], "param") == 0) cp = k;
        if (strcmp(tb.cname[k], "axis") == 0) ca = k;
        if (strcmp(tb.cname[k], "probe") == 0) cq = k;
        if (strcmp(tb.cname[k], "scenario") == 0) cs = k;
    }
    for (r = 0; r < tb.rows; r++)
        if (tb.v[r][c] < 0.8) {
            int t = ct >= 0 ? (int)tb.v[r][ct] : 0;
            if (!n) det(" not learned (min accuracy right after a task's own training < 0.8, mean over seeds; not forgetting):");
            if (n < 40) {
                det(" %s", ct >= 0 && t >= 0 && t < 8 ? tn[t] : "vanilla");
                if (cq >= 0 && tb.v[r][cq] >= 0) det(" probe %g", tb.v[r][cq]);
                if (cs >= 0 && tb.v[r][cs] >= 0 && tb.v[r][cs] < 4) det(" %s", sn[(int)tb.v[r][cs]]);
                if (ca >= 0) det(" %s", tb.v[r][ca] ? "K" : "items");
                if (cp >= 0 && tb.v[r][cp] != 0) det(" %g", tb.v[r][cp]);
                det(" n=%g %.3f;", tb.v[r][cn], tb.v[r][c]);
            }
            n++;
        }
    if (n > 40) det(" ... %d points in all;", n);
    else if (n) det(" %d points;", n);
    return n;
}
static int learned_at(int r) { int c = col("learned_mean"); return r >= 0 && c >= 0 && tb.v[r][c] >= 0.8; }

static void fig01(void)
{
    double ns[16], a[MAXS], b[MAXS];
    int nn, r0, r1, v;
    est dp, ds;
    if (load(data_dir, "fig01_memories")) return;
    nn = distinct(col("n"), ns, 16, -1, 0);
    if (nn < 2) { printf("%-22s MALFORMED: fewer than 2 n\n", cur); bad = 1; return; }
    { const char *k[1] = {"n"}; r0 = row_where(1, k, &ns[0]); r1 = row_where(1, k, &ns[nn - 1]); }
    seedvals(r1, "prototype", a), seedvals(r0, "prototype", b), dp = paired(a, b);
    seedvals(r1, "selectivity", a), seedvals(r0, "selectivity", b), ds = paired(a, b);
    v = all_of(above(dp, 0), above(ds, 0));
    verdict("fig01_memories", v,
            "n = %g -> %g, paired over seeds: prototype similarity %+.3f [%+.3f, %+.3f], label selectivity %+.3f [%+.3f, %+.3f] "
            "(criterion: both lower bounds > 0)", ns[0], ns[nn - 1], dp.mean, dp.lo, dp.hi, ds.mean, ds.lo, ds.hi);
}

static void fig02(void)
{
    double ns[16], a[MAXS];
    int nn, k, v = SUPPORTED;
    double worst = 2, wn = 0;
    if (load(data_dir, "fig02_single_task")) return;
    nn = distinct(col("n"), ns, 16, col("function"), 0);
    for (k = 0; k < nn; k++) {
        const char *key[2] = {"function", "n"};
        double val[2] = {0, ns[k]};
        est e;
        seedvals(row_where(2, key, val), "acc", a);
        e = stats(a, tb.S);
        v = all_of(v, above(e, 0.85));
        if (e.lo < worst || isnan(e.lo)) worst = e.lo, wn = ns[k];
        det(" n=%g %.3f [%.3f, %.3f];", ns[k], e.mean, e.lo, e.hi);
    }
    if (!nn) v = UNDECIDED;
    verdict("fig02_single_task", v, "leaky: lowest lower bound of the test accuracy %.3f (n = %g); criterion: > 0.85 at every n", worst, wn);
}

static void fig03(void)
{
    double ns[16], a[MAXS];
    int nn, k, v = SUPPORTED, used = 0;
    if (load(data_dir, "fig03_vanilla_matrix")) return;
    nn = distinct(col("n"), ns, 16, -1, 0);
    for (k = 0; k < nn; k++) {
        const char *key[3] = {"n", "i", "j"};
        double val[3] = {ns[k], 0, 0};
        int r = row_where(3, key, val);
        est e;
        seedvals(r, "drop", a);
        e = stats(a, tb.S);
        if (!learned_at(r)) { det(" n=%g not learned (min R[j][j] %.3f): left out;", ns[k], r >= 0 ? tb.v[r][col("learned_mean")] : NAN); continue; }
        used++;
        v = all_of(v, above(e, 0.1));
        det(" n=%g drop of task 0 %.3f [%.3f, %.3f];", ns[k], e.mean, e.lo, e.hi);
    }
    if (!used) v = UNDECIDED;
    verdict("fig03_vanilla_matrix", v, "task 0 forgotten over the sequence at %d learned n (criterion: lower bound of the drop > 0.1 at every learned n)", used);
}

static void fig04(void)
{
    double ns[16], a[MAXS], b[MAXS];
    int nn, k, ia = -1, ib = -1, ja = -1, jb = -1, v, va, vb;
    double hi = -9, lo = 9, bhi = -9, blo = 9;
    est ea, eb;
    if (load(data_dir, "fig04_vanilla_vs_n")) return;
    nn = distinct(col("n"), ns, 16, -1, 0);
    for (k = 0; k < nn; k++) {
        const char *key[1] = {"n"};
        int r = row_where(1, key, &ns[k]);
        double m, bm;
        if (!learned_at(r)) continue;
        m = tb.v[r][col("acc_mean")], bm = tb.v[r][col("bwt_mean")];
        if (m > hi) hi = m, ia = r;
        if (m < lo) lo = m, ib = r;
        if (bm > bhi) bhi = bm, ja = r;
        if (bm < blo) blo = bm, jb = r;
    }
    not_learned();
    if (ia < 0 || ia == ib) {
        verdict("fig04_vanilla_vs_n", UNDECIDED, "fewer than two learned n");
        return;
    }
    seedvals(ia, "acc", a), seedvals(ib, "acc", b), ea = paired(a, b);
    seedvals(ja, "bwt", a), seedvals(jb, "bwt", b), eb = paired(a, b);
    va = above(ea, 0.1), vb = above(eb, 0.1);
    v = any_of(va, vb);
    verdict("fig04_vanilla_vs_n", v,
            "over the learned n, paired: ACC(n=%g) - ACC(n=%g) = %+.3f [%+.3f, %+.3f]; BWT(n=%g) - BWT(n=%g) = %+.3f [%+.3f, %+.3f] "
            "(criterion: one lower bound > 0.1, the n of highest and lowest mean)",
            tb.v[ia][col("n")], tb.v[ib][col("n")], ea.mean, ea.lo, ea.hi, tb.v[ja][col("n")], tb.v[jb][col("n")], eb.mean, eb.lo, eb.hi);
}

/* The technique row (technique = tech, and param/probe when given: NAN = any) minus
   vanilla (technique 0) at every n, paired over seeds; the claim "gain > thr at every
   n". Returns the verdict: SUPPORTED only when every n's lower bound is above thr, NOT
   SUPPORTED when some n's upper bound is at or below it. *worst: the smallest lower
   bound, *nworst its n. */
static int gains(double tech, double param, double probe, double thr, double *worst, double *nworst)
{
    double ns[16], a[MAXS], b[MAXS];
    int nn = distinct(col("n"), ns, 16, -1, 0), k, v = SUPPORTED;
    *worst = 9, *nworst = NAN;
    for (k = 0; k < nn; k++) {
        const char *key[4] = {"technique", "n", "param", "probe"};
        double val[4] = {tech, ns[k], param, probe}, vv[2] = {0, ns[k]};
        int nk = isnan(param) ? 2 : isnan(probe) ? 3 : 4, rt = row_where(nk, key, val), rv = row_where(2, key, vv);
        est e;
        seedvals(rt, "acc", a), seedvals(rv, "acc", b);
        e = paired(a, b);
        if (rt < 0 || rv < 0) { det(" n=%g: a row is missing;", ns[k]); v = all_of(v, UNDECIDED); continue; }
        v = all_of(v, above(e, thr));
        if (!(e.lo >= *worst)) *worst = e.lo, *nworst = ns[k];
        det(" n=%g: vanilla %.3f, gain %+.3f [%+.3f, %+.3f];", ns[k], rv >= 0 ? tb.v[rv][col("acc_mean")] : NAN, e.mean, e.lo, e.hi);
    }
    return nn ? v : UNDECIDED;
}

static void fig05(void)
{
    double w, nw;
    int v;
    if (load(data_dir, "fig05_rehearsal")) return;
    det(" r = 0.1:");
    v = gains(1, 0.1, NAN, 0.05, &w, &nw);
    not_learned();
    verdict("fig05_rehearsal", v, "rehearsal (r = 0.1) - vanilla, paired: lowest lower bound %+.3f (n = %g); criterion: > 0.05 at every n", w, nw);
}

static void fig06(void)
{
    double w, nw;
    int v;
    if (load(data_dir, "fig06_pseudorehearsal")) return;
    det(" class-conditional P = 1000:");
    v = gains(2, 1000, 0, 0.05, &w, &nw);
    not_learned();
    verdict("fig06_pseudorehearsal", v,
            "class-conditional pseudo-items (P = 1000) - vanilla, paired: lowest lower bound %+.3f (n = %g); criterion: > 0.05 at every n", w, nw);
}

/* gain(t, at id values) - vanilla at the same n and seed, per seed */
static void gain_seeds(int nk, const char *const *key, const double *val, const double *vval, double *out)
{
    double a[MAXS], b[MAXS];
    int k;
    seedvals(row_where(nk, key, val), "acc", a);
    seedvals(row_where(nk, key, vval), "acc", b);
    for (k = 0; k < tb.S; k++) out[k] = a[k] - b[k];
}

static void fig07(void)
{
    double ns[16];
    int nn, t, v = NOTSUP;
    const char *names[] = {"EWC", "SI", "MAS"};
    if (load(data_dir, "fig07_regularisation")) return;
    nn = distinct(col("n"), ns, 16, -1, 0);
    if (nn < 2) { verdict("fig07_regularisation", UNDECIDED, "fewer than 2 n"); return; }
    for (t = 3; t <= 5; t++) {
        const char *key[3] = {"technique", "n", "param"};
        double lo[3] = {t, ns[0], 1}, hi[3] = {t, ns[nn - 1], 1}, vlo[3] = {0, ns[0], 0}, vhi[3] = {0, ns[nn - 1], 0};
        double g0[MAXS], g1[MAXS];
        est e;
        gain_seeds(3, key, lo, vlo, g0);
        gain_seeds(3, key, hi, vhi, g1);
        e = paired(g1, g0);
        v = any_of(v, beyond(e, 0.05));
        det(" %s: gain at n=%g %+.3f, at n=%g %+.3f, change %+.3f [%+.3f, %+.3f];", names[t - 3], ns[0], stats(g0, tb.S).mean, ns[nn - 1],
            stats(g1, tb.S).mean, e.mean, e.lo, e.hi);
    }
    not_learned();
    verdict("fig07_regularisation", v,
            "the gain over vanilla at the default strength 1 changes between n = %g and n = %g (criterion: for some method the "
            "paired change's interval lies outside +-0.05; NOT SUPPORTED when every method's lies inside)", ns[0], ns[nn - 1]);
}

/* chi-square quantile (Wilson-Hilferty), for the interval of a standard deviation */
static double chi2q(int df, double z) { double a = 2.0 / (9.0 * df); return df * pow(1 - a + z * sqrt(a), 3); }

static void fig08(void)
{
    double ns[16];
    int nn, t, k, v = NOTSUP;
    if (load(data_dir, "fig08_gem")) return;
    nn = distinct(col("n"), ns, 16, -1, 0);
    for (t = 6; t <= 7; t++) {
        double mid_lo = -1, mid_hi = -1, end_lo = -1, end_hi = -1, mid = -1, end = -1, mn = NAN, en = NAN;
        int df = tb.S - 1, vt;
        det(" %s sd [95%%]:", t == 6 ? "GEM" : "A-GEM");
        for (k = 0; k < nn; k++) {
            const char *key[2] = {"technique", "n"};
            double val[2] = {t, ns[k]}, a[MAXS];
            est e;
            double slo, shi;
            seedvals(row_where(2, key, val), "acc", a);
            e = stats(a, tb.S);
            slo = e.sd * sqrt(df / chi2q(df, 1.959964)), shi = e.sd * sqrt(df / chi2q(df, -1.959964));
            det(" n=%g %.3f [%.3f, %.3f] (mean %.3f)", ns[k], e.sd, slo, shi, e.mean);
            if (ns[k] >= 5 && ns[k] <= 20) {
                if (e.sd > mid) mid = e.sd, mid_lo = slo, mn = ns[k];
                mid_hi = fmax(mid_hi, shi);
            } else {
                if (e.sd > end) end = e.sd, end_hi = shi, en = ns[k];
                end_lo = fmax(end_lo, slo);
            }
        }
        det(";");
        vt = tb.S < 5 || mid < 0 || end < 0 || isnan(mid) ? UNDECIDED : mid_lo > end_hi ? SUPPORTED : mid_hi <= end_lo ? NOTSUP : UNDECIDED;
        det(" %s: largest sd at intermediate n (n=%g) %.3f vs at small/large n (n=%g) %.3f: %s;", t == 6 ? "GEM" : "A-GEM", mn, mid, en, end, vname(vt));
        v = any_of(v, vt);
    }
    not_learned();
    verdict("fig08_gem", v,
            "spread over %d seeds (criterion: for GEM or A-GEM the largest sd at n in 5..20 has its lower 95%% bound above the upper "
            "bound of the largest sd at the other n; NOT SUPPORTED when for both every intermediate upper bound is at or below "
            "the largest lower bound of the others; at least 5 seeds)", tb.S);
}

static void fig09(void)
{
    double ns[16], a[MAXS], b[MAXS], worst = 9, wn = NAN, wt = NAN;
    int nn, k, t, v = SUPPORTED;
    if (load(data_dir, "fig09_summary")) return;
    nn = distinct(col("n"), ns, 16, -1, 0);
    for (k = 0; k < nn; k++) {
        const char *key[2] = {"technique", "n"};
        double vr[2] = {1, ns[k]};
        int rr = row_where(2, key, vr);
        seedvals(rr, "acc", a);
        det(" n=%g: rehearsal %.3f, minus", ns[k], stats(a, tb.S).mean);
        for (t = 0; t < 8; t++) {
            static const char *tn[8] = {"vanilla", "rehearsal", "pseudo", "EWC", "SI", "MAS", "GEM", "A-GEM"};
            double vt[2] = {t, ns[k]};
            est e;
            if (t == 1) continue;
            seedvals(row_where(2, key, vt), "acc", b);
            e = paired(a, b);
            v = all_of(v, above(e, 0));
            if (!(e.lo >= worst)) worst = e.lo, wn = ns[k], wt = t;
            det(" %s %+.3f [%+.3f, %+.3f]%s", tn[t], e.mean, e.lo, e.hi, t < 7 ? "," : "");
        }
        det(";");
    }
    if (!nn) v = UNDECIDED;
    not_learned();
    verdict("fig09_summary", v, "rehearsal - every other technique, paired: lowest lower bound %+.3f (technique %g at n = %g); criterion: > 0 for every technique at every n",
            worst, wt, wn);
}

static void fig10(void)
{
    int axis, t, v = NOTSUP, tests = 0;
    if (load(data_dir, "fig10_regime")) return;
    for (axis = 0; axis < 2; axis++) {
        double ps[16];
        int np = distinct(col("param"), ps, 16, col("axis"), axis);
        if (np < 2) continue;
        for (t = 3; t <= 5; t++) {
            const char *key[3] = {"technique", "axis", "param"};
            double lo[3] = {t, axis, ps[0]}, hi[3] = {t, axis, ps[np - 1]}, vlo[3] = {0, axis, ps[0]}, vhi[3] = {0, axis, ps[np - 1]};
            double g0[MAXS], g1[MAXS];
            est e;
            gain_seeds(3, key, lo, vlo, g0);
            gain_seeds(3, key, hi, vhi, g1);
            e = paired(g1, g0);
            v = any_of(v, beyond(e, 0.05));
            tests++;
            det(" %s gain %s %g -> %g: %+.3f -> %+.3f, change %+.3f [%+.3f, %+.3f];", t == 3 ? "EWC" : t == 4 ? "SI" : "MAS", axis ? "K" : "items",
                ps[0], ps[np - 1], stats(g0, tb.S).mean, stats(g1, tb.S).mean, e.mean, e.lo, e.hi);
        }
    }
    if (!tests) v = UNDECIDED;
    not_learned();
    verdict("fig10_regime", v,
            "the gain over vanilla changes between the smallest and largest items per task or K (criterion: for some method and "
            "axis the paired change's interval lies outside +-0.05; NOT SUPPORTED when all lie inside)");
}

static void fig11(void)
{
    double ks[16], last = 0, none[MAXS], x[MAXS];
    int r, k, nk, q, v, nkp = 0, ci;
    est heb;
    if (load(data_dir, "fig11_hopfield")) return;
    if ((ci = col("i")) < 0) return;
    for (r = 0; r < tb.rows; r++) if (tb.v[r][ci] > last) last = tb.v[r][ci];
    {
        const char *key[4] = {"rule", "replay", "i"};
        double val[3] = {0, 0, last};
        seedvals(row_where(3, key, val), "earlier", x);
        heb = stats(x, tb.S);
    }
    /* Hebbian forgets: earlier < 0.5 */
    v = isnan(heb.hi) ? UNDECIDED : heb.hi < 0.5 ? SUPPORTED : heb.lo >= 0.5 ? NOTSUP : UNDECIDED;
    det(" Hebbian none %.3f [%.3f, %.3f];", heb.mean, heb.lo, heb.hi);
    nk = distinct(col("kappa"), ks, 16, col("rule"), 1);
    for (k = 0; k < nk; k++) {
        const char *key[4] = {"rule", "kappa", "replay", "i"};
        double val[4] = {1, ks[k], 0, last};
        if (ks[k] <= 0) continue;
        nkp++;
        seedvals(row_where(4, key, val), "earlier", none);
        det(" Delta kappa=%g: none %.3f", ks[k], stats(none, tb.S).mean);
        for (q = 1; q <= 2; q++) {
            est e;
            val[2] = q;
            seedvals(row_where(4, key, val), "earlier", x);
            e = paired(x, none);
            v = all_of(v, above(e, 0.05));
            det(", %s - none %+.3f [%+.3f, %+.3f]", q == 1 ? "rehearsal" : "pseudo", e.mean, e.lo, e.hi);
        }
        det(";");
    }
    if (!nkp) v = UNDECIDED;
    verdict("fig11_hopfield", v,
            "earlier-task recall after the last task (criterion: Hebbian without replay < 0.5 at the bound, and with the Delta "
            "rule at every kappa > 0 both rehearsal - none and pseudo - none, paired, have lower bounds > 0.05)");
}

/* fig12 (beyond the paper): does a technique's ACC depend on the scenario? Per
   technique and n, the paired (seed by seed) difference of ACC between each pair of
   the three scenarios answered by the argmax over all 10 label neurons: permuted,
   rotated and split class-incremental (3 pairs); the technique's ACC DEPENDS on the
   scenario at that n when some pair's 95% interval lies outside +-0.05 (beyond), does
   NOT when every pair's lies inside, is undecided otherwise. The verdict is on "every
   technique's ACC depends on the scenario at every n": SUPPORTED when each (technique,
   n) depends, NOT SUPPORTED when some (technique, n) does not (its ACC is the same in
   those scenarios within +-0.05), UNDECIDED otherwise.
   Split task-incremental is reported (its mean ACC in the details) but not judged: it
   trains exactly as split-class (the same tasks, the same seed; the task identity acts
   only at test time) and its argmax runs over a subset of the classes that holds the
   right one, so item by item it is right whenever split-class is, and its chance is
   1/2, not 1/10: a pair with it differs by construction, not by what the technique
   does.
   AMENDED AFTER THE RUNS: the criterion fixed before fig12's runs (issue 16) used all 6
   pairs of the 4 scenarios; a review showed that with split-task among them it can
   hardly fail (that pair alone made 11 of the 16 points "depend"), so the pair set was
   narrowed to the three 10-way scenarios. The reason is the construction above, not
   which way the data went; the earlier verdict (SUPPORTED, 16 of 16) is recorded in
   book chapter 09. The details say, per n and technique, the mean ACC per scenario and
   the judged pair that differs most. Seeds pair the start and the shuffles; the tasks
   differ by scenario by design. Points not learned (min R[j][j] < 0.8) are listed, not
   left out: the question is about the accuracy the technique ends with. */
static void fig12(void)
{
    static const char *tn[8] = {"vanilla", "rehearsal", "pseudo", "EWC", "SI", "MAS", "GEM", "A-GEM"};
    static const char *sn[4] = {"perm", "rot", "split-c", "split-t"};
    double ns[16], acc[4][MAXS];
    int nn, k, t, a, b, v = SUPPORTED, dep = 0, indep = 0, und = 0;
    if (load(data_dir, "fig12_scenarios")) return;
    nn = distinct(col("n"), ns, 16, -1, 0);
    for (k = 0; k < nn; k++) {
        det(" n=%g:", ns[k]);
        for (t = 0; t < 8; t++) {
            const char *key[3] = {"technique", "n", "scenario"};
            int vt = NOTSUP, ba = 0, bb = 1, missing = 0;
            est best;
            best.mean = 0, best.lo = best.hi = NAN;
            for (a = 0; a < 4; a++) {
                double val[3] = {t, ns[k], a};
                int r = row_where(3, key, val);
                if (r < 0) missing = 1;
                seedvals(r, "acc", acc[a]);
            }
            if (missing) { det(" %s: a scenario is missing;", tn[t]); v = all_of(v, UNDECIDED); und++; continue; }
            for (a = 0; a < 3; a++) /* the 10-way scenarios only (split-task: see above) */
                for (b = a + 1; b < 3; b++) {
                    est e = paired(acc[a], acc[b]);
                    vt = any_of(vt, beyond(e, 0.05));
                    if (isnan(best.lo) || fabs(e.mean) > fabs(best.mean)) best = e, ba = a, bb = b;
                }
            v = all_of(v, vt);
            dep += vt == SUPPORTED, indep += vt == NOTSUP, und += vt == UNDECIDED;
            det(" %s %.2f/%.2f/%.2f/%.2f, %s-%s %+.3f [%+.3f, %+.3f] %s;", tn[t], stats(acc[0], tb.S).mean, stats(acc[1], tb.S).mean,
                stats(acc[2], tb.S).mean, stats(acc[3], tb.S).mean, sn[ba], sn[bb], best.mean, best.lo, best.hi,
                vt == SUPPORTED ? "depends" : vt == NOTSUP ? "does not" : "undecided");
        }
    }
    if (!nn) v = UNDECIDED;
    not_learned();
    verdict("fig12_scenarios", v,
            "%d (technique, n) depend on the scenario, %d do not, %d undecided (ACC perm/rot/split-c/split-t and the judged "
            "pair differing most below; criterion: a (technique, n) depends when some pair of the 10-way scenarios perm, rot, "
            "split-c has its paired ACC difference's interval outside +-0.05, does not when every pair's lies inside; "
            "SUPPORTED when every (technique, n) depends; split-t reported, not judged; amended after the runs, see book 09)", dep, indep, und);
}

int main(int argc, char **argv)
{
    int i;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            printf("verify: read every figure's .dat file and say, per figure, whether the paper claim it tests is "
                   "SUPPORTED, NOT SUPPORTED or UNDECIDED at its 95%% interval\n\nusage: verify [--data-dir DIR | DIR]\n\nflags:\n"
                   "  --data-dir DIR   the folder holding the figures' .dat files (default data)\n"
                   "  --help           print this list\n"
                   "  --version        print the program's name and dam.h's version\n\n"
                   "exit codes: 0 every file read (whatever the verdicts), 1 a .dat file missing or malformed, "
                   "2 a usage error\n");
            return 0;
        }
        if (strcmp(a, "--version") == 0) {
            printf("verify (dam.h %s)\n", DAM_VERSION_STRING);
            return 0;
        }
        if (strcmp(a, "--data-dir") == 0 || strncmp(a, "--data-dir=", 11) == 0) {
            if (a[10] == '=') data_dir = a + 11;
            else if (i + 1 < argc) data_dir = argv[++i];
            else {
                fprintf(stderr, "verify: flag '--data-dir' needs a value\n");
                return 2;
            }
        } else if (strncmp(a, "--", 2) == 0 || (a[0] == '-' && a[1])) {
            fprintf(stderr, "verify: unknown flag '%s' (try --help)\n", a);
            return 2;
        } else if (i == argc - 1 && i == 1) data_dir = a;
        else {
            fprintf(stderr, "verify: unexpected argument '%s' (try --help)\n", a);
            return 2;
        }
    }
    fig01(); fig02(); fig03(); fig04(); fig05(); fig06(); fig07(); fig08(); fig09(); fig10(); fig11(); fig12();
    return bad;
}
