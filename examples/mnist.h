/* mnist.h - loading one part of MNIST or Fashion-MNIST, shared by the example tools
   and the figure programs. Include after dam.h.

   --data-dir means the same in every tool: the folder that holds mnist/ and fashion/
   (default "data"), the four IDX files of a dataset under DIR/mnist/ or DIR/fashion/.
   The older meaning (DIR is the IDX folder itself) still works: when DIR/<dataset>/ does
   not exist but DIR holds the IDX files, DIR is used. */
#ifndef DAM_EXAMPLES_MNIST_H
#define DAM_EXAMPLES_MNIST_H
#include <stdio.h>
#include <sys/stat.h>

/* The IDX folder of `dataset` ("mnist" or "fashion") under data_dir, into out. */
static inline void mnist_dir(char *out, size_t size, const char *data_dir, const char *dataset)
{
    struct stat st;
    char probe[1200];
    snprintf(out, size, "%s/%s", data_dir, dataset);
    if (stat(out, &st) == 0 && S_ISDIR(st.st_mode)) return;
    snprintf(probe, sizeof probe, "%s/train-images-idx3-ubyte", data_dir);
    if (stat(probe, &st) == 0) snprintf(out, size, "%s", data_dir); /* the old meaning */
}

/* Load the first `count` items (0 = all) of part "train" or "t10k" from the IDX files in
   dir, binarised at threshold. On failure prints "<tool>: <why> (<result>)" and the
   hint to run 'make data' on one line, and returns 1 (the tools' exit code for I/O failures); 0 on
   success. */
static inline int mnist_load(const char *tool, const char *dir, const char *part, int threshold, int count,
                      dam_dataset *ds)
{
    char img[1024], lab[1024];
    dam_result r;
    snprintf(img, sizeof img, "%s/%s-images-idx3-ubyte", dir, part);
    snprintf(lab, sizeof lab, "%s/%s-labels-idx1-ubyte", dir, part);
    if ((r = dam_dataset_load_idx(ds, img, lab, threshold, count, NULL)) != DAM_OK) {
        fprintf(stderr, "%s: %s (%s); run 'make data' first, or give --data-dir DIR (the folder holding mnist/ and fashion/)\n",
                tool, ds->why, dam_result_string(r));
        return 1;
    }
    return 0;
}
#endif
