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
   Parameters: the sequence sizes of figseq.h; n in {3, 10, 30}; network seeds
   --seed + {0, 1, 2} (the tasks come from --seed): vanilla, rehearsal (r = 0.1), class,
   soft-target class and random probes (P = 1000) at every seed; class P = 250 and
   2000 and relaxed probes (P = 1000) at the first seed only (smoke: n = 10, one seed,
   P = 200).
   Seed: --seed (default 1). Run time on the 2-core machine, 1 thread: quick 283 s
   (measured on the machine shared with three other jobs; 54 sequences); smoke: seconds; paper: not measured, extrapolated at
   100-250x the quick time (60,000 items, 40 epochs). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figseq.h"

/* one configuration: technique, kind (-1: none; 0-2 the dam_pseudo_probe; 3 class
   probes with soft targets), P (rehearsal: unused), all seeds? */
typedef struct { dam_technique t; int probe, P, all_seeds; } conf;
#define SOFT_KIND 3
#define SOFT_WEIGHT 1000.0

int main(int argc, char **argv)
{
    static const int n_all[] = {3, 10, 30}, n_smoke[] = {10};
    static const conf c_all[] = {{DAM_TECH_VANILLA, -1, 0, 1},
                                 {DAM_TECH_REHEARSAL, -1, 0, 1},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_CLASS, 1000, 1},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_RANDOM, 1000, 1},
                                 {DAM_TECH_PSEUDO, SOFT_KIND, 1000, 1},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_CLASS, 250, 0},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_CLASS, 2000, 0},
                                 {DAM_TECH_PSEUDO, DAM_PSEUDO_RELAXED, 1000, 0}};
    static const conf c_smoke[] = {{DAM_TECH_VANILLA, -1, 0, 1},
                                   {DAM_TECH_PSEUDO, DAM_PSEUDO_CLASS, 200, 1},
                                   {DAM_TECH_PSEUDO, DAM_PSEUDO_RANDOM, 200, 1}};
    static const char *cols[FIG_SEQ_NCOLUMNS + 4];
    fig F;
    fig_tasks tk;
    int k, q, sd, rc, nn, nc, nseeds, job = 0;
    const int *ns;
    const conf *cs;
    if ((rc = fig_init(&F, "fig06_pseudorehearsal", "class-conditional pseudo-items (generative replay of per-class pixel densities) beat vanilla at every n",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    fig_tasks_sizes(&F, &tk);
    ns = F.profile == FIG_SMOKE ? n_smoke : n_all;
    nn = F.profile == FIG_SMOKE ? 1 : 3;
    cs = F.profile == FIG_SMOKE ? c_smoke : c_all;
    nc = F.profile == FIG_SMOKE ? 3 : 8;
    nseeds = F.profile == FIG_SMOKE ? 1 : 3;
    for (k = 0; k < FIG_SEQ_NCOLUMNS; k++) cols[k] = fig_seq_columns[k];
    cols[FIG_SEQ_NCOLUMNS] = "probe [-] pseudo-items: 0 class-conditional, 1 random, 2 relaxed, 3 class-conditional with soft targets (weight 1000) (-1: none)";
    cols[FIG_SEQ_NCOLUMNS + 1] = "skewed [-] pseudo-item sets where one label took more than 3/C of the items (of T-1)";
    cols[FIG_SEQ_NCOLUMNS + 2] = "pseudo_margin [-] mean Delta margin (top minus runner-up) of the pseudo-items, over the sets";
    cols[FIG_SEQ_NCOLUMNS + 3] = "real_margin [-] the same for real items of the task just finished";
    if ((rc = fig_tasks_make(&F, &tk)) != 0) return rc;
    if ((rc = fig_open(&F, cols, FIG_SEQ_NCOLUMNS + 4)) != 0) return rc;
    fig_tasks_params(&F, &tk);
    fig_param(&F, "param", "pseudo-items P (pseudorehearsal), rehearsal fraction r (rehearsal), 0 (vanilla)");
    fig_param(&F, "seeds", "network seeds %d..%d; tasks from seed %d", F.seed, F.seed + nseeds - 1, F.seed);
    for (k = 0; k < nn; k++)
        for (sd = 0; sd < nseeds; sd++)
            for (q = 0; q < nc; q++, job++) {
                dam_seq_desc d = dam_seq_defaults(cs[q].t, ns[k]);
                dam_dense net;
                dam_seq s;
                char label[80];
                double pm = 0, rm = 0, param;
                int t;
                if (!fig_mine(&F, job) || (!cs[q].all_seeds && sd > 0)) continue;
                if (cs[q].t == DAM_TECH_PSEUDO) {
                    d.pseudo_items = cs[q].P;
                    d.pseudo_probe = cs[q].probe == SOFT_KIND ? DAM_PSEUDO_CLASS : (dam_pseudo_probe)cs[q].probe;
                    d.pseudo_soft = cs[q].probe == SOFT_KIND ? SOFT_WEIGHT : 0;
                }
                param = cs[q].t == DAM_TECH_PSEUDO ? cs[q].P : cs[q].t == DAM_TECH_REHEARSAL ? d.rehearsal_fraction : 0;
                snprintf(label, sizeof label, "%s%s%s P=%d n=%d seed %d", dam_technique_name(cs[q].t),
                         cs[q].probe >= 0 ? " " : "", cs[q].probe == SOFT_KIND ? "class soft" : cs[q].probe >= 0 ? dam_pseudo_probe_name((dam_pseudo_probe)cs[q].probe) : "",
                         cs[q].P, ns[k], F.seed + sd);
                if (fig_sequence(&F, &tk, d, ns[k], tk.K, (uint64_t)(F.seed + sd), label, &net, &s)) return 1;
                if (s.pseudo_margin && s.T > 1) {
                    for (t = 1; t < s.T; t++) pm += s.pseudo_margin[t] / (s.T - 1), rm += s.real_margin[t] / (s.T - 1);
                    fprintf(stderr, "%s: %s: %d of %d pseudo-item sets skewed, mean margin %.4f (real items %.4f)\n", F.name, label,
                            s.pseudo_warnings, s.T - 1, pm, rm);
                }
                fig_row(&F, "%d %d %g %d %.4f %.4f %.4f %.4f %.4f %.1f %d %d %.4f %.4f", cs[q].t, ns[k], param, F.seed + sd, s.acc,
                        s.bwt, s.fwt, fig_mean_forgetting(&s), s.R[(size_t)(s.T - 1) * s.T], s.seconds, cs[q].probe,
                        s.pseudo_margin ? s.pseudo_warnings : 0, s.pseudo_margin ? pm : 0.0, s.pseudo_margin ? rm : 0.0);
                dam_seq_free(&s);
                dam_dense_free(&net);
            }
    fig_tasks_free(&tk);
    return fig_close(&F);
}
