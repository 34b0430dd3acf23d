/* fig01_memories.c - Figure 1: the memory vectors of a DAM trained on one task of
   MNIST, at several n, drawn as images; and two numbers per n that say how
   prototype-like the memories are.

   Claim tested (Krotov & Hopfield 2016, restated by the paper): at small n the memories
   look like features (strokes, parts shared by many digits); at large n like
   prototypes (whole digits of one class).
   Many memories are never recruited by training and keep their small random start;
   a memory is "used" when the mean |xi| of its pixels exceeds 0.25 (the start has
   about 0.08). Memories are ranked by mean |xi|; the measures per n are taken over the
   K/8 strongest (the same number at every n):
     prototype similarity = mean of the largest cosine similarity between
       the memory's pixels and any of the first 2,000 training images (1 = the memory
       is a copy of one training image);
     label selectivity = mean over memories of (largest label entry - mean of the other
       label entries) / 2 (1 = each memory votes for exactly one class).
   Both should grow with n if the claim holds. Images: plots/fig01_memories_n<n>.png,
   the 40 memories with the largest mean |xi| (pixels only), -1 black, +1 white.
   Parameters: K = 256, leaky rectified polynomial, dam_train_defaults(n).
   Profiles: smoke n in {3, 30}, 500 items, 3 epochs; quick n in {2, 5, 20, 40}, 10,000
   items, 20 epochs; paper n in {2, 3, 5, 10, 20, 30, 40, 60}, 60,000 items, 100 epochs.
   Seed: --seed (default 1). Run time on the 2-core machine, 2 threads: quick 39 s (measured, quiet machine); smoke: seconds; paper: not
   measured, extrapolated at 100-250x the quick time (60,000 items, 40-100 epochs, seeds). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stb_image_write_impl.h"
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "figure.h"

int main(int argc, char **argv)
{
    static const int n_smoke[] = {3, 30}, n_quick[] = {2, 5, 20, 40}, n_paper[] = {2, 3, 5, 10, 20, 30, 40, 60};
    static const char *const cols[] = {
        "n [-] interaction vertex", "T [-] temperature",
        "used [memories] memories whose pixels moved away from the start (mean |xi| > 0.25)",
        "prototype [-] mean over the K/8 strongest memories of the max cosine similarity to a training image",
        "selectivity [-] mean over the K/8 strongest memories of (max label entry - mean of the others)/2",
        "accuracy [-] test accuracy"};
    const int *ns;
    int nn, K = 256, items, epochs, k, rc, mu, i, j;
    dam_dataset train, test;
    static double strength[4096];
    static int rank[4096];
    dam_real *shown;
    fig F;
    cli_opt extra[] = {{"memories", CLI_INT, &K, "memories K"}};
    if ((rc = fig_init(&F, "fig01_memories", "memories are features at small n and prototypes at large n",
                       argc, argv, extra, 1)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = fig_pick(&F, 2, 4, 8);
    items = fig_pick(&F, 500, 10000, 60000);
    epochs = fig_pick(&F, 3, 20, 100);
    if (K < 1 || K > 4096) { fprintf(stderr, "fig01_memories: --memories must be 1..4096\n"); return 2; }
    {   /* the images go to --plots: check it before any training, like the .dat */
        char probe[1024];
        snprintf(probe, sizeof probe, "%s/fig01_memories_n%d.png", F.plots, ns[0]);
        if (cli_writable(F.name, probe)) return 1;
    }
    if ((rc = fig_load(&F, items, 10000, &train, &test)) != 0) return rc;
    shown = (dam_real *)calloc((size_t)40 * train.N, sizeof(dam_real));
    if (!shown) { fprintf(stderr, "fig01_memories: out of memory\n"); return 1; }
    if ((rc = fig_open(&F, cols, 6)) != 0) return rc;
    fig_param(&F, "K", "%d", K);
    fig_param(&F, "train items", "%d", train.count);
    fig_param(&F, "epochs", "%d", epochs);
    fig_param(&F, "function", "leaky rectified polynomial, eps 0.01");
    fig_param(&F, "images", "%s/fig01_memories_n<n>.png", F.plots);
    for (k = 0; k < nn; k++) {
        dam_dense_desc nd = dam_dense_defaults(train.N, K, ns[k]);
        dam_train_desc td = dam_train_defaults(ns[k]);
        dam_dense net;
        dam_rng rng;
        dam_score sc;
        dam_result r;
        char label[64], path[1024], why[DAM_WHY_SIZE], tnum[32];
        double proto = 0, select = 0;
        int compare = train.count < 2000 ? train.count : 2000, used, q, top = K / 8 > 0 ? K / 8 : 1;
        if (!fig_mine(&F, k)) continue;
        nd.mask_start = train.pixels;
        nd.mask_count = train.classes;
        td.epochs = epochs;
        snprintf(label, sizeof label, "n=%d", ns[k]);
        td.progress = fig_progress;
        td.user = label;
        dam_rng_seed(&rng, (uint64_t)F.seed);
        if ((r = dam_dense_init(&net, &nd, &rng, NULL)) != DAM_OK || (r = dam_train(&net, &td, &train, &rng)) != DAM_OK ||
            (r = dam_dense_accuracy(&net, &test, &sc)) != DAM_OK) {
            cli_error("fig01_memories", label, net.why, dam_result_string(r));
            return 1;
        }
        /* Many memories are never recruited by training (they keep their small random
           start: mean |xi| about 0.08). Rank memories by the mean |xi| of their pixels;
           call a memory "used" when that exceeds 0.25; measure the used ones. */
        for (mu = 0; mu < K; mu++) {
            double m = 0;
            for (j = 0; j < train.pixels; j++) m += fabs((double)net.xi[(size_t)mu * net.N + j]);
            strength[mu] = m / train.pixels;
            rank[mu] = mu;
        }
        for (i = 1; i < K; i++) { /* insertion sort, strongest first */
            int r = rank[i];
            j = i - 1;
            while (j >= 0 && strength[rank[j]] < strength[r]) rank[j + 1] = rank[j], j--;
            rank[j + 1] = r;
        }
        for (used = 0; used < K && strength[rank[used]] > 0.25; used++) {
        }
        /* the measures: over the `top` strongest memories (K/8 = 32 for K = 256), so
           every n is measured on the same number of memories */
        for (i = 0; i < top; i++) {
            const dam_real *xm = net.xi + (size_t)rank[i] * net.N;
            double norm = 0, best = -1, top = -2, rest = 0;
            int c, cb = 0;
            for (j = 0; j < train.pixels; j++) norm += (double)xm[j] * xm[j];
            norm = sqrt(norm * train.pixels); /* |x| = sqrt(pixels) for bipolar images */
            for (q = 0; q < compare; q++) {
                const signed char *x = train.x + (size_t)q * train.N;
                double dot = 0;
                for (j = 0; j < train.pixels; j++) dot += xm[j] * x[j];
                if (norm > 0 && dot / norm > best) best = dot / norm;
            }
            proto += best;
            for (c = 0; c < train.classes; c++)
                if (xm[train.pixels + c] > top) top = xm[train.pixels + c], cb = c;
            for (c = 0; c < train.classes; c++)
                if (c != cb) rest += xm[train.pixels + c];
            select += (top - rest / (train.classes - 1)) / 2;
        }
        proto /= top, select /= top;
        /* the grid: the 40 strongest memories, strongest first */
        for (i = 0; i < 40 && i < K; i++)
            memcpy(shown + (size_t)i * net.N, net.xi + (size_t)rank[i] * net.N, sizeof(dam_real) * net.N);
        snprintf(path, sizeof path, "%s/fig01_memories_n%d.png", F.plots, ns[k]);
        if (dam_write_grid(path, shown, K < 40 ? K : 40, net.N, train.width, train.height, 10, 3, why) != DAM_OK)
            fprintf(stderr, "fig01_memories: %s\n", why);
        fig_row(&F, "%d %s %d %.4f %.4f %.4f", ns[k], cli_num(tnum, nd.T), used, proto, select, sc.accuracy);
        fprintf(stderr, "fig01_memories: n=%d used %d prototype %.3f selectivity %.3f accuracy %.4f\n", ns[k], used, proto, select, sc.accuracy);
        dam_dense_free(&net);
    }
    dam_dataset_free(&train);
    dam_dataset_free(&test);
    return fig_close(&F);
}
