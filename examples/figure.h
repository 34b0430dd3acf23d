/* figure.h - what every figure program shares: the common flags (--profile, --seed,
   --out, --shard, --data-dir), self-describing .dat files written atomically, data
   loading and progress lines.

   A figure program is a sweep over "jobs" (one point of the figure each, e.g. one n, or
   one (n, seed) pair), numbered 0..J-1 in the order an unsharded run does them. With
   --shard i/N it runs only jobs j with j % N == i, so a sweep can be spread over N
   machines by any batch scheduler (a job array running
   `build/examples/figNN_x --shard $i/N --out data/figNN_x.dat.shard$i`), then
   scripts/merge-shards.sh data/figNN_x.dat joins the pieces. It refuses unless exactly
   the shards 0/N..N-1/N are there, their headers agree and every job is there once, and
   puts the rows in job order, so a merged file has the data lines of an unsharded run.

   .dat format: "# Column k: name [unit] meaning" lines, "# key: value" header lines
   (figure, claim, profile, seed, shard, every parameter, dam.h version, then the run
   information of cli_run_info: commit, compiler, flags, threads, date, host), then per
   job a "# job: j" line and its whitespace-separated rows (one per data point), and at
   the end "# jobs: J" (the number of jobs of the whole sweep) and "# seconds: S".
   gnuplot reads it as is. Numbers that identify a run (n, seeds, K, items, swept
   settings) are written exactly: integers with %d, other settings with cli_num.
   --format csv writes the same table as CSV instead (default path data/<name>.csv): a
   header row of the column names, then the rows with the .dat's number texts joined by
   commas (cli_dat_to_csv); the "# " lines are not in it. The .dat stays the format of
   make figures, plots, verify and merge-shards.sh, so CSV is refused with --shard. */
#ifndef DAM_EXAMPLES_FIGURE_H
#define DAM_EXAMPLES_FIGURE_H
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "mnist.h"

typedef enum { FIG_SMOKE = 0, FIG_QUICK = 1, FIG_PAPER = 2 } fig_profile;

typedef struct fig {
    const char *name;       /* stem, e.g. "fig02_single_task"                         */
    const char *claim;      /* the paper claim the figure tests                        */
    fig_profile profile;
    const char *profile_name;
    int seed;
    const char *out;        /* the .dat path                                          */
    const char *data_dir;   /* folder holding mnist/ and fashion/                     */
    const char *dataset;    /* mnist | fashion                                        */
    const char *plots;      /* folder for images a program writes itself (fig01)      */
    int list;               /* --list: print the runs' ids and keys, compute nothing      */
    const char *seeds_text; /* --seeds "1 2 3" (empty: the profile's default)             */
    const char *store;      /* --store: the run store folder (default data/runs)          */
    int csv;                /* --format csv: out is CSV (the .dat is written to tmp first)  */
    int shard_i, shard_n;
    int jobs;               /* 1 + the largest job number seen by fig_mine            */
    FILE *f;
    char outbuf[1024], tmp[1100];
    double t0;
} fig;

#define FIG_DONE (-1) /* fig_init's return after --help / --version: exit 0 */

static inline double fig_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * ts.tv_nsec;
}

/* Parse the common flags plus the program's own (extra, may be NULL) and check that the
   output can be written. Returns 0 to go on; FIG_DONE after --help or --version (the
   program exits 0); 2 after a message about a bad flag, 1 after one about an output that
   cannot be written (the program exits with it): `return rc < 0 ? 0 : rc`. */
static inline int fig_init(fig *F, const char *name, const char *claim, int argc, char **argv,
                    const cli_opt *extra, int nextra)
{
    static cli_opt opts[64];
    const char *profile = "quick", *shard = "0/1", *format = "dat";
    char about[512];
    int k, n = 0;
    /* k is reused below: the parser's result, then the end of the --shard text */
    memset(F, 0, sizeof *F);
    F->name = name;
    F->claim = claim;
    F->seed = 1;
    F->seeds_text = "";
    F->store = "data/runs";
    F->data_dir = "data";
    F->dataset = "mnist";
    F->plots = "plots";
    opts[n++] = (cli_opt){"profile", CLI_STRING, &profile, "smoke | quick | paper"};
    opts[n++] = (cli_opt){"seeds", CLI_STRING, &F->seeds_text, "seeds of every point, e.g. \"1 2 3\" (default: smoke 1, quick 1 2 3, paper 1 2 3 4 5)"};
    opts[n++] = (cli_opt){"list", CLI_FLAG, &F->list, "print the runs the figure needs (\"<id> <key>\" lines) and exit"};
    opts[n++] = (cli_opt){"store", CLI_STRING, &F->store, "the run store folder"};
    opts[n++] = (cli_opt){"out", CLI_STRING, &F->out, "output .dat file (default data/<name>.dat)"};
    opts[n++] = (cli_opt){"shard", CLI_STRING, &shard, "i/N: run only jobs j with j % N == i"};
    opts[n++] = (cli_opt){"data-dir", CLI_STRING, &F->data_dir, "folder holding mnist/ and fashion/ (the IDX files under DIR/<dataset>/)"};
    opts[n++] = (cli_opt){"dataset", CLI_STRING, &F->dataset, "mnist | fashion"};
    opts[n++] = (cli_opt){"plots", CLI_STRING, &F->plots, "folder for images the program writes itself"};
    opts[n++] = (cli_opt){"format", CLI_STRING, &format, "dat | csv: the output as a .dat (# header lines) or as CSV with a header row"};
    for (k = 0; k < nextra && n < 64; k++) opts[n++] = extra[k];
    snprintf(about, sizeof about, "%s: %s\n(claim tested: %s)", name, "a figure of the reproduction", claim);
    if ((k = cli_parse(argc, argv, opts, n, about)) != 0) return k > 0 ? FIG_DONE : 2;
    if (strcmp(profile, "smoke") == 0) F->profile = FIG_SMOKE;
    else if (strcmp(profile, "quick") == 0) F->profile = FIG_QUICK;
    else if (strcmp(profile, "paper") == 0) F->profile = FIG_PAPER;
    else { fprintf(stderr, "%s: --profile must be smoke, quick or paper\n", name); return 2; }
    F->profile_name = profile;
    k = -1;
    if (sscanf(shard, "%d/%d%n", &F->shard_i, &F->shard_n, &k) != 2 || shard[k] || F->shard_n < 1 || F->shard_i < 0 ||
        F->shard_i >= F->shard_n) {
        fprintf(stderr, "%s: --shard must be i/N with 0 <= i < N, got '%s'\n", name, shard);
        return 2;
    }
    if (strcmp(F->dataset, "mnist") != 0 && strcmp(F->dataset, "fashion") != 0) {
        fprintf(stderr, "%s: --dataset must be mnist or fashion\n", name);
        return 2;
    }
    if (strcmp(format, "dat") != 0 && strcmp(format, "csv") != 0) {
        fprintf(stderr, "%s: --format must be dat or csv\n", name);
        return 2;
    }
    F->csv = strcmp(format, "csv") == 0;
    if (F->csv && F->shard_n > 1) {
        fprintf(stderr, "%s: --format csv writes a whole figure: shards are .dat files (merge them with scripts/merge-shards.sh)\n", name);
        return 2;
    }
    if (!F->out) {
        snprintf(F->outbuf, sizeof F->outbuf, "data/%s.%s", F->name, F->csv ? "csv" : "dat");
        F->out = F->outbuf;
    }
    if (strlen(F->out) + 9 > sizeof F->tmp) {
        fprintf(stderr, "%s: cannot write %s: the path is too long\n", name, F->out);
        return 1;
    }
    if (!F->list && cli_writable(name, F->out)) return 1;
    F->t0 = fig_now();
    return 0;
}

/* Is job j this shard's? Call it once per job, in job order, after fig_open: it counts
   the jobs (for "# jobs: J") and, when the job is this shard's, writes "# job: j" so
   the rows that follow can be told apart by scripts/merge-shards.sh. */
static inline int fig_mine(fig *F, int j)
{
    if (j + 1 > F->jobs) F->jobs = j + 1;
    if (j % F->shard_n != F->shard_i) return 0;
    if (F->f) fprintf(F->f, "# job: %d\n", j);
    return 1;
}

/* Pick a value by profile. */
static inline int fig_pick(const fig *F, int smoke, int quick, int paper)
{
    return F->profile == FIG_SMOKE ? smoke : F->profile == FIG_QUICK ? quick : paper;
}

/* Open the output (path.tmp) and write the header: columns, then key-value lines.
   Returns 0, or 1 after a message. */
static inline int fig_open(fig *F, const char *const *columns, int ncolumns)
{
    int k;
    snprintf(F->tmp, sizeof F->tmp, F->csv ? "%s.dat.tmp" : "%s.tmp", F->out);
    F->f = fopen(F->tmp, "w");
    if (!F->f) { fprintf(stderr, "%s: cannot write %s: %s\n", F->name, F->tmp, strerror(errno)); return 1; }
    for (k = 0; k < ncolumns; k++) fprintf(F->f, "# Column %d: %s\n", k + 1, columns[k]);
    fprintf(F->f, "# figure: %s\n# claim: %s\n# profile: %s\n# shard: %d/%d\n# dataset: %s\n# dam.h: %s\n",
            F->name, F->claim, F->profile_name, F->shard_i, F->shard_n, F->dataset, dam_version());
    cli_run_info(F->f);
    return 0;
}

/* A "# key: value" header line (a parameter). */
static inline void fig_param(fig *F, const char *key, const char *fmt, ...)
{
    va_list ap;
    fprintf(F->f, "# %s: ", key);
    va_start(ap, fmt);
    vfprintf(F->f, fmt, ap);
    va_end(ap);
    fputc('\n', F->f);
}

/* One data row (flushed, so a killed run keeps what it finished in the .tmp). */
static inline void fig_row(fig *F, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(F->f, fmt, ap);
    va_end(ap);
    fputc('\n', F->f);
    fflush(F->f);
}

/* Close and rename into place; returns the program's exit code. */
static inline int fig_close(fig *F)
{
    int bad;
    fprintf(F->f, "# jobs: %d\n# seconds: %.1f\n", F->jobs, fig_now() - F->t0);
    bad = ferror(F->f);
    bad |= fclose(F->f) != 0;
    if (!bad && F->csv) {
        /* the CSV from the finished .dat (through out.tmp and a rename) */
        bad = cli_write_csv(F->name, F->tmp, 0, F->out);
        remove(F->tmp);
        if (bad) return 1;
    } else if (bad || rename(F->tmp, F->out) != 0) {
        fprintf(stderr, "%s: cannot write %s: %s\n", F->name, F->out, errno ? strerror(errno) : "write error");
        remove(F->tmp);
        return 1;
    }
    fprintf(stderr, "%s: wrote %s in %.1f s\n", F->name, F->out, fig_now() - F->t0);
    return 0;
}

/* Load `items` training items (from the start) and `test_items` test items. Returns 0,
   or 1 after a message. */
static inline int fig_load(const fig *F, int items, int test_items, dam_dataset *train, dam_dataset *test)
{
    char dir[1024];
    mnist_dir(dir, sizeof dir, F->data_dir, F->dataset);
    if (mnist_load(F->name, dir, "train", 127, items, train)) return 1;
    if (mnist_load(F->name, dir, "t10k", 127, test_items, test)) {
        dam_dataset_free(train);
        return 1;
    }
    return 0;
}

/* A progress line per epoch on stderr; user points at a short label. */
static inline int fig_progress(const dam_progress *p, void *user)
{
    fprintf(stderr, "  %s task %d epoch %3d/%d  loss %.4f  %.2f s\n", user ? (const char *)user : "",
            p->task, p->epoch + 1, p->epochs, p->loss, p->seconds);
    return 0;
}
#endif
