/* fig10_regime.c - Figure 10: memory regime and data size. EWC, SI and MAS (and
   vanilla for reference) against the items per task, and against the number of
   memories K.

   Claim tested (paper finding 3): the regularisation methods' success depends on the
   amount of data and on the memory regime: their gain over vanilla is not constant in
   items per task or in K.
   Runs (examples/runstore.h): the sequence sizes of figseq.h except the swept one;
   n = 10 (--n to change); items per task in {500, 2000, 4000} at K = 256 (axis 0); K in
   {64, 256, 512} at the profile's items (axis 1; smoke: items {300}, K {64}). Default
   strengths of dam_seq_defaults; every seed of --seeds. The training items of a run
   are the first `items` of MNIST, so a smaller size is a prefix of a larger one. */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

int main(int argc, char **argv)
{
    static const dam_technique techs[] = {DAM_TECH_VANILLA, DAM_TECH_EWC, DAM_TECH_SI, DAM_TECH_MAS};
    static const int items_all[] = {500, 2000, 4000}, K_all[] = {64, 256, 512};
    static fig_plan P;
    fig F;
    int n = 10, t, q, rc, nq, axis, seeds[64], ns_;
    cli_opt extra[] = {{"n", CLI_INT, &n, "interaction vertex"}};
    if ((rc = fig_init(&F, "fig10_regime", "the regularisation methods' gain depends on the data per task and on K",
                       argc, argv, extra, 1)) != 0)
        return rc < 0 ? 0 : rc;
    nq = F.profile == FIG_SMOKE ? 1 : 3;
    P.idcol[0] = "technique [-] 0 vanilla, 3 EWC, 4 SI, 5 MAS";
    P.idcol[1] = "n [-] interaction vertex";
    P.idcol[2] = "axis [-] 0: items per task swept (K = 256), 1: K swept (the profile's items)";
    P.idcol[3] = "param [-] items per task (axis 0) or K (axis 1)";
    P.nid = 4;
    P.m = fig_seq_metrics;
    P.nm = FIG_SEQ_NMETRICS;
    for (axis = 0; axis < 2; axis++)
        for (q = 0; q < nq; q++)
            for (t = 0; t < 4; t++) {
                run_spec s = fig_seq_spec(&F, techs[t], n);
                if (axis == 0) s.items = F.profile == FIG_SMOKE ? 300 : items_all[q];
                else s.K = F.profile == FIG_SMOKE ? 64 : K_all[q];
                fig_point(&P, &s, techs[t], n, axis, axis == 0 ? s.items : s.K);
            }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    return fig_plan_main(&F, &P, seeds, ns_, NULL);
}
