/* mnist.h - loading one part of MNIST or Fashion-MNIST, shared by the example tools
   and the figure programs. Include after dam.h. */
#ifndef DAM_EXAMPLES_MNIST_H
#define DAM_EXAMPLES_MNIST_H
#include <stdio.h>

/* Load the first `count` items (0 = all) of part "train" or "t10k" from the IDX files in
   dir, binarised at threshold. On failure prints "<tool>: <why> (<result>)" and the
   hint to run 'make data', and returns 2 (the tools' exit code); 0 on success. */
static int mnist_load(const char *tool, const char *dir, const char *part, int threshold, int count,
                      dam_dataset *ds)
{
    char img[1024], lab[1024];
    dam_result r;
    snprintf(img, sizeof img, "%s/%s-images-idx3-ubyte", dir, part);
    snprintf(lab, sizeof lab, "%s/%s-labels-idx1-ubyte", dir, part);
    if ((r = dam_dataset_load_idx(ds, img, lab, threshold, count, NULL)) != DAM_OK) {
        fprintf(stderr, "%s: %s (%s)\n  run 'make data' first\n", tool, ds->why, dam_result_string(r));
        return 2;
    }
    return 0;
}
#endif
