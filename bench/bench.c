/* bench.c - `make bench`: how fast dam.h trains and classifies on this machine, side by
   side with the machine's BLAS doing the same two products.

   Built twice (dam_real = double and float) and, when a CBLAS is installed, linked to
   it for the reference rows. Every time is the median of --repeats runs. Data are
   random bipolar items of MNIST's shape (N = 794: 784 pixels + 10 labels): the cost
   does not depend on the values. One training epoch = per minibatch the forward
   product S = X xi^T (B x N times N x K), the per-item work on the 10 label neurons,
   the backward product G = Wc^T X (K x B times B x N) and the optimiser step.
   Flops counted: the two products as dense products, 2 * 2 * items * K * N per epoch
   ("dense-equivalent" GFLOP/s: the signed route does far fewer operations, see dam:gemm).
   Rows: the default route (auto: signed on this MNIST-like density of 13% on-pixels) and
   the dense route forced, against the BLAS doing the dense products; then the route
   crossover over the density of +1 entries, which sets DAM_SIGNED_MAX_FRACTION.
   Last, "under load": the same epoch at 1 thread and at the default thread count while
   1 and then 2 busy-loop processes (started and stopped by the bench) compete for the
   cores; the two are timed alternately in one run and the ratio default / 1 thread is
   printed (<= 1 means the threads never cost time on a busy machine).
   Usage: build/bench/bench_double [--repeats 5] [--quick] [--load]   (--load: only that) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <signal.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>
#ifdef BENCH_CBLAS
#include <cblas.h>
#endif
#define DAM_IMPLEMENTATION
#include "../dam.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * t.tv_nsec;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

static int repeats = 5;
static const char *type = sizeof(dam_real) == sizeof(double) ? "double" : "float";

static void random_set_density(dam_dataset *ds, int count, dam_rng *r, double density)
{
    int i, j;
    dam_dataset_init(ds, count, 784, 10, NULL);
    for (i = 0; i < count; i++) {
        int c = (int)dam_rng_below(r, 10);
        for (j = 0; j < 784; j++) ds->x[(size_t)i * 794 + j] = dam_rng_uniform(r) < density ? 1 : -1;
        for (j = 0; j < 10; j++) ds->x[(size_t)i * 794 + 784 + j] = j == c ? 1 : -1;
        ds->label[i] = c;
    }
}

static void random_set(dam_dataset *ds, int count, dam_rng *r) { random_set_density(ds, count, r, 0.13); }

static void set_threads(int t)
{
#ifdef _OPENMP
    omp_set_num_threads(t);
#else
    (void)t;
#endif
}

/* median seconds of one epoch */
static double time_epoch_route(const dam_dataset *ds, int K, int n, int batch, int threads, dam_product route)
{
    dam_dense net;
    dam_trainer tr;
    dam_rng rng;
    dam_dense_desc nd = dam_dense_defaults(794, K, n);
    dam_train_desc td = dam_train_defaults(n);
    double t[32];
    int k;
    set_threads(threads);
    nd.mask_start = 784;
    nd.mask_count = 10;
    td.batch = batch;
    td.product = route;
    dam_rng_seed(&rng, 1);
    dam_dense_init(&net, &nd, &rng, NULL);
    dam_trainer_init(&tr, &net, &td, ds->count, NULL);
    dam_trainer_epoch(&tr, &ds, 1, &rng, NULL); /* warm-up */
    for (k = 0; k < repeats; k++) {
        double t0 = now();
        dam_trainer_epoch(&tr, &ds, 1, &rng, NULL);
        t[k] = now() - t0;
    }
    dam_trainer_free(&tr);
    dam_dense_free(&net);
    return median(t, repeats);
}

static double time_epoch(const dam_dataset *ds, int K, int n, int batch, int threads)
{
    return time_epoch_route(ds, K, n, batch, threads, DAM_PRODUCT_AUTO);
}

/* median seconds of the epoch's two products done by the BLAS (or -1) */
static double time_blas_products(int items, int K, int batch, int threads)
{
#ifdef BENCH_CBLAS
    int N = 794, k, b;
    dam_real *X = (dam_real *)calloc((size_t)batch * N, sizeof(dam_real));
    dam_real *xi = (dam_real *)calloc((size_t)K * N, sizeof(dam_real));
    dam_real *S = (dam_real *)calloc((size_t)batch * K, sizeof(dam_real));
    dam_real *G = (dam_real *)calloc((size_t)K * N, sizeof(dam_real));
    double t[32];
    openblas_set_num_threads(threads);
    for (k = 0; k < repeats + 1; k++) {
        double t0 = now();
        for (b = 0; b < items; b += batch) {
            int nb = items - b < batch ? items - b : batch;
            if (sizeof(dam_real) == sizeof(double)) {
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nb, K, N, 1, (double *)X, N, (double *)xi, N, 0, (double *)S, K);
                cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, K, N, nb, 1, (double *)S, K, (double *)X, N, 0, (double *)G, N);
            } else {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nb, K, N, 1, (float *)X, N, (float *)xi, N, 0, (float *)S, K);
                cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, K, N, nb, 1, (float *)S, K, (float *)X, N, 0, (float *)G, N);
            }
        }
        if (k > 0) t[k - 1] = now() - t0;
    }
    free(X); free(xi); free(S); free(G);
    return median(t, repeats);
#else
    (void)items; (void)K; (void)batch; (void)threads;
    return -1;
#endif
}

static double time_classify(const dam_dataset *ds, int K, int threads, double *blas)
{
    dam_dense net;
    dam_rng rng;
    dam_score sc;
    dam_dense_desc nd = dam_dense_defaults(794, K, 10);
    double t[32];
    int k;
    set_threads(threads);
    nd.mask_start = 784;
    nd.mask_count = 10;
    dam_rng_seed(&rng, 2);
    dam_dense_init(&net, &nd, &rng, NULL);
    dam_dense_accuracy(&net, ds, &sc);
    for (k = 0; k < repeats; k++) {
        double t0 = now();
        dam_dense_accuracy(&net, ds, &sc);
        t[k] = now() - t0;
    }
    *blas = -1;
#ifdef BENCH_CBLAS
    {
        dam_real *X = (dam_real *)calloc((size_t)ds->count * 794, sizeof(dam_real));
        dam_real *S = (dam_real *)calloc((size_t)ds->count * K, sizeof(dam_real));
        double tb[32];
        openblas_set_num_threads(threads);
        for (k = 0; k < repeats; k++) {
            double t0 = now();
            if (sizeof(dam_real) == sizeof(double))
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, ds->count, K, 794, 1, (double *)X, 794, (double *)net.xi, 794, 0, (double *)S, K);
            else
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, ds->count, K, 794, 1, (float *)X, 794, (float *)net.xi, 794, 0, (float *)S, K);
            tb[k] = now() - t0;
        }
        *blas = median(tb, repeats);
        free(X); free(S);
    }
#endif
    dam_dense_free(&net);
    return median(t, repeats);
}

/* A child process that spins until it is killed (the competing load). */
static pid_t busy_start(void)
{
    pid_t p = fork();
    if (p == 0) {
        volatile unsigned long x = 0;
        for (;;) x++;
    }
    return p;
}

static void busy_stop(pid_t p)
{
    if (p > 0) {
        kill(p, SIGKILL);
        waitpid(p, NULL, 0);
    }
}

/* The wait policy this process runs with (read from the environment at start-up by the
   OpenMP runtime; bench/omp_passive.c makes it passive unless one was given). */
static const char *policy_name(void)
{
    const char *w = getenv("OMP_WAIT_POLICY"), *s = getenv("GOMP_SPINCOUNT");
    static char buf[64];
    if (s && !w) {
        snprintf(buf, sizeof buf, "spin %.20s, then sleep", s);
        return buf;
    }
    return w ? w : "runtime default";
}

/* One row: an epoch at 1 thread and at the default thread count, alternating so both
   see the same load, `repeats` times each (the busy processes are already running). */
static void load_row(const dam_dataset *ds, int default_threads, int batch, int busy)
{
    double t1[32], tn[32], a, b;
    int k, keep = repeats;
    repeats = 1;
    for (k = 0; k < keep; k++) {
        t1[k] = time_epoch(ds, 256, 10, batch, 1);
        tn[k] = time_epoch(ds, 256, 10, batch, default_threads);
    }
    repeats = keep;
    set_threads(default_threads);
    a = median(t1, repeats);
    b = median(tn, repeats);
    printf("| %s | %d | %d | %.3f | %.3f | %.2f |\n", policy_name(), batch, busy, a, b, b / a);
    fflush(stdout);
}

/* The table. For each batch size and 0, 1, 2 busy-loop processes: first a child process
   started with the runtime's default policy (spin 300000 rounds, then sleep) measures
   the row, then this process (its own policy, passive unless one was given) - so the
   two policies are compared under the same load, in one run. */
static void under_load(const dam_dataset *ds, int default_threads)
{
    static const int batches[2] = {1024, 128};
    int bi, busy, k;
    printf("\n### under load (one epoch, auto route; 1 thread and the default %d threads\n"
           "alternate, median of %d each, with 0, 1, 2 busy-loop processes beside them;\n"
           "ratio <= 1: the default is never slower than 1 thread)\n\n",
           default_threads, repeats);
    printf("| wait policy | batch | busy processes | 1 thread s | %d threads s | ratio |\n|---|---|---|---|---|---|\n",
           default_threads);
    fflush(stdout);
    for (bi = 0; bi < 2; bi++)
        for (busy = 0; busy <= 2; busy++) {
            pid_t kids[2] = {0, 0};
            for (k = 0; k < busy; k++) kids[k] = busy_start();
#ifdef __linux__
            {
                char rep[16], bat[16], bus[16];
                pid_t p;
                snprintf(rep, sizeof rep, "%d", repeats);
                snprintf(bat, sizeof bat, "%d", batches[bi]);
                snprintf(bus, sizeof bus, "%d", busy);
                p = fork();
                if (p == 0) {
                    char *args[7];
                    args[0] = (char *)"bench";
                    args[1] = (char *)"--load-row";
                    args[2] = bat;
                    args[3] = bus;
                    args[4] = (char *)"--repeats";
                    args[5] = rep;
                    args[6] = NULL;
                    unsetenv("OMP_WAIT_POLICY");
                    setenv("GOMP_SPINCOUNT", "300000", 1); /* libgomp's default when no policy is set */
                    execv("/proc/self/exe", args);
                    _exit(127);
                }
                if (p > 0) waitpid(p, NULL, 0);
            }
#endif
            load_row(ds, default_threads, batches[bi], busy);
            for (k = 0; k < busy; k++) busy_stop(kids[k]);
        }
}

int main(int argc, char **argv)
{
    dam_dataset ds, big, test;
    dam_rng rng;
    int quick = 0, load_only = 0, row_batch = 0, row_busy = 0, k, b, t;
#ifdef _OPENMP
    int default_threads = omp_get_max_threads();
#else
    int default_threads = 1;
#endif
    static const int batches[] = {128, 1024};
    for (k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--repeats") == 0 && k + 1 < argc) repeats = atoi(argv[++k]);
        else if (strcmp(argv[k], "--quick") == 0) quick = 1;
        else if (strcmp(argv[k], "--load") == 0) load_only = 1;
        else if (strcmp(argv[k], "--load-row") == 0 && k + 2 < argc) { /* the child of under_load */
            row_batch = atoi(argv[++k]);
            row_busy = atoi(argv[++k]);
        }
        else { fprintf(stderr, "usage: %s [--repeats R] [--quick] [--load]\n", argv[0]); return 2; }
    }
    if (repeats < 1 || repeats > 31) repeats = 5;
    dam_rng_seed(&rng, 1);
    random_set(&ds, 10000, &rng);
    random_set(&test, 10000, &rng);
    if (row_batch > 0) {
        load_row(&ds, default_threads, row_batch, row_busy);
        return 0;
    }
    printf("## dam.h %s, dam_real = %s, median of %d runs\n\n", dam_version(), type, repeats);
    if (load_only) {
        under_load(&ds, default_threads);
        dam_dataset_free(&ds);
        dam_dataset_free(&test);
        return 0;
    }
    printf("| what | route | type | batch | threads | dam.h s | dense-equivalent GFLOP/s | BLAS s | dam.h / BLAS |\n|---|---|---|---|---|---|---|---|---|\n");
    for (b = 0; b < 2; b++)
        for (t = 1; t <= 2; t++) {
            double bl = time_blas_products(10000, 256, batches[b], t);
            int route;
            for (route = DAM_PRODUCT_AUTO; route <= DAM_PRODUCT_DENSE; route++) {
                double e = time_epoch_route(&ds, 256, 10, batches[b], t, (dam_product)route);
                double gf = 2.0 * 2.0 * 10000 * 256 * 794 / e / 1e9;
                const char *rn = route == DAM_PRODUCT_AUTO ? "auto (signed)" : "dense";
                if (quick && route != DAM_PRODUCT_AUTO && batches[b] != 1024) continue;
                if (bl > 0) printf("| epoch, 10k items, K 256, n 10 | %s | %s | %d | %d | %.3f | %.1f | %.3f | %.2f |\n", rn, type, batches[b], t, e, gf, bl, e / bl);
                else printf("| epoch, 10k items, K 256, n 10 | %s | %s | %d | %d | %.3f | %.1f | - | - |\n", rn, type, batches[b], t, e, gf);
                fflush(stdout);
            }
        }
    for (t = 1; t <= 2; t++) {
        double bl, c = time_classify(&test, 256, t, &bl);
        if (bl > 0) printf("| classify 10k items, K 256 | auto (signed) | %s | 256 | %d | %.3f | %.1f | %.3f | %.2f |\n", type, t, c, 2.0 * 10000 * 256 * 794 / c / 1e9, bl, c / bl);
        else printf("| classify 10k items, K 256 | auto (signed) | %s | 256 | %d | %.3f | %.1f | - | - |\n", type, t, c, 2.0 * 10000 * 256 * 794 / c / 1e9);
        fflush(stdout);
    }
    if (quick) return 0;
    printf("\n### route crossover (one epoch, batch 1024, 2 threads, by the fraction of +1 pixels;\n"
           "the signed route's work follows the rarer sign, so 0.5 is its worst case)\n\n");
    printf("| +1 fraction | signed s | dense s | signed / dense |\n|---|---|---|---|\n");
    {
        static const double dens[] = {0.05, 0.13, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5};
        for (k = 0; k < 8; k++) {
            double es, ed;
            random_set_density(&big, 10000, &rng, dens[k]);
            es = time_epoch_route(&big, 256, 10, 1024, 2, DAM_PRODUCT_SIGNED);
            ed = time_epoch_route(&big, 256, 10, 1024, 2, DAM_PRODUCT_DENSE);
            printf("| %.2f | %.3f | %.3f | %.2f |\n", dens[k], es, ed, es / ed);
            fflush(stdout);
            dam_dataset_free(&big);
        }
    }
    printf("\n### scaling (one epoch, batch 1024, 2 threads; seconds should grow linearly in K and items, flat in n)\n\n");
    printf("| K | items | n | seconds | seconds per (K x items) x 1e9 |\n|---|---|---|---|---|\n");
    for (k = 64; k <= 1024; k *= 2) {
        double e = time_epoch(&ds, k, 10, 1024, 2);
        printf("| %d | 10000 | 10 | %.3f | %.2f |\n", k, e, e / (10000.0 * k) * 1e9);
        fflush(stdout);
    }
    {
        static const int counts[] = {1000, 5000, 20000, 60000};
        for (k = 0; k < 4; k++) {
            double e;
            random_set(&big, counts[k], &rng);
            e = time_epoch(&big, 256, 10, 1024, 2);
            printf("| 256 | %d | 10 | %.3f | %.2f |\n", counts[k], e, e / (256.0 * counts[k]) * 1e9);
            fflush(stdout);
            dam_dataset_free(&big);
        }
    }
    {
        static const int ns[] = {2, 5, 10, 20, 40, 60};
        for (k = 0; k < 6; k++) {
            double e = time_epoch(&ds, 256, ns[k], 1024, 2);
            printf("| 256 | 10000 | %d | %.3f | %.2f |\n", ns[k], e, e / (256.0 * 10000) * 1e9);
            fflush(stdout);
        }
    }
    under_load(&ds, default_threads);
    dam_dataset_free(&ds);
    dam_dataset_free(&test);
    return 0;
}
