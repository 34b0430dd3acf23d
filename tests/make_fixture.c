/* make_fixture.c - write a tiny MNIST look-alike in IDX format, so the example and
   figure programs can be run end to end by `make test` without downloading anything.
   Ten classes; each class is a fixed random blob picture on 28 x 28 grey pixels; an
   item is its class picture with 8% of the pixels flipped and a random shift of up to
   one pixel. Usage: make_fixture DIR [train] [test]  (writes DIR/train-images-idx3-ubyte,
   DIR/train-labels-idx1-ubyte, DIR/t10k-images-idx3-ubyte, DIR/t10k-labels-idx1-ubyte) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"

static int write_idx(const char *dir, const char *name, int count, int images, dam_rng *r,
                     const unsigned char *proto, dam_rng *labels_rng)
{
    char path[1024];
    FILE *f;
    unsigned char head[16];
    int i, p, hl = images ? 16 : 8;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (!f) return 1;
    memset(head, 0, sizeof head);
    head[2] = 8;
    head[3] = images ? 3 : 1;
    head[4] = (unsigned char)(count >> 24); head[5] = (unsigned char)(count >> 16);
    head[6] = (unsigned char)(count >> 8); head[7] = (unsigned char)count;
    if (images) head[11] = 28, head[15] = 28;
    fwrite(head, 1, (size_t)hl, f);
    for (i = 0; i < count; i++) {
        int c = (int)dam_rng_below(labels_rng, 10);
        if (!images) {
            unsigned char b = (unsigned char)c;
            fwrite(&b, 1, 1, f);
            continue;
        }
        {
            unsigned char img[784];
            int dx = (int)dam_rng_below(r, 3) - 1, dy = (int)dam_rng_below(r, 3) - 1;
            for (p = 0; p < 784; p++) {
                int x = p % 28 - dx, y = p / 28 - dy;
                unsigned char v = (x >= 0 && x < 28 && y >= 0 && y < 28) ? proto[c * 784 + y * 28 + x] : 0;
                if (dam_rng_uniform(r) < 0.08) v = (unsigned char)(255 - v);
                img[p] = v;
            }
            fwrite(img, 1, 784, f);
        }
    }
    return fclose(f) != 0;
}

int main(int argc, char **argv)
{
    static unsigned char proto[10 * 784];
    dam_rng r, la, lb;
    int train = argc > 2 ? atoi(argv[2]) : 1000, test = argc > 3 ? atoi(argv[3]) : 500, k;
    if (argc < 2) { fprintf(stderr, "usage: %s DIR [train] [test]\n", argv[0]); return 2; }
    dam_rng_seed(&r, 2024);
    for (k = 0; k < 10 * 784; k++) proto[k] = dam_rng_uniform(&r) < 0.2 ? 255 : 0;
    dam_rng_seed(&la, 5);
    dam_rng_seed(&lb, 5);
    if (write_idx(argv[1], "train-images-idx3-ubyte", train, 1, &r, proto, &la) ||
        write_idx(argv[1], "train-labels-idx1-ubyte", train, 0, &r, proto, &lb))
        return 1;
    dam_rng_seed(&la, 6);
    dam_rng_seed(&lb, 6);
    if (write_idx(argv[1], "t10k-images-idx3-ubyte", test, 1, &r, proto, &la) ||
        write_idx(argv[1], "t10k-labels-idx1-ubyte", test, 0, &r, proto, &lb))
        return 1;
    return 0;
}
