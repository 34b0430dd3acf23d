/* fig05_rehearsal.c - Figure 5: naive rehearsal. Average accuracy after the last task
   against the fraction r of every finished task's items kept and rehearsed, one curve
   per n (r = 0 is vanilla).

   Claim tested (paper finding 1): rehearsal is strongly effective: ACC rises with r,
   at every n, well above vanilla.
   Parameters: the sequence sizes of figseq.h; r in {0, 0.05, 0.1, 0.25, 0.5}; n in
   {3, 10, 30} (smoke: r in {0, 0.25}, n = 10). Seed: --seed (default 1).
   Run time on the 2-core machine, 2 threads: quick 129 s (measured); smoke: seconds; paper: not
   measured, extrapolated at 100-250x the quick time (60,000 items, 40-100 epochs, seeds). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figseq.h"

int main(int argc, char **argv)
{
    static const int n_all[] = {3, 10, 30}, n_smoke[] = {10};
    static const double r_all[] = {0, 0.05, 0.1, 0.25, 0.5}, r_smoke[] = {0, 0.25};
    fig F;
    fig_tasks tk;
    int k, q, rc, nn, nr, job = 0;
    const int *ns;
    const double *rs;
    if ((rc = fig_init(&F, "fig05_rehearsal", "rehearsal is strongly effective: ACC rises with the rehearsed fraction at every n",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    fig_tasks_sizes(&F, &tk);
    ns = F.profile == FIG_SMOKE ? n_smoke : n_all;
    nn = F.profile == FIG_SMOKE ? 1 : 3;
    rs = F.profile == FIG_SMOKE ? r_smoke : r_all;
    nr = F.profile == FIG_SMOKE ? 2 : 5;
    if ((rc = fig_tasks_make(&F, &tk)) != 0) return rc;
    if ((rc = fig_open(&F, fig_seq_columns, FIG_SEQ_NCOLUMNS)) != 0) return rc;
    fig_tasks_params(&F, &tk);
    fig_param(&F, "param", "rehearsal fraction r (0 = vanilla)");
    for (k = 0; k < nn; k++)
        for (q = 0; q < nr; q++, job++) {
            dam_seq_desc d = dam_seq_defaults(rs[q] > 0 ? DAM_TECH_REHEARSAL : DAM_TECH_VANILLA, ns[k]);
            dam_dense net;
            dam_seq s;
            char label[64];
            if (!fig_mine(&F, job)) continue;
            d.rehearsal_fraction = rs[q];
            snprintf(label, sizeof label, "rehearsal r=%g n=%d", rs[q], ns[k]);
            if (fig_sequence(&F, &tk, d, ns[k], tk.K, (uint64_t)F.seed, label, &net, &s)) return 1;
            fig_seq_row(&F, d.technique, ns[k], rs[q], F.seed, &s);
            dam_seq_free(&s);
            dam_dense_free(&net);
        }
    fig_tasks_free(&tk);
    return fig_close(&F);
}
