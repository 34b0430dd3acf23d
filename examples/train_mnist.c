/* train_mnist.c - train one Dense Associative Memory on MNIST (or Fashion-MNIST) and
   report its test accuracy (or, with --validation V, its accuracy on the last V of the
   60,000 training items, held out for choosing hyperparameters).

   The single-task baseline of the paper: how well does one DAM classify before any
   sequence? Every hyperparameter is a flag; the defaults are dam.h's measured defaults
   (book chapter 03). Prints a progress line per epoch and ends with exactly
       test accuracy: 0.9734 (ties: 0)
   or, with --validation V > 0 (the t10k test set is then not touched),
       validation accuracy: 0.9712 (ties: 0)

   Usage: build/examples/train_mnist [--n 10] [--memories 256] [--epochs 40]
          [--train-items 10000] [--temperature T] [--lr 0.04] [--seed 1] ...
          (--help lists every flag)
   Run time (this machine, 2 cores): defaults with 10,000 items, about 1 minute. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <math.h>

#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "cli.h"
#include "mnist.h"

static int progress(const dam_progress *p, void *user)
{
    (void)user;
    fprintf(stderr, "epoch %3d/%d  loss %.5f  T %.3f  lr %.5f  %.2f s\n", p->epoch + 1, p->epochs,
            p->loss, p->T, p->lr, p->seconds);
    return 0;
}

int main(int argc, char **argv)
{
    /* UNSET (ints) and NAN (doubles) mark "not given: use dam.h's default"; the parser
       never produces either, so any value the user types is validated by dam.h. */
    enum { UNSET = -2147483647 - 1 };
    int n = 10, K = 256, epochs = UNSET, items = 10000, test_items = 0, batch = UNSET, m = UNSET,
        seed = 1, threshold = 127, save_every = 0, validation = 0;
    double T = NAN, T_end = NAN, lr = NAN, decay = NAN, momentum = NAN, eps = 0.01, init_std = 0.1,
           init_mean = 0.0;
    const char *function = "leaky", *probe = "off", *product = "auto", *dataset = "mnist", *data_dir = NULL,
               *grid = NULL;
    dam_dataset train, test, all;
    const char *eval_name;
    dam_dense net;
    dam_dense_desc nd;
    dam_train_desc td;
    dam_trainer tr;
    dam_rng rng;
    dam_score sc;
    dam_result r;
    int e;
    cli_opt opts[] = {
        {"n", CLI_INT, &n, "interaction vertex n (>= 1)"},
        {"memories", CLI_INT, &K, "memory vectors K"},
        {"epochs", CLI_INT, &epochs, "training epochs (default 40)"},
        {"train-items", CLI_INT, &items, "training items, 1..60000"},
        {"test-items", CLI_INT, &test_items, "test items (0 = all 10000; not used with --validation)"},
        {"batch", CLI_INT, &batch, "minibatch size (default 1000)"},
        {"loss-power", CLI_INT, &m, "loss power m: (Y - x)^(2m) (default 30)"},
        {"temperature", CLI_DOUBLE, &T, "temperature T (default: dam_default_temperature(n))"},
        {"temperature-end", CLI_DOUBLE, &T_end, "final temperature of the linear ramp (default T)"},
        {"lr", CLI_DOUBLE, &lr, "initial learning rate (default 0.04)"},
        {"lr-decay", CLI_DOUBLE, &decay, "learning-rate decay per epoch (default 0.998)"},
        {"momentum", CLI_DOUBLE, &momentum, "momentum (default 0.6)"},
        {"eps", CLI_DOUBLE, &eps, "leaky slope below zero"},
        {"init-std", CLI_DOUBLE, &init_std, "initial memories: mean + std * Normal(0,1)"},
        {"init-mean", CLI_DOUBLE, &init_mean, "initial memories' mean"},
        {"function", CLI_STRING, &function, "leaky | rectified | poly | exp"},
        {"probe", CLI_STRING, &probe, "off | target"},
        {"product", CLI_STRING, &product, "auto | dense | signed: how the products are computed (dam:gemm)"},
        {"dataset", CLI_STRING, &dataset, "mnist | fashion"},
        {"data-dir", CLI_STRING, &data_dir, "folder of the four IDX files (default data/<dataset>)"},
        {"threshold", CLI_INT, &threshold, "binarisation threshold 0..255"},
        {"seed", CLI_INT, &seed, "random seed"},
        {"grid", CLI_STRING, &grid, "write the memory vectors as an image grid (.png or .pgm)"},
        {"report-every", CLI_INT, &save_every, "also print test accuracy every k epochs (0 = never)"},
        {"validation", CLI_INT, &validation,
         "hold out the last V training items as the evaluation set instead of t10k (0 = off)"},
    };
    int nopts = (int)(sizeof opts / sizeof opts[0]);
    if (cli_parse(argc, argv, opts, nopts, "train_mnist: train one DAM on MNIST and report test accuracy") != 0)
        return 2;

    nd = dam_dense_defaults(794, K, n);
    if (strcmp(function, "leaky") == 0) nd.f = DAM_F_LEAKY;
    else if (strcmp(function, "rectified") == 0) nd.f = DAM_F_RECTIFIED;
    else if (strcmp(function, "poly") == 0) nd.f = DAM_F_POLY;
    else if (strcmp(function, "exp") == 0) nd.f = DAM_F_EXP;
    else { fprintf(stderr, "train_mnist: --function must be leaky, rectified, poly or exp\n"); return 2; }
    td = dam_train_defaults(n);
    if (nd.f != DAM_F_LEAKY) td.T_start = td.T_end = nd.T = dam_default_temperature(n, nd.f);
    if (strcmp(probe, "off") == 0) td.probe = DAM_PROBE_OFF;
    else if (strcmp(probe, "target") == 0) td.probe = DAM_PROBE_TARGET;
    else { fprintf(stderr, "train_mnist: --probe must be off or target\n"); return 2; }
    if (dam_product_from_name(product) < 0) { fprintf(stderr, "train_mnist: --product must be auto, dense or signed\n"); return 2; }
    td.product = (dam_product)dam_product_from_name(product);
    if (strcmp(dataset, "mnist") != 0 && strcmp(dataset, "fashion") != 0) {
        fprintf(stderr, "train_mnist: --dataset must be mnist or fashion\n");
        return 2;
    }
    if (items < 1 || items > 60000) { fprintf(stderr, "train_mnist: --train-items must be 1..60000\n"); return 2; }
    if (test_items < 0 || test_items > 10000) { fprintf(stderr, "train_mnist: --test-items must be 0..10000\n"); return 2; }
    if (validation < 0 || validation > 59999) { fprintf(stderr, "train_mnist: --validation must be 0..59999\n"); return 2; }
    if (validation > 0 && items > 60000 - validation) {
        fprintf(stderr, "train_mnist: --train-items must be <= 60000 - validation = %d\n", 60000 - validation);
        return 2;
    }
    if (!isnan(T)) nd.T = td.T_start = td.T_end = T;
    if (!isnan(T_end)) td.T_end = T_end;
    if (epochs != UNSET) td.epochs = epochs;
    if (batch != UNSET) td.batch = batch;
    if (m != UNSET) td.loss_power = m;
    if (!isnan(lr)) td.lr = lr;
    if (!isnan(decay)) td.lr_decay = decay;
    if (!isnan(momentum)) td.momentum = momentum;
    nd.eps = eps;
    nd.init_std = init_std;
    nd.init_mean = init_mean;
    td.progress = progress;

    if (!data_dir) data_dir = strcmp(dataset, "mnist") == 0 ? "data/mnist" : "data/fashion";
    if (validation > 0) {
        /* Training items from the start, the evaluation items from the end: disjoint. */
        eval_name = "validation";
        if (mnist_load("train_mnist", data_dir, "train", threshold, 0, &all)) return 2;
        if (all.count < items + validation) {
            fprintf(stderr, "train_mnist: %d training items, fewer than %d train + %d validation\n",
                    all.count, items, validation);
            dam_dataset_free(&all);
            return 2;
        }
        if ((r = dam_dataset_subset(&train, &all, 0, items, NULL)) != DAM_OK ||
            (r = dam_dataset_subset(&test, &all, all.count - validation, validation, NULL)) != DAM_OK) {
            fprintf(stderr, "train_mnist: could not split the training set (%s)\n", dam_result_string(r));
            dam_dataset_free(&train);
            dam_dataset_free(&all);
            return 2;
        }
        dam_dataset_free(&all);
    } else {
        eval_name = "test";
        if (mnist_load("train_mnist", data_dir, "train", threshold, items, &train)) return 2;
        if (mnist_load("train_mnist", data_dir, "t10k", threshold, test_items, &test)) {
            dam_dataset_free(&train);
            return 2;
        }
    }
    nd.N = train.N;
    nd.mask_start = train.pixels;
    nd.mask_count = train.classes;
    dam_rng_seed(&rng, (uint64_t)seed);
    if ((r = dam_dense_init(&net, &nd, &rng, NULL)) != DAM_OK) {
        fprintf(stderr, "train_mnist: %s (%s)\n", net.why, dam_result_string(r));
        return 2;
    }
    if ((r = dam_trainer_init(&tr, &net, &td, train.count, NULL)) != DAM_OK) {
        fprintf(stderr, "train_mnist: %s (%s)\n", tr.why, dam_result_string(r));
        return 2;
    }
    printf("# %s, %d train items, %d %s items, N = %d, K = %d, n = %d, f = %s, T = %g..%g, "
           "m = %d, lr = %g, decay = %g, momentum = %g, batch = %d, probe = %s, product = %s, seed = %d, dam.h %s\n",
           dataset, train.count, test.count, eval_name, net.N, net.K, net.n, function, td.T_start, td.T_end,
           td.loss_power, td.lr, td.lr_decay, td.momentum, td.batch, probe, product, seed, dam_version());
    for (e = 0; e < td.epochs; e++) {
        const dam_dataset *sets[1];
        sets[0] = &train;
        if ((r = dam_trainer_epoch(&tr, sets, 1, &rng, NULL)) != DAM_OK) {
            fprintf(stderr, "train_mnist: %s (%s)\n", tr.why, dam_result_string(r));
            return 1;
        }
        if (save_every > 0 && (e + 1) % save_every == 0 && e + 1 < td.epochs) {
            dam_trainer_accuracy(&tr, &test, &sc);
            fprintf(stderr, "epoch %d: %s accuracy %.4f (ties: %d)\n", e + 1, eval_name, sc.accuracy, sc.ties);
        }
    }
    if ((r = dam_trainer_accuracy(&tr, &test, &sc)) != DAM_OK) {
        fprintf(stderr, "train_mnist: %s (%s)\n", tr.why, dam_result_string(r));
        return 1;
    }
    if (grid) {
        char why[DAM_WHY_SIZE];
        int show = net.K < 100 ? net.K : 100;
        if ((r = dam_write_grid(grid, net.xi, show, net.N, 28, 28, 10, 2, why)) != DAM_OK)
            fprintf(stderr, "train_mnist: %s\n", why);
    }
    printf("%s accuracy: %.4f (ties: %d)\n", eval_name, sc.accuracy, sc.ties);
    dam_trainer_free(&tr);
    dam_dense_free(&net);
    dam_dataset_free(&train);
    dam_dataset_free(&test);
    return 0;
}
