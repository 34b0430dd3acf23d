/* mnist.h - loading one part of MNIST or Fashion-MNIST, shared by the example tools
   and the figure programs. Include after dam.h.

   --data-dir means the same in every tool: the folder that holds mnist/ and fashion/
   (default "data"), the four IDX files of a dataset under DIR/mnist/ or DIR/fashion/.
   The older meaning (DIR is the IDX folder itself) still works: when DIR/<dataset>/ does
   not exist but DIR holds the IDX files, DIR is used. */
#ifndef DAM_EXAMPLES_MNIST_H
#define DAM_EXAMPLES_MNIST_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
/* T permuted tasks made from a base training and test set (dam:data.tasks): task 0 keeps
   the pixel order, tasks 1.. each get a fixed permutation, applied alike to training and
   test items. The T x pixels permutations are drawn from rng in one call to
   dam_tasks_draw_permutations, so the generator advances as it always did. Shared by
   sequence, custom_technique and the run store (figseq.h). */
typedef struct mnist_tasks {
    int T;
    dam_dataset train[DAM_SEQ_MAX_TASKS], test[DAM_SEQ_MAX_TASKS];
    const dam_dataset *ptrain[DAM_SEQ_MAX_TASKS], *ptest[DAM_SEQ_MAX_TASKS]; /* for dam_seq_init */
    char why[DAM_WHY_SIZE]; /* on failure: what went wrong */
} mnist_tasks;

static inline void mnist_tasks_free(mnist_tasks *tk)
{
    int t;
    for (t = 0; t < tk->T; t++) {
        dam_dataset_free(&tk->train[t]);
        dam_dataset_free(&tk->test[t]);
    }
    tk->T = 0;
}

/* Build the T tasks (1..DAM_SEQ_MAX_TASKS). DAM_OK, or a result with tk->why set and
   nothing left allocated. */
static inline dam_result mnist_tasks_make(mnist_tasks *tk, const dam_dataset *base_train, const dam_dataset *base_test,
                                          int T, dam_rng *rng)
{
    int *perm, t;
    dam_result r = DAM_OK;
    memset(tk, 0, sizeof *tk);
    if (T < 1 || T > DAM_SEQ_MAX_TASKS) {
        snprintf(tk->why, sizeof tk->why, "%d tasks: 1..%d supported", T, DAM_SEQ_MAX_TASKS);
        return DAM_ERR_TASKS;
    }
    perm = (int *)malloc(sizeof(int) * (size_t)T * (size_t)base_train->pixels);
    if (!perm) {
        snprintf(tk->why, sizeof tk->why, "out of memory for %d permutations of %d pixels", T, base_train->pixels);
        return DAM_ERR_NOMEM;
    }
    dam_tasks_draw_permutations(perm, T, base_train->pixels, rng);
    for (t = 0; t < T; t++) {
        tk->T = t + 1; /* what mnist_tasks_free must free */
        if ((r = dam_dataset_permuted(&tk->train[t], base_train, perm + (size_t)t * base_train->pixels, NULL)) != DAM_OK) {
            snprintf(tk->why, sizeof tk->why, "%s", tk->train[t].why);
            break;
        }
        if ((r = dam_dataset_permuted(&tk->test[t], base_test, perm + (size_t)t * base_train->pixels, NULL)) != DAM_OK) {
            snprintf(tk->why, sizeof tk->why, "%s", tk->test[t].why);
            break;
        }
        tk->ptrain[t] = &tk->train[t];
        tk->ptest[t] = &tk->test[t];
    }
    free(perm);
    if (r != DAM_OK) mnist_tasks_free(tk);
    return r;
}

/* PLACEHOLDER until the scenario builders (issue 16, branch i16-lib) are merged: the
   declared interface, permuted tasks only. Replaced by the real one at the merge. */
typedef struct mnist_scenario {
    const char *scenario; /* "permuted" (NULL), "rotated", "split-class", "split-task" */
    const char *dataset;  /* "mnist" (NULL), "fashion", or a folder */
    const char *angles;
    const char *split;
    int threshold;
} mnist_scenario;
static inline dam_result mnist_scenario_tasks(mnist_tasks *tk, const mnist_scenario *sc, const char *data_dir, int train_items,
                                              int test_items, int T, dam_rng *rng)
{
    (void)sc, (void)data_dir, (void)train_items, (void)test_items, (void)T, (void)rng;
    memset(tk, 0, sizeof *tk);
    snprintf(tk->why, sizeof tk->why, "the scenarios are not built yet");
    return DAM_ERR_ARGUMENT;
}

#endif
