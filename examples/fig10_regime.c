/* fig10_regime.c - Figure 10: memory regime and data size. EWC, SI and MAS (and
   vanilla for reference) against the items per task, and against the number of
   memories K.

   Claim tested (paper finding 3): the regularisation methods' success depends on the
   amount of data and on the memory regime: their gain over vanilla is not constant in
   items per task or in K.
   Parameters: the sequence sizes of figseq.h except the swept one; n = 10 (the default;
   --n to change); items per task in {500, 2000, 4000} at K = 256; K in {64, 256, 512} at the profile's items (smoke: items {300}, K {64}). Default strengths of
   dam_seq_defaults. Seed: --seed (default 1).
   Rows: technique, n, param = items (block 0) or 1000000 + K (block 1, to keep them
   apart: K = param - 1000000), written as exact integers ("1000064" for K = 64). Run time on the 2-core machine, 2 threads: quick ~130 s (319 s measured shared, scaled 2.4x); smoke: seconds; paper: not
   measured, extrapolated at 100-250x the quick time (60,000 items, 40-100 epochs, seeds). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figseq.h"

int main(int argc, char **argv)
{
    static const dam_technique techs[] = {DAM_TECH_VANILLA, DAM_TECH_EWC, DAM_TECH_SI, DAM_TECH_MAS};
    static const int items_all[] = {500, 2000, 4000}, K_all[] = {64, 256, 512};
    fig F;
    fig_tasks tk, sub;
    int n = 10, t, q, rc, nq, job = 0, axis;
    cli_opt extra[] = {{"n", CLI_INT, &n, "interaction vertex"}};
    if ((rc = fig_init(&F, "fig10_regime", "the regularisation methods' gain depends on the data per task and on K",
                       argc, argv, extra, 1)) != 0)
        return rc < 0 ? 0 : rc;
    fig_tasks_sizes(&F, &tk);
    nq = F.profile == FIG_SMOKE ? 1 : 3;
    if (F.profile != FIG_SMOKE) tk.items = 4000; /* the largest swept size; smaller ones are prefixes */
    if ((rc = fig_tasks_make(&F, &tk)) != 0) return rc;
    if ((rc = fig_open(&F, fig_seq_columns, FIG_SEQ_NCOLUMNS)) != 0) return rc;
    fig_tasks_params(&F, &tk);
    fig_param(&F, "n", "%d", n);
    fig_param(&F, "param", "items per task (rows with param < 1000000, K = 256) or 1000000 + K (items per task = 2000 quick, 60000 paper)");
    for (axis = 0; axis < 2; axis++)
        for (q = 0; q < nq; q++)
            for (t = 0; t < 4; t++, job++) {
                dam_dense net;
                dam_seq s;
                char label[64];
                int items = axis == 0 ? (F.profile == FIG_SMOKE ? 300 : items_all[q]) : fig_pick(&F, 300, 2000, 60000);
                int K = axis == 0 ? 256 : (F.profile == FIG_SMOKE ? 64 : K_all[q]);
                int k2;
                if (!fig_mine(&F, job)) continue;
                if (items > tk.items) items = tk.items;
                sub = tk;
                for (k2 = 0; k2 < tk.T; k2++) sub.train[k2].count = items; /* a prefix of each task */
                for (k2 = 0; k2 < tk.T; k2++) sub.trp[k2] = &sub.train[k2];
                snprintf(label, sizeof label, "%s items=%d K=%d", dam_technique_name(techs[t]), items, K);
                if (fig_sequence(&F, &sub, dam_seq_defaults(techs[t], n), n, K, (uint64_t)F.seed, label, &net, &s)) return 1;
                fig_seq_row(&F, techs[t], n, axis == 0 ? items : 1000000 + K, F.seed, &s);
                dam_seq_free(&s);
                dam_dense_free(&net);
            }
    fig_tasks_free(&tk);
    return fig_close(&F);
}
