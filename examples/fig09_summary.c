/* fig09_summary.c - Figure 9: every technique at its default setting against n, on one
   plot: average accuracy after the last task (and BWT in the data).

   Claim tested (paper findings 1-4 together): rehearsal is the strongest; the
   regularisation and projection methods sit between it and vanilla, in an order that
   changes with n.
   Parameters: the sequence sizes of figseq.h; dam_seq_defaults(technique, n) for every
   technique (rehearsal r 0.1, pseudorehearsal P 1000 random probes, EWC lambda 1, SI c
   1, MAS lambda 1 with normalised importance, GEM/A-GEM M 256); n in {3, 10, 30} (quick), {2, 3, 5, 10, 20, 30,
   40} (paper), {10} (smoke). Seed: --seed (default 1).
   Run time on the 2-core machine, 2 threads: quick ~230 s (558 s measured shared, scaled 2.4x); smoke: seconds; paper: not
   measured, extrapolated at 100-250x the quick time (60,000 items, 40-100 epochs, seeds). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figseq.h"

int main(int argc, char **argv)
{
    static const int n_smoke[] = {10}, n_quick[] = {3, 10, 30}, n_paper[] = {2, 3, 5, 10, 20, 30, 40};
    fig F;
    fig_tasks tk;
    int k, t, rc, nn, job = 0;
    const int *ns;
    if ((rc = fig_init(&F, "fig09_summary", "rehearsal is the strongest technique; the order of the others changes with n",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    fig_tasks_sizes(&F, &tk);
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = fig_pick(&F, 1, 3, 7);
    if ((rc = fig_tasks_make(&F, &tk)) != 0) return rc;
    if ((rc = fig_open(&F, fig_seq_columns, FIG_SEQ_NCOLUMNS)) != 0) return rc;
    fig_tasks_params(&F, &tk);
    fig_param(&F, "param", "unused (0): every technique at dam_seq_defaults");
    for (k = 0; k < nn; k++)
        for (t = 0; t < DAM_TECH_COUNT; t++, job++) {
            dam_dense net;
            dam_seq s;
            char label[64];
            if (!fig_mine(&F, job)) continue;
            snprintf(label, sizeof label, "%s n=%d", dam_technique_name((dam_technique)t), ns[k]);
            if (fig_sequence(&F, &tk, dam_seq_defaults((dam_technique)t, ns[k]), ns[k], tk.K, (uint64_t)F.seed, label, &net, &s))
                return 1;
            fig_seq_row(&F, t, ns[k], 0, F.seed, &s);
            dam_seq_free(&s);
            dam_dense_free(&net);
        }
    fig_tasks_free(&tk);
    return fig_close(&F);
}
