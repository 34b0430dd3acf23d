/* fig04_vanilla_vs_n.c - Figure 4: vanilla sequential training against n: average
   accuracy after the last task, backward transfer and mean forgetting.

   Claim tested: the DAM's behaviour in a sequence changes with n (the paper reports
   transitions as n varies): ACC, BWT and forgetting are not flat in n.
   Parameters: the sequence sizes of figseq.h; n in {2, 3, 5, 10, 20, 30, 40} (smoke
   {3, 20}; paper adds 15 and 60, 3 seeds). Seed: --seed (default 1) + repeat.
   Run time on the 2-core machine, 2 threads: quick 43 s (measured); smoke: seconds; paper: not
   measured, extrapolated at 100-250x the quick time (60,000 items, 40-100 epochs, seeds). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figseq.h"

int main(int argc, char **argv)
{
    static const int n_smoke[] = {3, 20}, n_quick[] = {2, 3, 5, 10, 20, 30, 40},
                     n_paper[] = {2, 3, 5, 10, 15, 20, 30, 40, 60};
    static const char *const cols[] = {"n [-] interaction vertex", "seed [-] network seed",
                                       "acc [-] average test accuracy after the last task",
                                       "bwt [-] backward transfer", "fwt [-] forward transfer",
                                       "forgetting [-] mean forgetting of tasks 0..T-2",
                                       "first [-] task 0 accuracy after the last task",
                                       "diag [-] mean of R[j][j] (accuracy right after learning)"};
    fig F;
    fig_tasks tk;
    int k, s, rc, nn, seeds, job = 0;
    const int *ns;
    if ((rc = fig_init(&F, "fig04_vanilla_vs_n", "vanilla ACC, BWT and forgetting change with n (transitions)", argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    fig_tasks_sizes(&F, &tk);
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = fig_pick(&F, 2, 7, 9);
    seeds = fig_pick(&F, 1, 1, 3);
    if ((rc = fig_tasks_make(&F, &tk)) != 0) return rc;
    if ((rc = fig_open(&F, cols, 8)) != 0) return rc;
    fig_tasks_params(&F, &tk);
    fig_param(&F, "technique", "vanilla");
    for (k = 0; k < nn; k++)
        for (s = 0; s < seeds; s++, job++) {
            dam_dense net;
            dam_seq q;
            char label[64];
            double diag = 0;
            int j;
            if (!fig_mine(&F, job)) continue;
            snprintf(label, sizeof label, "vanilla n=%d seed=%d", ns[k], F.seed + s);
            if (fig_sequence(&F, &tk, dam_seq_defaults(DAM_TECH_VANILLA, ns[k]), ns[k], tk.K, (uint64_t)(F.seed + s), label, &net, &q))
                return 1;
            for (j = 0; j < tk.T; j++) diag += q.R[j * tk.T + j] / tk.T;
            fig_row(&F, "%d %d %.4f %.4f %.4f %.4f %.4f %.4f", ns[k], F.seed + s, q.acc, q.bwt, q.fwt, fig_mean_forgetting(&q),
                    q.R[(tk.T - 1) * tk.T], diag);
            dam_seq_free(&q);
            dam_dense_free(&net);
        }
    fig_tasks_free(&tk);
    return fig_close(&F);
}
