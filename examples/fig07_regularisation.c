/* fig07_regularisation.c - Figure 7: EWC, SI and MAS. Average accuracy after the last
   task against the penalty strength (lambda for EWC and MAS, c for SI), one curve per
   technique and n.

   Claim tested (paper finding 3): the regularisation methods can protect old tasks, but
   how well depends on the regime: their gain over vanilla differs between small n
   (feature-like memories) and large n (prototype-like memories). Strength 0 is vanilla.
   Runs (examples/runstore.h): sequences of the sizes of figseq.h; strengths 0 (vanilla)
   and {0.001, 0.01, 0.03, 0.1, 0.3, 1, 10, 100} for lambda (EWC, MAS) and c (SI) (the
   sweep reaches down until every method's best strength lies inside it, bracketed by
   weaker and stronger ones or by vanilla), with dam_seq_defaults' normalised importance (each task's importance divided by its mean, so 1 is the
   natural scale); n in {3, 30} (paper; quick {3, 20}, see figseq.h) (smoke: EWC only, n = 10, strength 10); every seed of
   --seeds. */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

int main(int argc, char **argv)
{
    static const int n_quick[] = {3, 20}, n_paper[] = {3, 30}, n_smoke[] = {10};
    static const dam_technique techs[] = {DAM_TECH_EWC, DAM_TECH_SI, DAM_TECH_MAS};
    static const double strengths[] = {0.001, 0.01, 0.03, 0.1, 0.3, 1, 10, 100}, s_smoke[] = {10};
    static fig_plan P;
    fig F;
    int k, t, q, rc, nn, nt, nq, seeds[64], ns_;
    const int *ns;
    const double *st;
    if ((rc = fig_init(&F, "fig07_regularisation", "EWC, SI and MAS protect old tasks to a degree that depends on n",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = F.profile == FIG_SMOKE ? 1 : 2;
    nt = F.profile == FIG_SMOKE ? 1 : 3;
    nq = F.profile == FIG_SMOKE ? 1 : (int)(sizeof strengths / sizeof strengths[0]);
    st = F.profile == FIG_SMOKE ? s_smoke : strengths;
    P.idcol[0] = "technique [-] 0 vanilla, 3 EWC, 4 SI, 5 MAS";
    P.idcol[1] = "n [-] interaction vertex";
    P.idcol[2] = "param [-] penalty strength: lambda (EWC, MAS) or c (SI); vanilla rows are strength 0";
    P.nid = 3;
    P.m = fig_seq_metrics;
    P.nm = FIG_SEQ_NMETRICS;
    for (k = 0; k < nn; k++) {
        run_spec s = fig_seq_spec(&F, DAM_TECH_VANILLA, ns[k]);
        fig_point(&P, &s, 0, ns[k], 0, 0);
        for (t = 0; t < nt; t++)
            for (q = 0; q < nq; q++) {
                s = fig_seq_spec(&F, techs[t], ns[k]);
                s.ewc_lambda = s.mas_lambda = s.si_c = st[q];
                fig_point(&P, &s, techs[t], ns[k], st[q], 0);
            }
    }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    return fig_plan_main(&F, &P, seeds, ns_, NULL);
}
