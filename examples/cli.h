/* cli.h - what every command-line tool of the examples shares: the flag parser, the
   check that an output path can be written, the run-information header lines, and
   exact number formatting.

   Flags are "--name value" or "--name=value"; "--help" prints every flag with its
   default and description, "--version" prints "prog (dam.h X.Y.Z)". Values are parsed
   strictly: "10x" is not an integer, "nan" is refused for doubles, numbers out of the
   int range are refused. Every message starts with the program's name (the last part of
   argv[0]). Exit codes of the tools: 0 success (and after --help / --version), 2 a usage
   error (a bad flag or value, impossible settings), 1 an I/O or run failure (missing
   data, an output that cannot be written, a failed training). */
#ifndef DAM_EXAMPLES_CLI_H
#define DAM_EXAMPLES_CLI_H
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

typedef enum { CLI_INT, CLI_DOUBLE, CLI_STRING, CLI_FLAG } cli_type;
typedef struct {
    const char *name;  /* without the leading "--"                  */
    cli_type type;
    void *value;       /* int*, double*, const char**, or int* (flag) */
    const char *help;
} cli_opt;

/* The program's name for messages: the last part of argv[0]. */
static inline const char *cli_prog(const char *argv0)
{
    const char *s = argv0 ? strrchr(argv0, '/') : NULL;
    return s ? s + 1 : argv0 ? argv0 : "?";
}

static inline void cli_version(const char *prog)
{
#ifdef DAM_VERSION_STRING
    printf("%s (dam.h %s)\n", prog, DAM_VERSION_STRING);
#else
    printf("%s (dam.h unknown)\n", prog);
#endif
}

static inline int cli_set(const cli_opt *o, const char *text)
{
    char *end = NULL;
    errno = 0;
    if (o->type == CLI_INT) {
        long v = strtol(text, &end, 10);
        if (errno || end == text || *end || v < INT_MIN || v > INT_MAX) return -1;
        *(int *)o->value = (int)v;
    } else if (o->type == CLI_DOUBLE) {
        double v = strtod(text, &end);
        if (errno || end == text || *end || !isfinite(v)) return -1;
        *(double *)o->value = v;
    } else {
        *(const char **)o->value = text;
    }
    return 0;
}

static inline void cli_help(const char *about, const cli_opt *opts, int n)
{
    int k;
    printf("%s\n\nflags:\n", about);
    for (k = 0; k < n; k++) {
        const cli_opt *o = &opts[k];
        char def[64] = "";
        /* INT_MIN and NaN mean "not given: the library's default" (see the help text) */
        if (o->type == CLI_INT && *(int *)o->value == INT_MIN) snprintf(def, sizeof def, "-");
        else if (o->type == CLI_INT) snprintf(def, sizeof def, "%d", *(int *)o->value);
        else if (o->type == CLI_DOUBLE && isnan(*(double *)o->value)) snprintf(def, sizeof def, "-");
        else if (o->type == CLI_DOUBLE) snprintf(def, sizeof def, "%g", *(double *)o->value);
        else if (o->type == CLI_STRING) snprintf(def, sizeof def, "%s", *(const char **)o->value ? *(const char **)o->value : "");
        else snprintf(def, sizeof def, "off");
        printf("  --%-18s %-10s %s\n", o->name, def, o->help);
    }
    printf("  --%-18s %-10s %s\n", "help", "", "print this list");
    printf("  --%-18s %-10s %s\n", "version", "", "print the program's name and dam.h's version");
    printf("\nexit codes: 0 success, 2 a usage error (bad flag or value), 1 an I/O or run failure\n");
}

/* Returns 0 to go on, 1 after --help or --version (the caller exits 0), -1 after a
   message about a bad flag (the caller exits 2). Never exits itself. */
static inline int cli_parse(int argc, char **argv, const cli_opt *opts, int n, const char *about)
{
    const char *prog = cli_prog(argv[0]);
    int i, k;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL, *eq;
        size_t len;
        const cli_opt *o = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_help(about, opts, n);
            return 1;
        }
        if (strcmp(a, "--version") == 0) {
            cli_version(prog);
            return 1;
        }
        if (strncmp(a, "--", 2) != 0) {
            fprintf(stderr, "%s: unexpected argument '%s' (try --help)\n", prog, a);
            return -1;
        }
        a += 2;
        eq = strchr(a, '=');
        len = eq ? (size_t)(eq - a) : strlen(a);
        for (k = 0; k < n; k++)
            if (strlen(opts[k].name) == len && strncmp(opts[k].name, a, len) == 0) o = &opts[k];
        if (!o) {
            fprintf(stderr, "%s: unknown flag '--%.*s' (try --help)\n", prog, (int)len, a);
            return -1;
        }
        if (o->type == CLI_FLAG) {
            *(int *)o->value = 1;
            continue;
        }
        if (eq) val = eq + 1;
        else if (i + 1 < argc) val = argv[++i];
        else {
            fprintf(stderr, "%s: flag '--%s' needs a value\n", prog, o->name);
            return -1;
        }
        if (cli_set(o, val) != 0) {
            fprintf(stderr, "%s: bad value '%s' for --%s (%s)\n", prog, val, o->name,
                    o->type == CLI_INT ? "an integer" : o->type == CLI_DOUBLE ? "a finite number" : "text");
            return -1;
        }
    }
    return 0;
}

/* Can `path` be written? Its folder must exist and take a new file: one is created
   there and removed again (so a full disk or a read-only mount shows now, not after a
   run). An existing file at path must be writable and not a folder. Prints
   "prog: cannot write <path>: <reason>" and returns 1 (the exit code) if not; 0 if it
   can. Call it for every output before any training. */
static inline int cli_writable(const char *prog, const char *path)
{
    char dir[4096], tmp[4200];
    const char *slash;
    struct stat st;
    int fd;
    if (!path || !*path) {
        fprintf(stderr, "%s: cannot write '': the path is empty\n", prog);
        return 1;
    }
    slash = strrchr(path, '/');
    if (!slash) snprintf(dir, sizeof dir, ".");
    else if (slash == path) snprintf(dir, sizeof dir, "/");
    else if ((size_t)(slash - path) >= sizeof dir) {
        fprintf(stderr, "%s: cannot write %s: the path is too long\n", prog, path);
        return 1;
    } else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
    if (stat(dir, &st) != 0) {
        fprintf(stderr, "%s: cannot write %s: folder %s: %s\n", prog, path, dir, strerror(errno));
        return 1;
    }
    if (!S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: cannot write %s: %s is not a folder\n", prog, path, dir);
        return 1;
    }
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            fprintf(stderr, "%s: cannot write %s: it is a folder\n", prog, path);
            return 1;
        }
        if (access(path, W_OK) != 0) {
            fprintf(stderr, "%s: cannot write %s: %s\n", prog, path, strerror(errno));
            return 1;
        }
    }
    snprintf(tmp, sizeof tmp, "%s/.dam-write-check-XXXXXX", dir);
    fd = mkstemp(tmp);
    if (fd < 0) {
        fprintf(stderr, "%s: cannot write %s: %s\n", prog, path, strerror(errno));
        return 1;
    }
    close(fd);
    remove(tmp);
    return 0;
}

/* A failure message: "prog: what: why", or "prog: what: general" when why is empty (why
   is the library's specific reason, general its result code's text: the specific one
   alone, so a message never carries two that disagree). */
static inline void cli_error(const char *prog, const char *what, const char *why, const char *general)
{
    fprintf(stderr, "%s: %s: %s\n", prog, what, why && why[0] ? why : general);
}

/* Is path's extension one of the image formats dam_grid_write writes (.png, .pgm)? */
static inline int cli_image_path(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && (strcmp(path + n - 4, ".png") == 0 || strcmp(path + n - 4, ".pgm") == 0);
}

/* x written so that reading it back gives exactly x: an integer as an integer (200, not
   2e+02; 1000064, not 1e+06), anything else as the shortest %.*g that round-trips (0.05
   stays "0.05"). buf holds at least 32 chars. */
static inline const char *cli_num(char *buf, double x)
{
    int p;
    if (x == floor(x) && fabs(x) < 9007199254740992.0) {
        snprintf(buf, 32, "%.0f", x);
        return buf;
    }
    for (p = 1; p <= 17; p++) {
        snprintf(buf, 32, "%.*g", p, x);
        if (strtod(buf, NULL) == x) break;
    }
    return buf;
}

/* The run-information header lines every result file carries: the git commit the tool
   was built from (DAM_BUILD_COMMIT, which the Makefile passes, else "unknown"), the
   compiler and its flags (DAM_BUILD_FLAGS), the thread count, the UTC date and the host.
   scripts/merge-shards.sh ignores date, host and threads when it compares shards. */
static inline void cli_run_info(FILE *f)
{
    char host[256] = "unknown", date[64] = "unknown";
    time_t now = time(NULL);
    struct tm tm;
    int threads = 1;
#ifdef _OPENMP
    threads = omp_get_max_threads();
#endif
    if (gethostname(host, sizeof host) != 0) snprintf(host, sizeof host, "unknown");
    host[sizeof host - 1] = 0;
    if (gmtime_r(&now, &tm)) strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
#ifdef DAM_BUILD_COMMIT
    fprintf(f, "# commit: %s\n", DAM_BUILD_COMMIT);
#else
    fprintf(f, "# commit: unknown\n");
#endif
#ifdef __VERSION__
    fprintf(f, "# compiler: %s\n", __VERSION__);
#else
    fprintf(f, "# compiler: unknown\n");
#endif
#ifdef DAM_BUILD_FLAGS
    fprintf(f, "# flags: %s\n", DAM_BUILD_FLAGS);
#else
    fprintf(f, "# flags: unknown\n");
#endif
    fprintf(f, "# threads: %d\n", threads);
    fprintf(f, "# date: %s\n", date);
    fprintf(f, "# host: %s\n", host);
}
/* --format csv: block `block` of a .dat file as CSV, for pandas and spreadsheets. A
   .dat file names its columns in "# Column k: name [unit] meaning" lines (block 0) or
   "# Block b column k: name ..." lines (block b >= 1, after a blank line: gnuplot's
   `index b`); its data rows are whitespace-separated numbers. The CSV is one header row
   of the names ("after_task,task,accuracy"), then the rows with the same number texts
   joined by commas (nothing is reformatted, so the CSV reads back to exactly the .dat's
   numbers; NaN stays "NaN", which pandas reads as a missing value). The "# " lines
   (parameters, run information) are not in the CSV: the .dat keeps them. Returns 0, or
   -1 when a row has another number of fields than the header names (or there are no
   names). */
#define CLI_CSV_MAXCOLS 512
static inline int cli_dat_to_csv(FILE *in, FILE *out, int block)
{
    static char names[CLI_CSV_MAXCOLS][64];
    char line[65536], prefix[64];
    int ncols = 0, cur = 0, prev_blank = 1, header = 0, k;
    rewind(in);
    while (fgets(line, sizeof line, in)) {
        char *p = line, *nm;
        int fields = 0;
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == '#') {
            int n = -1;
            if (block == 0) snprintf(prefix, sizeof prefix, "# Column %%d: %%n");
            else snprintf(prefix, sizeof prefix, "# Block %d column %%d: %%n", block);
            if (sscanf(line, prefix, &k, &n) == 1 && n > 0 && k >= 1 && k <= CLI_CSV_MAXCOLS) {
                size_t l;
                nm = line + n;
                l = strcspn(nm, " \t");
                if (l >= sizeof names[0]) l = sizeof names[0] - 1;
                memcpy(names[k - 1], nm, l);
                names[k - 1][l] = 0;
                if (k > ncols) ncols = k;
            }
            continue;
        }
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) {
            if (!prev_blank) cur++;
            prev_blank = 1;
            continue;
        }
        prev_blank = 0;
        if (cur != block) continue;
        if (ncols == 0) return -1;
        if (!header) {
            for (k = 0; k < ncols; k++) fprintf(out, "%s%s", k ? "," : "", names[k]);
            fputc('\n', out);
            header = 1;
        }
        while (*p) {
            size_t l = strcspn(p, " \t");
            fprintf(out, "%s%.*s", fields ? "," : "", (int)l, p);
            fields++;
            p += l;
            while (*p == ' ' || *p == '\t') p++;
        }
        fputc('\n', out);
        if (fields != ncols) return -1;
    }
    if (!header) {
        if (ncols == 0) return -1;
        for (k = 0; k < ncols; k++) fprintf(out, "%s%s", k ? "," : "", names[k]);
        fputc('\n', out);
    }
    return 0;
}

/* Write block `block` of the .dat file `dat` as CSV to `path` (through path.tmp and a
   rename, so a failure leaves no half-written file). 0, or 1 after a message. */
static inline int cli_write_csv(const char *prog, const char *dat, int block, const char *path)
{
    char tmp[4200];
    FILE *in, *out;
    int bad;
    if (strlen(path) + 5 > sizeof tmp) {
        fprintf(stderr, "%s: cannot write %s: the path is too long\n", prog, path);
        return 1;
    }
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (!(in = fopen(dat, "r"))) {
        fprintf(stderr, "%s: cannot read %s: %s\n", prog, dat, strerror(errno));
        return 1;
    }
    if (!(out = fopen(tmp, "w"))) {
        fprintf(stderr, "%s: cannot write %s: %s\n", prog, tmp, strerror(errno));
        fclose(in);
        return 1;
    }
    bad = cli_dat_to_csv(in, out, block) != 0;
    fclose(in);
    if (bad) fprintf(stderr, "%s: %s: block %d has rows that do not match its column names\n", prog, dat, block);
    bad |= ferror(out);
    bad |= fclose(out) != 0;
    if (bad || rename(tmp, path) != 0) {
        if (!bad) fprintf(stderr, "%s: cannot write %s: %s\n", prog, path, strerror(errno));
        remove(tmp);
        return 1;
    }
    return 0;
}

/* The companion file of a CSV result: path with "-curve" before its ".csv" (r.csv ->
   r-curve.csv; a path without ".csv" gets "-curve.csv" appended). buf: size bytes. */
static inline int cli_csv_companion(char *buf, size_t size, const char *path, const char *what)
{
    size_t n = strlen(path);
    int k;
    if (n > 4 && strcmp(path + n - 4, ".csv") == 0) k = snprintf(buf, size, "%.*s-%s.csv", (int)(n - 4), path, what);
    else k = snprintf(buf, size, "%s-%s.csv", path, what);
    return k < 0 || (size_t)k >= size ? -1 : 0;
}
#endif
