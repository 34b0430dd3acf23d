/* runstore.h - the run store: runs are the unit of work, figures are views of them.

   A run is one training with ALL its settings: a single-task DAM training (kind
   "single": fig01, fig02), a DAM task sequence (kind "seq": fig03-fig10) or a classical
   Hopfield sequence (kind "hopfield": fig11). Its canonical key is the sorted list of
   its "name=value" settings (every setting that changes the result, the dam.h version
   and the seed); the FNV-1a 64 hash of the key names its file in the store,
   <store>/<16 hex digits>.dat (default store data/runs). The file holds the key (one
   "# key: name=value" line per setting), then one line per result, "name v0 v1 ...":
   for a sequence acc, bwt, fwt, forgetting (mean over tasks 0..T-2), R (T x T, row by
   row), b (baselines), diag (R[j][j]: each task right after its own training),
   forget (per task), learned (min_j R[j][j]), incremental (the average incremental
   accuracy, dam_seq_incremental_accuracy; runs made before issue 16 lack it), first
   (task 0 after the last task),
   seconds and rss_kb (peak resident memory of the process).

   Seeds are paired: the seed s of a run fixes the task permutations (s * 7919 + 17),
   the initial memories and the shuffles (the network generator seeded with s), for
   every technique, so "technique minus vanilla at seed s" is a paired difference.

   build/examples/run computes one run from its key (written atomically: <hash>.dat.tmp,
   then rename, after cli_writable); a run whose file exists with the same key is never
   recomputed (the key inside is compared, not only the name). Every figure program
   lists the keys it needs (--list) and aggregates the stored runs (its default mode;
   it never trains).

   A folder of your own images as the dataset (kind "seq" only) enters the key as its
   path, not its contents: change the images and a stored run of that path is still
   taken as done. Give the changed folder another name (or remove its runs from the
   store) to have them computed afresh. A path with white space is refused (the key's
   command-line form joins the settings with spaces). */
#ifndef DAM_EXAMPLES_RUNSTORE_H
#define DAM_EXAMPLES_RUNSTORE_H
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include "figseq.h"

enum { RUN_SINGLE = 0, RUN_SEQ = 1, RUN_HOPFIELD = 2 };
#define RUN_MAXT 16           /* tasks of a sequence run (quick and paper use 5)       */
#define RUN_KEY_SIZE 4096
#define RUN_MAXV 32
#define RUN_MAXLEN (RUN_MAXT * RUN_MAXT)

/* Every setting a run can have; the kind says which ones belong to its key. */
typedef struct run_spec {
    int kind;
    const char *dataset;      /* mnist | fashion | a folder of images (single, seq)       */
    const char *scenario;     /* seq: NULL or "permuted" (the default), "rotated",
                                 "split-class", "split-task" (examples/mnist.h)           */
    const char *angles;       /* rotated: the angle list (NULL: the default spread)       */
    const char *split;        /* split-*: the class split (NULL: 0/1, 2/3, ...)           */
    int seed;
    int n, K, f;              /* f: 0 leaky, 1 rectified                                 */
    int items, test_items, epochs, batch, tasks;
    int technique;            /* dam_technique (seq)                                    */
    double rehearsal;         /* rehearsal fraction                                      */
    int pseudo_items, pseudo_probe;
    double pseudo_soft;
    double ewc_lambda, si_c, mas_lambda;
    int memory;               /* GEM / A-GEM episodic items per task                    */
    int rule, replay, repeats;/* hopfield: 0 Hebbian 1 Delta; 0 none 1 rehearsal 2 pseudo;
                                 inner repeats averaged into the run                     */
    double kappa;
    int measures;             /* single: 2 = the run also records which memories are used
                                 (best match of a training image) and which kept their
                                 random start (fig01); in the key only when set          */
} run_spec;

/* A spec with the defaults of its kind (the caller sets n, seed and what it sweeps). */
static inline run_spec run_spec_defaults(int kind)
{
    dam_seq_desc d = dam_seq_defaults(DAM_TECH_VANILLA, 10);
    run_spec s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.dataset = "mnist";
    s.seed = 1;
    s.n = 10;
    s.K = 256;
    s.technique = DAM_TECH_VANILLA;
    s.rehearsal = d.rehearsal_fraction;
    s.pseudo_items = d.pseudo_items;
    s.pseudo_probe = d.pseudo_probe;
    s.pseudo_soft = d.pseudo_soft;
    s.ewc_lambda = d.ewc_lambda;
    s.si_c = d.si_c;
    s.mas_lambda = d.mas_lambda;
    s.memory = d.memory_per_task;
    s.repeats = 20;
    return s;
}

/* ----- the key -------------------------------------------------------------------- */
typedef struct run_keybuf {
    int n;
    char line[64][96];
} run_keybuf;

static inline void run_kv(run_keybuf *k, const char *name, const char *fmt, ...)
{
    va_list ap;
    int len;
    if (k->n >= 64) return;
    len = snprintf(k->line[k->n], sizeof k->line[0], "%s=", name);
    va_start(ap, fmt);
    vsnprintf(k->line[k->n] + len, sizeof k->line[0] - (size_t)len, fmt, ap);
    va_end(ap);
    k->n++;
}
static inline void run_kd(run_keybuf *k, const char *name, double x)
{
    char b[32];
    run_kv(k, name, "%s", cli_num(b, x));
}
static inline int run_cmp_line(const void *a, const void *b) { return strcmp((const char *)a, (const char *)b); }
static inline int run_cmp_str(const void *a, const void *b) { return strcmp(*(const char *const *)a, *(const char *const *)b); }

/* The seq desc a spec describes (technique settings; train part from the spec). */
static inline dam_seq_desc run_seq_desc(const run_spec *s)
{
    dam_seq_desc d = dam_seq_defaults((dam_technique)s->technique, s->n);
    d.rehearsal_fraction = s->rehearsal;
    d.pseudo_items = s->pseudo_items;
    d.pseudo_probe = (dam_pseudo_probe)s->pseudo_probe;
    d.pseudo_soft = s->pseudo_soft;
    d.ewc_lambda = s->ewc_lambda;
    d.si_c = s->si_c;
    d.mas_lambda = s->mas_lambda;
    d.memory_per_task = s->memory;
    d.train.epochs = s->epochs;
    d.train.batch = s->batch;
    return d;
}

/* Is the spec's scenario the default one, permuted tasks? */
static inline int run_permuted(const run_spec *s) { return !s->scenario || strcmp(s->scenario, "permuted") == 0; }

/* The canonical key: sorted "name=value" lines joined by sep (' ' for a command line,
   '\n' for a file). Settings that do not belong to the kind or technique are left out,
   so a rehearsal run's key does not change when an EWC default does. The scenario
   enters only when it is not permuted (then with its angles or split, "default" when
   not given), so every permuted run keeps the key (and file name) it always had. */
static inline void run_key(const run_spec *s, char *out, size_t size, char sep)
{
    run_keybuf k;
    size_t len = 0;
    int i;
    k.n = 0;
    run_kv(&k, "dam", "%s", dam_version());
    run_kv(&k, "kind", "%s", s->kind == RUN_SINGLE ? "single" : s->kind == RUN_SEQ ? "seq" : "hopfield");
    run_kv(&k, "seed", "%d", s->seed);
    if (s->kind == RUN_HOPFIELD) {
        dam_hopfield_seq_desc h = dam_hopfield_sequence_defaults();
        run_kv(&k, "N", "100");
        run_kv(&k, "tasks", "10");
        run_kv(&k, "patterns", "5");
        run_kv(&k, "rule", "%s", s->rule ? "delta" : "hebbian");
        run_kd(&k, "kappa", s->kappa);
        run_kv(&k, "replay", "%s", s->replay == 0 ? "none" : s->replay == 1 ? "rehearsal" : "pseudo");
        run_kv(&k, "repeats", "%d", s->repeats);
        run_kd(&k, "eta", h.eta);
        run_kd(&k, "max_epochs", h.max_epochs);
        run_kd(&k, "hop_rehearsal", h.rehearsal_fraction);
        run_kd(&k, "probes", h.pseudo_probes);
        run_kd(&k, "keep", h.pseudo_keep);
        run_kd(&k, "flip", h.flip);
    } else {
        dam_dense_desc nd = dam_dense_defaults(794, s->K, s->n);
        dam_train_desc td = dam_train_defaults(s->n);
        double T = s->f ? dam_default_temperature(s->n, DAM_F_RECTIFIED) : nd.T;
        run_kv(&k, "dataset", "%s", s->dataset);
        run_kv(&k, "n", "%d", s->n);
        run_kv(&k, "K", "%d", s->K);
        run_kv(&k, "f", "%s", s->f ? "rectified" : "leaky");
        run_kd(&k, "eps", nd.eps);
        run_kd(&k, "T", T);
        run_kd(&k, "init_std", nd.init_std);
        run_kv(&k, "items", "%d", s->items);
        run_kv(&k, "test_items", "%d", s->test_items);
        run_kv(&k, "epochs", "%d", s->epochs);
        run_kv(&k, "batch", "%d", s->batch);
        run_kd(&k, "lr", td.lr);
        run_kd(&k, "decay", td.lr_decay);
        run_kd(&k, "momentum", td.momentum);
        run_kv(&k, "m", "%d", td.loss_power);
        run_kv(&k, "probe", "%d", (int)td.probe);
        if (s->kind == RUN_SINGLE && s->measures) run_kv(&k, "measures", "%d", s->measures);
        if (s->kind == RUN_SEQ) {
            dam_seq_desc d = run_seq_desc(s);
            run_kv(&k, "tasks", "%d", s->tasks);
            run_kv(&k, "technique", "%s", dam_technique_name((dam_technique)s->technique));
            if (!run_permuted(s)) {
                run_kv(&k, "scenario", "%s", s->scenario);
                if (strcmp(s->scenario, "rotated") == 0) run_kv(&k, "angles", "%s", s->angles ? s->angles : "default");
                else run_kv(&k, "split", "%s", s->split ? s->split : "default");
            }
            switch (s->technique) {
            case DAM_TECH_REHEARSAL: run_kd(&k, "rehearsal", d.rehearsal_fraction); break;
            case DAM_TECH_PSEUDO:
                run_kv(&k, "pseudo_items", "%d", d.pseudo_items);
                run_kv(&k, "pseudo_probe", "%s", dam_pseudo_probe_name(d.pseudo_probe));
                run_kd(&k, "pseudo_soft", d.pseudo_soft);
                run_kd(&k, "pseudo_density", d.pseudo_density);
                run_kv(&k, "pseudo_sweeps", "%d", d.pseudo_sweeps);
                break;
            case DAM_TECH_EWC: run_kd(&k, "ewc_lambda", d.ewc_lambda); break;
            case DAM_TECH_SI: run_kd(&k, "si_c", d.si_c); run_kd(&k, "si_damping", d.si_damping); break;
            case DAM_TECH_MAS: run_kd(&k, "mas_lambda", d.mas_lambda); break;
            case DAM_TECH_GEM: run_kv(&k, "memory", "%d", d.memory_per_task); run_kd(&k, "gem_margin", d.gem_margin); break;
            case DAM_TECH_AGEM: run_kv(&k, "memory", "%d", d.memory_per_task); run_kv(&k, "agem_sample", "%d", d.agem_sample); break;
            default: break;
            }
            if (s->technique >= DAM_TECH_EWC && s->technique <= DAM_TECH_MAS) {
                run_kv(&k, "importance_items", "%d", d.importance_items);
                run_kv(&k, "importance_normalise", "%d", d.importance_normalise);
            }
        }
    }
    qsort(k.line, (size_t)k.n, sizeof k.line[0], run_cmp_line);
    out[0] = 0;
    for (i = 0; i < k.n; i++) {
        size_t l = strlen(k.line[i]);
        if (len + l + 2 >= size) break;
        memcpy(out + len, k.line[i], l);
        len += l;
        out[len++] = i + 1 < k.n ? sep : 0;
    }
    out[len] = 0;
}

/* FNV-1a 64 of a text. */
static inline uint64_t run_fnv(const char *t)
{
    uint64_t h = 14695981039346656037ull;
    for (; *t; t++) h = (h ^ (unsigned char)*t) * 1099511628211ull;
    return h;
}

/* The run's id (16 hex digits) and file path. */
static inline void run_id(const run_spec *s, char id[17])
{
    char key[RUN_KEY_SIZE];
    run_key(s, key, sizeof key, '\n');
    snprintf(id, 17, "%016llx", (unsigned long long)run_fnv(key));
}
static inline void run_path(const char *store, const run_spec *s, char *path, size_t size)
{
    char id[17];
    run_id(s, id);
    snprintf(path, size, "%s/%s.dat", store, id);
}

/* ----- results ---------------------------------------------------------------------- */
typedef struct run_value {
    char name[24];
    int n;
    double v[RUN_MAXLEN];
} run_value;
typedef struct run_result {
    int nv;
    run_value v[RUN_MAXV];
} run_result;

static inline run_value *run_put(run_result *r, const char *name, const double *v, int n)
{
    run_value *x;
    if (r->nv >= RUN_MAXV || n > RUN_MAXLEN) return NULL;
    x = &r->v[r->nv++];
    snprintf(x->name, sizeof x->name, "%s", name);
    x->n = n;
    if (v) memcpy(x->v, v, sizeof(double) * (size_t)n);
    return x;
}
static inline void run_put1(run_result *r, const char *name, double v) { run_put(r, name, &v, 1); }

/* Value i of result `name` (NAN if absent). */
static inline double run_get(const run_result *r, const char *name, int i)
{
    int k;
    for (k = 0; k < r->nv; k++)
        if (strcmp(r->v[k].name, name) == 0) return i >= 0 && i < r->v[k].n ? r->v[k].v[i] : NAN;
    return NAN;
}

/* Write the run file atomically: path.tmp, then rename. 0 or 1 after a message. */
static inline int run_write(const char *prog, const char *path, const run_spec *s, const run_result *r)
{
    char tmp[1300], key[RUN_KEY_SIZE], *p, *q;
    FILE *f;
    int k, i, bad;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    f = fopen(tmp, "w");
    if (!f) { fprintf(stderr, "%s: cannot write %s: %s\n", prog, tmp, strerror(errno)); return 1; }
    run_key(s, key, sizeof key, '\n');
    fprintf(f, "# run: %016llx\n", (unsigned long long)run_fnv(key));
    for (p = key; *p; p = q + (*q != 0)) {
        q = strchr(p, '\n');
        if (!q) q = p + strlen(p);
        fprintf(f, "# key: %.*s\n", (int)(q - p), p);
    }
    cli_run_info(f);
    for (k = 0; k < r->nv; k++) {
        char b[32];
        fprintf(f, "%s", r->v[k].name);
        for (i = 0; i < r->v[k].n; i++) {
            if (isnan(r->v[k].v[i])) fprintf(f, " NaN");
            else if (r->v[k].v[i] == floor(r->v[k].v[i]) && fabs(r->v[k].v[i]) < 1e15) fprintf(f, " %s", cli_num(b, r->v[k].v[i]));
            else fprintf(f, " %.6g", r->v[k].v[i]);
        }
        fputc('\n', f);
    }
    bad = ferror(f);
    bad |= fclose(f) != 0;
    if (bad || rename(tmp, path) != 0) {
        fprintf(stderr, "%s: cannot write %s: %s\n", prog, path, errno ? strerror(errno) : "write error");
        remove(tmp);
        return 1;
    }
    return 0;
}

/* Read a run file. Returns 0 when it holds exactly spec's key (r filled), 1 when it is
   missing, 2 when its key differs (or it is unreadable). */
static inline int run_read(const char *path, const run_spec *s, run_result *r)
{
    char want[RUN_KEY_SIZE], got[RUN_KEY_SIZE], line[16384];
    size_t glen = 0;
    FILE *f = fopen(path, "r");
    if (!f) return 1;
    run_key(s, want, sizeof want, '\n');
    got[0] = 0;
    memset(r, 0, sizeof *r);
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        if (strncmp(line, "# key: ", 7) == 0) {
            size_t l = strlen(line + 7);
            if (glen + l + 2 >= sizeof got) { fclose(f); return 2; }
            if (glen) got[glen++] = '\n';
            memcpy(got + glen, line + 7, l + 1);
            glen += l;
        } else if (line[0] != '#' && line[0]) {
            char *p = line, *e;
            run_value *x;
            size_t l = strcspn(p, " ");
            if (r->nv >= RUN_MAXV || l >= sizeof r->v[0].name) { fclose(f); return 2; }
            x = &r->v[r->nv++];
            memcpy(x->name, p, l);
            x->name[l] = 0;
            x->n = 0;
            p += l;
            while (*p == ' ') p++;
            while (*p && x->n < RUN_MAXLEN) {
                x->v[x->n] = strtod(p, &e);
                if (e == p) { fclose(f); return 2; }
                x->n++;
                p = e;
                while (*p == ' ') p++;
            }
        }
    }
    fclose(f);
    return strcmp(want, got) == 0 && r->nv > 0 ? 0 : 2;
}

/* ----- computing a run ------------------------------------------------------------- */
static inline double run_rss_kb(void)
{
    struct rusage u;
    return getrusage(RUSAGE_SELF, &u) == 0 ? (double)u.ru_maxrss : NAN;
}

/* Which memories a trained network uses (fig01, measures = 2). A memory is USED when it
   is the best match of at least one of the first `compare` training images: the memory
   mu with the largest overlap xi_mu . x over the pixels, the one whose term F(xi_mu . x)
   dominates the energy of that image (F grows with its argument). A memory is
   UNTRAINED when its pixels still point where they started: cosine similarity to its
   random initial vector above 0.5 (measured in fig01's quick data: the 40 strongest
   memories have 0.16 to 0.34 at n = 2 and 5, about 0 at n = 40). Records "won" and
   "untrained" (counts out of K), and for the memories drawn in the grid (rank order,
   at most 40) "shown_wins" (images each is the best match of) and "shown_start_cos". */
static inline void run_memory_use(const dam_dense *net, const dam_real *start, const dam_dataset *train, const int *rank,
                                  int compare, run_result *r)
{
    int K = net->K, mu, q, j, won = 0, untrained = 0, shown = K < 40 ? K : 40;
    int *wins = (int *)calloc((size_t)K, sizeof(int));
    double *cosine = (double *)malloc(sizeof(double) * K), sw[40], sc[40];
    if (!wins || !cosine) { free(wins); free(cosine); return; }
    for (q = 0; q < compare; q++) {
        const signed char *x = train->x + (size_t)q * train->N;
        double best = -1e300;
        int arg = 0;
        for (mu = 0; mu < K; mu++) {
            const dam_real *xm = net->xi + (size_t)mu * net->N;
            double dot = 0;
            for (j = 0; j < train->pixels; j++) dot += xm[j] * x[j];
            if (dot > best) best = dot, arg = mu;
        }
        wins[arg]++;
    }
    for (mu = 0; mu < K; mu++) {
        const dam_real *xm = net->xi + (size_t)mu * net->N, *x0 = start + (size_t)mu * net->N;
        double dot = 0, a = 0, b = 0;
        for (j = 0; j < train->pixels; j++) dot += (double)xm[j] * x0[j], a += (double)xm[j] * xm[j], b += (double)x0[j] * x0[j];
        cosine[mu] = a > 0 && b > 0 ? dot / sqrt(a * b) : 1;
        won += wins[mu] > 0;
        untrained += cosine[mu] > 0.5;
    }
    for (j = 0; j < shown; j++) sw[j] = wins[rank[j]], sc[j] = cosine[rank[j]];
    run_put1(r, "won", won);
    run_put1(r, "untrained", untrained);
    run_put(r, "shown_wins", sw, shown);
    run_put(r, "shown_start_cos", sc, shown);
    free(wins);
    free(cosine);
}

/* The memory measures of fig01 (see fig01_memories.c): used memories, prototype
   similarity and label selectivity of the K/8 strongest; the 40 strongest drawn to
   grid (if not NULL); with start (the initial memories) also run_memory_use. */
static inline void run_memory_measures(const dam_dense *net, const dam_dataset *train, run_result *r, const char *grid,
                                       const dam_real *start)
{
    int K = net->K, mu, i, j, q, used, top = K / 8 > 0 ? K / 8 : 1, compare = train->count < 2000 ? train->count : 2000;
    double *strength = (double *)malloc(sizeof(double) * K), proto = 0, select = 0;
    int *rank = (int *)malloc(sizeof(int) * K);
    dam_real *shown = (dam_real *)calloc((size_t)40 * net->N, sizeof(dam_real));
    char why[DAM_WHY_SIZE];
    if (!strength || !rank || !shown) { free(strength); free(rank); free(shown); return; }
    for (mu = 0; mu < K; mu++) {
        double m = 0;
        for (j = 0; j < train->pixels; j++) m += fabs((double)net->xi[(size_t)mu * net->N + j]);
        strength[mu] = m / train->pixels;
        rank[mu] = mu;
    }
    for (i = 1; i < K; i++) {
        int x = rank[i];
        j = i - 1;
        while (j >= 0 && strength[rank[j]] < strength[x]) rank[j + 1] = rank[j], j--;
        rank[j + 1] = x;
    }
    for (used = 0; used < K && strength[rank[used]] > 0.25; used++) {
    }
    for (i = 0; i < top; i++) {
        const dam_real *xm = net->xi + (size_t)rank[i] * net->N;
        double norm = 0, best = -1, tp = -2, rest = 0;
        int c, cb = 0;
        for (j = 0; j < train->pixels; j++) norm += (double)xm[j] * xm[j];
        norm = sqrt(norm * train->pixels);
        for (q = 0; q < compare; q++) {
            const signed char *x = train->x + (size_t)q * train->N;
            double dot = 0;
            for (j = 0; j < train->pixels; j++) dot += xm[j] * x[j];
            if (norm > 0 && dot / norm > best) best = dot / norm;
        }
        proto += best;
        for (c = 0; c < train->classes; c++)
            if (xm[train->pixels + c] > tp) tp = xm[train->pixels + c], cb = c;
        for (c = 0; c < train->classes; c++)
            if (c != cb) rest += xm[train->pixels + c];
        select += (tp - rest / (train->classes - 1)) / 2;
    }
    if (start) run_memory_use(net, start, train, rank, compare, r);
    run_put1(r, "used", used);
    run_put1(r, "prototype", proto / top);
    run_put1(r, "selectivity", select / top);
    if (grid) {
        for (i = 0; i < 40 && i < K; i++)
            memcpy(shown + (size_t)i * net->N, net->xi + (size_t)rank[i] * net->N, sizeof(dam_real) * net->N);
        dam_write_grid(grid, shown, K < 40 ? K : 40, net->N, train->width, train->height, 10, 3, why);
    }
    free(strength);
    free(rank);
    free(shown);
}

static inline int run_compute_single(fig *F, const run_spec *s, run_result *r, const char *grid)
{
    dam_dataset train, test;
    dam_dense_desc nd;
    dam_train_desc td = dam_train_defaults(s->n);
    dam_dense net;
    dam_rng rng;
    dam_score sc;
    dam_result e;
    dam_real *start = NULL; /* the initial memories (measures 2) */
    double t0 = fig_now();
    if (fig_load(F, s->items, s->test_items, &train, &test)) return 1;
    nd = dam_dense_defaults(train.N, s->K, s->n);
    nd.f = s->f ? DAM_F_RECTIFIED : DAM_F_LEAKY;
    nd.T = 0; /* the default temperature of n and f, which training keeps */
    nd.mask_start = train.pixels;
    nd.mask_count = train.classes;
    td.epochs = s->epochs;
    td.batch = s->batch;
    dam_rng_seed(&rng, (uint64_t)s->seed);
    if ((e = dam_dense_init(&net, &nd, &rng, NULL)) != DAM_OK) {
        cli_error(F->name, "training", net.why, dam_result_string(e));
        return 1;
    }
    if (s->measures >= 2 && !(start = (dam_real *)malloc(sizeof(dam_real) * (size_t)net.K * net.N))) {
        fprintf(stderr, "%s: no memory for the initial memories\n", F->name);
        dam_dense_free(&net);
        return 1;
    }
    if (start) memcpy(start, net.xi, sizeof(dam_real) * (size_t)net.K * net.N);
    if ((e = dam_train(&net, &td, &train, &rng)) != DAM_OK || (e = dam_dense_accuracy(&net, &test, &sc)) != DAM_OK) {
        cli_error(F->name, "training", net.why, dam_result_string(e));
        free(start);
        return 1;
    }
    run_put1(r, "acc", sc.accuracy);
    run_put1(r, "learned", sc.accuracy);
    run_put1(r, "ties", sc.ties);
    run_memory_measures(&net, &train, r, grid, start);
    free(start);
    run_put1(r, "seconds", fig_now() - t0);
    run_put1(r, "rss_kb", run_rss_kb());
    dam_dense_free(&net);
    dam_dataset_free(&train);
    dam_dataset_free(&test);
    return 0;
}

static inline int run_compute_seq(fig *F, const run_spec *s, run_result *r)
{
    fig_tasks tk;
    dam_seq_desc d = run_seq_desc(s);
    dam_dense net;
    dam_seq q;
    double t0 = fig_now(), diag[RUN_MAXT], forget, lrn = 2, pm = 0, rm = 0;
    int j, T;
    memset(&tk, 0, sizeof tk);
    if (s->tasks < 1 || s->tasks > RUN_MAXT) { fprintf(stderr, "%s: tasks must be 1..%d\n", F->name, RUN_MAXT); return 2; }
    tk.T = s->tasks;
    tk.items = s->items;
    tk.test_items = s->test_items;
    tk.epochs = s->epochs;
    tk.batch = s->batch;
    tk.K = s->K;
    tk.scenario = s->scenario;
    tk.angles = s->angles;
    tk.split = s->split;
    F->seed = s->seed; /* the permutations come from the seed: paired across techniques */
    if (fig_tasks_make(F, &tk)) return 1;
    if (fig_sequence(F, &tk, d, s->n, s->K, (uint64_t)s->seed, "run", &net, &q)) { fig_tasks_free(&tk); return 1; }
    T = q.T;
    for (j = 0; j < T; j++) diag[j] = q.R[(size_t)j * T + j], lrn = fmin(lrn, diag[j]);
    forget = fig_mean_forgetting(&q);
    run_put1(r, "acc", q.acc);
    run_put1(r, "bwt", q.bwt);
    run_put1(r, "fwt", q.fwt);
    run_put1(r, "forgetting", forget);
    run_put1(r, "first", q.R[(size_t)(T - 1) * T]);
    run_put1(r, "drop", q.R[0] - q.R[(size_t)(T - 1) * T]);
    run_put1(r, "learned", lrn);
    run_put1(r, "incremental", dam_seq_incremental_accuracy(q.R, T)); /* mean over i of mean_{j<=i} R[i][j] */
    run_put(r, "R", q.R, T * T);
    run_put(r, "b", q.b, T);
    run_put(r, "diag", diag, T);
    run_put(r, "forget", q.forgetting, T);
    if (q.pseudo_margin && T > 1) {
        for (j = 1; j < T; j++) pm += q.pseudo_margin[j] / (T - 1), rm += q.real_margin[j] / (T - 1);
        run_put1(r, "skewed", q.pseudo_warnings);
        run_put1(r, "pseudo_margin", pm);
        run_put1(r, "real_margin", rm);
    }
    run_put1(r, "seconds", fig_now() - t0);
    run_put1(r, "rss_kb", run_rss_kb());
    dam_seq_free(&q);
    dam_dense_free(&net);
    fig_tasks_free(&tk);
    return 0;
}

/* Hopfield: N = 100, T = 10 tasks of P = 5 random patterns; the run's value is the mean
   over `repeats` inner repeats (patterns and network from seed * 1000 + repeat). */
static inline int run_compute_hopfield(fig *F, const run_spec *s, run_result *r)
{
    enum { N = 100, T = 10, P = 5 };
    static signed char pat[T * P * N];
    double earlier[T], current[T], first[T], stab[T], stored = 0, unconv = 0, t0 = fig_now();
    int rep, i, j, k, buffered = 0;
    for (i = 0; i < T; i++) earlier[i] = current[i] = first[i] = stab[i] = 0;
    for (rep = 0; rep < s->repeats; rep++) {
        dam_hopfield h;
        dam_rng rng;
        dam_hopfield_seq_desc d = dam_hopfield_sequence_defaults();
        dam_hopfield_seq_info info;
        double stable[T * T], recall[T * T];
        dam_result e;
        d.rule = (dam_hopfield_rule)s->rule;
        d.kappa = s->kappa;
        d.replay = (dam_hopfield_replay)s->replay;
        info.pseudo = NULL;
        dam_rng_seed(&rng, (uint64_t)s->seed * 1000u + (uint64_t)rep);
        for (k = 0; k < T * P * N; k++) pat[k] = dam_rng_uniform(&rng) < 0.5 ? 1 : -1;
        if ((e = dam_hopfield_init(&h, N, NULL)) != DAM_OK ||
            (e = dam_hopfield_sequence(&h, pat, T, P, &d, &rng, stable, recall, &info)) != DAM_OK) {
            cli_error(F->name, "the Hopfield sequence failed", h.why, dam_result_string(e));
            return 1;
        }
        for (i = 0; i < T; i++) {
            double ee = 0, st = 0;
            for (j = 0; j < i; j++) ee += recall[i * T + j], st += stable[i * T + j];
            if (i > 0) earlier[i] += ee / i / s->repeats, stab[i] += st / i / s->repeats;
            current[i] += recall[i * T + i] / s->repeats;
            first[i] += recall[i * T] / s->repeats;
        }
        stored += info.pseudo_stored, buffered += info.pseudo_count;
        unconv += (double)info.unconverged / s->repeats;
        dam_hopfield_free(&h);
    }
    earlier[0] = stab[0] = NAN;
    run_put(r, "earlier", earlier, T);
    run_put(r, "current", current, T);
    run_put(r, "first", first, T);
    run_put(r, "stable", stab, T);
    run_put1(r, "acc", earlier[T - 1]);
    run_put1(r, "buffer_stored", s->replay == 2 && buffered > 0 ? stored / buffered : NAN);
    run_put1(r, "unconverged", unconv);
    run_put1(r, "seconds", fig_now() - t0);
    run_put1(r, "rss_kb", run_rss_kb());
    return 0;
}

/* ----- command-line form of a spec --------------------------------------------------- */
/* Parse the settable names of a key (the derived ones - dam, eps, T, lr, ... - are only
   compared, through the whole key, by the caller). Returns 0, or 2 after a message. */
static inline int run_parse(const char *prog, int argc, char **argv, run_spec *s)
{
    int i;
    *s = run_spec_defaults(RUN_SEQ);
    for (i = 0; i < argc; i++) {
        const char *a = argv[i], *v = strchr(a, '=');
        char name[32];
        size_t l;
        if (!v || (l = (size_t)(v - a)) >= sizeof name) { fprintf(stderr, "%s: '%s' is not name=value\n", prog, a); return 2; }
        memcpy(name, a, l);
        name[l] = 0;
        v++;
#define RUN_IS(x) (strcmp(name, x) == 0)
        if (RUN_IS("kind")) s->kind = strcmp(v, "single") == 0 ? RUN_SINGLE : strcmp(v, "seq") == 0 ? RUN_SEQ : RUN_HOPFIELD;
        else if (RUN_IS("dataset")) s->dataset = v; /* mnist, fashion or a folder (the key comparison catches the rest) */
        else if (RUN_IS("scenario")) s->scenario = v;
        else if (RUN_IS("angles")) s->angles = strcmp(v, "default") == 0 ? NULL : v;
        else if (RUN_IS("split")) s->split = strcmp(v, "default") == 0 ? NULL : v;
        else if (RUN_IS("seed")) s->seed = atoi(v);
        else if (RUN_IS("n")) s->n = atoi(v);
        else if (RUN_IS("K")) s->K = atoi(v);
        else if (RUN_IS("f")) s->f = strcmp(v, "rectified") == 0;
        else if (RUN_IS("items")) s->items = atoi(v);
        else if (RUN_IS("test_items")) s->test_items = atoi(v);
        else if (RUN_IS("epochs")) s->epochs = atoi(v);
        else if (RUN_IS("batch")) s->batch = atoi(v);
        else if (RUN_IS("tasks")) s->tasks = atoi(v);
        else if (RUN_IS("technique")) s->technique = dam_technique_from_name(v);
        else if (RUN_IS("rehearsal")) s->rehearsal = atof(v);
        else if (RUN_IS("pseudo_items")) s->pseudo_items = atoi(v);
        else if (RUN_IS("pseudo_probe")) s->pseudo_probe = strcmp(v, "class") == 0 ? DAM_PSEUDO_CLASS : strcmp(v, "random") == 0 ? DAM_PSEUDO_RANDOM : DAM_PSEUDO_RELAXED;
        else if (RUN_IS("pseudo_soft")) s->pseudo_soft = atof(v);
        else if (RUN_IS("ewc_lambda")) s->ewc_lambda = atof(v);
        else if (RUN_IS("si_c")) s->si_c = atof(v);
        else if (RUN_IS("mas_lambda")) s->mas_lambda = atof(v);
        else if (RUN_IS("memory")) s->memory = atoi(v);
        else if (RUN_IS("rule")) s->rule = strcmp(v, "delta") == 0;
        else if (RUN_IS("kappa")) s->kappa = atof(v);
        else if (RUN_IS("replay")) s->replay = strcmp(v, "none") == 0 ? 0 : strcmp(v, "rehearsal") == 0 ? 1 : 2;
        else if (RUN_IS("repeats")) s->repeats = atoi(v);
        else if (RUN_IS("measures")) {
            /* 0 (plain) or 2 (also the memory-use measures of fig01): anything else
               would change the key and measure nothing, or silently be a plain run */
            if (strcmp(v, "0") != 0 && strcmp(v, "2") != 0) {
                fprintf(stderr, "%s: measures must be 0 or 2, not '%s'\n", prog, v);
                return 2;
            }
            s->measures = atoi(v);
        }
#undef RUN_IS
    }
    if (s->technique < 0) { fprintf(stderr, "%s: unknown technique\n", prog); return 2; }
    if (s->scenario && strcmp(s->scenario, "permuted") != 0 && strcmp(s->scenario, "rotated") != 0 &&
        strcmp(s->scenario, "split-class") != 0 && strcmp(s->scenario, "split-task") != 0) {
        fprintf(stderr, "%s: scenario must be permuted, rotated, split-class or split-task\n", prog);
        return 2;
    }
    if (strlen(s->dataset) > 64 || (s->angles && strlen(s->angles) > 64) || (s->split && strlen(s->split) > 64)) {
        fprintf(stderr, "%s: dataset, angles and split must be at most 64 characters in a key\n", prog);
        return 2;
    }
    if (strpbrk(s->dataset, " \t\n\r\v\f")) { /* the key's command-line form (--list, --id) is space-joined */
        fprintf(stderr, "%s: dataset '%s': a folder path with white space cannot be part of a run key; "
                        "rename the folder or give a link to it without spaces\n", prog, s->dataset);
        return 2;
    }
    if (s->kind != RUN_SEQ && (!run_permuted(s) || (strcmp(s->dataset, "mnist") != 0 && strcmp(s->dataset, "fashion") != 0))) {
        fprintf(stderr, "%s: only sequence runs (kind=seq) take a scenario or a folder as the dataset\n", prog);
        return 2;
    }
    return 0;
}
/* ----- figures: the list of runs and their aggregation ------------------------------
   A figure program describes its points: each point is a run spec (without the seed),
   up to 4 identifying values (its columns in the .dat) and up to 2 sub-indices (which
   entry of a result vector, e.g. R[i][j]). Its metrics name the run results it shows.
   fig_plan_main then either lists every (point, seed) run (--list: "<id> <key>", one a
   line) or reads them all from the store and writes one row per point: the ids, the
   number of seeds, then per metric its mean, standard deviation (n - 1), and the 95%
   t-interval lo and hi, then per metric the value at each seed (columns
   "<metric>_s1".."_sS", the seeds in the order of the "# seeds:" line). */
typedef struct agg_metric {
    const char *col;   /* column stem, e.g. "acc"                                      */
    const char *name;  /* result name in the run file                                  */
    int index;         /* entry: >= 0 fixed, -1 the point's sub[0], -2 its sub[1]      */
    const char *desc;  /* "[unit] meaning"                                             */
} agg_metric;
typedef struct agg_point {
    run_spec s;
    double id[4];
    int sub[2];
} agg_point;
#define FIG_MAXPOINTS 512
typedef struct fig_plan {
    const char *idcol[4]; /* "name [unit] meaning" of the id columns                   */
    int nid;
    const agg_metric *m;
    int nm;
    int np;
    agg_point p[FIG_MAXPOINTS];
} fig_plan;

static inline agg_point *fig_point(fig_plan *P, const run_spec *s, double a, double b, double c, double d)
{
    agg_point *x;
    if (P->np >= FIG_MAXPOINTS) return NULL;
    x = &P->p[P->np++];
    x->s = *s;
    x->id[0] = a, x->id[1] = b, x->id[2] = c, x->id[3] = d;
    x->sub[0] = x->sub[1] = 0;
    return x;
}

/* Two-sided 95% quantile of Student's t with df degrees of freedom. */
static inline double run_t975(int df)
{
    static const double t[31] = {NAN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179,
                                 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
                                 2.056, 2.052, 2.048, 2.045, 2.042};
    if (df < 1) return NAN;
    return df <= 30 ? t[df] : 1.96 + 2.4 / df;
}

/* mean, sd (n - 1) and the 95% t-interval of x[0..n) (sd, lo, hi NaN for n < 2; NaN
   values make everything NaN). */
static inline void run_stats(const double *x, int n, double *mean, double *sd, double *lo, double *hi)
{
    double m = 0, v = 0, h;
    int i;
    for (i = 0; i < n; i++) m += x[i];
    m = n ? m / n : NAN;
    for (i = 0; i < n; i++) v += (x[i] - m) * (x[i] - m);
    *mean = m;
    *sd = n > 1 ? sqrt(v / (n - 1)) : NAN;
    h = n > 1 ? run_t975(n - 1) * *sd / sqrt((double)n) : NAN;
    *lo = m - h;
    *hi = m + h;
}

/* The seeds: --seeds "1 2 3" (spaces or commas), or the profile's default. */
static inline int fig_seeds(const fig *F, int *seeds, int max)
{
    const char *t = F->seeds_text;
    int n = 0;
    if (!t || !*t) t = F->profile == FIG_SMOKE ? "1" : F->profile == FIG_QUICK ? "1 2 3" : "1 2 3 4 5";
    while (*t && n < max) {
        char *e;
        long v;
        while (*t == ' ' || *t == ',') t++;
        if (!*t) break;
        v = strtol(t, &e, 10);
        if (e == t) return -1;
        seeds[n++] = (int)v;
        t = e;
    }
    return n;
}

static inline void fig_num(FILE *f, double x)
{
    if (isnan(x)) fprintf(f, " NaN");
    else fprintf(f, " %.4f", x);
}

/* List or aggregate. seeds/nseeds: the seeds of every point. Returns the exit code. */
static inline int fig_plan_main(fig *F, fig_plan *P, const int *seeds, int nseeds, int (*after)(fig *, fig_plan *, const int *, int))
{
    static const char *cols[4 + 1 + 4 * 16 + 16 * 32];
    static char colbuf[4 + 1 + 4 * 16 + 16 * 32][160];
    static run_result r;
    char key[RUN_KEY_SIZE], id[17], path[1200], line[4096];
    int i, k, q, nc = 0, rc;
    double vals[32][64];
    if (nseeds < 1 || nseeds > 32) { fprintf(stderr, "%s: --seeds must list 1..32 seeds\n", F->name); return 2; }
    if (F->list) {
        for (i = 0; i < P->np; i++)
            for (k = 0; k < nseeds; k++) {
                run_spec s = P->p[i].s;
                s.seed = seeds[k];
                run_key(&s, key, sizeof key, ' ');
                run_id(&s, id);
                printf("%s %s\n", id, key);
            }
        return 0;
    }
    for (i = 0; i < P->nid; i++) cols[nc++] = P->idcol[i];
    cols[nc++] = "seeds [-] number of seeds (runs) behind the row";
    for (q = 0; q < P->nm; q++) {
        static const char *what[4] = {"mean over seeds of", "standard deviation over seeds of", "lower end of the 95% t-interval of the mean of", "upper end of the 95% t-interval of the mean of"};
        static const char *suf[4] = {"mean", "sd", "lo", "hi"};
        for (k = 0; k < 4; k++) {
            snprintf(colbuf[nc], sizeof colbuf[0], "%s_%s %s %s", P->m[q].col, suf[k], what[k], P->m[q].desc);
            cols[nc] = colbuf[nc];
            nc++;
        }
    }
    for (q = 0; q < P->nm; q++)
        for (k = 0; k < nseeds; k++) {
            snprintf(colbuf[nc], sizeof colbuf[0], "%s_s%d [-] %s at seed %d (the %d. of '# seeds:')", P->m[q].col, k + 1, P->m[q].col,
                     seeds[k], k + 1);
            cols[nc] = colbuf[nc];
            nc++;
        }
    if ((rc = fig_open(F, cols, nc)) != 0) return rc;
    {
        int len = 0;
        line[0] = 0;
        for (k = 0; k < nseeds; k++) len += snprintf(line + len, sizeof line - (size_t)len, "%s%d", k ? " " : "", seeds[k]);
        fig_param(F, "seeds", "%s", line);
    }
    fig_param(F, "runs", "%d (points x seeds; each is a file of the run store %s, named by the FNV-1a 64 hash of its key)", P->np * nseeds, F->store);
    fig_param(F, "interval", "95%% t-interval of the mean over seeds: mean +- t(0.975, S-1) sd / sqrt(S)");
    if (P->np > 0) {
        run_spec s = P->p[0].s;
        s.seed = seeds[0];
        run_key(&s, key, sizeof key, ' ');
        fig_param(F, "first run's key", "%s", key);
    }
    for (i = 0; i < P->np; i++) {
        if (!fig_mine(F, i)) continue;
        for (k = 0; k < nseeds; k++) {
            run_spec s = P->p[i].s;
            s.seed = seeds[k];
            run_path(F->store, &s, path, sizeof path);
            rc = run_read(path, &s, &r);
            if (rc) {
                run_key(&s, key, sizeof key, ' ');
                fprintf(stderr, "%s: run %s %s the store (make figures computes it; or build/examples/run %s)\n", F->name, path,
                        rc == 1 ? "is missing from" : "holds another key in", key);
                fclose(F->f);
                remove(F->tmp);
                return 1;
            }
            for (q = 0; q < P->nm; q++) {
                int ix = P->m[q].index >= 0 ? P->m[q].index : P->p[i].sub[-P->m[q].index - 1];
                vals[q][k] = run_get(&r, P->m[q].name, ix);
            }
        }
        {
            char b[32];
            int len = 0;
            line[0] = 0;
            for (k = 0; k < P->nid; k++) len += snprintf(line + len, sizeof line - (size_t)len, "%s%s", k ? " " : "", cli_num(b, P->p[i].id[k]));
            fprintf(F->f, "%s %d", line, nseeds);
        }
        for (q = 0; q < P->nm; q++) {
            double m, sd, lo, hi;
            run_stats(vals[q], nseeds, &m, &sd, &lo, &hi);
            fig_num(F->f, m), fig_num(F->f, sd), fig_num(F->f, lo), fig_num(F->f, hi);
        }
        for (q = 0; q < P->nm; q++)
            for (k = 0; k < nseeds; k++) fig_num(F->f, vals[q][k]);
        fputc('\n', F->f);
    }
    if (after && (rc = after(F, P, seeds, nseeds)) != 0) { fclose(F->f); remove(F->tmp); return rc; }
    return fig_close(F);
}

/* The sequence spec of a figure: the profile's sizes (figseq.h) and technique t at n. */
static inline run_spec fig_seq_spec(const fig *F, int technique, int n)
{
    fig_tasks tk;
    run_spec s = run_spec_defaults(RUN_SEQ);
    fig_tasks_sizes(F, &tk);
    s.dataset = F->dataset;
    s.technique = technique;
    s.n = n;
    s.tasks = tk.T;
    s.items = tk.items;
    s.test_items = tk.test_items;
    s.epochs = tk.epochs;
    s.batch = tk.batch;
    s.K = tk.K;
    return s;
}

/* The metrics every sequence figure shows. */
static const agg_metric fig_seq_metrics[] = {
    {"acc", "acc", 0, "[-] average test accuracy after the last task"},
    {"bwt", "bwt", 0, "[-] backward transfer"},
    {"fwt", "fwt", 0, "[-] forward transfer"},
    {"forgetting", "forgetting", 0, "[-] mean forgetting of tasks 0..T-2"},
    {"first", "first", 0, "[-] task 0 accuracy after the last task"},
    {"learned", "learned", 0, "[-] min over tasks of the accuracy right after the task's own training (R[j][j])"},
    {"seconds", "seconds", 0, "[s] wall time of the run"}};
#define FIG_SEQ_NMETRICS 7
/* the single-task spec of fig01 and fig02 (shared runs) */
static inline run_spec fig_single_spec(const fig *F, int n, int f)
{
    run_spec s = run_spec_defaults(RUN_SINGLE);
    s.dataset = F->dataset;
    s.n = n;
    s.f = f;
    s.K = 256;
    s.items = fig_pick(F, 500, 10000, 60000);
    s.test_items = fig_pick(F, 500, 10000, 10000);
    s.epochs = fig_pick(F, 3, 20, 100);
    s.batch = fig_pick(F, 100, 100, 1000); /* quick: 100 items per step (20 epochs of 10,000 items
                                              at batch 1000 left n = 2 at 0.876 against 0.923 after 100) */
    return s;
}

#endif
