/* fig12_scenarios.c - Figure 12 (beyond the paper): every technique at its default
   setting in every scenario of book chapter 05, at one n in the feature regime and one
   in the prototype regime: average accuracy after the last task.

   Question (not a paper claim; verify reports what it finds): where does the DAM's
   behaviour under sequential learning depend on the scenario? Per technique and n,
   does ACC differ between permuted (domain-incremental, new pixel orders), rotated
   (domain-incremental, rotated digits), split class-incremental (two new classes per
   task, the answer over all classes) and split task-incremental (the same tasks, the
   answer over the task's own classes)?
   Runs (examples/runstore.h): sequences of the sizes of figseq.h (quick: 5 tasks of
   2000 training and 1000 test items, 10 epochs, batch 100; a split task takes the
   first 2000 training and 1000 test items of its own classes), every technique at
   dam_seq_defaults(technique, n), the scenario's defaults (rotated: T angles spread
   evenly over 0..180 degrees; split: classes 0/1, 2/3, ...); n = 3 (feature regime)
   and n = 20 (prototype regime; the quick profile drops n = 30 and 40 as under-trained,
   figseq.h), paper n = 3 and 30, smoke n = 3; every seed of --seeds. The permuted runs
   are fig09's (the same keys). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

/* The scenarios in their column order (0..3). */
static const char *const fig12_scenario[4] = {"permuted", "rotated", "split-class", "split-task"};

int main(int argc, char **argv)
{
    static const int n_smoke[] = {3}, n_quick[] = {3, 20}, n_paper[] = {3, 30};
    static fig_plan P;
    fig F;
    int k, q, t, rc, nn, seeds[64], ns_;
    const int *ns;
    if ((rc = fig_init(&F, "fig12_scenarios",
                       "beyond the paper: does a technique's average accuracy depend on the scenario (permuted, rotated, "
                       "split class- and task-incremental)?",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = fig_pick(&F, 1, 2, 2);
    P.idcol[0] = "technique [-] 0 vanilla, 1 rehearsal, 2 pseudorehearsal, 3 EWC, 4 SI, 5 MAS, 6 GEM, 7 A-GEM";
    P.idcol[1] = "n [-] interaction vertex";
    P.idcol[2] = "scenario [-] 0 permuted, 1 rotated, 2 split class-incremental, 3 split task-incremental";
    P.nid = 3;
    P.m = fig_seq_metrics;
    P.nm = FIG_SEQ_NMETRICS;
    for (k = 0; k < nn; k++)
        for (q = 0; q < 4; q++)
            for (t = 0; t < DAM_TECH_COUNT; t++) {
                run_spec s = fig_seq_spec(&F, t, ns[k]);
                s.scenario = q == 0 ? NULL : fig12_scenario[q]; /* permuted: the key of fig09's runs */
                fig_point(&P, &s, t, ns[k], q, 0);
            }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    return fig_plan_main(&F, &P, seeds, ns_, NULL);
}
