/* fig03_vanilla_matrix.c - Figure 3: catastrophic forgetting. The accuracy matrix
   R[i][j] (test accuracy on task j after training task i) of vanilla sequential
   training, at a few n, drawn as heat maps (the mean over seeds).

   Claim tested: a DAM trained on permuted-MNIST tasks one after another forgets the
   earlier tasks (R[i][j] for j < i falls below R[j][j]).
   Runs (examples/runstore.h): vanilla sequences of the sizes of figseq.h at n in
   {3, 10, 30} (paper), {3, 10, 20} (quick: see figseq.h for why 30 is not in quick), {3, 30} (smoke), every seed of --seeds (the same runs as fig04 at those
   n). Rows: one per (n, i, j); every row of an n also carries that run's drop of task 0
   over the sequence, R[0][0] - R[T-1][0], and the min accuracy right after training. */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

static const agg_metric metrics[] = {
    {"R", "R", -1, "[-] test accuracy on task j after task i"},
    {"b", "b", -2, "[-] accuracy of the untrained network on task j"},
    {"drop", "drop", 0, "[-] drop of task 0 over the sequence, R[0][0] - R[T-1][0]"},
    {"learned", "learned", 0, "[-] min over tasks of R[j][j]"}};

int main(int argc, char **argv)
{
    static const int n_quick[] = {3, 10, 20}, n_paper[] = {3, 10, 30}, n_smoke[] = {3, 30};
    static fig_plan P;
    fig F;
    int k, i, j, rc, nn, T, seeds[64], ns_;
    const int *ns;
    static agg_metric m2[4];
    if ((rc = fig_init(&F, "fig03_vanilla_matrix", "vanilla sequential training forgets earlier tasks", argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = F.profile == FIG_SMOKE ? 2 : 3;
    P.idcol[0] = "n [-] interaction vertex";
    P.idcol[1] = "i [-] task just trained (0-based)";
    P.idcol[2] = "j [-] task tested (0-based)";
    P.nid = 3;
    memcpy(m2, metrics, sizeof metrics);
    P.m = m2;
    P.nm = 4;
    for (k = 0; k < nn; k++) {
        run_spec s = fig_seq_spec(&F, DAM_TECH_VANILLA, ns[k]);
        agg_point *p;
        T = s.tasks;
        for (i = 0; i < T; i++)
            for (j = 0; j < T; j++) {
                p = fig_point(&P, &s, ns[k], i, j, 0);
                p->sub[0] = i * T + j;
                p->sub[1] = j;
            }
    }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    return fig_plan_main(&F, &P, seeds, ns_, NULL);
}
