/* fig02_single_task.c - Figure 2: single-task MNIST test accuracy against the
   interaction vertex n, for the leaky and the plain rectified polynomial.

   Claim tested (the baseline every sequence starts from): one DAM classifies MNIST
   well across the whole n range the figures sweep, with dam.h's default T(n) rule.
   Runs (examples/runstore.h, kind single): K = 256, dam_train_defaults(n) (m = 30,
   lr 0.04, decay 0.998, momentum 0.6, batch 1000, "off" probes), T =
   dam_default_temperature(n, f); every seed of --seeds.
   Profiles: smoke n in {3, 20}, 500 items, 3 epochs, batch 100; quick n in {2, 3, 5,
   10, 20, 30, 40}, 10,000 items, 20 epochs, batch 100; paper n in {2, 3, 5, 10, 15, 20,
   30, 40, 50, 60}, 60,000 items, 100 epochs, batch 1000. Test items: 10,000 (smoke 500).
   Under-training: quick's batch is 100 because at batch 1000 (10 steps an epoch) 20
   epochs left n = 2 at 0.876 (0.923 after 100) and n = 40 at 0.770 (0.902 with 60,000
   items and 100 epochs). At batch 100 (seed 1) 20 epochs against 60: n = 2 0.927/0.928,
   10 0.927/0.932, 20 0.917/0.927, 30 0.918/0.920, 40 0.898/0.897: every quick n is
   within 0.03 of converged at its items. */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

static const agg_metric metrics[] = {
    {"acc", "acc", 0, "[-] test accuracy (ties count as wrong)"},
    {"ties", "ties", 0, "[items] test items with a tied top score"},
    {"seconds", "seconds", 0, "[s] wall time of the run"}};

int main(int argc, char **argv)
{
    static const int n_smoke[] = {3, 20}, n_quick[] = {2, 3, 5, 10, 20, 30, 40},
                     n_paper[] = {2, 3, 5, 10, 15, 20, 30, 40, 50, 60};
    static fig_plan P;
    const int *ns;
    int nn, fi, k, rc, seeds[64], ns_;
    fig F;
    if ((rc = fig_init(&F, "fig02_single_task",
                       "one DAM learns single-task MNIST well at every n of the sweep (baseline)",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = fig_pick(&F, 2, 7, 10);
    P.idcol[0] = "function [-] 0 = leaky rectified polynomial, 1 = rectified polynomial";
    P.idcol[1] = "n [-] interaction vertex";
    P.idcol[2] = "T [-] temperature used";
    P.nid = 3;
    P.m = metrics;
    P.nm = 3;
    for (fi = 0; fi < 2; fi++)
        for (k = 0; k < nn; k++) {
            run_spec s = fig_single_spec(&F, ns[k], fi);
            fig_point(&P, &s, fi, ns[k], dam_default_temperature(ns[k], fi ? DAM_F_RECTIFIED : DAM_F_LEAKY), 0);
        }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    return fig_plan_main(&F, &P, seeds, ns_, NULL);
}
