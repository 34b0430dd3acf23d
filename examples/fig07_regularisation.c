/* fig07_regularisation.c - Figure 7: EWC, SI and MAS. Average accuracy after the last
   task against the penalty strength (lambda for EWC and MAS, c for SI), one curve per
   technique and n.

   Claim tested (paper finding 3): the regularisation methods can protect old tasks, but
   how well depends on the regime: their best ACC differs between small n (feature-like
   memories) and large n (prototype-like memories). Strength 0 is vanilla.
   Parameters: the sequence sizes of figseq.h; strengths 0 (vanilla) and {0.1, 1, 10,
   100} for lambda (EWC, MAS) and c (SI), with dam_seq_defaults' normalised importance
   (each task's importance divided by its mean, so 1 is the natural scale); n in {3, 30}
   (smoke: EWC only, n = 10, strength 10). Seed: --seed (default 1).
   Run time on the 2-core machine, 2 threads: quick ~195 s (466 s measured on a shared machine, scaled by the measured 2.4x slowdown); smoke: seconds; paper: not
   measured, extrapolated at 100-250x the quick time (60,000 items, 40-100 epochs, seeds). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figseq.h"

int main(int argc, char **argv)
{
    static const int n_all[] = {3, 30}, n_smoke[] = {10};
    static const dam_technique techs[] = {DAM_TECH_EWC, DAM_TECH_SI, DAM_TECH_MAS};
    static const double strengths[] = {0.1, 1, 10, 100};
    fig F;
    fig_tasks tk;
    int k, t, q, rc, nn, nt, nq, job = 0;
    const int *ns;
    if ((rc = fig_init(&F, "fig07_regularisation", "EWC, SI and MAS protect old tasks to a degree that depends on n",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    fig_tasks_sizes(&F, &tk);
    ns = F.profile == FIG_SMOKE ? n_smoke : n_all;
    nn = F.profile == FIG_SMOKE ? 1 : 2;
    nt = F.profile == FIG_SMOKE ? 1 : 3;
    nq = F.profile == FIG_SMOKE ? 1 : 4;
    if ((rc = fig_tasks_make(&F, &tk)) != 0) return rc;
    if ((rc = fig_open(&F, fig_seq_columns, FIG_SEQ_NCOLUMNS)) != 0) return rc;
    fig_tasks_params(&F, &tk);
    fig_param(&F, "param", "penalty strength: lambda (EWC, MAS) or c (SI); vanilla rows (technique 0) are strength 0");
    for (k = 0; k < nn; k++) {
        /* the strength-0 point: vanilla */
        if (fig_mine(&F, job++)) {
            dam_dense net;
            dam_seq s;
            char label[64];
            snprintf(label, sizeof label, "vanilla n=%d", ns[k]);
            if (fig_sequence(&F, &tk, dam_seq_defaults(DAM_TECH_VANILLA, ns[k]), ns[k], tk.K, (uint64_t)F.seed, label, &net, &s)) return 1;
            fig_seq_row(&F, 0, ns[k], 0, F.seed, &s);
            dam_seq_free(&s);
            dam_dense_free(&net);
        }
        for (t = 0; t < nt; t++)
            for (q = 0; q < nq; q++, job++) {
                dam_seq_desc d = dam_seq_defaults(techs[t], ns[k]);
                dam_dense net;
                dam_seq s;
                char label[64];
                double v = strengths[q];
                if (!fig_mine(&F, job)) continue;
                if (F.profile == FIG_SMOKE) v = 10;
                d.ewc_lambda = d.mas_lambda = v;
                d.si_c = v;
                snprintf(label, sizeof label, "%s %g n=%d", dam_technique_name(techs[t]), v, ns[k]);
                if (fig_sequence(&F, &tk, d, ns[k], tk.K, (uint64_t)F.seed, label, &net, &s)) return 1;
                fig_seq_row(&F, techs[t], ns[k], v, F.seed, &s);
                dam_seq_free(&s);
                dam_dense_free(&net);
            }
    }
    fig_tasks_free(&tk);
    return fig_close(&F);
}
