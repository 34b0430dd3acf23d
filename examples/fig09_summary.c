/* fig09_summary.c - Figure 9: every technique at its default setting against n, on one
   plot: average accuracy after the last task (and BWT in the data).

   Claim tested (paper findings 1-4 together): rehearsal is the strongest; the
   regularisation and projection methods sit between it and vanilla, in an order that
   changes with n.
   Runs (examples/runstore.h): sequences of the sizes of figseq.h;
   dam_seq_defaults(technique, n) for every technique (rehearsal r 0.1,
   pseudorehearsal P 1000 class-conditional probes, EWC lambda 1, SI c 1, MAS lambda 1
   with normalised importance, GEM/A-GEM M 256); n in {3, 10, 20} (quick; see figseq.h), {2, 3, 5, 10,
   20, 30, 40} (paper), {10} (smoke); every seed of --seeds. Most runs are shared with
   fig05-fig08 and fig10 (the same keys). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

int main(int argc, char **argv)
{
    static const int n_smoke[] = {10}, n_quick[] = {3, 10, 20}, n_paper[] = {2, 3, 5, 10, 20, 30, 40};
    static fig_plan P;
    fig F;
    int k, t, rc, nn, seeds[64], ns_;
    const int *ns;
    if ((rc = fig_init(&F, "fig09_summary", "rehearsal is the strongest technique; the order of the others changes with n",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = fig_pick(&F, 1, 3, 7);
    P.idcol[0] = "technique [-] 0 vanilla, 1 rehearsal, 2 pseudorehearsal, 3 EWC, 4 SI, 5 MAS, 6 GEM, 7 A-GEM";
    P.idcol[1] = "n [-] interaction vertex";
    P.nid = 2;
    P.m = fig_seq_metrics;
    P.nm = FIG_SEQ_NMETRICS;
    for (k = 0; k < nn; k++)
        for (t = 0; t < DAM_TECH_COUNT; t++) {
            run_spec s = fig_seq_spec(&F, t, ns[k]);
            fig_point(&P, &s, t, ns[k], 0, 0);
        }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    return fig_plan_main(&F, &P, seeds, ns_, NULL);
}
