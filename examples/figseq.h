/* figseq.h - what the sequence figures (fig03-fig10) share: the permuted-MNIST task
   sequence of a figure, the profile's sizes, and one call that runs a technique on it.

   Sizes per profile (every sequence figure uses them unless its comment says otherwise):
     smoke: 3 tasks,  300 training items and 300 test items per task, 2 epochs, batch 100
     quick: 5 tasks, 2000 training items and 1000 test items per task, 10 epochs, batch 100
     paper: 5 tasks, 60000 training items and 10000 test items per task, 40 epochs,
            batch 1000, 3 seeds
   Under-training is not forgetting: at the quick sizes single-task accuracy (one task,
   2000 items, 10 epochs, batch 100; measured against 100 epochs, seed 1 and 2, 1000 test
   items) is within 0.03 of its converged value at n = 2 (0.855/0.863 against
   0.889/0.869), 3, 5, 10 and 20 (0.834 against 0.821), but not at n = 30 (0.789/0.370
   against 0.891/0.731) or 40 (0.732 against 0.837): the quick profile drops n = 30 and
   40 from the sequence figures (their large n is 20); paper keeps them.
   K = 256 and the optimiser of dam_train_defaults(n) otherwise; the permutations come
   from the figure's seed, so every run of a figure sees the same tasks. */
#ifndef DAM_EXAMPLES_FIGSEQ_H
#define DAM_EXAMPLES_FIGSEQ_H
#include "figure.h"

typedef struct fig_tasks {
    int T, items, test_items, epochs, batch, K;
    const char *scenario;     /* NULL or "permuted": permuted tasks from F->dataset's IDX
                                 files; else a scenario of mnist_scenario_tasks           */
    const char *angles, *split; /* the scenario's settings (NULL: its defaults)           */
    mnist_tasks sets;         /* the T permuted training and test sets (mnist.h) */
} fig_tasks;

/* The profile's sizes (before any flag overrides them). */
static inline void fig_tasks_sizes(const fig *F, fig_tasks *tk)
{
    memset(tk, 0, sizeof *tk);
    tk->T = fig_pick(F, 3, 5, 5);
    tk->items = fig_pick(F, 300, 2000, 60000);
    tk->test_items = fig_pick(F, 300, 1000, 10000);
    tk->epochs = fig_pick(F, 2, 10, 40);
    tk->batch = fig_pick(F, 100, 100, 1000);
    tk->K = 256;
}

static inline void fig_tasks_free(fig_tasks *tk) { mnist_tasks_free(&tk->sets); }

/* Load the data and build T permuted tasks (task 0 = original pixel order), the
   permutations drawn from the figure's seed. Returns 0, or 1 after a message (nothing
   is left allocated then). */
static inline int fig_tasks_make(fig *F, fig_tasks *tk)
{
    dam_dataset base_train, base_test;
    dam_rng rng;
    int rc;
    dam_rng_seed(&rng, (uint64_t)F->seed * 7919u + 17u);
    if ((tk->scenario && strcmp(tk->scenario, "permuted") != 0) ||
        (strcmp(F->dataset, "mnist") != 0 && strcmp(F->dataset, "fashion") != 0)) {
        /* another scenario, or a folder of images: examples/mnist.h builds the tasks from
           the same generator (a permuted MNIST or Fashion-MNIST run never comes here, so
           its draws are the ones it always had) */
        mnist_scenario sc;
        dam_result r;
        sc.scenario = tk->scenario;
        sc.dataset = F->dataset;
        sc.angles = tk->angles;
        sc.split = tk->split;
        sc.threshold = 127;
        if ((r = mnist_scenario_tasks(&tk->sets, &sc, F->data_dir, tk->items, tk->test_items, tk->T, &rng)) != DAM_OK) {
            cli_error(F->name, "cannot build the tasks", tk->sets.why, dam_result_string(r));
            return 1;
        }
        return 0;
    }
    if ((rc = fig_load(F, tk->items, tk->test_items, &base_train, &base_test)) != 0) return rc;
    if (mnist_tasks_make(&tk->sets, &base_train, &base_test, tk->T, &rng) != DAM_OK) {
        fprintf(stderr, "%s: cannot build the tasks: %s\n", F->name, tk->sets.why);
        rc = 1;
    }
    dam_dataset_free(&base_train);
    dam_dataset_free(&base_test);
    return rc;
}

/* Header lines describing the sequence sizes. */
static inline void fig_tasks_params(fig *F, const fig_tasks *tk)
{
    fig_param(F, "tasks", "%d permuted-%s tasks (task 0 = original pixel order)", tk->T, F->dataset);
    fig_param(F, "items per task", "%d training, %d test", tk->items, tk->test_items);
    fig_param(F, "epochs per task", "%d", tk->epochs);
    fig_param(F, "batch", "%d", tk->batch);
    fig_param(F, "K", "%d", tk->K);
    fig_param(F, "optimiser", "dam_train_defaults(n): m 30, lr 0.04, decay 0.998, momentum 0.6, probe off, T = dam_default_temperature(n)");
}

/* Run one sequence of technique desc (its train part is overwritten with the profile's
   epochs and batch) at interaction vertex n, network seed `seed`. On success *s holds R,
   b and the summaries; the caller frees it with dam_seq_free and *net with
   dam_dense_free. Returns 0 or 1 after a message. */
static inline int fig_sequence(fig *F, const fig_tasks *tk, dam_seq_desc d, int n, int K, uint64_t seed,
                        const char *label, dam_dense *net, dam_seq *s)
{
    dam_dense_desc nd = dam_dense_defaults(tk->sets.train[0].N, K, n);
    dam_rng rng;
    dam_result r;
    d.train.epochs = tk->epochs;
    d.train.batch = tk->batch;
    d.train.progress = F->profile == FIG_SMOKE ? NULL : fig_progress;
    d.train.user = (void *)label;
    nd.mask_start = tk->sets.train[0].pixels;
    nd.mask_count = tk->sets.train[0].classes;
    dam_rng_seed(&rng, seed);
    if ((r = dam_dense_init(net, &nd, &rng, NULL)) != DAM_OK) {
        cli_error(F->name, label, net->why, dam_result_string(r));
        return 1;
    }
    if ((r = dam_seq_init(s, net, &d, tk->sets.ptrain, tk->sets.ptest, tk->T, NULL)) != DAM_OK ||
        (r = dam_seq_run(s, &rng)) != DAM_OK) {
        cli_error(F->name, label, s->why, dam_result_string(r));
        dam_seq_free(s);
        dam_dense_free(net);
        return 1;
    }
    fprintf(stderr, "%s: %s: average accuracy %.4f, BWT %.4f, FWT %.4f (%.1f s)\n", F->name, label, s->acc, s->bwt,
            s->fwt, s->seconds);
    return 0;
}

/* Mean forgetting over tasks 0..T-2. */
static inline double fig_mean_forgetting(const dam_seq *s)
{
    double sum = 0;
    int j;
    for (j = 0; j < s->T - 1; j++) sum += s->forgetting[j];
    return s->T > 1 ? sum / (s->T - 1) : 0;
}

/* The columns shared by the sweep figures fig05-fig10: one row per sequence. */
static const char *const fig_seq_columns[] = {
    "technique [-] 0 vanilla, 1 rehearsal, 2 pseudorehearsal, 3 EWC, 4 SI, 5 MAS, 6 GEM, 7 A-GEM",
    "n [-] interaction vertex",
    "param [-] the swept setting (see '# param:' below)",
    "seed [-] network seed",
    "acc [-] average test accuracy after the last task",
    "bwt [-] backward transfer",
    "fwt [-] forward transfer",
    "forgetting [-] mean forgetting of tasks 0..T-2",
    "first [-] task 0 accuracy after the last task",
    "seconds [s] wall time of the sequence"};
#define FIG_SEQ_NCOLUMNS 10

/* param is a swept setting: written exactly (cli_num), so 0.05 and 1000064 read back as
   themselves. */
static inline void fig_seq_row(fig *F, int technique, int n, double param, int seed, const dam_seq *s)
{
    char p[32];
    fig_row(F, "%d %d %s %d %.4f %.4f %.4f %.4f %.4f %.1f", technique, n, cli_num(p, param), seed, s->acc, s->bwt, s->fwt,
            fig_mean_forgetting(s), s->R[(size_t)(s->T - 1) * s->T], s->seconds);
}
#endif
