/* fig08_gem.c - Figure 8: GEM and A-GEM against n, mean and spread over seeds.

   Claim tested (paper finding 2): the gradient-projection methods are unstable at
   intermediate n: their ACC varies widely between seeds (large spread), while at small
   and large n it is steady.
   Runs (examples/runstore.h): sequences of the sizes of figseq.h; episodic memory M =
   256 items per task (GEM margin 0.5; A-GEM reference sample 256); n in {2, 5, 10, 20}
   (quick; 40 only in paper, see figseq.h), {2, 3, 5, 10, 20, 30, 40} (paper), {3, 20} (smoke). Seeds: --seeds,
   extended (quick and paper) by the next integers after the largest until there are
   at least 5 (SEEDS="1 2 3" gives 1 2 3 4 5, "101 102 103" gives 101..105): a spread
   needs them. The sd columns are the spread; verify puts a chi-square interval on it. */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

int main(int argc, char **argv)
{
    static const int n_smoke[] = {3, 20}, n_quick[] = {2, 5, 10, 20}, n_paper[] = {2, 3, 5, 10, 20, 30, 40};
    static const dam_technique techs[] = {DAM_TECH_GEM, DAM_TECH_AGEM};
    static fig_plan P;
    fig F;
    int k, t, rc, nn, M = 256, seeds[64], ns_;
    const int *ns;
    cli_opt extra[] = {{"memory", CLI_INT, &M, "episodic items kept per finished task"}};
    if ((rc = fig_init(&F, "fig08_gem", "GEM and A-GEM are unstable at intermediate n (large spread over seeds)",
                       argc, argv, extra, 1)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = fig_pick(&F, 2, 4, 7);
    P.idcol[0] = "technique [-] 6 GEM, 7 A-GEM";
    P.idcol[1] = "n [-] interaction vertex";
    P.idcol[2] = "param [-] episodic memory M per task (GEM margin 0.5, A-GEM sample 256)";
    P.nid = 3;
    P.m = fig_seq_metrics;
    P.nm = FIG_SEQ_NMETRICS;
    for (t = 0; t < 2; t++)
        for (k = 0; k < nn; k++) {
            run_spec s = fig_seq_spec(&F, techs[t], ns[k]);
            s.memory = M;
            fig_point(&P, &s, techs[t], ns[k], M, 0);
        }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    if (F.profile != FIG_SMOKE) {
        int mx = seeds[0], i;
        for (i = 1; i < ns_; i++) mx = seeds[i] > mx ? seeds[i] : mx;
        while (ns_ < 5) seeds[ns_++] = ++mx;
    }
    return fig_plan_main(&F, &P, seeds, ns_, NULL);
}
