/* train_mnist.c - train one Dense Associative Memory on MNIST (or Fashion-MNIST) and
   report its test accuracy (or, with --validation V, its accuracy on the last V of the
   60,000 training items, held out for choosing hyperparameters).

   The single-task baseline of the paper: how well does one DAM classify before any
   sequence? Every hyperparameter is a flag; the defaults are dam.h's measured defaults
   (book chapter 03). Prints a progress line per epoch and ends with exactly
       test accuracy: 0.9734 (ties: 0)
   or, with --validation V > 0 (the t10k test set is then not touched),
       validation accuracy: 0.9712 (ties: 0)

   --save FILE writes the trained network (dam_dense_save); --load FILE starts from a
   saved one (dam_dense_load) instead of a random one: with the default --epochs 0 it is
   only evaluated, with --epochs E > 0 trained on for E epochs (at the network's own T
   unless --temperature is given). --out FILE writes a self-describing result file:
   "# name: value" header lines (every setting, the run information of cli_run_info, the
   result), "# Column k:" lines and one row per epoch. Every output path is checked
   before any training. Exit codes: 0, 2 for a usage error, 1 for an I/O or run failure.

   Usage: build/examples/train_mnist [--n 10] [--memories 256] [--epochs 40]
          [--train-items 10000] [--temperature T] [--lr 0.04] [--seed 1] ...
          (--help lists every flag)
   Run time (this machine, 2 cores): defaults with 10,000 items, about 1 minute. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <math.h>
#include <time.h>

#include "stb_image_write_impl.h"
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "cli.h"
#include "mnist.h"

#define PROG "train_mnist"

typedef struct {
    int epochs_done;
    double *loss; /* loss[e], mean training loss of epoch e (1-based; loss[0] = NaN) */
} record;

static int progress(const dam_progress *p, void *user)
{
    record *rec = (record *)user;
    fprintf(stderr, "epoch %3d/%d  loss %.5f  T %.3f  lr %.5f  %.2f s\n", p->epoch + 1, p->epochs,
            p->loss, p->T, p->lr, p->seconds);
    if (rec && rec->loss) rec->loss[rec->epochs_done + 1] = p->loss;
    return 0;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * ts.tv_nsec;
}

static int usage(const char *msg)
{
    fprintf(stderr, PROG ": %s\n", msg);
    return 2;
}

int main(int argc, char **argv)
{
    /* UNSET (ints), NAN (doubles) and NULL (text) mark "not given: use the default"
       (dam.h's, or with --load the saved network's); the parser never produces them. */
    enum { UNSET = -2147483647 - 1 };
    int n = UNSET, K = UNSET, epochs = UNSET, items = 10000, test_items = 0, batch = UNSET, m = UNSET,
        seed = 1, threshold = 127, report_every = 0, validation = 0;
    double T_from, T_to, T = NAN, T_end = NAN, lr = NAN, decay = NAN, momentum = NAN, eps = NAN, init_std = NAN,
           init_mean = NAN;
    const char *function = NULL, *probe = "off", *product = "auto", *dataset = "mnist", *data_dir = "data",
               *grid = NULL, *save = NULL, *load = NULL, *out = NULL;
    dam_dataset train, test, all;
    const char *eval_name;
    char dir[1024], num[8][32];
    dam_dense net;
    dam_dense_desc nd;
    dam_train_desc td;
    dam_trainer tr;
    dam_rng rng;
    dam_score sc;
    dam_result r;
    record rec = {0, NULL};
    double *acc = NULL, t0 = now();
    int *ties = NULL, e, rc;
    cli_opt opts[] = {
        {"n", CLI_INT, &n, "interaction vertex n, 1..1000 (default 10)"},
        {"memories", CLI_INT, &K, "memory vectors K, 1..1000000 (default 256)"},
        {"epochs", CLI_INT, &epochs, "training epochs (default 40; with --load 0: evaluate only)"},
        {"train-items", CLI_INT, &items, "training items, 1..60000"},
        {"test-items", CLI_INT, &test_items, "test items (0 = all 10000; not used with --validation)"},
        {"batch", CLI_INT, &batch, "minibatch size, 1..1048576 (default 1000)"},
        {"loss-power", CLI_INT, &m, "loss power m: (Y - x)^(2m), 1..64 (default 30)"},
        {"temperature", CLI_DOUBLE, &T, "temperature T > 0 (default: dam_dense_default_temperature(n); with --load the network's)"},
        {"temperature-end", CLI_DOUBLE, &T_end, "final temperature of the linear ramp (default T)"},
        {"lr", CLI_DOUBLE, &lr, "initial learning rate > 0 (default 0.04)"},
        {"lr-decay", CLI_DOUBLE, &decay, "learning-rate decay per epoch, (0, 1] (default 0.998)"},
        {"momentum", CLI_DOUBLE, &momentum, "momentum, [0, 1) (default 0.6)"},
        {"eps", CLI_DOUBLE, &eps, "leaky slope below zero, >= 0 (default 0.01)"},
        {"init-std", CLI_DOUBLE, &init_std, "initial memories: mean + std * Normal(0,1), std >= 0 (default 0.1)"},
        {"init-mean", CLI_DOUBLE, &init_mean, "initial memories' mean (default 0)"},
        {"function", CLI_STRING, &function, "leaky | rectified | poly | exp (default leaky)"},
        {"probe", CLI_STRING, &probe, "off | target"},
        {"product", CLI_STRING, &product, "auto | dense | signed: how the products are computed (dam:gemm)"},
        {"dataset", CLI_STRING, &dataset, "mnist | fashion"},
        {"data-dir", CLI_STRING, &data_dir, "folder holding mnist/ and fashion/ (the IDX files under DIR/<dataset>/)"},
        {"threshold", CLI_INT, &threshold, "binarisation threshold 0..255"},
        {"seed", CLI_INT, &seed, "random seed"},
        {"grid", CLI_STRING, &grid, "write the memory vectors as an image grid (FILE.png or FILE.pgm)"},
        {"report-every", CLI_INT, &report_every, "also print the accuracy every k epochs (0 = never)"},
        {"validation", CLI_INT, &validation,
         "hold out the last V training items as the evaluation set instead of t10k (0 = off)"},
        {"save", CLI_STRING, &save, "save the trained network to FILE (dam_dense_save)"},
        {"load", CLI_STRING, &load, "start from the network saved in FILE (dam_dense_load) instead of a random one"},
        {"out", CLI_STRING, &out, "write the settings, the run information and the per-epoch results to FILE"},
    };
    int nopts = (int)(sizeof opts / sizeof opts[0]);
    if ((rc = cli_parse(argc, argv, opts, nopts, PROG ": train one DAM on MNIST and report test accuracy")) != 0)
        return rc > 0 ? 0 : 2;

    /* ---- the flags, each checked here with its own message (exit 2) ---- */
    if (load && (n != UNSET || K != UNSET || function || !isnan(eps) || !isnan(init_std) || !isnan(init_mean)))
        return usage("--n, --memories, --function, --eps, --init-std and --init-mean describe a new network; "
                     "with --load the network's own are used");
    if (n == UNSET) n = 10;
    if (K == UNSET) K = 256;
    if (!function) function = "leaky";
    if (n < 1 || n > 1000) return usage("--n must be 1..1000");
    if (K < 1 || K > 1000000) return usage("--memories must be 1..1000000");
    if (epochs != UNSET && epochs < 0) return usage("--epochs must be >= 0");
    if (epochs == 0 && !load) return usage("--epochs 0 only with --load (evaluate a saved network)");
    if (batch != UNSET && (batch < 1 || batch > (1 << 20))) return usage("--batch must be 1..1048576");
    if (m != UNSET && (m < 1 || m > 64)) return usage("--loss-power must be 1..64");
    if (!isnan(T) && T <= 0) return usage("--temperature must be > 0");
    if (!isnan(T_end) && T_end <= 0) return usage("--temperature-end must be > 0");
    if (!isnan(lr) && lr <= 0) return usage("--lr must be > 0");
    if (!isnan(decay) && (decay <= 0 || decay > 1)) return usage("--lr-decay must be in (0, 1]");
    if (!isnan(momentum) && (momentum < 0 || momentum >= 1)) return usage("--momentum must be in [0, 1)");
    if (!isnan(eps) && eps < 0) return usage("--eps must be >= 0");
    if (!isnan(init_std) && init_std < 0) return usage("--init-std must be >= 0");
    if (threshold < 0 || threshold > 255) return usage("--threshold must be 0..255");
    if (report_every < 0) return usage("--report-every must be >= 0");
    if (strcmp(dataset, "mnist") != 0 && strcmp(dataset, "fashion") != 0) return usage("--dataset must be mnist or fashion");
    if (items < 1 || items > 60000) return usage("--train-items must be 1..60000");
    if (test_items < 0 || test_items > 10000) return usage("--test-items must be 0..10000");
    if (validation < 0 || validation > 59999) return usage("--validation must be 0..59999");
    if (validation > 0 && items > 60000 - validation) {
        fprintf(stderr, PROG ": --train-items must be <= 60000 - validation = %d\n", 60000 - validation);
        return 2;
    }
    if (grid && !cli_image_path(grid)) return usage("--grid: the file name must end in .png or .pgm (the formats it writes)");
    nd = dam_dense_defaults(794, K, n);
    if (strcmp(function, "leaky") == 0) nd.f = DAM_F_LEAKY;
    else if (strcmp(function, "rectified") == 0) nd.f = DAM_F_RECTIFIED;
    else if (strcmp(function, "poly") == 0) nd.f = DAM_F_POLY;
    else if (strcmp(function, "exp") == 0) nd.f = DAM_F_EXP;
    else return usage("--function must be leaky, rectified, poly or exp");
    if (strcmp(probe, "off") != 0 && strcmp(probe, "target") != 0) return usage("--probe must be off or target");
    if (dam_product_from_name(product) < 0) return usage("--product must be auto, dense or signed");

    /* ---- every output can be written (exit 1), before any work ---- */
    if ((grid && cli_writable(PROG, grid)) || (save && cli_writable(PROG, save)) || (out && cli_writable(PROG, out)))
        return 1;

    /* ---- the network: loaded, or new from the flags ---- */
    if (load) {
        if ((r = dam_dense_load(&net, load, NULL)) != DAM_OK) {
            fprintf(stderr, PROG ": cannot load %s: %s\n", load, net.why[0] ? net.why : dam_result_string(r));
            return 1;
        }
        n = net.n, K = net.K, nd.f = net.f;
        function = net.f == DAM_F_LEAKY ? "leaky" : net.f == DAM_F_RECTIFIED ? "rectified" : net.f == DAM_F_POLY ? "poly" : "exp";
    }
    td = dam_train_defaults(n);
    /* the temperature lives in the network: nd.T (0: the default of its n and f) or the
       loaded file's; td.T_start 0 trains at it, --temperature-end ramps from it */
    if (!load && nd.f != DAM_F_LEAKY) nd.T = 0;
    td.probe = strcmp(probe, "off") == 0 ? DAM_PROBE_OFF : DAM_PROBE_TARGET;
    td.product = (dam_product)dam_product_from_name(product);
    if (!isnan(T)) nd.T = T;
    if (!isnan(T) && load) net.T = (dam_real)T;
    if (!isnan(T_end)) td.T_end = T_end;
    if (epochs != UNSET) td.epochs = epochs;
    else if (load) td.epochs = 0;
    if (batch != UNSET) td.batch = batch;
    if (m != UNSET) td.loss_power = m;
    if (!isnan(lr)) td.lr = lr;
    if (!isnan(decay)) td.lr_decay = decay;
    if (!isnan(momentum)) td.momentum = momentum;
    if (!isnan(eps)) nd.eps = eps;
    if (!isnan(init_std)) nd.init_std = init_std;
    if (!isnan(init_mean)) nd.init_mean = init_mean;
    td.progress = progress;
    td.user = &rec;

    /* ---- the data ---- */
    mnist_dir(dir, sizeof dir, data_dir, dataset);
    if (validation > 0) {
        /* Training items from the start, the evaluation items from the end: disjoint. */
        eval_name = "validation";
        if (mnist_load(PROG, dir, "train", threshold, 0, &all)) return 1;
        if (all.count < items + validation) {
            fprintf(stderr, PROG ": %d training items, fewer than %d train + %d validation\n", all.count, items, validation);
            dam_dataset_free(&all);
            return 1;
        }
        if ((r = dam_dataset_subset(&train, &all, 0, items, NULL)) != DAM_OK ||
            (r = dam_dataset_subset(&test, &all, all.count - validation, validation, NULL)) != DAM_OK) {
            fprintf(stderr, PROG ": could not split the training set (%s)\n", dam_result_string(r));
            dam_dataset_free(&train);
            dam_dataset_free(&all);
            return 1;
        }
        dam_dataset_free(&all);
    } else {
        eval_name = "test";
        if (mnist_load(PROG, dir, "train", threshold, items, &train)) return 1;
        if (mnist_load(PROG, dir, "t10k", threshold, test_items, &test)) {
            dam_dataset_free(&train);
            return 1;
        }
    }
    if (load && (net.N != train.N || net.mask_start != train.pixels || net.mask_count != train.classes)) {
        fprintf(stderr, PROG ": the network in %s has N = %d with labels at %d..%d; the data needs N = %d, labels at %d..%d\n",
                load, net.N, net.mask_start, net.mask_start + net.mask_count - 1, train.N, train.pixels,
                train.pixels + train.classes - 1);
        return 1;
    }
    nd.N = train.N;
    nd.mask_start = train.pixels;
    nd.mask_count = train.classes;
    dam_rng_seed(&rng, (uint64_t)seed);
    if (!load && (r = dam_dense_init(&net, &nd, &rng, NULL)) != DAM_OK) {
        cli_error(PROG, "bad network settings", net.why, dam_result_string(r));
        return 2;
    }
    rec.loss = (double *)calloc((size_t)td.epochs + 1, sizeof(double));
    acc = (double *)calloc((size_t)td.epochs + 1, sizeof(double));
    ties = (int *)calloc((size_t)td.epochs + 1, sizeof(int));
    if (!rec.loss || !acc || !ties) { fprintf(stderr, PROG ": out of memory\n"); return 1; }
    for (e = 0; e <= td.epochs; e++) rec.loss[e] = acc[e] = NAN, ties[e] = -1;
    if (td.epochs > 0 && (r = dam_trainer_init(&tr, &net, &td, train.count, NULL)) != DAM_OK) {
        cli_error(PROG, "bad training settings", tr.why, dam_result_string(r));
        return 2;
    }
    /* the ramp training uses (the trainer's desc has the zeros filled in) */
    T_from = td.epochs > 0 ? tr.d.T_start : (double)net.T;
    T_to = td.epochs > 0 ? tr.d.T_end : (double)net.T;
    printf("# %s, %d train items, %d %s items, N = %d, K = %d, n = %d, f = %s, T = %g..%g, "
           "m = %d, lr = %g, decay = %g, momentum = %g, batch = %d, epochs = %d, probe = %s, product = %s, seed = %d%s%s, dam.h %s\n",
           dataset, train.count, test.count, eval_name, net.N, net.K, net.n, function, T_from, T_to,
           td.loss_power, td.lr, td.lr_decay, td.momentum, td.batch, td.epochs, probe, product, seed,
           load ? ", loaded from " : "", load ? load : "", dam_version());
    for (e = 0; e < td.epochs; e++) {
        const dam_dataset *sets[1];
        sets[0] = &train;
        rec.epochs_done = e;
        if ((r = dam_trainer_epoch(&tr, sets, 1, &rng, NULL)) != DAM_OK) {
            cli_error(PROG, "training failed", tr.why, dam_result_string(r));
            return 1;
        }
        if (report_every > 0 && (e + 1) % report_every == 0 && e + 1 < td.epochs) {
            dam_trainer_accuracy(&tr, &test, &sc);
            acc[e + 1] = sc.accuracy, ties[e + 1] = sc.ties;
            fprintf(stderr, "epoch %d: %s accuracy %.4f (ties: %d)\n", e + 1, eval_name, sc.accuracy, sc.ties);
        }
    }
    r = td.epochs > 0 ? dam_trainer_accuracy(&tr, &test, &sc) : dam_dense_accuracy(&net, &test, &sc);
    if (r != DAM_OK) {
        cli_error(PROG, "evaluation failed", td.epochs > 0 ? tr.why : net.why, dam_result_string(r));
        return 1;
    }
    acc[td.epochs] = sc.accuracy, ties[td.epochs] = sc.ties;
    rc = 0;
    if (grid) {
        char why[DAM_WHY_SIZE] = "";
        int show = net.K < 100 ? net.K : 100;
        if ((r = dam_grid_write(grid, net.xi, show, net.N, 28, 28, 10, 2, why)) != DAM_OK) {
            fprintf(stderr, PROG ": cannot write %s: %s\n", grid, why[0] ? why : dam_result_string(r));
            rc = 1;
        }
    }
    if (save) {
        if ((r = dam_dense_save(&net, save)) != DAM_OK) {
            fprintf(stderr, PROG ": cannot write %s: %s\n", save, net.why[0] ? net.why : dam_result_string(r));
            rc = 1;
        }
    }
    if (out) {
        char tmp[1100];
        FILE *f;
        int ok;
        snprintf(tmp, sizeof tmp, "%s.tmp", out);
        f = fopen(tmp, "w");
        if (!f) {
            fprintf(stderr, PROG ": cannot write %s: %s\n", tmp, strerror(errno));
            rc = 1;
        } else {
            fprintf(f, "# Column 1: epoch [-] epochs trained in this run (0 = before any)\n");
            fprintf(f, "# Column 2: loss [-] mean training loss of that epoch (NaN for epoch 0)\n");
            fprintf(f, "# Column 3: accuracy [fraction] accuracy on the %s set (ties count wrong; NaN where not measured)\n", eval_name);
            fprintf(f, "# Column 4: ties [items] %s items with a tied top score (-1 where not measured)\n", eval_name);
            fprintf(f, "# tool: " PROG "\n# dam.h: %s\n", dam_version());
            cli_run_info(f);
            fprintf(f, "# dataset: %s\n# data dir: %s\n# threshold: %d\n# train items: %d\n", dataset, dir, threshold, train.count);
            fprintf(f, "# evaluation: %s\n# evaluation items: %d\n", validation > 0 ? "validation (the last items of the training set)" : "test (t10k)", test.count);
            fprintf(f, "# loaded from: %s\n# saved to: %s\n", load ? load : "none (a new network)", save ? save : "none");
            fprintf(f, "# N: %d\n# K: %d\n# n: %d\n# function: %s\n# eps: %s\n", net.N, net.K, net.n, function, cli_num(num[0], (double)net.eps));
            if (!load) fprintf(f, "# init std: %s\n# init mean: %s\n", cli_num(num[1], nd.init_std), cli_num(num[2], nd.init_mean));
            fprintf(f, "# T start: %s\n# T end: %s\n# loss power: %d\n# lr: %s\n# lr decay: %s\n# momentum: %s\n",
                    cli_num(num[3], T_from), cli_num(num[4], T_to), td.loss_power, cli_num(num[5], td.lr),
                    cli_num(num[6], td.lr_decay), cli_num(num[7], td.momentum));
            fprintf(f, "# batch: %d\n# epochs: %d\n# probe: %s\n# product: %s\n# seed: %d\n", td.batch, td.epochs, probe, product, seed);
            fprintf(f, "# accuracy: %.4f\n# ties: %d\n# seconds: %.1f\n", sc.accuracy, sc.ties, now() - t0);
            for (e = 0; e <= td.epochs; e++) {
                if (isnan(rec.loss[e])) fprintf(f, "%d NaN NaN -1\n", e);
                else if (isnan(acc[e])) fprintf(f, "%d %.6g NaN -1\n", e, rec.loss[e]);
                else fprintf(f, "%d %.6g %.4f %d\n", e, rec.loss[e], acc[e], ties[e]);
            }
            ok = !ferror(f);
            ok = (fclose(f) == 0) && ok;
            if (!ok || rename(tmp, out) != 0) {
                fprintf(stderr, PROG ": cannot write %s: %s\n", out, strerror(errno));
                remove(tmp);
                rc = 1;
            }
        }
    }
    printf("%s accuracy: %.4f (ties: %d)\n", eval_name, sc.accuracy, sc.ties);
    if (td.epochs > 0) dam_trainer_free(&tr);
    dam_dense_free(&net);
    dam_dataset_free(&train);
    dam_dataset_free(&test);
    free(rec.loss);
    free(acc);
    free(ties);
    return rc;
}
