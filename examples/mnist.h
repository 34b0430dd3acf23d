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
    char img[1100], lab[1100];
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
/* The tasks of a sequence (dam:data.tasks), shared by sequence, custom_technique and
   the run store (figseq.h). Permuted: task 0 keeps the pixel order, tasks 1.. each get a
   fixed permutation, applied alike to training and test items; the T x pixels
   permutations are drawn from rng in one call to dam_tasks_draw_permutations, so the
   generator advances as it always did. The other scenarios draw nothing from rng. */
#define MNIST_FOLDER_TEST_EVERY 5 /* a folder's split: the 5th, 10th, ... image of each class (by name) is a test image */
typedef struct mnist_tasks {
    int T;
    dam_dataset train[DAM_SEQ_MAX_TASKS], test[DAM_SEQ_MAX_TASKS];
    const dam_dataset *ptrain[DAM_SEQ_MAX_TASKS], *ptest[DAM_SEQ_MAX_TASKS]; /* for dam_seq_init */
    char why[DAM_WHY_SIZE]; /* on failure: what went wrong */
    /* set by mnist_scenario_tasks / mnist_scenario_build (mnist_tasks_make: permuted) */
    char scenario[16];      /* "permuted", "rotated", "split-class" or "split-task"   */
    int classes;            /* label neurons C                                          */
    int task_incremental;   /* 1: every test set carries its task's class flags          */
    double angle[DAM_SEQ_MAX_TASKS]; /* rotated: degrees of task t (else 0)             */
    unsigned char task_classes[DAM_SEQ_MAX_TASKS][DAM_MAX_CLASSES]; /* split: 1 for task t's classes; else all 1 */
    char (*names)[64];      /* a folder's class names (classes of them), else NULL      */
    char source[1024];      /* the IDX folder or the image folder the data came from    */
} mnist_tasks;

static inline void mnist_tasks_free(mnist_tasks *tk)
{
    int t;
    for (t = 0; t < tk->T; t++) {
        dam_dataset_free(&tk->train[t]);
        dam_dataset_free(&tk->test[t]);
    }
    free(tk->names);
    tk->names = NULL;
    tk->T = 0;
}

/* Build the T permuted tasks (1..DAM_SEQ_MAX_TASKS) from a base training and test set.
   DAM_OK, or a result with tk->why set and nothing left allocated. */
static inline dam_result mnist_tasks_make(mnist_tasks *tk, const dam_dataset *base_train, const dam_dataset *base_test,
                                          int T, dam_rng *rng)
{
    int *perm, t, c;
    dam_result r = DAM_OK;
    memset(tk, 0, sizeof *tk);
    if (T < 1 || T > DAM_SEQ_MAX_TASKS) {
        snprintf(tk->why, sizeof tk->why, "%d tasks: 1..%d supported", T, DAM_SEQ_MAX_TASKS);
        return DAM_ERR_TASKS;
    }
    snprintf(tk->scenario, sizeof tk->scenario, "permuted");
    tk->classes = base_train->classes;
    for (t = 0; t < T; t++)
        for (c = 0; c < tk->classes && c < DAM_MAX_CLASSES; c++) tk->task_classes[t][c] = 1;
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

/* ----- scenarios ---------------------------------------------------------------------
   One entry point for the tools and the run store: which scenario, on which data.
     permuted     task 0 the original order, tasks 1.. fixed pixel permutations
                  (domain-incremental; the paper's)
     rotated      task t turns every grey image by angle theta_t (bilinear, then
                  binarised; training and test alike). Default angles: T spread evenly
                  over [0, 180] with both ends, theta_t = 180 t / (T - 1) (T = 5: 0, 45,
                  90, 135, 180; T = 1: 0); or the list `angles` ("0,30,60")
     split-class  task t holds only the items of its classes, default pairs 0,1 / 2,3 /
                  ... ("0,1/2,3/4,5/6,7/8,9"; with an odd class count the last task has
                  one class), or the list `split`; tested by argmax over all classes
     split-task   the same tasks, tested by argmax over the task's own classes (its test
                  set carries the flags, dam_dataset_set_allowed); a task of one class is
                  refused (DAM_ERR_TASKS): its argmax would always be right
   T (the --tasks of a tool): T <= 0 takes the scenario's own count (the split's groups,
   the angles listed; 5 for permuted and default rotated); T up to that count takes the
   first T tasks; more than a split or an angle list holds is refused (DAM_ERR_TASKS).
   Items: permuted and rotated take the first train_items training and test_items test
   images (0: all) for every task; split tasks take up to train_items (test_items) of
   their own classes, in file order (0: all of them). Fewer images than asked: all there
   are. threshold: sc->threshold as given (0..255: set it, 0 is a threshold too); sc
   NULL means permuted MNIST at 127. angles is read by rotated only, split by the split
   scenarios only (the tools refuse them elsewhere; here they are ignored).
   The dataset: "mnist" (NULL), "fashion" (the IDX files of mnist_dir(data_dir, ..)), or
   a folder of your own images DIR/<class>/<image> (dam_images_load_folder: one size,
   classes in name order; every MNIST_FOLDER_TEST_EVERY-th image of a class is a test
   image). Permuted MNIST loads and draws exactly as sequence always has, so results
   and the run store's runs are unchanged. */
typedef struct mnist_scenario {
    const char *scenario; /* "permuted" (default when NULL), "rotated", "split-class", "split-task" */
    const char *dataset;  /* "mnist" (NULL = mnist), "fashion", or a folder path */
    const char *angles;   /* NULL: default; else comma list of degrees */
    const char *split;    /* NULL: default pairs; else e.g. "0,1/2,3/4,5/6,7/8,9" */
    int threshold;
} mnist_scenario;

static inline dam_result mnist__fail(mnist_tasks *tk, dam_result r, const char *fmt, const char *a, int i, int j)
{
    char msg[DAM_WHY_SIZE];
    snprintf(msg, sizeof msg, fmt, a ? a : "", i, j);
    mnist_tasks_free(tk);
    memcpy(tk->why, msg, sizeof msg);
    return r;
}

/* Parse a split "0,1/2,3" into groups (flags per class), checking every class is a
   number 0..C-1 used once. Returns the group count, or -1 with why set. */
static inline int mnist_parse_split(const char *text, int C, unsigned char groups[][DAM_MAX_CLASSES], char *why)
{
    unsigned char used[DAM_MAX_CLASSES];
    int G = 0, in_group = 0;
    const char *p = text;
    memset(used, 0, sizeof used);
    memset(groups[0], 0, DAM_MAX_CLASSES);
    while (1) {
        char *end;
        long c = strtol(p, &end, 10);
        if (end == p || c < 0 || c >= C) {
            snprintf(why, DAM_WHY_SIZE, "split '%.60s': expected class numbers 0..%d like 0,1/2,3", text, C - 1);
            return -1;
        }
        if (used[c]) {
            snprintf(why, DAM_WHY_SIZE, "split '%.60s': class %ld is in two tasks", text, c);
            return -1;
        }
        used[c] = 1, groups[G][c] = 1, in_group = 1;
        p = end;
        if (*p == ',') { p++; continue; }
        if (*p == '/' || *p == 0) {
            G += in_group, in_group = 0;
            if (*p == 0) break;
            if (G >= DAM_SEQ_MAX_TASKS) {
                snprintf(why, DAM_WHY_SIZE, "split '%.60s': more than %d tasks", text, DAM_SEQ_MAX_TASKS);
                return -1;
            }
            memset(groups[G], 0, DAM_MAX_CLASSES);
            p++;
            continue;
        }
        snprintf(why, DAM_WHY_SIZE, "split '%.60s': unexpected '%c' (classes by ',', tasks by '/')", text, *p);
        return -1;
    }
    return G;
}

/* Parse a comma list of angles in degrees. Returns the count, or -1 with why set. */
static inline int mnist_parse_angles(const char *text, double *angle, char *why)
{
    int n = 0;
    const char *p = text;
    while (1) {
        char *end;
        double a = strtod(p, &end);
        if (end == p || !(a > -1e6 && a < 1e6)) {
            snprintf(why, DAM_WHY_SIZE, "angles '%.60s': expected degrees like 0,45,90", text);
            return -1;
        }
        if (n >= DAM_SEQ_MAX_TASKS) {
            snprintf(why, DAM_WHY_SIZE, "angles '%.60s': more than %d tasks", text, DAM_SEQ_MAX_TASKS);
            return -1;
        }
        angle[n++] = a;
        p = end;
        if (*p == 0) break;
        if (*p != ',') {
            snprintf(why, DAM_WHY_SIZE, "angles '%.60s': unexpected '%c' (degrees by ',')", text, *p);
            return -1;
        }
        p++;
    }
    return n;
}

/* Build the tasks of scenario sc from grey training and test images (loaded by the
   caller: mnist_scenario_tasks, or a tool holding out a validation part). The rules
   are those of mnist_scenario_tasks above. */
static inline dam_result mnist_scenario_build(mnist_tasks *tk, const mnist_scenario *sc, const dam_images *train,
                                              const dam_images *test, int train_items, int test_items, int T,
                                              dam_rng *rng)
{
    const char *name = sc && sc->scenario ? sc->scenario : "permuted";
    int threshold = sc ? sc->threshold : 127, C = train->classes, rotated, split, n_of = 0, t, c;
    int ntrain = train_items > 0 && train_items < train->count ? train_items : train->count;
    int ntest = test_items > 0 && test_items < test->count ? test_items : test->count;
    int *which = NULL;
    dam_result r = DAM_OK;
    memset(tk, 0, sizeof *tk);
    rotated = strcmp(name, "rotated") == 0;
    split = strcmp(name, "split-class") == 0 || strcmp(name, "split-task") == 0;
    if (!rotated && !split && strcmp(name, "permuted") != 0)
        return mnist__fail(tk, DAM_ERR_ARGUMENT, "unknown scenario '%.40s': permuted, rotated, split-class or split-task", name, 0, 0);
    if (threshold < 0 || threshold > 255) return mnist__fail(tk, DAM_ERR_ARGUMENT, "threshold %.0s%d: 0..255", NULL, threshold, 0);
    if (test->classes != C || test->width != train->width || test->height != train->height)
        return mnist__fail(tk, DAM_ERR_SHAPE, "%.0straining and test images differ in size or classes", NULL, 0, 0);
    snprintf(tk->scenario, sizeof tk->scenario, "%s", name);
    tk->classes = C;
    if (split) { /* the groups of classes, then T */
        if (sc && sc->split) {
            char why[DAM_WHY_SIZE];
            if ((n_of = mnist_parse_split(sc->split, C, tk->task_classes, why)) < 0)
                return mnist__fail(tk, DAM_ERR_ARGUMENT, "%.150s", why, 0, 0);
        } else { /* pairs 0,1 / 2,3 / ...: (C + 1) / 2 of them, each a row of task_classes */
            n_of = (C + 1) / 2;
            if (n_of > DAM_SEQ_MAX_TASKS)
                return mnist__fail(tk, DAM_ERR_TASKS, "%.0s%d classes make %d pairs, at most 64 tasks: give --split", NULL, C,
                                   n_of);
            for (c = 0; c < C; c++) tk->task_classes[c / 2][c] = 1;
        }
        if (T > n_of)
            return mnist__fail(tk, DAM_ERR_TASKS, "%.0sthe split has %d tasks, %d asked (give fewer tasks or another split)",
                               NULL, n_of, T);
        T = T > 0 ? T : n_of;
        tk->task_incremental = strcmp(name, "split-task") == 0;
        for (t = 0; tk->task_incremental && t < T; t++) {
            /* an argmax over one class is always right (R[i][t] = b_t = 1): no test at all */
            int count = 0, only = 0;
            for (c = 0; c < C; c++)
                if (tk->task_classes[t][c]) count++, only = c;
            if (count < 2)
                return mnist__fail(tk, DAM_ERR_TASKS, "%.0ssplit-task: task %d holds one class (%d), always right by argmax: "
                                   "give each task 2+ classes (--split), fewer tasks, or split-class", NULL, t, only);
        }
    } else {
        for (t = 0; t < DAM_SEQ_MAX_TASKS; t++)
            for (c = 0; c < C; c++) tk->task_classes[t][c] = 1;
        if (rotated && sc && sc->angles) {
            char why[DAM_WHY_SIZE];
            if ((n_of = mnist_parse_angles(sc->angles, tk->angle, why)) < 0)
                return mnist__fail(tk, DAM_ERR_ARGUMENT, "%.150s", why, 0, 0);
            if (T > n_of)
                return mnist__fail(tk, DAM_ERR_TASKS, "%.0s%d angles listed, %d tasks asked", NULL, n_of, T);
            T = T > 0 ? T : n_of;
        } else {
            T = T > 0 ? T : 5;
            if (T > DAM_SEQ_MAX_TASKS) return mnist__fail(tk, DAM_ERR_TASKS, "%.0s%d tasks: 1..%d supported", NULL, T, DAM_SEQ_MAX_TASKS);
            for (t = 0; rotated && t < T; t++) tk->angle[t] = T > 1 ? 180.0 * t / (T - 1) : 0.0;
        }
    }
    if (!rotated && !split) { /* permuted: binarise once, then the permutations from rng */
        dam_dataset base_train, base_test;
        if ((r = dam_dataset_from_images(&base_train, train, NULL, ntrain, 0, threshold, NULL)) != DAM_OK)
            return mnist__fail(tk, r, "%.150s", base_train.why, 0, 0);
        if ((r = dam_dataset_from_images(&base_test, test, NULL, ntest, 0, threshold, NULL)) != DAM_OK) {
            dam_dataset_free(&base_train);
            return mnist__fail(tk, r, "%.150s", base_test.why, 0, 0);
        }
        r = mnist_tasks_make(tk, &base_train, &base_test, T, rng);
        dam_dataset_free(&base_train);
        dam_dataset_free(&base_test);
        tk->classes = C;
        return r;
    }
    which = (int *)malloc(sizeof(int) * (size_t)(train->count > test->count ? train->count : test->count));
    if (!which) return mnist__fail(tk, DAM_ERR_NOMEM, "%.0sout of memory", NULL, 0, 0);
    for (t = 0; t < T && r == DAM_OK; t++) {
        tk->T = t + 1; /* what mnist_tasks_free must free */
        if (rotated) {
            if ((r = dam_dataset_from_images(&tk->train[t], train, NULL, ntrain, tk->angle[t], threshold, NULL)) != DAM_OK)
                snprintf(tk->why, sizeof tk->why, "%s", tk->train[t].why);
            else if ((r = dam_dataset_from_images(&tk->test[t], test, NULL, ntest, tk->angle[t], threshold, NULL)) != DAM_OK)
                snprintf(tk->why, sizeof tk->why, "%s", tk->test[t].why);
        } else {
            int n = dam_images_select(train, tk->task_classes[t], train_items > 0 ? train_items : 0, which);
            if (n == 0) {
                r = DAM_ERR_EMPTY;
                snprintf(tk->why, sizeof tk->why, "split task %d has no training images of its classes", t);
            } else if ((r = dam_dataset_from_images(&tk->train[t], train, which, n, 0, threshold, NULL)) != DAM_OK)
                snprintf(tk->why, sizeof tk->why, "%s", tk->train[t].why);
            else if ((n = dam_images_select(test, tk->task_classes[t], test_items > 0 ? test_items : 0, which)) == 0) {
                r = DAM_ERR_EMPTY;
                snprintf(tk->why, sizeof tk->why, "split task %d has no test images of its classes", t);
            } else if ((r = dam_dataset_from_images(&tk->test[t], test, which, n, 0, threshold, NULL)) != DAM_OK)
                snprintf(tk->why, sizeof tk->why, "%s", tk->test[t].why);
            else if (tk->task_incremental && (r = dam_dataset_set_allowed(&tk->test[t], tk->task_classes[t])) != DAM_OK)
                snprintf(tk->why, sizeof tk->why, "%s", tk->test[t].why);
        }
        tk->ptrain[t] = &tk->train[t];
        tk->ptest[t] = &tk->test[t];
    }
    free(which);
    (void)rng;
    if (r != DAM_OK) {
        char why[DAM_WHY_SIZE];
        memcpy(why, tk->why, sizeof why);
        mnist_tasks_free(tk);
        memcpy(tk->why, why, sizeof why);
    }
    return r;
}

/* Load sc's dataset as grey images: the IDX files under mnist_dir(data_dir, dataset)
   (the first train_items / test_items, 0 = all) or a folder (all its images, every
   MNIST_FOLDER_TEST_EVERY-th of a class to *test). dir receives where they came from.
   DAM_OK, or a result with why set and nothing allocated. */
static inline dam_result mnist_scenario_images(const mnist_scenario *sc, const char *data_dir, int train_items,
                                               int test_items, dam_images *train, dam_images *test, char *dir,
                                               size_t dir_size, char *why)
{
    const char *dataset = sc && sc->dataset ? sc->dataset : "mnist";
    dam_result r;
    memset(train, 0, sizeof *train);
    memset(test, 0, sizeof *test);
    if (strcmp(dataset, "mnist") == 0 || strcmp(dataset, "fashion") == 0) {
        char img[1100], lab[1100];
        mnist_dir(dir, dir_size, data_dir ? data_dir : "data", dataset);
        snprintf(img, sizeof img, "%s/train-images-idx3-ubyte", dir);
        snprintf(lab, sizeof lab, "%s/train-labels-idx1-ubyte", dir);
        if ((r = dam_images_load_idx(train, img, lab, train_items, NULL)) != DAM_OK) {
            snprintf(why, DAM_WHY_SIZE, "%.110s; run 'make data' or give --data-dir", train->why);
            return r;
        }
        snprintf(img, sizeof img, "%s/t10k-images-idx3-ubyte", dir);
        snprintf(lab, sizeof lab, "%s/t10k-labels-idx1-ubyte", dir);
        if ((r = dam_images_load_idx(test, img, lab, test_items, NULL)) != DAM_OK) {
            dam_images_free(train);
            snprintf(why, DAM_WHY_SIZE, "%.110s; run 'make data' or give --data-dir", test->why);
            return r;
        }
    } else {
        struct stat st;
        snprintf(dir, dir_size, "%s", dataset);
        if (stat(dataset, &st) != 0 || !S_ISDIR(st.st_mode)) {
            snprintf(why, DAM_WHY_SIZE, "dataset '%.80s': not mnist or fashion, and no such folder", dataset);
            return DAM_ERR_IO;
        }
        if ((r = dam_images_load_folder(train, test, dataset, 0, 0, MNIST_FOLDER_TEST_EVERY, NULL)) != DAM_OK) {
            snprintf(why, DAM_WHY_SIZE, "%s", train->why);
            return r;
        }
    }
    return DAM_OK;
}

/* The folder's class names into tk (a copy), when the images have them. */
static inline void mnist__keep_names(mnist_tasks *tk, const dam_images *im)
{
    if (im->names && (tk->names = (char (*)[64])malloc((size_t)im->classes * 64)) != NULL)
        memcpy(tk->names, im->names, (size_t)im->classes * 64);
}

/* The entry point: load sc's dataset (train_items / test_items as above) from data_dir
   or the folder, build T tasks of sc's scenario (sc NULL: permuted MNIST, threshold
   127). DAM_OK, or a result with tk->why set and nothing left allocated. */
static inline dam_result mnist_scenario_tasks(mnist_tasks *tk, const mnist_scenario *sc, const char *data_dir,
                                              int train_items, int test_items, int T, dam_rng *rng)
{
    const char *dataset = sc && sc->dataset ? sc->dataset : "mnist";
    const char *scen = sc && sc->scenario ? sc->scenario : "permuted";
    int idx = strcmp(dataset, "mnist") == 0 || strcmp(dataset, "fashion") == 0;
    int split = strcmp(scen, "split-class") == 0 || strcmp(scen, "split-task") == 0;
    dam_images train, test;
    char dir[1024], why[DAM_WHY_SIZE];
    dam_result r;
    memset(tk, 0, sizeof *tk);
    if (idx && strcmp(scen, "permuted") == 0) {
        /* exactly as sequence always loaded: the first items, binarised while read */
        dam_dataset base_train, base_test;
        int threshold = sc ? sc->threshold : 127;
        char img[1100], lab[1100];
        mnist_dir(dir, sizeof dir, data_dir ? data_dir : "data", dataset);
        snprintf(img, sizeof img, "%s/train-images-idx3-ubyte", dir);
        snprintf(lab, sizeof lab, "%s/train-labels-idx1-ubyte", dir);
        if ((r = dam_dataset_load_idx(&base_train, img, lab, threshold, train_items, NULL)) != DAM_OK) {
            snprintf(tk->why, sizeof tk->why, "%.110s; run 'make data' or give --data-dir", base_train.why);
            return r;
        }
        snprintf(img, sizeof img, "%s/t10k-images-idx3-ubyte", dir);
        snprintf(lab, sizeof lab, "%s/t10k-labels-idx1-ubyte", dir);
        if ((r = dam_dataset_load_idx(&base_test, img, lab, threshold, test_items, NULL)) != DAM_OK) {
            dam_dataset_free(&base_train);
            snprintf(tk->why, sizeof tk->why, "%.110s; run 'make data' or give --data-dir", base_test.why);
            return r;
        }
        r = mnist_tasks_make(tk, &base_train, &base_test, T > 0 ? T : 5, rng);
        dam_dataset_free(&base_train);
        dam_dataset_free(&base_test);
        if (r == DAM_OK) snprintf(tk->source, sizeof tk->source, "%s", dir);
        return r;
    }
    /* split tasks pick their classes' items from the whole files */
    if ((r = mnist_scenario_images(sc, data_dir, split ? 0 : train_items, split ? 0 : test_items, &train, &test, dir,
                                   sizeof dir, tk->why)) != DAM_OK)
        return r;
    r = mnist_scenario_build(tk, sc, &train, &test, train_items, test_items, T, rng);
    if (r == DAM_OK) {
        mnist__keep_names(tk, &train);
        snprintf(tk->source, sizeof tk->source, "%s", dir);
    }
    memcpy(why, tk->why, sizeof why);
    dam_images_free(&train);
    dam_images_free(&test);
    memcpy(tk->why, why, sizeof why);
    return r;
}

/* out = images first..first+count-1 of src (a copy, through src's allocator). 0, or 1
   when out of memory (out then empty). For a tool that holds out a validation part. */
static inline int mnist_images_part(const dam_images *src, int first, int count, dam_images *out)
{
    size_t px = (size_t)src->width * src->height;
    *out = *src;
    out->names = NULL;
    out->count = count;
    out->grey = (unsigned char *)src->al.alloc(px * (size_t)count + 1, src->al.user);
    out->label = (int *)src->al.alloc(sizeof(int) * (size_t)count + 1, src->al.user);
    if (!out->grey || !out->label) {
        dam_images_free(out);
        return 1;
    }
    memcpy(out->grey, src->grey + px * (size_t)first, px * (size_t)count);
    memcpy(out->label, src->label + first, sizeof(int) * (size_t)count);
    return 0;
}

/* Hold out `validation` of src's images (0 < validation < src->count) as eval, the
   rest as train (copies, in src's order, through src's allocator). A folder's images
   come class by class, so its last V images would be its last class or two: instead
   every class gives its share of V. Class c of n_c images (N in all) gives
       q_c = floor(V n_c / N), plus one for the V - sum q_c classes of largest
             remainder (V n_c mod N; ties to the lower class),
   so the q_c sum to V, and within the class image k (0-based, in src's order) is held
   out when floor((k + 1) q_c / n_c) > floor(k q_c / n_c): q_c of them, evenly spaced
   (q_c = n_c / s: the s-th, 2s-th, ... image, a stride). 0; 1 when out of memory (or
   src is not a labelled set of more than `validation` images); 2
   when a class would keep no training image (*empty_class is then that class); the
   outputs then empty. */
static inline int mnist_images_holdout(const dam_images *src, int validation, dam_images *train, dam_images *eval,
                                       int *empty_class)
{
    size_t px = (size_t)src->width * src->height;
    long n_of[DAM_MAX_CLASSES], seen[DAM_MAX_CLASSES], rem[DAM_MAX_CLASSES];
    int quota[DAM_MAX_CLASSES], C = src->classes, N = src->count, given = 0, c, i, k, part;
    dam_images *out[2];
    memset(train, 0, sizeof *train);
    memset(eval, 0, sizeof *eval);
    if (C < 1 || C > DAM_MAX_CLASSES || validation < 1 || validation >= N) return 1;
    memset(n_of, 0, sizeof n_of);
    memset(seen, 0, sizeof seen);
    for (i = 0; i < N; i++) {
        if (src->label[i] < 0 || src->label[i] >= C) return 1;
        n_of[src->label[i]]++;
    }
    for (c = 0; c < C; c++) {
        quota[c] = (int)((long long)validation * n_of[c] / N);
        rem[c] = (long)((long long)validation * n_of[c] % N);
        given += quota[c];
    }
    while (given < validation) { /* the largest remainders take one more each */
        int best = -1;
        for (c = 0; c < C; c++)
            if (rem[c] >= 0 && n_of[c] > 0 && (best < 0 || rem[c] > rem[best])) best = c;
        quota[best]++, rem[best] = -1, given++;
    }
    for (c = 0; c < C; c++)
        if (n_of[c] > 0 && quota[c] >= n_of[c]) {
            if (empty_class) *empty_class = c;
            return 2;
        }
    out[0] = train, out[1] = eval;
    for (part = 0; part < 2; part++) {
        int count = part ? validation : N - validation;
        *out[part] = *src;
        out[part]->names = NULL;
        out[part]->count = count;
        out[part]->grey = (unsigned char *)src->al.alloc(px * (size_t)count + 1, src->al.user);
        out[part]->label = (int *)src->al.alloc(sizeof(int) * (size_t)count + 1, src->al.user);
        if (!out[part]->grey || !out[part]->label) {
            dam_images_free(train);
            dam_images_free(eval);
            return 1;
        }
        out[part]->count = 0;
    }
    for (i = 0; i < N; i++) {
        dam_images *to;
        c = src->label[i], k = (int)seen[c]++;
        to = (long long)(k + 1) * quota[c] / n_of[c] > (long long)k * quota[c] / n_of[c] ? eval : train;
        memcpy(to->grey + px * (size_t)to->count, src->grey + px * (size_t)i, px);
        to->label[to->count++] = c;
    }
    return 0;
}

/* One line about task t: "pixel permutation 2", "rotated by 45 degrees", "classes 0 1". */
static inline void mnist_task_describe(const mnist_tasks *tk, int t, char *out, size_t size)
{
    size_t k;
    int c;
    if (strcmp(tk->scenario, "rotated") == 0) snprintf(out, size, "rotated by %g degrees", tk->angle[t]);
    else if (strncmp(tk->scenario, "split", 5) == 0) {
        k = (size_t)snprintf(out, size, "classes");
        for (c = 0; c < tk->classes && k < size; c++)
            if (tk->task_classes[t][c]) {
                if (tk->names) k += (size_t)snprintf(out + k, size - k, " %d (%s)", c, tk->names[c]);
                else k += (size_t)snprintf(out + k, size - k, " %d", c);
            }
    } else if (t == 0) snprintf(out, size, "the original pixel order");
    else snprintf(out, size, "pixel permutation %d", t);
}

#endif
