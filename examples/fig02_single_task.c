/* fig02_single_task.c - Figure 2: single-task MNIST test accuracy against the
   interaction vertex n, for the leaky and the plain rectified polynomial.

   Claim tested (the baseline every sequence starts from): one DAM classifies MNIST
   well across the whole n range the figures sweep, with dam.h's default T(n) rule.
   Parameters: K = 256, defaults of dam_train_defaults(n) (m = 30, lr 0.04, decay 0.998,
   momentum 0.6, batch 1000, "off" probes), T = dam_default_temperature(n, f).
   Profiles: smoke n in {3, 20}, 500 items, 3 epochs; quick n in {2,3,5,10,20,30,40},
   10,000 items, 20 epochs; paper n in {2,3,5,10,15,20,30,40,50,60}, 60,000 items,
   100 epochs, 3 seeds. Seed: --seed (default 1), seed + s for repeat s.
   Run time on the 2-core machine, 2 threads: quick 136 s (measured); smoke: seconds; paper: not
   measured, extrapolated at 100-250x the quick time (60,000 items, 40-100 epochs, seeds). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figure.h"

int main(int argc, char **argv)
{
    static const int n_smoke[] = {3, 20}, n_quick[] = {2, 3, 5, 10, 20, 30, 40},
                     n_paper[] = {2, 3, 5, 10, 15, 20, 30, 40, 50, 60};
    static const char *const cols[] = {
        "function [-] 0 = leaky rectified polynomial, 1 = rectified polynomial",
        "n [-] interaction vertex", "seed [-] repeat's seed", "T [-] temperature used",
        "accuracy [-] test accuracy (ties count as wrong)", "ties [items] test items with a tied top score",
        "seconds [s] training time"};
    const int *ns;
    int nn, K = 256, items, test_items, epochs, seeds, fi, s, k, job = 0, rc;
    dam_dataset train, test;
    fig F;
    cli_opt extra[] = {{"memories", CLI_INT, &K, "memories K"}};
    if ((rc = fig_init(&F, "fig02_single_task",
                       "one DAM learns single-task MNIST well at every n of the sweep (baseline)",
                       argc, argv, extra, 1)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = fig_pick(&F, 2, 7, 10);
    items = fig_pick(&F, 500, 10000, 60000);
    test_items = fig_pick(&F, 500, 10000, 10000);
    epochs = fig_pick(&F, 3, 20, 100);
    seeds = fig_pick(&F, 1, 1, 3);
    if ((rc = fig_load(&F, items, test_items, &train, &test)) != 0) return rc;
    if ((rc = fig_open(&F, cols, 7)) != 0) return rc;
    fig_param(&F, "K", "%d", K);
    fig_param(&F, "train items", "%d", train.count);
    fig_param(&F, "test items", "%d", test.count);
    fig_param(&F, "epochs", "%d", epochs);
    fig_param(&F, "training", "dam_train_defaults(n): m 30, lr 0.04, decay 0.998, momentum 0.6, batch 1000, probe off");
    fig_param(&F, "temperature", "dam_default_temperature(n, f)");
    for (fi = 0; fi < 2; fi++)
        for (k = 0; k < nn; k++)
            for (s = 0; s < seeds; s++, job++) {
                dam_function f = fi == 0 ? DAM_F_LEAKY : DAM_F_RECTIFIED;
                dam_dense_desc nd = dam_dense_defaults(train.N, K, ns[k]);
                dam_train_desc td = dam_train_defaults(ns[k]);
                dam_dense net;
                dam_rng rng;
                dam_score sc;
                dam_result r;
                char label[64], tnum[32];
                double t0;
                if (!fig_mine(&F, job)) continue;
                nd.f = f;
                nd.T = td.T_start = td.T_end = dam_default_temperature(ns[k], f);
                nd.mask_start = train.pixels;
                nd.mask_count = train.classes;
                td.epochs = epochs;
                snprintf(label, sizeof label, "%s n=%d seed=%d", fi ? "rectified" : "leaky", ns[k], F.seed + s);
                td.progress = fig_progress;
                td.user = label;
                dam_rng_seed(&rng, (uint64_t)(F.seed + s));
                t0 = fig_now();
                if ((r = dam_dense_init(&net, &nd, &rng, NULL)) != DAM_OK ||
                    (r = dam_train(&net, &td, &train, &rng)) != DAM_OK ||
                    (r = dam_dense_accuracy(&net, &test, &sc)) != DAM_OK) {
                    cli_error("fig02_single_task", label, net.why, dam_result_string(r));
                    return 1;
                }
                fig_row(&F, "%d %d %d %s %.4f %d %.1f", fi, ns[k], F.seed + s, cli_num(tnum, nd.T), sc.accuracy, sc.ties, fig_now() - t0);
                fprintf(stderr, "fig02_single_task: %s: test accuracy %.4f (ties %d)\n", label, sc.accuracy, sc.ties);
                dam_dense_free(&net);
            }
    dam_dataset_free(&train);
    dam_dataset_free(&test);
    return fig_close(&F);
}
