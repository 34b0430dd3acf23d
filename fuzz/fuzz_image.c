/* fuzz_image.c - libFuzzer harness for dam_image_load: any bytes written to a file and
   loaded through stb_image, resampled to 28 x 28 and binarised. */
#include <stdint.h>
#include <stddef.h>
#include <stdio.h>
#include <unistd.h>
#define STB_IMAGE_IMPLEMENTATION
#define STBI_MAX_DIMENSIONS 4096
#include "../third_party/stb_image.h"
#define DAM_IMPLEMENTATION
#include "../dam.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char path[64];
    signed char out[28 * 28];
    char why[DAM_WHY_SIZE];
    FILE *f;
    if (!path[0]) snprintf(path, sizeof path, "/tmp/dam_fuzz_image_%d", (int)getpid());
    f = fopen(path, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);
    dam_image_load(path, 28, 28, 127, out, why);
    return 0;
}
