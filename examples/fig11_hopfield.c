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
   Parameters: N = 100 neurons, T = 10 tasks of P = 5 patterns (the Hebbian capacity is
   about 14 patterns); Delta: eta 0.1, kappa in {0, 10, 30}, up to 100 epochs,
   symmetric; rehearsal fraction 0.5; pseudorehearsal 300 probes (density 0.5), 3
   attractors kept per task; recall: flip 0.1, tolerance 0.02, up to 20 sweeps.
   Averaged over seeds (smoke 2, quick 20, paper 100); the standard deviation over
   seeds is a column.
   Seed: --seed (default 1) + repeat. Run time on the 2-core machine, 1 thread: quick
   18-26 s (measured, machine shared with other jobs); smoke: a second; paper: about
   5x quick. */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figure.h"

int main(int argc, char **argv)
{
    static const char *const cols[] = {
        "rule [-] 0 Hebbian, 1 Delta", "kappa [-] Delta's margin (xi_i h_i > kappa; 0 for Hebbian)",
        "replay [-] 0 none, 1 rehearsal, 2 pseudorehearsal",
        "i [-] tasks learned so far - 1 (0-based task just learned)",
        "earlier [-] mean over seeds of the recall fraction of the tasks learned before task i (NaN for i = 0)",
        "current [-] recall fraction of task i itself", "first [-] recall fraction of task 0",
        "stable_earlier [-] mean fraction of earlier tasks' patterns that are fixed points",
        "earlier_sd [-] standard deviation over seeds of earlier",
        "buffer_stored [-] pseudo: fraction of the final pseudo-buffer equal (up to sign) to a stored pattern (NaN otherwise)",
        "unconverged [-] Delta: mean number of tasks per seed that stopped at max_epochs short of the margin"};
    enum { N = 100, T = 10, P = 5, NCONF = 4 };
    static const int rules[NCONF] = {0, 1, 1, 1};
    static const double kappas[NCONF] = {0, 0, 10, 30};
    fig F;
    int rc, conf, replay, seeds, s, i, j, job = 0;
    static signed char pat[T * P * N];
    if ((rc = fig_init(&F, "fig11_hopfield", "the classical network forgets earlier tasks; with the Delta rule and a margin, rehearsal and pseudorehearsal (the most visited attractors) reduce it",
                       argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    seeds = fig_pick(&F, 2, 20, 100);
    if ((rc = fig_open(&F, cols, 11)) != 0) return rc;
    fig_param(&F, "N", "%d", N);
    fig_param(&F, "tasks", "%d of %d random patterns each", T, P);
    fig_param(&F, "seeds", "%d (rows are means over seeds)", seeds);
    fig_param(&F, "settings", "dam_hopfield_sequence_defaults(): Delta eta 0.1, 100 epochs, symmetric; rehearsal 0.5; pseudo 300 probes, density 0.5, keep 3 per task; flip 0.1, tolerance 0.02, 20 sweeps");
    for (conf = 0; conf < NCONF; conf++)
        for (replay = 0; replay < 3; replay++, job++) {
            double earlier[T] = {0}, earlier2[T] = {0}, current[T] = {0}, first[T] = {0}, stab[T] = {0};
            double stored = 0, unconv = 0;
            int buffered = 0;
            if (!fig_mine(&F, job)) continue;
            for (s = 0; s < seeds; s++) {
                dam_hopfield h;
                dam_rng rng;
                dam_hopfield_seq_desc d = dam_hopfield_sequence_defaults();
                dam_hopfield_seq_info info;
                double stable[T * T], recall[T * T];
                dam_result r;
                int k;
                d.rule = (dam_hopfield_rule)rules[conf];
                d.kappa = kappas[conf];
                d.replay = (dam_hopfield_replay)replay;
                info.pseudo = NULL;
                dam_rng_seed(&rng, (uint64_t)(F.seed + s));
                for (k = 0; k < T * P * N; k++) pat[k] = dam_rng_uniform(&rng) < 0.5 ? 1 : -1;
                if ((r = dam_hopfield_init(&h, N, NULL)) != DAM_OK ||
                    (r = dam_hopfield_sequence(&h, pat, T, P, &d, &rng, stable, recall, &info)) != DAM_OK) {
                    cli_error("fig11_hopfield", "the sequence failed", h.why, dam_result_string(r));
                    return 1;
                }
                for (i = 0; i < T; i++) {
                    double e = 0, st = 0;
                    for (j = 0; j < i; j++) e += recall[i * T + j], st += stable[i * T + j];
                    if (i > 0) earlier[i] += e / i / seeds, earlier2[i] += (e / i) * (e / i) / seeds, stab[i] += st / i / seeds;
                    current[i] += recall[i * T + i] / seeds;
                    first[i] += recall[i * T] / seeds;
                }
                stored += info.pseudo_stored, buffered += info.pseudo_count;
                unconv += (double)info.unconverged / seeds;
                dam_hopfield_free(&h);
            }
            for (i = 0; i < T; i++) {
                double sd = sqrt(fmax(0.0, earlier2[i] - earlier[i] * earlier[i]) * seeds / (seeds > 1 ? seeds - 1 : 1));
                char bs[32];
                if (replay == 2 && buffered > 0) snprintf(bs, sizeof bs, "%.4f", stored / buffered);
                else snprintf(bs, sizeof bs, "NaN");
                if (i == 0) fig_row(&F, "%d %g %d %d NaN %.4f %.4f NaN NaN %s %.2f", rules[conf], kappas[conf], replay, i, current[i], first[i], bs, unconv);
                else fig_row(&F, "%d %g %d %d %.4f %.4f %.4f %.4f %.4f %s %.2f", rules[conf], kappas[conf], replay, i, earlier[i], current[i],
                             first[i], stab[i], sd, bs, unconv);
            }
            fig_row(&F, "");
            fprintf(stderr, "fig11_hopfield: %s kappa %g, %s: earlier-task recall after the last task %.3f (sd %.3f)%s", rules[conf] ? "Delta" : "Hebbian",
                    kappas[conf], replay == 0 ? "no replay" : replay == 1 ? "rehearsal" : "pseudorehearsal", earlier[T - 1],
                    sqrt(fmax(0.0, earlier2[T - 1] - earlier[T - 1] * earlier[T - 1]) * seeds / (seeds > 1 ? seeds - 1 : 1)),
                    replay == 2 ? "" : "\n");
            if (replay == 2) fprintf(stderr, "; buffer %d attractors over %d seeds, %.0f%% stored patterns\n", buffered, seeds, buffered ? 100.0 * stored / buffered : 0.0);
        }
    return fig_close(&F);
}
