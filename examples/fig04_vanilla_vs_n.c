/* fig04_vanilla_vs_n.c - Figure 4: vanilla sequential training against n: average
   accuracy after the last task, backward transfer and mean forgetting.

   Claim tested: the DAM's behaviour in a sequence changes with n (the paper reports
   transitions as n varies): ACC, BWT and forgetting are not flat in n.
   Runs (examples/runstore.h): vanilla sequences of the sizes of figseq.h at n in
   {2, 3, 5, 10, 20} (quick; 30 and 40 only in paper, see figseq.h), {3, 20} (smoke),
   {2, 3, 5, 10, 15, 20, 30, 40, 60} (paper), every seed of
   --seeds. The program never trains: --list prints the runs, otherwise it aggregates
   the stored runs (mean, sd, 95% interval, per-seed values). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

int main(int argc, char **argv)
{
    static const int n_smoke[] = {3, 20}, n_quick[] = {2, 3, 5, 10, 20},
                     n_paper[] = {2, 3, 5, 10, 15, 20, 30, 40, 60};
    static fig_plan P;
    fig F;
    int k, rc, nn, seeds[64], ns_;
    const int *ns;
    if ((rc = fig_init(&F, "fig04_vanilla_vs_n", "vanilla ACC, BWT and forgetting change with n (transitions)", argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = fig_pick(&F, 2, 5, 9);
    P.idcol[0] = "n [-] interaction vertex";
    P.nid = 1;
    P.m = fig_seq_metrics;
    P.nm = FIG_SEQ_NMETRICS;
    for (k = 0; k < nn; k++) {
        run_spec s = fig_seq_spec(&F, DAM_TECH_VANILLA, ns[k]);
        fig_point(&P, &s, ns[k], 0, 0, 0);
    }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    return fig_plan_main(&F, &P, seeds, ns_, NULL);
}
