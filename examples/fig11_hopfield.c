/* fig11_hopfield.c - Figure 11: sequential learning in the classical Hopfield network.
   Tasks of P random patterns are learned one after another (Hebbian, or the Delta rule
   with a margin kappa), with no replay, with rehearsal, or with pseudorehearsal as
   Robins & McCallum (1998) describe it (after each task the 3 most visited new
   attractors of 300 random probes join a persistent pseudo-buffer); after each task we
   measure how many patterns of the EARLIER tasks are still recalled from probes with
   10% of their bits flipped.

   Claim tested (paper finding 5, after Robins & McCallum 1998): the classical network
   forgets earlier tasks as tasks accumulate (Hebbian: all at once past capacity, and
   replay only adds load; Delta: the old ones are overwritten), and with the Delta rule
   and a margin, rehearsal and pseudorehearsal reduce the forgetting - the same pattern
   as in the DAM.
   Runs (examples/runstore.h, kind hopfield): N = 100 neurons, T = 10 tasks of P = 5
   patterns (the Hebbian capacity is about 14 patterns); Delta: eta 0.1, kappa in
   {0, 10, 30}, up to 100 epochs, symmetric; rehearsal fraction 0.5; pseudorehearsal
   300 probes (density 0.5), 3 attractors kept per task; recall: flip 0.1, tolerance
   0.02, up to 20 sweeps. One run per (rule, kappa, replay, seed) is the mean over 20
   inner repeats (patterns and network from seed * 1000 + repeat; smoke 2); the
   interval is over the seeds of --seeds. */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

static const agg_metric metrics[] = {
    {"earlier", "earlier", -1, "[-] recall fraction of the tasks learned before task i (NaN for i = 0)"},
    {"current", "current", -1, "[-] recall fraction of task i itself"},
    {"first", "first", -1, "[-] recall fraction of task 0"},
    {"stable", "stable", -1, "[-] fraction of earlier tasks' patterns that are fixed points"},
    {"buffer_stored", "buffer_stored", 0, "[-] pseudo: fraction of the final pseudo-buffer equal (up to sign) to a stored pattern (NaN otherwise)"},
    {"unconverged", "unconverged", 0, "[-] Delta: mean number of tasks per repeat that stopped at max_epochs short of the margin"}};

int main(int argc, char **argv)
{
    enum { T = 10, NCONF = 4 };
    static const int rules[NCONF] = {0, 1, 1, 1};
    static const double kappas[NCONF] = {0, 0, 10, 30};
    static fig_plan P;
    fig F;
    int rc, conf, replay, i, seeds[64], ns_;
    if ((rc = fig_init(&F, "fig11_hopfield", "the classical network forgets earlier tasks; with the Delta rule and a margin, rehearsal and pseudorehearsal (the most visited attractors) reduce it",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    P.idcol[0] = "rule [-] 0 Hebbian, 1 Delta";
    P.idcol[1] = "kappa [-] Delta's margin (xi_i h_i > kappa; 0 for Hebbian)";
    P.idcol[2] = "replay [-] 0 none, 1 rehearsal, 2 pseudorehearsal";
    P.idcol[3] = "i [-] tasks learned so far - 1 (0-based task just learned)";
    P.nid = 4;
    P.m = metrics;
    P.nm = 6;
    for (conf = 0; conf < NCONF; conf++)
        for (replay = 0; replay < 3; replay++) {
            run_spec s = run_spec_defaults(RUN_HOPFIELD);
            s.rule = rules[conf];
            s.kappa = kappas[conf];
            s.replay = replay;
            s.repeats = fig_pick(&F, 2, 20, 20);
            for (i = 0; i < T; i++) fig_point(&P, &s, rules[conf], kappas[conf], replay, i)->sub[0] = i;
        }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    return fig_plan_main(&F, &P, seeds, ns_, NULL);
}
