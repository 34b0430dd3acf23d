/* fig06_pseudorehearsal.c - Figure 6: pseudorehearsal. Average accuracy after the last
   task against the number P of pseudo-items made from the network before each new
   task, one curve per n; both variants (random probes labelled by the network, and
   probes relaxed to the network's attractors first).

   Claim tested: pseudorehearsal, needing no stored data, recovers part of what vanilla
   forgets (ACC above vanilla's, growing with P). The paper benchmarks it; how well it
   does by n is what this figure measures.
   Parameters: the sequence sizes of figseq.h; P in {0, 250, 1000, 2000} with random
   probes, P = 1000 with relaxed probes; n in {3, 10, 30} (smoke: P in {0, 200}, n = 10).
   Seed: --seed (default 1). Run time on the 2-core machine, 2 threads: quick 172 s (measured); smoke: seconds; paper: not
   measured, extrapolated at 100-250x the quick time (60,000 items, 40-100 epochs, seeds). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figseq.h"

int main(int argc, char **argv)
{
    static const int n_all[] = {3, 10, 30}, n_smoke[] = {10};
    static const int p_all[] = {0, 250, 1000, 2000, -1000}, p_smoke[] = {0, 200};
    fig F;
    fig_tasks tk;
    int k, q, rc, nn, np, job = 0;
    const int *ns, *ps;
    if ((rc = fig_init(&F, "fig06_pseudorehearsal", "class-conditional pseudo-items (generative replay of per-class pixel densities) beat vanilla at every n",
                       argc, argv, NULL, 0)) != 0)
        return rc;
    fig_tasks_sizes(&F, &tk);
    ns = F.profile == FIG_SMOKE ? n_smoke : n_all;
    nn = F.profile == FIG_SMOKE ? 1 : 3;
    ps = F.profile == FIG_SMOKE ? p_smoke : p_all;
    np = F.profile == FIG_SMOKE ? 2 : 5;
    if ((rc = fig_tasks_make(&F, &tk)) != 0) return rc;
    if ((rc = fig_open(&F, fig_seq_columns, FIG_SEQ_NCOLUMNS)) != 0) return rc;
    fig_tasks_params(&F, &tk);
    fig_param(&F, "param", "pseudo-items P (0 = vanilla; negative = -P with probes relaxed to attractors)");
    for (k = 0; k < nn; k++)
        for (q = 0; q < np; q++, job++) {
            dam_seq_desc d = dam_seq_defaults(ps[q] != 0 ? DAM_TECH_PSEUDO : DAM_TECH_VANILLA, ns[k]);
            dam_dense net;
            dam_seq s;
            char label[64];
            if (!fig_mine(&F, job)) continue;
            d.pseudo_items = ps[q] < 0 ? -ps[q] : ps[q];
            d.pseudo_probe = ps[q] < 0 ? DAM_PSEUDO_RELAXED : DAM_PSEUDO_RANDOM;
            snprintf(label, sizeof label, "pseudo P=%d%s n=%d", d.pseudo_items, ps[q] < 0 ? " relaxed" : "", ns[k]);
            if (fig_sequence(&F, &tk, d, ns[k], tk.K, (uint64_t)F.seed, label, &net, &s)) return 1;
            fig_seq_row(&F, d.technique, ns[k], ps[q], F.seed, &s);
            dam_seq_free(&s);
            dam_dense_free(&net);
        }
    fig_tasks_free(&tk);
    return fig_close(&F);
}
