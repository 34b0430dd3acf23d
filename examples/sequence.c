/* sequence.c - learn a sequence of tasks (permuted, rotated or split MNIST, Fashion-
   MNIST or a folder of your own images) with one Dense Associative Memory and one
   sequential-learning technique; print the accuracy matrix and its summaries.

   The protocol of the paper (McAlister, Robins & Szymanski, arXiv:2409.15729): T tasks,
   task 0 the original pixel order, tasks 1..T-1 fixed random pixel permutations drawn
   from the seed, the same training images in every task (--train-items of them) and
   the 10,000 test images (or --test-items), the label neurons shared. After each task
   every task's test accuracy is measured (the accuracy matrix R, dam:seq.metrics).
   --scenario chooses the tasks (examples/mnist.h, mnist_scenario_tasks): permuted (the
   paper's, the default), rotated (task t turns every image by an angle, --angles),
   split-class and split-task (task t holds two classes, --split; tested over all
   classes, or over the task's own). --dataset mnist|fashion|DIR, DIR a folder of your
   own images, one subfolder per class (every 5th image of a class is a test image).
   Every setting is a flag with a default (--help lists them); the optimiser's defaults
   are dam.h's (book chapter 03), the techniques' dam_seq_defaults (dam:seq.*).

   Prints a progress line per epoch on stderr, then the accuracy matrix, then (split
   scenarios only) "average incremental accuracy: 0.xxxx", then exactly
       average accuracy: 0.xxxx
       backward transfer: -0.xxxx
       forward transfer: 0.xxxx
   --out FILE writes the matrix as a .dat file (self-describing "# Column k:" lines, and
   "# name: value" lines for every parameter, the seed, dam.h's version and the run
   information of cli_run_info), through FILE.tmp and a rename. --validation V holds out
   the last V training images (permuted like each task) and evaluates on them instead of
   the test images, as train_mnist does; of a folder (its images come class by class)
   every class's share of V instead, evenly spaced within the class. --eval-every k adds the learning curves to
   --out: the accuracy on every task after epochs k, 2k, ... and the last epoch of each
   task (block 1 of the .dat, gnuplot's `index 1`; see progress_user below). --format
   csv writes --out as CSV instead: a header row of the column names, the .dat's rows
   with commas (the parameters stay on stdout's first line; the curves go to
   FILE-curve.csv). Every output path (--out, the curves' file, --checkpoint) is
   checked before any training.
   Exit codes: 0; 2 for bad flags and impossible settings; 1 for missing data, an output
   that cannot be written and a failed run.

   Usage: build/examples/sequence --technique vanilla|rehearsal|pseudorehearsal|ewc|si|
          mas|gem|agem --scenario permuted|rotated|split-class|split-task
          --dataset mnist|fashion|DIR --tasks 5 --train-items 10000 --n 10 --memories 256
          --epochs 20 --seed 1 [--angles 0,45,90] [--split 0,1/2,3] [technique settings]
          [--out file.dat]
   Run time (this machine, 2 cores, defaults, vanilla): see book/results/sequence-mnist-n10.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <limits.h>

#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "cli.h"
#include "mnist.h"

/* The pseudo-item guard of the set made before task t (dam:seq.rehearsal): labels,
   margins, and a warning when one class took more than 3/C of the items. */
static void print_guard(FILE *f, const char *prefix, const dam_seq *s, int t)
{
    int C = s->net->mask_count, c;
    fprintf(f, "%spseudo-items before task %d: labels", prefix, t);
    for (c = 0; c < C; c++) fprintf(f, " %d", s->pseudo_hist[(size_t)t * C + c]);
    fprintf(f, ", mean Delta margin %.4f (real items of task %d: %.4f)%s\n", s->pseudo_margin[t], t - 1, s->real_margin[t],
            s->pseudo_skewed[t] ? ", WARNING: one class took more than 3/C of them" : "");
}

/* The learning curves of --eval-every k: while task i is learned, after its epochs k,
   2k, ... and after its last epoch, the accuracy on every task j of the sequence,
       curve(i, e, j) = accuracy on task j's evaluation set after epoch e of task i,
   so curve(i, E, j) = R[i][j] (E the epochs per task): the curve of task j rises
   while j is learned (e rising, i = j) and falls, or not, while the later tasks are
   (i > j). Measured in the progress callback (after the epoch's last step, before the
   next epoch's shuffle), in the trainer's buffers, as the runner measures R: the run
   itself (its draws and every weight) is the same with and without the curves. */
typedef struct {
    int tasks, eval_every, rows, cap;
    dam_seq *s;
    int *row_task, *row_epoch; /* per curve row: task i being learned, epoch e (1-based) */
    double *row_acc;           /* per curve row: tasks accuracies, task j at [row * tasks + j] */
} progress_user;

/* Accuracy on task j's evaluation set, as the runner measures R[i][j]. */
static double curve_accuracy(dam_seq *s, int j)
{
    dam_score sc;
    sc.accuracy = NAN;
    dam_trainer_accuracy(&s->tr, s->test[j], &sc);
    return sc.accuracy;
}

static int progress(const dam_progress *p, void *user)
{
    progress_user *u = (progress_user *)user;
    if (p->epoch == 0 && p->task > 0 && u->s && u->s->pseudo_hist) print_guard(stderr, "", u->s, p->task);
    fprintf(stderr, "task %d/%d  epoch %3d/%d  loss %.5f  T %.3f  lr %.5f  %.2f s\n", p->task + 1, u->tasks,
            p->epoch + 1, p->epochs, p->loss, p->T, p->lr, p->seconds);
    if (u->eval_every > 0 && u->s && ((p->epoch + 1) % u->eval_every == 0 || p->epoch + 1 == p->epochs) && u->rows < u->cap) {
        int j, row = u->rows++;
        u->row_task[row] = p->task;
        u->row_epoch[row] = p->epoch + 1;
        for (j = 0; j < u->tasks; j++) u->row_acc[(size_t)row * u->tasks + j] = curve_accuracy(u->s, j);
    }
    return 0;
}

/* A usage error (exit 2): msg, and the library's specific reason when there is one. */
static int fail(const char *msg, const char *why, dam_result r)
{
    if (why) cli_error("sequence", msg, why, dam_result_string(r));
    else fprintf(stderr, "sequence: %s\n", msg);
    return 2;
}

/* An I/O or run failure (exit 1). */
static int fail_run(const char *msg, const char *why, dam_result r)
{
    fail(msg, why, r);
    return 1;
}

int main(int argc, char **argv)
{
    /* INT_MIN / NAN mark "not given: dam.h's default"; any typed value is validated */
    int tasks = INT_MIN, items = 10000, test_items = 0, n = 10, K = 256, epochs = 20, seed = 1, batch = INT_MIN, m = INT_MIN,
        threshold = 127, validation = 0, eval_every = 0, pseudo_items, pseudo_sweeps, importance_items, normalise, memory, sample, t, j;
    double T = NAN, lr = NAN, decay = NAN, momentum = NAN, fraction, density, ewc, si_c, si_damping, mas, margin, soft;
    const char *technique = "vanilla", *probe = "class", *product = "auto", *dataset = "mnist", *data_dir = "data", *out = NULL, *checkpoint = NULL;
    const char *eval_name = "test", *scenario = "permuted", *angles = NULL, *split = NULL, *format = "dat";
    mnist_scenario sc;
    char describe[600];
    char dir[1024], num[16][32], curve_csv[1100] = "";
    dam_seq_desc sd = dam_seq_defaults(DAM_TECH_VANILLA, 10);
    static mnist_tasks tk; /* the T permuted tasks (static: T x 2 datasets) */
    dam_dense net;
    dam_dense_desc nd;
    dam_seq s;
    dam_rng rng;
    dam_result r;
    int tech, rc, probe_kind;
    progress_user pu;
    fraction = sd.rehearsal_fraction, pseudo_items = sd.pseudo_items;
    soft = sd.pseudo_soft, density = sd.pseudo_density, pseudo_sweeps = sd.pseudo_sweeps, importance_items = sd.importance_items;
    normalise = sd.importance_normalise, ewc = sd.ewc_lambda, si_c = sd.si_c, si_damping = sd.si_damping;
    mas = sd.mas_lambda, memory = sd.memory_per_task, margin = sd.gem_margin, sample = sd.agem_sample;
    {
        cli_opt opts[] = {
            {"technique", CLI_STRING, &technique, "vanilla|rehearsal|pseudorehearsal|ewc|si|mas|gem|agem"},
            {"scenario", CLI_STRING, &scenario,
             "permuted | rotated | split-class | split-task: which tasks (see README, book chapter 04)"},
            {"tasks", CLI_INT, &tasks,
             "tasks T, 1..64 (default 5; split: the split's task count, and at most that many)"},
            {"angles", CLI_STRING, &angles, "rotated: degrees of the tasks, e.g. 0,30,60 (default: T angles 0..180, both ends)"},
            {"split", CLI_STRING, &split, "split-*: classes of the tasks, e.g. 0,1/2,3/4,5/6,7/8,9 (the default, pairs)"},
            {"train-items", CLI_INT, &items, "training items per task, 1..60000 (split: of the task's classes)"},
            {"test-items", CLI_INT, &test_items, "test items per task (0 = all; split: of the task's classes)"},
            {"n", CLI_INT, &n, "interaction vertex n, 1..1000"},
            {"memories", CLI_INT, &K, "memory vectors K, 1..1000000"},
            {"epochs", CLI_INT, &epochs, "epochs per task (>= 1)"},
            {"seed", CLI_INT, &seed, "random seed (permutations, memories, shuffles, techniques)"},
            {"batch", CLI_INT, &batch, "minibatch size (default 1000)"},
            {"loss-power", CLI_INT, &m, "loss power m: (Y - x)^(2m) (default 30)"},
            {"temperature", CLI_DOUBLE, &T, "temperature T (default: dam_dense_default_temperature(n))"},
            {"lr", CLI_DOUBLE, &lr, "initial learning rate (default 0.04)"},
            {"lr-decay", CLI_DOUBLE, &decay, "learning-rate decay per epoch (default 0.998)"},
            {"momentum", CLI_DOUBLE, &momentum, "momentum (default 0.6)"},
            {"product", CLI_STRING, &product, "auto | dense | signed: how the products are computed (dam:gemm)"},
            {"rehearsal-fraction", CLI_DOUBLE, &fraction, "rehearsal: fraction r of each finished task kept, [0,1]"},
            {"pseudo-items", CLI_INT, &pseudo_items, "pseudorehearsal: pseudo-items P per task"},
            {"pseudo-probe", CLI_STRING, &probe,
             "pseudorehearsal: class (per-class pixel densities of finished tasks) | random | relaxed"},
            {"pseudo-soft", CLI_DOUBLE, &soft, "pseudorehearsal: weight w > 0 of soft targets (power-1 loss); 0 one-hot labels"},
            {"pseudo-density", CLI_DOUBLE, &density, "pseudorehearsal: P(pixel = +1) of a probe (-1: the data's)"},
            {"pseudo-sweeps", CLI_INT, &pseudo_sweeps, "pseudorehearsal: sweep cap of the relaxation"},
            {"importance-items", CLI_INT, &importance_items, "ewc, mas: items per task for the importance (0 = all)"},
            {"importance-normalise", CLI_INT, &normalise, "ewc, si, mas: 1 divide each task's importance by its mean"},
            {"ewc-lambda", CLI_DOUBLE, &ewc, "ewc: penalty strength lambda"},
            {"si-c", CLI_DOUBLE, &si_c, "si: penalty strength c"},
            {"si-damping", CLI_DOUBLE, &si_damping, "si: damping xi (> 0)"},
            {"mas-lambda", CLI_DOUBLE, &mas, "mas: penalty strength lambda"},
            {"memory-per-task", CLI_INT, &memory, "gem, agem: episodic items M kept per task"},
            {"gem-margin", CLI_DOUBLE, &margin, "gem: margin gamma (dual variables >= gamma)"},
            {"agem-sample", CLI_INT, &sample, "agem: items of the reference sample per step"},
            {"dataset", CLI_STRING, &dataset,
             "mnist | fashion | DIR: a folder DIR/<class>/<image>, one size, every 5th image of a class for testing"},
            {"data-dir", CLI_STRING, &data_dir, "folder holding mnist/ and fashion/ (the IDX files under DIR/<dataset>/)"},
            {"threshold", CLI_INT, &threshold, "binarisation threshold 0..255"},
            {"validation", CLI_INT, &validation,
             "hold out V training items per task as the evaluation set instead of t10k (0 = off; the last V, of a folder each class's share)"},
            {"out", CLI_STRING, &out, "write the accuracy matrix (and the curves of --eval-every) to this file"},
            {"format", CLI_STRING, &format,
             "dat | csv: the --out file as a .dat (# header lines) or as CSV with a header row (the curves then in FILE-curve.csv)"},
            {"eval-every", CLI_INT, &eval_every,
             "every k epochs (and after a task's last) the accuracy on every task, into --out (0 = off)"},
            {"checkpoint", CLI_STRING, &checkpoint,
             "save the run here after every epoch; if the file exists, resume from it (removed at the end)"},
        };
        if ((rc = cli_parse(argc, argv, opts, (int)(sizeof opts / sizeof opts[0]),
                            "sequence: learn a sequence of tasks (permuted, rotated, split) with one DAM and one technique")) != 0)
            return rc > 0 ? 0 : 2;
    }
    tech = dam_technique_from_name(technique);
    if (tech < 0) return fail("--technique must be vanilla, rehearsal, pseudorehearsal, ewc, si, mas, gem or agem", NULL, DAM_OK);
    if (strcmp(scenario, "permuted") != 0 && strcmp(scenario, "rotated") != 0 && strcmp(scenario, "split-class") != 0 &&
        strcmp(scenario, "split-task") != 0)
        return fail("--scenario must be permuted, rotated, split-class or split-task", NULL, DAM_OK);
    if (angles && strcmp(scenario, "rotated") != 0) return fail("--angles belongs to --scenario rotated", NULL, DAM_OK);
    if (split && strncmp(scenario, "split", 5) != 0) return fail("--split belongs to --scenario split-class or split-task", NULL, DAM_OK);
    if (tasks != INT_MIN && (tasks < 1 || tasks > DAM_SEQ_MAX_TASKS)) return fail("--tasks must be 1..64", NULL, DAM_OK);
    if (items < 1 || items > 60000) return fail("--train-items must be 1..60000", NULL, DAM_OK);
    if (test_items < 0 || test_items > 10000) return fail("--test-items must be 0..10000", NULL, DAM_OK);
    if (threshold < 0 || threshold > 255) return fail("--threshold must be 0..255", NULL, DAM_OK);
    if (n < 1 || n > 1000) return fail("--n must be 1..1000", NULL, DAM_OK);
    if (K < 1 || K > 1000000) return fail("--memories must be 1..1000000", NULL, DAM_OK);
    if (epochs < 1) return fail("--epochs must be >= 1", NULL, DAM_OK);
    if (batch != INT_MIN && (batch < 1 || batch > (1 << 20))) return fail("--batch must be 1..1048576", NULL, DAM_OK);
    if (m != INT_MIN && (m < 1 || m > 64)) return fail("--loss-power must be 1..64", NULL, DAM_OK);
    if (!isnan(T) && T <= 0) return fail("--temperature must be > 0", NULL, DAM_OK);
    if (!isnan(lr) && lr <= 0) return fail("--lr must be > 0", NULL, DAM_OK);
    if (!isnan(decay) && (decay <= 0 || decay > 1)) return fail("--lr-decay must be in (0, 1]", NULL, DAM_OK);
    if (!isnan(momentum) && (momentum < 0 || momentum >= 1)) return fail("--momentum must be in [0, 1)", NULL, DAM_OK);
    if (fraction < 0 || fraction > 1) return fail("--rehearsal-fraction must be in [0, 1]", NULL, DAM_OK);
    if (pseudo_items < 0) return fail("--pseudo-items must be >= 0", NULL, DAM_OK);
    if (soft < 0) return fail("--pseudo-soft must be >= 0", NULL, DAM_OK);
    probe_kind = dam_pseudo_probe_from_name(probe);
    if (probe_kind < 0) return fail("--pseudo-probe must be class, random or relaxed", NULL, DAM_OK);
    if (memory < 1 || memory > (1 << 20)) return fail("--memory-per-task must be 1..1048576", NULL, DAM_OK);
    if (sample < 1 || sample > (1 << 24)) return fail("--agem-sample must be 1..16777216", NULL, DAM_OK);
    if (ewc < 0 || si_c < 0 || mas < 0) return fail("--ewc-lambda, --si-c and --mas-lambda must be >= 0", NULL, DAM_OK);
    if (si_damping <= 0) return fail("--si-damping must be > 0", NULL, DAM_OK);
    if (validation < 0 || validation > 59999) return fail("--validation must be 0..59999", NULL, DAM_OK);
    if (validation > 0 && items > 60000 - validation) {
        fprintf(stderr, "sequence: --train-items must be <= 60000 - validation = %d\n", 60000 - validation);
        return 2;
    }
    if (dam_product_from_name(product) < 0) return fail("--product must be auto, dense or signed", NULL, DAM_OK);
    if (strcmp(format, "dat") != 0 && strcmp(format, "csv") != 0) return fail("--format must be dat or csv", NULL, DAM_OK);
    if (eval_every < 0) return fail("--eval-every must be >= 0 (0 = off)", NULL, DAM_OK);
    if (eval_every > 0 && !out) return fail("--eval-every needs --out FILE: the curves are written there", NULL, DAM_OK);
    if (eval_every > 0 && checkpoint)
        return fail("--eval-every cannot be combined with --checkpoint: the curve points of the epochs before a resume are "
                    "not in the checkpoint", NULL, DAM_OK);
    if (out && strlen(out) + 5 > 1024) return fail_run("cannot write the --out file: the path is too long", NULL, DAM_OK);
    if (out && strcmp(format, "csv") == 0 && eval_every > 0 && cli_csv_companion(curve_csv, sizeof curve_csv, out, "curve") != 0)
        return fail_run("cannot write the --out file: the path is too long", NULL, DAM_OK);
    {   /* --angles and --split are checked now, before any data is read */
        double a[DAM_SEQ_MAX_TASKS];
        static unsigned char g[DAM_SEQ_MAX_TASKS][DAM_MAX_CLASSES];
        char why[DAM_WHY_SIZE];
        int count = angles ? mnist_parse_angles(angles, a, why) : split ? mnist_parse_split(split, DAM_MAX_CLASSES, g, why) : 0;
        if (count < 0) return fail(angles ? "bad --angles" : "bad --split", why, DAM_ERR_ARGUMENT);
        if (count > 0 && tasks != INT_MIN && tasks > count) {
            fprintf(stderr, "sequence: --tasks %d but the %s lists %d tasks: give --tasks %d or less, or leave it out\n", tasks,
                    angles ? "--angles" : "--split", count, count);
            return 2;
        }
    }
    /* every output can be written: now, not after the run */
    if ((out && cli_writable("sequence", out)) || (checkpoint && cli_writable("sequence", checkpoint)) ||
        (curve_csv[0] && cli_writable("sequence", curve_csv)))
        return 1;

    sd = dam_seq_defaults((dam_technique)tech, n);
    sd.train.epochs = epochs;
    if (batch != INT_MIN) sd.train.batch = batch;
    if (m != INT_MIN) sd.train.loss_power = m;
    if (!isnan(lr)) sd.train.lr = lr;
    if (!isnan(decay)) sd.train.lr_decay = decay;
    if (!isnan(momentum)) sd.train.momentum = momentum;
    sd.train.product = (dam_product)dam_product_from_name(product);
    sd.train.progress = progress;
    memset(&pu, 0, sizeof pu);
    pu.s = NULL;
    pu.eval_every = eval_every;
    sd.train.user = &pu;
    sd.rehearsal_fraction = fraction;
    sd.pseudo_items = pseudo_items;
    sd.pseudo_probe = (dam_pseudo_probe)probe_kind;
    sd.pseudo_density = density;
    sd.pseudo_soft = soft;
    sd.pseudo_sweeps = pseudo_sweeps;
    sd.importance_items = importance_items;
    sd.importance_normalise = normalise;
    sd.ewc_lambda = ewc;
    sd.si_c = si_c;
    sd.si_damping = si_damping;
    sd.mas_lambda = mas;
    sd.memory_per_task = memory;
    sd.gem_margin = margin;
    sd.agem_sample = sample;
    sd.seed = (uint64_t)seed; /* into the checkpoint key: a resume under another seed is refused */

    memset(&sc, 0, sizeof sc);
    sc.scenario = scenario, sc.dataset = dataset, sc.angles = angles, sc.split = split, sc.threshold = threshold;
    /* the tasks: permutations from the seed, then the network from the same stream */
    dam_rng_seed(&rng, (uint64_t)seed);
    if (validation > 0 && strcmp(scenario, "permuted") == 0 && (strcmp(dataset, "mnist") == 0 || strcmp(dataset, "fashion") == 0)) {
        /* as train_mnist: training items from the start, the evaluation items from the
           end of the training set (disjoint); each task permutes both */
        dam_dataset all, base_train, base_test;
        eval_name = "validation";
        mnist_dir(dir, sizeof dir, data_dir, dataset);
        if (mnist_load("sequence", dir, "train", threshold, 0, &all)) return 1;
        if (all.count < items + validation) {
            fprintf(stderr, "sequence: %d training items, fewer than %d train + %d validation\n", all.count, items, validation);
            dam_dataset_free(&all);
            return 1;
        }
        if ((r = dam_dataset_subset(&base_train, &all, 0, items, NULL)) != DAM_OK ||
            (r = dam_dataset_subset(&base_test, &all, all.count - validation, validation, NULL)) != DAM_OK) {
            dam_dataset_free(&base_train);
            dam_dataset_free(&all);
            return fail_run("could not split the training set", NULL, r);
        }
        dam_dataset_free(&all);
        r = mnist_tasks_make(&tk, &base_train, &base_test, tasks == INT_MIN ? 5 : tasks, &rng);
        snprintf(tk.source, sizeof tk.source, "%s", dir);
        dam_dataset_free(&base_train);
        dam_dataset_free(&base_test);
    } else if (validation > 0) {
        /* any other scenario or a folder: V training images are the evaluation images,
           the tasks are built from the two parts alike. MNIST and Fashion: the last V
           (as always); a folder, whose images come class by class: every class's share
           of V, evenly spaced within the class (mnist_images_holdout) */
        dam_images all, test_part, train_part, eval_part;
        char why[DAM_WHY_SIZE];
        int idx = strcmp(dataset, "mnist") == 0 || strcmp(dataset, "fashion") == 0, held, empty_class = 0;
        eval_name = "validation";
        if ((r = mnist_scenario_images(&sc, data_dir, 0, 1, &all, &test_part, dir, sizeof dir, why)) != DAM_OK)
            return fail_run("cannot load the data", why, r);
        dam_images_free(&test_part);
        if (all.count <= validation) {
            fprintf(stderr, "sequence: %d training images, not more than --validation %d\n", all.count, validation);
            dam_images_free(&all);
            return 1;
        }
        if (idx) {
            held = mnist_images_part(&all, 0, all.count - validation, &train_part);
            if (!held && (held = mnist_images_part(&all, all.count - validation, validation, &eval_part)) != 0)
                dam_images_free(&train_part);
        } else
            held = mnist_images_holdout(&all, validation, &train_part, &eval_part, &empty_class);
        if (held == 2) {
            fprintf(stderr, "sequence: --validation %d of %d training images would take every training image of class %d (%s): "
                            "give a smaller --validation\n", validation, all.count, empty_class,
                    all.names ? all.names[empty_class] : "?");
            dam_images_free(&all);
            return 2;
        }
        if (held) {
            dam_images_free(&all);
            return fail_run("out of memory splitting the training images", NULL, DAM_ERR_NOMEM);
        }
        r = mnist_scenario_build(&tk, &sc, &train_part, &eval_part, items, strncmp(scenario, "split", 5) == 0 ? 0 : validation,
                                 tasks == INT_MIN ? 0 : tasks, &rng);
        if (r == DAM_OK) mnist__keep_names(&tk, &all), snprintf(tk.source, sizeof tk.source, "%s", dir);
        dam_images_free(&train_part);
        dam_images_free(&eval_part);
        dam_images_free(&all);
    } else
        r = mnist_scenario_tasks(&tk, &sc, data_dir, items, test_items, tasks == INT_MIN ? 0 : tasks, &rng);
    if (r == DAM_ERR_TASKS || r == DAM_ERR_ARGUMENT) return fail("impossible tasks", tk.why, r); /* settings: exit 2 */
    if (r != DAM_OK) return fail_run("cannot load the data", tk.why, r);
    tasks = tk.T;
    pu.tasks = tasks;
    if (eval_every > 0) {
        /* per task: epochs k, 2k, ... and the last */
        pu.cap = tasks * (epochs / eval_every + 1);
        pu.row_task = (int *)malloc(sizeof(int) * (size_t)pu.cap);
        pu.row_epoch = (int *)malloc(sizeof(int) * (size_t)pu.cap);
        pu.row_acc = (double *)malloc(sizeof(double) * (size_t)pu.cap * (size_t)tasks);
        if (!pu.row_task || !pu.row_epoch || !pu.row_acc) return fail_run("no memory for the --eval-every curves", NULL, DAM_ERR_NOMEM);
    }
    snprintf(dir, sizeof dir, "%s", tk.source);
    nd = dam_dense_defaults(tk.train[0].N, K, n);
    if (!isnan(T)) nd.T = T; /* the network's temperature, which training keeps */
    nd.mask_start = tk.train[0].pixels;
    nd.mask_count = tk.train[0].classes;
    if ((r = dam_dense_init(&net, &nd, &rng, NULL)) != DAM_OK) return fail("bad network settings", net.why, r);
    if ((r = dam_seq_init(&s, &net, &sd, tk.ptrain, tk.ptest, tasks, NULL)) != DAM_OK) return fail("bad sequence settings", s.why, r);
    pu.s = &s;
    printf("# %s, scenario %s, technique %s, %d tasks, %d train items, %d %s items per task, N = %d, K = %d, n = %d, T = %g, "
           "m = %d, lr = %g, decay = %g, momentum = %g, batch = %d, epochs = %d, seed = %d, technique memory %.1f MB, dam.h %s\n",
           dataset, scenario, technique, tasks, tk.train[0].count, tk.test[0].count, eval_name, net.N, net.K, net.n, net.T,
           sd.train.loss_power, sd.train.lr, sd.train.lr_decay, sd.train.momentum, sd.train.batch, epochs, seed,
           s.bytes / 1e6, dam_version());
    for (t = 0; t < tasks && strcmp(scenario, "permuted") != 0; t++) {
        mnist_task_describe(&tk, t, describe, sizeof describe);
        printf("# task %d: %s, %d train items, %d %s items%s\n", t, describe, tk.train[t].count, tk.test[t].count, eval_name,
               tk.task_incremental ? ", tested over its own classes" : "");
    }
    fflush(stdout);
    if (checkpoint) {
        FILE *f = fopen(checkpoint, "rb");
        if (f) {
            fclose(f);
            r = dam_seq_resume(&s, &rng, checkpoint);
            if (r == DAM_ERR_CHECKPOINT_MISMATCH) { /* another command's run: keep its file */
                fprintf(stderr, "sequence: %s: %s\n", checkpoint, s.why);
                fprintf(stderr, "sequence: the file is kept; delete it to start afresh, or use another --checkpoint\n");
                return 1;
            }
            if (r != DAM_OK) return fail_run("cannot resume", s.why, r); /* the file is kept */
            fprintf(stderr, "sequence: resumed from %s: %d tasks done, %d epochs into task %d\n", checkpoint, s.done,
                    s.epoch_done, s.done);
        }
        s.checkpoint = checkpoint;
    }
    if ((r = dam_seq_run(&s, &rng)) != DAM_OK) return fail_run("the run failed", s.why, r);
    printf("accuracy matrix R[i][j]: %s accuracy on task j (columns) after training task i (rows)\n", eval_name);
    printf("%-10s", "");
    for (j = 0; j < tasks; j++) printf("  task %-3d", j);
    printf("\n%-10s", "untrained");
    for (j = 0; j < tasks; j++) printf("  %-8.4f", s.b[j]);
    printf("\n");
    for (t = 0; t < tasks; t++) {
        printf("after %-4d", t);
        for (j = 0; j < tasks; j++) printf("  %-8.4f", s.R[(size_t)t * tasks + j]);
        printf("\n");
    }
    printf("%-10s", "forgetting");
    for (j = 0; j < tasks; j++) printf("  %-8.4f", s.forgetting[j]);
    printf("\n");
    if (tech == DAM_TECH_GEM || tech == DAM_TECH_AGEM) printf("projected steps: %d of %d\n", s.projections, s.steps);
    if (s.pseudo_hist) {
        for (t = 1; t < tasks; t++) print_guard(stdout, "", &s, t);
        printf("skewed pseudo-item sets: %d of %d\n", s.pseudo_warnings, tasks - 1);
    }
    printf("run time: %.1f s\n", s.seconds);
    if (strncmp(scenario, "split", 5) == 0) printf("average incremental accuracy: %.4f\n", dam_seq_incremental_accuracy(s.R, tasks));
    printf("average accuracy: %.4f\n", s.acc);
    printf("backward transfer: %.4f\n", s.bwt);
    printf("forward transfer: %.4f\n", s.fwt);
    if (out) {
        char tmp[1100];
        FILE *f;
        int ok, csv = strcmp(format, "csv") == 0, row;
        /* the .dat first (FILE.tmp, or FILE.dat.tmp when it is only the source of the CSV) */
        snprintf(tmp, sizeof tmp, csv ? "%s.dat.tmp" : "%s.tmp", out);
        f = fopen(tmp, "w");
        if (!f) return fail_run("cannot write the --out file", out, DAM_ERR_IO);
        fprintf(f, "# Column 1: after_task [index] the task just learned, i (0-based)\n");
        fprintf(f, "# Column 2: task [index] the evaluated task, j (0-based)\n");
        fprintf(f, "# Column 3: accuracy [fraction] R[i][j], %s accuracy on task j after task i (ties count wrong)\n", eval_name);
        fprintf(f, "# Column 4: baseline [fraction] b_j, %s accuracy of the untrained network on task j\n", eval_name);
        fprintf(f, "# Column 5: forgetting [fraction] max_{l<T-1} R[l][j] - R[T-1][j] at the end of the run\n");
        fprintf(f, "# tool: sequence\n# dam.h: %s\n", dam_version());
        cli_run_info(f);
        fprintf(f, "# dataset: %s\n# data dir: %s\n# threshold: %d\n# scenario: %s\n# tasks: %d\n# train items: %d\n", dataset,
                dir, threshold, scenario, tasks, tk.train[0].count);
        for (t = 0; t < tasks && strcmp(scenario, "permuted") != 0; t++) {
            mnist_task_describe(&tk, t, describe, sizeof describe);
            fprintf(f, "# task %d: %s, %d train items, %d evaluation items\n", t, describe, tk.train[t].count, tk.test[t].count);
        }
        fprintf(f, "# evaluation: %s\n# evaluation items: %d\n# seed: %d\n",
                strcmp(scenario, "permuted") == 0 && validation > 0 ? "validation (the last items of the training set, permuted per task)"
                : strcmp(scenario, "permuted") == 0 ? "test (t10k, permuted per task)"
                : validation > 0 && (strcmp(dataset, "mnist") == 0 || strcmp(dataset, "fashion") == 0)
                    ? "validation (the last items of the training set, made into tasks alike)"
                : validation > 0 ? "validation (each class's share of the training images, evenly spaced, made into tasks alike)"
                : "test (t10k or the folder's test images, made into tasks alike)",
                tk.test[0].count, seed);
        fprintf(f, "# N: %d\n# K: %d\n# n: %d\n# function: leaky\n# eps: %s\n# init std: %s\n", net.N, net.K, net.n,
                cli_num(num[0], (double)net.eps), cli_num(num[1], nd.init_std));
        fprintf(f, "# T: %s\n# loss power: %d\n# lr: %s\n# lr decay: %s\n# momentum: %s\n# batch: %d\n# epochs: %d\n"
                   "# probe: off\n# product: %s\n",
                cli_num(num[2], (double)net.T), sd.train.loss_power, cli_num(num[3], sd.train.lr),
                cli_num(num[4], sd.train.lr_decay), cli_num(num[5], sd.train.momentum), sd.train.batch, epochs, product);
        fprintf(f, "# technique: %s\n# rehearsal fraction: %s\n# pseudo items: %d\n# pseudo probe: %s\n# pseudo soft: %s\n# pseudo density: %s\n"
                   "# pseudo sweeps: %d\n# importance items: %d\n# importance normalise: %d\n# ewc lambda: %s\n# si c: %s\n"
                   "# si damping: %s\n# mas lambda: %s\n# memory per task: %d\n# gem margin: %s\n# agem sample: %d\n",
                technique, cli_num(num[6], sd.rehearsal_fraction), sd.pseudo_items, dam_pseudo_probe_name(sd.pseudo_probe),
                cli_num(num[13], sd.pseudo_soft), cli_num(num[7], sd.pseudo_density), sd.pseudo_sweeps, sd.importance_items, sd.importance_normalise,
                cli_num(num[8], sd.ewc_lambda), cli_num(num[9], sd.si_c), cli_num(num[10], sd.si_damping),
                cli_num(num[11], sd.mas_lambda), sd.memory_per_task, cli_num(num[12], sd.gem_margin), sd.agem_sample);
        fprintf(f, "# average accuracy: %.6f\n# backward transfer: %.6f\n# forward transfer: %.6f\n# seconds: %.1f\n"
                   "# technique bytes: %lu\n",
                s.acc, s.bwt, s.fwt, s.seconds, (unsigned long)s.bytes);
        if (strncmp(scenario, "split", 5) == 0) fprintf(f, "# average incremental accuracy: %.6f\n", dam_seq_incremental_accuracy(s.R, tasks));
        if (s.pseudo_hist) {
            for (t = 1; t < tasks; t++) print_guard(f, "# guard: ", &s, t);
            fprintf(f, "# skewed pseudo sets: %d of %d\n", s.pseudo_warnings, tasks - 1);
        }
        for (t = 0; t < tasks; t++)
            for (j = 0; j < tasks; j++)
                fprintf(f, "%d %d %.6f %.6f %.6f\n", t, j, s.R[(size_t)t * tasks + j], s.b[j], s.forgetting[j]);
        if (eval_every > 0) {
            /* block 1 (gnuplot: index 1): the learning curves, one row per (i, e, j) */
            fprintf(f, "\n\n# Block 1: the learning curves of --eval-every %d: accuracy on every task after epochs %d, %d, ... "
                       "(and the last) of each task; at a task's last epoch they equal R's row\n", eval_every, eval_every,
                    2 * eval_every);
            fprintf(f, "# Block 1 column 1: during_task [index] the task being learned, i (0-based)\n");
            fprintf(f, "# Block 1 column 2: epoch [count] epochs of task i done (1-based)\n");
            fprintf(f, "# Block 1 column 3: task [index] the evaluated task, j (0-based)\n");
            fprintf(f, "# Block 1 column 4: accuracy [fraction] %s accuracy on task j after that epoch (ties count wrong)\n", eval_name);
            for (row = 0; row < pu.rows; row++)
                for (j = 0; j < tasks; j++)
                    fprintf(f, "%d %d %d %.6f\n", pu.row_task[row], pu.row_epoch[row], j, pu.row_acc[(size_t)row * tasks + j]);
        }
        ok = !ferror(f);
        ok = (fclose(f) == 0) && ok;
        if (ok && csv) {
            /* the CSV files from the .dat: the same number texts, a header row of the names.
               The table goes to FILE.part first and is renamed to FILE only once the curves
               are written too: never one of the two without the other, and a failure
               leaves a FILE of an earlier run as it was */
            char part[1100];
            snprintf(part, sizeof part, "%s.part", out);
            ok = cli_write_csv("sequence", tmp, 0, part) == 0 && (eval_every == 0 || cli_write_csv("sequence", tmp, 1, curve_csv) == 0);
            if (ok && rename(part, out) != 0) {
                ok = 0;
                if (eval_every > 0) remove(curve_csv); /* this run's, renamed into place just now */
            }
            remove(part);
            remove(tmp);
            if (!ok) return fail_run("cannot write the --out file", out, DAM_ERR_IO);
        } else if (!ok || rename(tmp, out) != 0) {
            remove(tmp);
            return fail_run("cannot write the --out file", out, DAM_ERR_IO);
        }
    }
    dam_seq_free(&s);
    dam_dense_free(&net);
    mnist_tasks_free(&tk);
    free(pu.row_task);
    free(pu.row_epoch);
    free(pu.row_acc);
    if (checkpoint) remove(checkpoint); /* the run is complete: nothing to resume */
    return 0;
}
