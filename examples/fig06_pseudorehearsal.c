/* fig06_pseudorehearsal.c - Figure 6: pseudorehearsal in the DAM. Average accuracy after
   the last task, by n, for vanilla, naive rehearsal and three kinds of pseudo-items:
   class-conditional probes (the default: drawn from the per-class pixel densities a
   finished task leaves behind, labelled by the network; generative replay with the
   simplest generator), random probes labelled by the network (Robins' pure form), and
   random probes relaxed to the network's attractors first; and class-conditional
   probes whose targets are the network's outputs Y_c (soft targets, power-1 loss,
   weight 1000, the weight issue 13 measured best).

   Claim tested: class-conditional pseudo-items beat vanilla at every n (means over
   the seeds); the random-probe forms are shown beside them, with the guard that says
   why they fail (one class takes most of their labels: the skewed column).
   Runs (examples/runstore.h): sequences of the sizes of figseq.h; n in {3, 10, 30} (paper; quick {3, 10, 20}, see figseq.h):
   vanilla, rehearsal (r = 0.1), class, random and soft-target class probes (P = 1000),
   class P = 250 and 2000, relaxed probes (P = 250, 1000, 2000); every seed of --seeds (smoke: n =
   10, vanilla, class and random P = 200). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

/* one configuration: technique, kind (-1: none; 0-2 the dam_pseudo_probe; 3 class
   probes with soft targets), P (rehearsal: unused) */
typedef struct { dam_technique t; int probe, P; } conf;
#define SOFT_KIND 3
#define SOFT_WEIGHT 1000.0

static const agg_metric metrics[] = {
    {"acc", "acc", 0, "[-] average test accuracy after the last task"},
    {"bwt", "bwt", 0, "[-] backward transfer"},
    {"forgetting", "forgetting", 0, "[-] mean forgetting of tasks 0..T-2"},
    {"first", "first", 0, "[-] task 0 accuracy after the last task"},
    {"learned", "learned", 0, "[-] min over tasks of the accuracy right after the task's own training"},
    {"skewed", "skewed", 0, "[-] pseudo-item sets where one label took more than 3/C of the items (of T-1; NaN: no pseudo-items)"},
    {"pseudo_margin", "pseudo_margin", 0, "[-] mean Delta margin (top minus runner-up) of the pseudo-items, over the sets"},
    {"real_margin", "real_margin", 0, "[-] the same for real items of the task just finished"},
    {"seconds", "seconds", 0, "[s] wall time of the run"}};

int main(int argc, char **argv)
{
    static const int n_quick[] = {3, 10, 20}, n_paper[] = {3, 10, 30}, n_smoke[] = {10};
    static const conf c_all[] = {{DAM_TECH_VANILLA, -1, 0},
                                 {DAM_TECH_REHEARSAL, -1, 0},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_CLASS, 1000},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_RANDOM, 1000},
                                 {DAM_TECH_PSEUDO, SOFT_KIND, 1000},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_CLASS, 250},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_CLASS, 2000},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_RELAXED, 1000},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_RELAXED, 250},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_RELAXED, 2000}};
    static const conf c_smoke[] = {{DAM_TECH_VANILLA, -1, 0},
                                   {DAM_TECH_PSEUDO, DAM_PSEUDO_CLASS, 200},
                                   {DAM_TECH_PSEUDO, DAM_PSEUDO_RANDOM, 200}};
    static fig_plan P;
    fig F;
    int k, q, rc, nn, nc, seeds[64], ns_;
    const int *ns;
    const conf *cs;
    if ((rc = fig_init(&F, "fig06_pseudorehearsal", "class-conditional pseudo-items (generative replay of per-class pixel densities) beat vanilla at every n",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = F.profile == FIG_SMOKE ? 1 : 3;
    cs = F.profile == FIG_SMOKE ? c_smoke : c_all;
    nc = F.profile == FIG_SMOKE ? 3 : (int)(sizeof c_all / sizeof c_all[0]);
    P.idcol[0] = "technique [-] 0 vanilla, 1 rehearsal, 2 pseudorehearsal";
    P.idcol[1] = "n [-] interaction vertex";
    P.idcol[2] = "param [-] pseudo-items P (pseudorehearsal), rehearsal fraction r (rehearsal), 0 (vanilla)";
    P.idcol[3] = "probe [-] pseudo-items: 0 class-conditional, 1 random, 2 relaxed, 3 class-conditional with soft targets (weight 1000) (-1: none)";
    P.nid = 4;
    P.m = metrics;
    P.nm = 9;
    for (k = 0; k < nn; k++)
        for (q = 0; q < nc; q++) {
            run_spec s = fig_seq_spec(&F, cs[q].t, ns[k]);
            double param;
            if (cs[q].t == DAM_TECH_PSEUDO) {
                s.pseudo_items = cs[q].P;
                s.pseudo_probe = cs[q].probe == SOFT_KIND ? DAM_PSEUDO_CLASS : cs[q].probe;
                s.pseudo_soft = cs[q].probe == SOFT_KIND ? SOFT_WEIGHT : 0;
            }
            param = cs[q].t == DAM_TECH_PSEUDO ? cs[q].P : cs[q].t == DAM_TECH_REHEARSAL ? s.rehearsal : 0;
            fig_point(&P, &s, cs[q].t, ns[k], param, cs[q].probe);
        }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    return fig_plan_main(&F, &P, seeds, ns_, NULL);
}
