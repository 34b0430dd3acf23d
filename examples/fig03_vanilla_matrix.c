/* fig03_vanilla_matrix.c - Figure 3: catastrophic forgetting. The accuracy matrix
   R[i][j] (test accuracy on task j after training task i) of vanilla sequential
   training, at a few n, drawn as heat maps.

   Claim tested: a DAM trained on permuted-MNIST tasks one after another forgets the
   earlier tasks (R[i][j] for j < i falls below R[j][j]).
   Parameters: the sequence sizes of figseq.h; n in {3, 10, 30} (smoke {3, 30}).
   Seed: --seed (default 1): tasks and network. Run time on the 2-core machine, 2 threads: quick 19 s (measured); smoke: seconds; paper: not
   measured, extrapolated at 100-250x the quick time (60,000 items, 40-100 epochs, seeds). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figseq.h"

int main(int argc, char **argv)
{
    static const int n_all[] = {3, 10, 30}, n_smoke[] = {3, 30};
    static const char *const cols[] = {"n [-] interaction vertex", "i [-] task just trained (0-based)",
                                       "j [-] task tested (0-based)", "R [-] test accuracy on task j after task i",
                                       "b [-] accuracy of the untrained network on task j"};
    fig F;
    fig_tasks tk;
    int k, i, j, rc, nn;
    const int *ns;
    if ((rc = fig_init(&F, "fig03_vanilla_matrix", "vanilla sequential training forgets earlier tasks", argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    fig_tasks_sizes(&F, &tk);
    ns = F.profile == FIG_SMOKE ? n_smoke : n_all;
    nn = F.profile == FIG_SMOKE ? 2 : 3;
    if ((rc = fig_tasks_make(&F, &tk)) != 0) return rc;
    if ((rc = fig_open(&F, cols, 5)) != 0) return rc;
    fig_tasks_params(&F, &tk);
    fig_param(&F, "technique", "vanilla");
    for (k = 0; k < nn; k++) {
        dam_dense net;
        dam_seq s;
        char label[64];
        if (!fig_mine(&F, k)) continue;
        snprintf(label, sizeof label, "vanilla n=%d", ns[k]);
        if (fig_sequence(&F, &tk, dam_seq_defaults(DAM_TECH_VANILLA, ns[k]), ns[k], tk.K, (uint64_t)F.seed, label, &net, &s))
            return 1;
        for (i = 0; i < tk.T; i++)
            for (j = 0; j < tk.T; j++) fig_row(&F, "%d %d %d %.4f %.4f", ns[k], i, j, s.R[i * tk.T + j], s.b[j]);
        fig_row(&F, "");
        dam_seq_free(&s);
        dam_dense_free(&net);
    }
    fig_tasks_free(&tk);
    return fig_close(&F);
}
