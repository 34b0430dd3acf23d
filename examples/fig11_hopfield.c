/* fig11_hopfield.c - Figure 11: sequential learning in the classical Hopfield network.
   Tasks of P random patterns are learned one after another (Hebbian or Delta rule,
   with no replay, with rehearsal, or with pseudorehearsal from attractors); after each
   task we measure how many patterns of the EARLIER tasks are still recalled from probes
   with 10% of their bits flipped.

   Claim tested (paper finding 5, after Robins & McCallum 1998): the classical network
   forgets earlier tasks as tasks accumulate (Hebbian: all at once past capacity; Delta:
   the old ones), and rehearsal and pseudorehearsal reduce the forgetting - the same
   pattern as in the DAM.
   Parameters: N = 100 neurons, T = 10 tasks of P = 5 patterns (the Hebbian capacity is
   about 14 patterns); Delta: eta 0.1, up to 100 epochs, symmetric; rehearsal fraction
   0.5; pseudorehearsal 32 attractors per task (probes of density 0.5); recall: flip 0.1,
   tolerance 0.02, up to 20 sweeps. Averaged over seeds (smoke 2, quick 20, paper 100).
   Seed: --seed (default 1) + repeat. Run time on the 2-core machine, 2 threads: quick 7 s (measured); smoke: seconds; paper: not
   measured, extrapolated at 100-250x the quick time (60,000 items, 40-100 epochs, seeds). */
#include <stdio.h>
#include <stdlib.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figure.h"

int main(int argc, char **argv)
{
    static const char *const cols[] = {
        "rule [-] 0 Hebbian, 1 Delta", "replay [-] 0 none, 1 rehearsal, 2 pseudorehearsal",
        "i [-] tasks learned so far - 1 (0-based task just learned)",
        "earlier [-] mean recall fraction over the tasks learned before task i (NaN for i = 0)",
        "current [-] recall fraction of task i itself", "first [-] recall fraction of task 0",
        "stable_earlier [-] mean fraction of earlier tasks' patterns that are fixed points"};
    enum { N = 100, T = 10, P = 5 };
    fig F;
    int rc, rule, replay, seeds, s, i, j, job = 0;
    static signed char pat[T * P * N];
    if ((rc = fig_init(&F, "fig11_hopfield", "the classical network forgets earlier tasks; with the Delta rule and a margin, rehearsal and pseudorehearsal (the most visited attractors) reduce it",
                       argc, argv, NULL, 0)) != 0)
        return rc;
    seeds = fig_pick(&F, 2, 20, 100);
    if ((rc = fig_open(&F, cols, 7)) != 0) return rc;
    fig_param(&F, "N", "%d", N);
    fig_param(&F, "tasks", "%d of %d random patterns each", T, P);
    fig_param(&F, "seeds", "%d (rows are means over seeds)", seeds);
    fig_param(&F, "settings", "dam_hopfield_sequence_defaults(): Delta eta 0.1, 100 epochs, symmetric; rehearsal 0.5; pseudo 32 items, density 0.5; flip 0.1, tolerance 0.02, 20 sweeps");
    for (rule = 0; rule < 2; rule++)
        for (replay = 0; replay < 3; replay++, job++) {
            double earlier[T] = {0}, current[T] = {0}, first[T] = {0}, stab[T] = {0};
            if (!fig_mine(&F, job)) continue;
            for (s = 0; s < seeds; s++) {
                dam_hopfield h;
                dam_rng rng;
                dam_hopfield_seq_desc d = dam_hopfield_sequence_defaults();
                double stable[T * T], recall[T * T];
                dam_result r;
                int k;
                d.rule = (dam_hopfield_rule)rule;
                d.replay = (dam_hopfield_replay)replay;
                dam_rng_seed(&rng, (uint64_t)(F.seed + s));
                for (k = 0; k < T * P * N; k++) pat[k] = dam_rng_uniform(&rng) < 0.5 ? 1 : -1;
                if ((r = dam_hopfield_init(&h, N, NULL)) != DAM_OK ||
                    (r = dam_hopfield_sequence(&h, pat, T, P, &d, &rng, stable, recall)) != DAM_OK) {
                    fprintf(stderr, "fig11: %s (%s)\n", h.why, dam_result_string(r));
                    return 1;
                }
                for (i = 0; i < T; i++) {
                    double e = 0, st = 0;
                    for (j = 0; j < i; j++) e += recall[i * T + j], st += stable[i * T + j];
                    if (i > 0) earlier[i] += e / i / seeds, stab[i] += st / i / seeds;
                    current[i] += recall[i * T + i] / seeds;
                    first[i] += recall[i * T] / seeds;
                }
                dam_hopfield_free(&h);
            }
            for (i = 0; i < T; i++) {
                if (i == 0) fig_row(&F, "%d %d %d NaN %.4f %.4f NaN", rule, replay, i, current[i], first[i]);
                else fig_row(&F, "%d %d %d %.4f %.4f %.4f %.4f", rule, replay, i, earlier[i], current[i], first[i], stab[i]);
            }
            fig_row(&F, "");
            fprintf(stderr, "fig11: %s, %s: earlier-task recall after the last task %.3f\n", rule ? "Delta" : "Hebbian",
                    replay == 0 ? "no replay" : replay == 1 ? "rehearsal" : "pseudorehearsal", earlier[T - 1]);
        }
    return fig_close(&F);
}
