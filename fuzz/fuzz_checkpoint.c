/* fuzz_checkpoint.c - libFuzzer harness for the checkpoint loaders: any bytes written
   to a file and loaded as a DAM, as a Hopfield network and as a running sequence
   (into a small sequence made once). Nothing may crash, leak, or change the sequence
   unless the whole file is valid. */
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
    if (dam_hopfield_load(&h, path, NULL) == DAM_OK) dam_hopfield_free(&h);
    dam_rng_seed(&r, 2);
    dam_seq_resume(&seq, &r, path);
    return 0;
}
