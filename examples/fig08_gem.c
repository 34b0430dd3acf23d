/* fig08_gem.c - Figure 8: GEM and A-GEM against n, mean and spread over seeds.

   Claim tested (paper finding 2): the gradient-projection methods are unstable at
   intermediate n: their ACC varies widely between seeds (large spread) or drops there,
   while at small and large n it is steady.
   Parameters: the sequence sizes of figseq.h; episodic memory M = 256 items per task
   (GEM margin 0.5; A-GEM reference sample 256); n in {2, 5, 10, 20, 40} with 2 seeds
   (quick), {2, 3, 5, 10, 20, 30, 40} with 5 seeds (paper), {3, 20} with 1 (smoke). Seed: --seed (default 1) + repeat.
   Rows: one per (technique, n, seed); the plot shows mean and min..max.
   Run time on the 2-core machine, 2 threads: quick ~430 s (1038 s measured on a shared machine, scaled 2.4x); smoke: seconds; paper: not
   measured, extrapolated at 100-250x the quick time (60,000 items, 40-100 epochs, seeds). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figseq.h"

int main(int argc, char **argv)
{
    static const int n_smoke[] = {3, 20}, n_quick[] = {2, 5, 10, 20, 40}, n_paper[] = {2, 3, 5, 10, 20, 30, 40};
    static const dam_technique techs[] = {DAM_TECH_GEM, DAM_TECH_AGEM};
    fig F;
    fig_tasks tk;
    int k, t, s, rc, nn, seeds, job = 0, M = 256;
    const int *ns;
    cli_opt extra[] = {{"memory", CLI_INT, &M, "episodic items kept per finished task"}};
    if ((rc = fig_init(&F, "fig08_gem", "GEM and A-GEM are unstable at intermediate n (large spread over seeds)",
                       argc, argv, extra, 1)) != 0)
        return rc < 0 ? 0 : rc;
    fig_tasks_sizes(&F, &tk);
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = fig_pick(&F, 2, 5, 7);
    seeds = fig_pick(&F, 1, 2, 5);
    if ((rc = fig_tasks_make(&F, &tk)) != 0) return rc;
    if ((rc = fig_open(&F, fig_seq_columns, FIG_SEQ_NCOLUMNS)) != 0) return rc;
    fig_tasks_params(&F, &tk);
    fig_param(&F, "param", "episodic memory M per task (GEM margin 0.5, A-GEM sample 256)");
    for (t = 0; t < 2; t++)
        for (k = 0; k < nn; k++)
            for (s = 0; s < seeds; s++, job++) {
                dam_seq_desc d = dam_seq_defaults(techs[t], ns[k]);
                dam_dense net;
                dam_seq q;
                char label[64];
                if (!fig_mine(&F, job)) continue;
                d.memory_per_task = M;
                snprintf(label, sizeof label, "%s n=%d seed=%d", dam_technique_name(techs[t]), ns[k], F.seed + s);
                if (fig_sequence(&F, &tk, d, ns[k], tk.K, (uint64_t)(F.seed + s), label, &net, &q)) return 1;
                fig_seq_row(&F, techs[t], ns[k], M, F.seed + s, &q);
                dam_seq_free(&q);
                dam_dense_free(&net);
            }
    fig_tasks_free(&tk);
    return fig_close(&F);
}
