/* fig05_rehearsal.c - Figure 5: naive rehearsal. Average accuracy after the last task
   against the fraction r of every finished task's items kept and rehearsed, one curve
   per n (r = 0 is vanilla).

   Claim (paper finding 1): rehearsal is strongly effective: ACC rises with r, at every
   n, well above vanilla. What the verdict tests (verify.c) is the second half: at
   r = 0.1 rehearsal beats vanilla, paired over seeds, by more than 0.05 at every n;
   the claim line says so. The rise with r is shown (the curves), not tested.
   Runs (examples/runstore.h): sequences of the sizes of figseq.h; r in {0, 0.05, 0.1,
   0.25, 0.5}; n in {3, 10, 30} (paper; quick {3, 10, 20}, see figseq.h) (smoke: r in {0, 0.1}, n = 10), every seed of --seeds.
   Rows: technique, n, param = r. */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

int main(int argc, char **argv)
{
    static const int n_quick[] = {3, 10, 20}, n_paper[] = {3, 10, 30}, n_smoke[] = {10};
    static const double r_all[] = {0, 0.05, 0.1, 0.25, 0.5}, r_smoke[] = {0, 0.1};
    static fig_plan P;
    fig F;
    int k, q, rc, nn, nr, seeds[64], ns_;
    const int *ns;
    const double *rs;
    if ((rc = fig_init(&F, "fig05_rehearsal", "rehearsal is strongly effective: at r = 0.1 it beats vanilla at every n",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = F.profile == FIG_SMOKE ? 1 : 3;
    rs = F.profile == FIG_SMOKE ? r_smoke : r_all;
    nr = F.profile == FIG_SMOKE ? 2 : 5;
    P.idcol[0] = "technique [-] 0 vanilla, 1 rehearsal";
    P.idcol[1] = "n [-] interaction vertex";
    P.idcol[2] = "param [-] rehearsal fraction r (0 = vanilla)";
    P.nid = 3;
    P.m = fig_seq_metrics;
    P.nm = FIG_SEQ_NMETRICS;
    for (k = 0; k < nn; k++)
        for (q = 0; q < nr; q++) {
            run_spec s = fig_seq_spec(&F, rs[q] > 0 ? DAM_TECH_REHEARSAL : DAM_TECH_VANILLA, ns[k]);
            s.rehearsal = rs[q] > 0 ? rs[q] : s.rehearsal;
            fig_point(&P, &s, s.technique, ns[k], rs[q], 0);
        }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    return fig_plan_main(&F, &P, seeds, ns_, NULL);
}
