/* fuzz_idx.c - libFuzzer harness: any bytes as an IDX file, then (when it parses) as
   MNIST images and labels. Nothing may crash, leak or read out of bounds. */
#include <stdint.h>
#include <stddef.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dam_idx a, b;
    dam_dataset ds;
    size_t half = size / 2;
    if (dam_idx_parse(&a, data, size, NULL) == DAM_OK) {
        /* the same bytes as images with a label file made from the first half */
        if (dam_idx_parse(&b, data, half, NULL) == DAM_OK) {
            if (dam_dataset_from_idx(&ds, &a, &b, data[size - 1], 10, 50, NULL) == DAM_OK) dam_dataset_free(&ds);
            dam_idx_free(&b);
        }
        dam_idx_free(&a);
    }
    return 0;
}
