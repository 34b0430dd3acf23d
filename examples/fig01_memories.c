/* fig01_memories.c - Figure 1: the memory vectors of a DAM trained on one task of
   MNIST, at several n, drawn as images; and two numbers per n that say how
   prototype-like the memories are.

   Claim tested (Krotov & Hopfield 2016, restated by the paper): at small n the memories
   look like features (strokes, parts shared by many digits); at large n like
   prototypes (whole digits of one class).
   Many memories are never recruited by training and keep their small random start.
   Two counts say how many are used (runstore.h, run_memory_use):
     used = memories that are the best match (largest overlap over the pixels, the
       dominant term of the energy) of at least one of the first 2,000 training images;
     untrained = memories whose pixels still have cosine similarity > 0.5 with their
       random initial vector.
   Memories are ranked by mean |xi|; the measures per n are taken over the K/8
   strongest (the same number at every n; runstore.h, run_memory_measures):
     prototype similarity = mean of the largest cosine similarity between
       the memory's pixels and any of the first 2,000 training images (1 = the memory
       is a copy of one training image);
     label selectivity = mean over memories of (largest label entry - mean of the other
       label entries) / 2 (1 = each memory votes for exactly one class).
   Both should grow with n if the claim holds. Images: plots/fig01_memories_n<n>.png,
   the 40 memories with the largest mean |xi| (pixels only), -1 black, +1 white, of the
   first seed's run (the run tool draws every single-task run's image into the store),
   and beside the .dat file <stem>_tiles.dat: per n and shown tile, the training images
   it is the best match of and its cosine similarity to its start (the panel figure
   plots/fig01_memories_grids.png marks the untrained tiles).
   Runs: the single-task runs of fig02's settings at n in {2, 5, 20, 40} (quick),
   smoke {3, 20}, paper {2, 3, 5, 10, 20,
   30, 40, 60}; every seed of --seeds; with measures = 2 in their key (the use counts),
   so they are files of their own beside fig02's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

static const agg_metric metrics[] = {
    {"used", "won", 0, "[memories] memories that are the best match (largest pixel overlap) of at least one of the first 2000 training images"},
    {"untrained", "untrained", 0, "[memories] memories whose pixels keep cosine similarity > 0.5 with their random start"},
    {"prototype", "prototype", 0, "[-] mean over the K/8 strongest memories of the max cosine similarity to a training image"},
    {"selectivity", "selectivity", 0, "[-] mean over the K/8 strongest memories of (max label entry - mean of the others)/2"},
    {"acc", "acc", 0, "[-] test accuracy"}};

/* copy the first seed's memory image of every n into --plots, and write its tiles'
   use (<out stem>_tiles.dat) */
static int images(fig *F, fig_plan *P, const int *seeds, int nseeds)
{
    char tiles[1100], ttmp[1200];
    size_t ol = strlen(F->out);
    FILE *t;
    int i;
    (void)nseeds;
    snprintf(tiles, sizeof tiles, "%.*s_tiles.dat", (int)(ol > 4 && strcmp(F->out + ol - 4, ".dat") == 0 ? ol - 4 : ol), F->out);
    snprintf(ttmp, sizeof ttmp, "%s.tmp", tiles);
    if (!(t = fopen(ttmp, "w"))) { fprintf(stderr, "%s: cannot write %s\n", F->name, ttmp); return 1; }
    fprintf(t, "# figure: %s (tiles of plots/fig01_memories_n<n>.png, seed %d, in their order: row by row, 10 a row)\n"
               "# Column 1: n [-] interaction vertex\n# Column 2: tile [-] 0-based\n"
               "# Column 3: wins [images] of the first 2000 training images it is the best match of\n"
               "# Column 4: start_cos [-] cosine similarity of its pixels to its random start (> 0.5: untrained)\n",
            F->name, seeds[0]);
    for (i = 0; i < P->np; i++) {
        run_spec s = P->p[i].s;
        run_result rr;
        char path[1200];
        int k;
        s.seed = seeds[0];
        run_path(F->store, &s, path, sizeof path);
        if (run_read(path, &s, &rr) == 0)
            for (k = 0; k < 40; k++) {
                double w = run_get(&rr, "shown_wins", k), c = run_get(&rr, "shown_start_cos", k);
                if (!isnan(w) && !isnan(c)) fprintf(t, "%d %d %.0f %.4f\n", s.n, k, w, c);
            }
    }
    if (fclose(t) != 0 || rename(ttmp, tiles) != 0) { fprintf(stderr, "%s: cannot write %s\n", F->name, tiles); return 1; }
    for (i = 0; i < P->np; i++) {
        run_spec s = P->p[i].s;
        char id[17], from[1200], to[1200], tmp[1300], buf[65536];
        FILE *a, *b;
        size_t got;
        s.seed = seeds[0];
        run_id(&s, id);
        snprintf(from, sizeof from, "%s/%s.png", F->store, id);
        snprintf(to, sizeof to, "%s/fig01_memories_n%d.png", F->plots, s.n);
        snprintf(tmp, sizeof tmp, "%s.tmp", to);
        if (!(a = fopen(from, "rb"))) { fprintf(stderr, "%s: no image %s (the run was stored without it)\n", F->name, from); continue; }
        if (!(b = fopen(tmp, "wb"))) { fclose(a); fprintf(stderr, "%s: cannot write %s\n", F->name, tmp); return 1; }
        while ((got = fread(buf, 1, sizeof buf, a)) > 0) fwrite(buf, 1, got, b);
        fclose(a);
        if (fclose(b) != 0 || rename(tmp, to) != 0) { fprintf(stderr, "%s: cannot write %s\n", F->name, to); return 1; }
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const int n_smoke[] = {3, 20}, n_quick[] = {2, 5, 20, 40}, n_paper[] = {2, 3, 5, 10, 20, 30, 40, 60};
    static fig_plan P;
    const int *ns;
    int nn, k, rc, seeds[64], ns_;
    fig F;
    if ((rc = fig_init(&F, "fig01_memories", "memories are features at small n and prototypes at large n", argc, argv, NULL, 0)) != 0)
        return rc < 0 ? 0 : rc;
    ns = F.profile == FIG_SMOKE ? n_smoke : F.profile == FIG_QUICK ? n_quick : n_paper;
    nn = fig_pick(&F, 2, 4, 8);
    if (!F.list) {
        char probe[1024];
        snprintf(probe, sizeof probe, "%s/fig01_memories_n%d.png", F.plots, ns[0]);
        if (cli_writable(F.name, probe)) return 1;
    }
    P.idcol[0] = "n [-] interaction vertex";
    P.idcol[1] = "T [-] temperature";
    P.nid = 2;
    P.m = metrics;
    P.nm = 5;
    for (k = 0; k < nn; k++) {
        run_spec s = fig_single_spec(&F, ns[k], 0);
        s.measures = 2;
        fig_point(&P, &s, ns[k], dam_default_temperature(ns[k], DAM_F_LEAKY), 0, 0);
    }
    if ((ns_ = fig_seeds(&F, seeds, 64)) < 1) { fprintf(stderr, "%s: bad --seeds\n", F.name); return 2; }
    return fig_plan_main(&F, &P, seeds, ns_, images);
}
