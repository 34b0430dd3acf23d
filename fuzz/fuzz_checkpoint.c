/* fuzz_checkpoint.c - libFuzzer harness for the checkpoint loaders: any bytes written
   to a file and loaded as a DAM (also against the settings it was made with), as a
   Hopfield network and as a running sequence (into a small sequence made once). Nothing
   may crash, leak, or change the sequence unless the whole file is valid.
   The seeds in fuzz/corpus/checkpoint are written by this file built without libFuzzer
   (they must match the settings key of the sequence below to reach the parser behind
   it; rewrite them whenever the format or setup() changes):
       cc -std=c99 -D_POSIX_C_SOURCE=200809L -DFUZZ_WRITE_SEEDS fuzz/fuzz_checkpoint.c \
          -o build/fuzz_seeds -lm && build/fuzz_seeds fuzz/corpus/checkpoint */
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#define DAM_FUZZING /* skip the checksum: fuzz the parser behind it */
#define DAM_IMPLEMENTATION
#include "../dam.h"

static dam_dataset tasks[2];
static const dam_dataset *tp[2];
static dam_dense net;
static dam_seq seq;
static dam_dense_desc expect;

static void setup(void)
{
    dam_rng r;
    dam_dense_desc nd = dam_dense_defaults(12, 4, 3);
    dam_seq_desc sd = dam_seq_defaults(DAM_TECH_REHEARSAL, 3);
    int t, i;
    dam_rng_seed(&r, 1);
    for (t = 0; t < 2; t++) {
        dam_dataset_init(&tasks[t], 10, 10, 2, NULL);
        for (i = 0; i < 10 * 12; i++) tasks[t].x[i] = dam_rng_uniform(&r) < 0.5 ? 1 : -1;
        tp[t] = &tasks[t];
    }
    nd.mask_start = 10;
    nd.mask_count = 2;
    expect = nd;
    dam_dense_init(&net, &nd, &r, NULL);
    sd.train.epochs = 1;
    sd.train.batch = 5;
    dam_seq_init(&seq, &net, &sd, tp, tp, 2, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    static int ready;
    dam_dense d;
    dam_hopfield h;
    dam_rng r;
    FILE *f;
    if (!ready) setup(), ready = 1;
    if (!path[0]) snprintf(path, sizeof path, "/tmp/dam_fuzz_ck_%d", (int)getpid());
    f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    if (dam_dense_load(&d, path, NULL) == DAM_OK) dam_dense_free(&d);
    if (dam_dense_load_matching(&d, path, &expect, NULL) == DAM_OK) dam_dense_free(&d);
    if (dam_hopfield_load(&h, path, NULL) == DAM_OK) dam_hopfield_free(&h);
    dam_rng_seed(&r, 2);
    dam_seq_resume(&seq, &r, path);
    return 0;
}

#ifdef FUZZ_WRITE_SEEDS
/* Seeds: the DAM of setup(), a Hopfield network, the sequence before its first task and
   after it (the generator seeded 2 as in LLVMFuzzerTestOneInput). */
int main(int argc, char **argv)
{
    char p[512];
    dam_hopfield h;
    dam_rng r;
    signed char pat[2 * 12];
    int i;
    if (argc != 2) return 2;
    setup();
    snprintf(p, sizeof p, "%s/dense.ck", argv[1]);
    if (dam_dense_save(&net, p) != DAM_OK) return 1;
    dam_rng_seed(&r, 3);
    for (i = 0; i < 2 * 12; i++) pat[i] = dam_rng_uniform(&r) < 0.5 ? 1 : -1;
    dam_hopfield_init(&h, 12, NULL);
    dam_hopfield_hebbian(&h, pat, 2);
    snprintf(p, sizeof p, "%s/hopfield.ck", argv[1]);
    if (dam_hopfield_save(&h, p) != DAM_OK) return 1;
    dam_hopfield_free(&h);
    dam_rng_seed(&r, 2);
    snprintf(p, sizeof p, "%s/sequence_start.ck", argv[1]);
    if (dam_seq_save(&seq, &r, p) != DAM_OK) return 1;
    if (dam_seq_baseline(&seq) != DAM_OK || dam_seq_learn_task(&seq, &r) != DAM_OK) return 1;
    seq.started = 1;
    snprintf(p, sizeof p, "%s/sequence_task1.ck", argv[1]);
    if (dam_seq_save(&seq, &r, p) != DAM_OK) return 1;
    return 0;
}
#endif
