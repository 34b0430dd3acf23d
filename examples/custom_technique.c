/* custom_technique.c - a sequential-learning technique that is not in dam.h, written as
   one dam_technique_ops table in this file and run through dam_seq: an L2 pull of the
   memories towards where the previous task left them.

   The technique ("l2pull"). After task k the memories theta*_k = xi (K x N) are kept;
   while task k+1 trains, the trainer's gradient G (the summed loss gradient of a batch)
   gets the gradient of
       (lambda/2) sum_j (theta_j - theta*_j)^2,     d/dtheta_j = lambda (theta_j - theta*_j),
   EWC with every importance 1 (dam:seq.ewc), so it needs no Fisher and one K x N copy.
   Its table fills seven hooks: setup (the anchor, through the run's allocator), free,
   consolidate (theta* <- theta), grad and value (the penalty), key (l2pull.lambda into
   the checkpoint's settings key) and save/load (the anchor into the checkpoint); the
   other hooks stay NULL. Book chapter 11 ("Write a table") walks through it.

   Flags: those of `sequence` that the run needs (--tasks, --train-items, --test-items,
   --epochs, --n, --memories, --seed, --batch, --loss-power, --lr, --dataset,
   --data-dir, --threshold, --checkpoint), --lambda (the pull; 0 is vanilla) and
   --stop-after-task K (stop once K tasks are learned, keeping the checkpoint: a
   resume then finishes the run as if it never stopped). Prints the accuracy matrix
   and, like `sequence`, exactly
       average accuracy: 0.xxxx
       backward transfer: -0.xxxx
       forward transfer: 0.xxxx
   Exit codes: 0; 2 for bad flags; 1 for missing data or a failed run.
   Usage: build/examples/custom_technique --tasks 3 --train-items 1000 --epochs 5 --n 3
          --lambda 1 [--checkpoint run.ck]
   Measured on the look-alike data of tests/test_examples.sh: see that test. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>

#define DAM_IMPLEMENTATION
#include "../dam.h"

/* >>example:l2pull.table */
/* The technique's settings (the table's user pointer) and its state (made by setup). */
typedef struct l2pull_settings { double lambda; } l2pull_settings;
typedef struct l2pull_state {
    dam_real *anchor; /* K x N: theta* = the memories after the previous task */
    double lambda;
} l2pull_state;

static dam_result l2pull_setup(dam_seq *s, const dam_technique_ops *self, void **state)
{
    size_t KN = (size_t)s->net->K * s->net->N;
    l2pull_state *st = (l2pull_state *)s->al.alloc(sizeof *st, s->al.user);
    if (!st) return DAM_ERR_NOMEM;
    *state = st; /* set first: on a later failure the runner calls l2pull_free */
    st->lambda = ((const l2pull_settings *)self->user)->lambda;
    st->anchor = (dam_real *)s->al.alloc(KN * sizeof(dam_real), s->al.user);
    if (!st->anchor) return DAM_ERR_NOMEM;
    memset(st->anchor, 0, KN * sizeof(dam_real));
    s->bytes += KN * sizeof(dam_real);
    return DAM_OK;
}

static void l2pull_free(dam_seq *s, void *state)
{
    l2pull_state *st = (l2pull_state *)state;
    if (st->anchor) s->al.free(st->anchor, s->al.user);
    s->al.free(st, s->al.user);
}

/* After task t (when a later task follows): theta* <- theta. */
static dam_result l2pull_consolidate(dam_seq *s, void *state, int t, dam_rng *rng)
{
    l2pull_state *st = (l2pull_state *)state;
    (void)t, (void)rng;
    memcpy(st->anchor, s->net->xi, (size_t)s->net->K * s->net->N * sizeof(dam_real));
    return DAM_OK;
}

/* From task 1 on, before every step: G += lambda (theta - theta*). O(K N). */
static dam_result l2pull_grad(dam_seq *s, void *state, dam_real *G)
{
    const l2pull_state *st = (const l2pull_state *)state;
    size_t KN = (size_t)s->net->K * s->net->N, j;
    dam_real l = (dam_real)st->lambda;
    for (j = 0; j < KN; j++) G[j] += l * (s->net->xi[j] - st->anchor[j]);
    return DAM_OK;
}

/* The penalty's value (dam_seq_penalty): (lambda/2) sum_j (theta_j - theta*_j)^2. */
static double l2pull_value(dam_seq *s, void *state)
{
    const l2pull_state *st = (const l2pull_state *)state;
    size_t KN = (size_t)s->net->K * s->net->N, j;
    double v = 0;
    for (j = 0; j < KN; j++) {
        double d = (double)s->net->xi[j] - st->anchor[j];
        v += d * d;
    }
    return 0.5 * st->lambda * v;
}

/* The settings key gets "l2pull.lambda=...": a resume under another lambda is refused. */
static void l2pull_key(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    (void)s;
    dam_checkpoint_key_real(w, "l2pull.lambda", ((const l2pull_state *)state)->lambda);
}

/* The checkpoint block: the anchor, K N reals. */
static void l2pull_save(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    dam_checkpoint_put_reals(w, ((const l2pull_state *)state)->anchor, (size_t)s->net->K * s->net->N);
}

static dam_result l2pull_load(dam_seq *s, void *state, dam_checkpoint_reader *r)
{
    /* writes the anchor only in the second (applying) pass */
    dam_checkpoint_get_reals(r, ((l2pull_state *)state)->anchor, (size_t)s->net->K * s->net->N);
    return dam_checkpoint_ok(r) ? DAM_OK : DAM_ERR_SHAPE;
}

/* Before anything is allocated: the settings (here self->user) are valid. */
static dam_result l2pull_check(dam_seq_desc *d, const dam_technique_ops *self, char *why)
{
    double lambda = ((const l2pull_settings *)self->user)->lambda;
    (void)d;
    if (!(lambda >= 0) || lambda > 1e300) {
        snprintf(why, DAM_WHY_SIZE, "l2pull: lambda = %g: need a finite value >= 0", lambda);
        return DAM_ERR_STRENGTH;
    }
    return DAM_OK;
}

/* The table: name, projects, then the hooks in dam_technique_ops order. */
static l2pull_settings l2pull_user = {1.0};
static const dam_technique_ops l2pull_ops = {
    "l2pull", 0,
    NULL,               /* rows: it adds no items to an epoch */
    l2pull_setup, l2pull_free,
    NULL, NULL,         /* prepare, sets */
    l2pull_grad, l2pull_value,
    NULL,               /* step */
    l2pull_consolidate, l2pull_key, l2pull_save, l2pull_load,
    &l2pull_user,
    NULL,               /* defaults: its settings are in user, not in dam_seq_desc */
    l2pull_check};
/* <<example:l2pull.table */

#ifndef CUSTOM_TECHNIQUE_NO_MAIN
#include <limits.h>
#include "cli.h"
#include "mnist.h"

static int stop_after = -1;

/* Cancel the run once task `stop_after` starts (its checkpoint holds the tasks before). */
static int progress(const dam_progress *p, void *user)
{
    (void)user;
    if (stop_after >= 0 && p->task >= stop_after) return 1;
    fprintf(stderr, "task %d  epoch %3d/%d  loss %.5f  %.2f s\n", p->task + 1, p->epoch + 1, p->epochs, p->loss, p->seconds);
    return 0;
}

static int fail(const char *msg, const char *why, dam_result r, int code)
{
    if (why) cli_error("custom_technique", msg, why, dam_result_string(r));
    else fprintf(stderr, "custom_technique: %s\n", msg);
    return code;
}

int main(int argc, char **argv)
{
    int tasks = 5, items = 10000, test_items = 0, n = 10, K = 256, epochs = 20, seed = 1, batch = INT_MIN, m = INT_MIN,
        threshold = 127, t, j, rc;
    double lambda = l2pull_user.lambda, lr = NAN;
    const char *dataset = "mnist", *data_dir = "data", *checkpoint = NULL;
    char dir[1024];
    dam_seq_desc sd;
    dam_dataset base_train, base_test;
    static mnist_tasks tk; /* the T permuted tasks (examples/mnist.h) */
    dam_dense net;
    dam_dense_desc nd;
    dam_seq s;
    dam_rng rng;
    dam_result r;
    {
        cli_opt opts[] = {
            {"tasks", CLI_INT, &tasks, "tasks T in the sequence, 1..64"},
            {"train-items", CLI_INT, &items, "training items per task, 1..60000"},
            {"test-items", CLI_INT, &test_items, "test items per task (0 = all 10000)"},
            {"n", CLI_INT, &n, "interaction vertex n, 1..1000"},
            {"memories", CLI_INT, &K, "memory vectors K, 1..1000000"},
            {"epochs", CLI_INT, &epochs, "epochs per task (>= 1)"},
            {"seed", CLI_INT, &seed, "random seed (permutations, memories, shuffles)"},
            {"batch", CLI_INT, &batch, "minibatch size (default 1000)"},
            {"loss-power", CLI_INT, &m, "loss power m (default 30)"},
            {"lr", CLI_DOUBLE, &lr, "initial learning rate (default 0.04)"},
            {"lambda", CLI_DOUBLE, &lambda, "l2pull: strength of the pull towards the previous task's memories (0: vanilla)"},
            {"dataset", CLI_STRING, &dataset, "mnist | fashion"},
            {"data-dir", CLI_STRING, &data_dir, "folder holding mnist/ and fashion/"},
            {"threshold", CLI_INT, &threshold, "binarisation threshold 0..255"},
            {"checkpoint", CLI_STRING, &checkpoint, "save the run here after every epoch; resume from it if it exists"},
            {"stop-after-task", CLI_INT, &stop_after, "stop when this many tasks are learned, keeping the checkpoint"},
        };
        if ((rc = cli_parse(argc, argv, opts, (int)(sizeof opts / sizeof opts[0]),
                            "custom_technique: permuted-MNIST tasks with a technique defined outside dam.h (l2pull)")) != 0)
            return rc > 0 ? 0 : 2;
    }
    if (tasks < 1 || tasks > DAM_SEQ_MAX_TASKS) return fail("--tasks must be 1..64", NULL, DAM_OK, 2);
    if (items < 1 || items > 60000) return fail("--train-items must be 1..60000", NULL, DAM_OK, 2);
    if (test_items < 0 || test_items > 10000) return fail("--test-items must be 0..10000", NULL, DAM_OK, 2);
    if (n < 1 || n > 1000 || K < 1 || K > 1000000 || epochs < 1) return fail("--n, --memories or --epochs out of range", NULL, DAM_OK, 2);
    if (!(lambda >= 0) || !isfinite(lambda)) return fail("--lambda must be a finite value >= 0", NULL, DAM_OK, 2);
    if (strcmp(dataset, "mnist") != 0 && strcmp(dataset, "fashion") != 0) return fail("--dataset must be mnist or fashion", NULL, DAM_OK, 2);
    if (stop_after >= 0 && !checkpoint) return fail("--stop-after-task needs --checkpoint", NULL, DAM_OK, 2);
    if (checkpoint && cli_writable("custom_technique", checkpoint)) return 1;
    l2pull_user.lambda = lambda;

    /* vanilla plus our table; the desc is checked by dam_seq_init */
    sd = dam_seq_defaults(DAM_TECH_VANILLA, n);
    sd.extra[0] = &l2pull_ops;
    sd.train.epochs = epochs;
    if (batch != INT_MIN) sd.train.batch = batch;
    if (m != INT_MIN) sd.train.loss_power = m;
    if (!isnan(lr)) sd.train.lr = lr;
    sd.train.progress = progress;
    sd.seed = (uint64_t)seed;

    mnist_dir(dir, sizeof dir, data_dir, dataset);
    if (mnist_load("custom_technique", dir, "train", threshold, items, &base_train)) return 1;
    if (mnist_load("custom_technique", dir, "t10k", threshold, test_items, &base_test)) return 1;
    dam_rng_seed(&rng, (uint64_t)seed);
    if ((r = mnist_tasks_make(&tk, &base_train, &base_test, tasks, &rng)) != DAM_OK)
        return fail("cannot make the permuted tasks", tk.why, r, 1);
    nd = dam_dense_defaults(base_train.N, K, n);
    nd.mask_start = base_train.pixels;
    nd.mask_count = base_train.classes;
    if ((r = dam_dense_init(&net, &nd, &rng, NULL)) != DAM_OK) return fail("bad network settings", net.why, r, 2);
    if ((r = dam_seq_init(&s, &net, &sd, tk.ptrain, tk.ptest, tasks, NULL)) != DAM_OK) return fail("bad sequence settings", s.why, r, 2);
    printf("# custom_technique: technique vanilla+l2pull, lambda = %g, %d tasks, %d train items, %d test items, N = %d, K = %d, "
           "n = %d, m = %d, epochs = %d, seed = %d, dam.h %s\n",
           lambda, tasks, base_train.count, base_test.count, net.N, net.K, net.n, sd.train.loss_power, epochs, seed, dam_version());
    if (checkpoint) {
        FILE *f = fopen(checkpoint, "rb");
        if (f) {
            fclose(f);
            if ((r = dam_seq_resume(&s, &rng, checkpoint)) != DAM_OK) return fail("cannot resume (the file is kept)", s.why, r, 1);
            fprintf(stderr, "custom_technique: resumed from %s: %d tasks done\n", checkpoint, s.done);
        }
        s.checkpoint = checkpoint;
    }
    r = dam_seq_run(&s, &rng);
    if (r == DAM_ERR_CANCELLED && stop_after >= 0) {
        printf("stopped after %d tasks; the checkpoint %s resumes the run\n", s.done, checkpoint);
        return 0;
    }
    if (r != DAM_OK) return fail("the run failed", s.why, r, 1);
    printf("accuracy matrix R[i][j]: test accuracy on task j (columns) after training task i (rows)\n");
    for (t = 0; t < tasks; t++) {
        printf("after %-4d", t);
        for (j = 0; j < tasks; j++) printf("  %-8.4f", s.R[(size_t)t * tasks + j]);
        printf("\n");
    }
    printf("average accuracy: %.4f\n", s.acc);
    printf("backward transfer: %.4f\n", s.bwt);
    printf("forward transfer: %.4f\n", s.fwt);
    if (checkpoint) remove(checkpoint);
    dam_seq_free(&s);
    dam_dense_free(&net);
    mnist_tasks_free(&tk);
    dam_dataset_free(&base_train);
    dam_dataset_free(&base_test);
    return 0;
}
#endif
