/* anim_memories.c - forgetting, watched: the K memory vectors of three DAMs drawn as
   image tiles after every epoch of one permuted-MNIST task sequence, side by side:
   vanilla, rehearsal and EWC, the same seed (the same tasks, the same initial
   memories, the same shuffles).

   A memory xi_mu has N = 784 + 10 entries; its 784 pixel entries, in [-1, 1], are drawn
   as a 28 x 28 tile (-1 black, +1 white) in the pixel order of task 0 (the original
   MNIST order). A memory that serves task 0 looks like a digit, or a part of one; a
   memory that serves a permuted task t > 0 looks like noise in that order, because its
   pixels are the digit's pixels moved by the permutation of task t. So vanilla's
   memories turning to noise as tasks 1, 2, ... arrive is the catastrophic forgetting of
   task 0 happening, tile by tile; the ones that stay digits under rehearsal and EWC are
   what those techniques protect. Beside each frame: the test accuracy on task 0.

   Outputs: --gif (default plots/anim_memories.gif), one frame per epoch (and the start),
   the three runs side by side, the task and epoch above, each run's task-0 accuracy
   below; --still (plots/anim_memories_still.gif), the memories at the start and after
   each task, one row per technique, for the book; --list (data/anim_memories.txt),
   one line per frame: task, epoch and the three task-0 accuracies. Tasks are 0-based
   (task 0 is MNIST itself). All three or none: written to <path>.tmp after every
   output path was checked (three different paths), renamed only when all are written.
   The frames are kept in memory: sizes needing more than 1 GB are refused (exit 2).
   `make animation` runs it.

   The sizes are chosen so the change is visible: few memories (K = 36, a 6 x 6 grid;
   with 16 or 25 task 0 is learned to 0.3-0.5 only in 10 epochs), n = 10 (memories
   between features and prototypes, fig01: most look like a digit), 5 tasks of 2000
   items, 10 epochs each (figseq.h's quick sizes), batch 100, dam_train_defaults(n) and
   dam_seq_defaults' technique settings (rehearsal r = 0.1, EWC lambda = 1). Measured
   (seed 1): task 0 at 0.75 after its training; after the fifth task vanilla 0.38,
   rehearsal 0.69, EWC 0.68. About 5 s on one core. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "cli.h"
#include "mnist.h"
#include "gif.h"

#define RUNS 3
#define GAP 8 /* blank columns between two panels (memory pixels) */
/* The frames are kept in memory until the end (1 + tasks x epochs of them, floats):
   sizes that would need more than this are refused before training (the defaults need
   about 19 MB; --memories 400 --tasks 16 --epochs 100 would need 6.5 GB). */
#define MAX_FRAME_BYTES ((size_t)1 << 30)

typedef struct anim {
    dam_dense *net;           /* the network being trained                         */
    const dam_dataset *test0; /* task 0's test set                                 */
    int run, K, cols, rows, side, pw, ph, W, H, frames, max_frames;
    float *img;               /* max_frames x W x H                                */
    int *task, *epoch;        /* per frame                                         */
    double *acc;              /* per frame and run                                 */
    int failed;
} anim;

/* Draw the network's memories into frame f, panel a->run. */
static void draw(anim *a, int f)
{
    const dam_dense *net = a->net;
    float *img = a->img + (size_t)f * a->W * a->H;
    int mu, x, y, ox = a->run * (a->pw + GAP);
    for (mu = 0; mu < a->K; mu++) {
        int tx = ox + (mu % a->cols) * (a->side + 1) + 1, ty = (mu / a->cols) * (a->side + 1) + 1;
        for (y = 0; y < a->side; y++)
            for (x = 0; x < a->side; x++)
                img[(size_t)(ty + y) * a->W + tx + x] = (float)net->xi[(size_t)mu * net->N + (size_t)y * a->side + x];
    }
}

/* Record the memories and task 0's accuracy into frame f. Returns 0, or 1 on failure. */
static int record(anim *a, int f, int task, int epoch)
{
    dam_score sc;
    if (f >= a->max_frames) { fprintf(stderr, "anim_memories: more epochs than expected\n"); return 1; }
    draw(a, f);
    if (dam_dense_accuracy(a->net, a->test0, &sc) != DAM_OK) { fprintf(stderr, "anim_memories: accuracy: %s\n", a->net->why); return 1; }
    a->acc[(size_t)f * RUNS + a->run] = sc.accuracy;
    a->task[f] = task;
    a->epoch[f] = epoch;
    if (f + 1 > a->frames) a->frames = f + 1;
    return 0;
}

/* dam_train's progress callback: one frame after every epoch (frame 1 + task * epochs +
   epoch; frame 0 is the start). Nonzero stops the training. */
static int on_epoch(const dam_progress *p, void *user)
{
    anim *a = (anim *)user;
    if (record(a, 1 + p->task * p->epochs + p->epoch, p->task, p->epoch + 1)) return a->failed = 1;
    return 0;
}

/* ----- pictures ------------------------------------------------------------------ */
/* Palette: 0..31 greys for memory values -1..+1, then white, black, dark grey, and the
   transparent index (never drawn). */
enum { GREYS = 32, WHITE = 32, BLACK = 33, DARK = 34, CLEAR = 63, SCALE = 2 };
static void palette(unsigned char *pal)
{
    int k;
    memset(pal, 0, 64 * 3);
    for (k = 0; k < GREYS; k++) pal[3 * k] = pal[3 * k + 1] = pal[3 * k + 2] = (unsigned char)(k * 255 / (GREYS - 1));
    pal[3 * WHITE] = pal[3 * WHITE + 1] = pal[3 * WHITE + 2] = 255;
    pal[3 * DARK] = pal[3 * DARK + 1] = pal[3 * DARK + 2] = 90;
    pal[3 * CLEAR] = 255, pal[3 * CLEAR + 2] = 255;
}
/* Copy panel `run` of frame f into img (width w) at (x, y), each memory pixel s x s. */
static void blit(const anim *a, int f, int run, unsigned char *img, int w, int x, int y, int s)
{
    const float *src = a->img + (size_t)f * a->W * a->H;
    int i, j;
    for (i = 0; i < a->ph * s; i++)
        for (j = 0; j < a->pw * s; j++) {
            float v = src[(size_t)(i / s) * a->W + run * (a->pw + GAP) + j / s];
            int q = v != v ? WHITE : (int)((v < -1 ? -1 : v > 1 ? 1 : v) * 0.5 * (GREYS - 1) + 0.5 * (GREYS - 1) + 0.5);
            img[(size_t)(y + i) * w + x + j] = (unsigned char)q;
        }
}
static void centred(unsigned char *img, int w, int h, int cx, int y, const char *t, int c, int s)
{
    gif_text(img, w, h, cx - gif_text_width(t, s) / 2, y, t, c, s);
}
static const char *const run_names[RUNS] = {"vanilla", "rehearsal (r = 0.1)", "EWC (lambda = 1)"};

/* Start <path>.tmp as a W x H GIF in the palette above, with a W x H canvas for its
   frames: the canvas, or NULL after a message (nothing left open or allocated). */
static unsigned char *open_gif(gif_writer *g, const char *path, char *tmp, size_t tsize, int W, int H)
{
    unsigned char pal[64 * 3], *img = (unsigned char *)malloc((size_t)W * H);
    snprintf(tmp, tsize, "%s.tmp", path);
    palette(pal);
    if (!img || gif_begin(g, tmp, W, H, pal, 6, CLEAR)) {
        free(img);
        fprintf(stderr, "anim_memories: cannot write %s\n", tmp);
        return NULL;
    }
    return img;
}

/* The writers below write <path>.tmp only (removed again when writing fails); main
   renames the three into place once all of them are written. */
static int write_gif(const anim *a, const char *path, int T, int epochs)
{
    int M = 16, PW = a->pw * SCALE, PH = a->ph * SCALE, G = GAP * SCALE * 2, W = 2 * M + RUNS * PW + (RUNS - 1) * G;
    int top = 70, H = top + PH + 56, f, r;
    char tmp[1100], t[128];
    gif_writer g;
    unsigned char *img = open_gif(&g, path, tmp, sizeof tmp, W, H);
    if (!img) return 1;
    for (f = 0; f < a->frames; f++) {
        memset(img, WHITE, (size_t)W * H);
        if (f == 0) snprintf(t, sizeof t, "start: random memories");
        else snprintf(t, sizeof t, "task %d of 0..%d%s  epoch %d/%d", a->task[f], T - 1, a->task[f] ? " (permuted)" : " (MNIST)", a->epoch[f], epochs);
        centred(img, W, H, W / 2, 10, t, BLACK, 2);
        for (r = 0; r < RUNS; r++) {
            int x = M + r * (PW + G);
            centred(img, W, H, x + PW / 2, 42, run_names[r], BLACK, 2);
            blit(a, f, r, img, W, x, top, SCALE);
            snprintf(t, sizeof t, "task 0 accuracy %.2f", a->acc[(size_t)f * RUNS + r]);
            centred(img, W, H, x + PW / 2, top + PH + 10, t, BLACK, 2);
        }
        centred(img, W, H, W / 2, H - 14, "memories drawn in task 0's pixel order: one that serves a permuted task looks like noise", DARK, 1);
        gif_frame(&g, img, f == 0 ? 150 : a->epoch[f] == epochs ? 120 : 25);
    }
    free(img);
    if (gif_end(&g)) { fprintf(stderr, "anim_memories: cannot write %s\n", tmp); remove(tmp); return 1; }
    return 0;
}

/* The still: columns start, after task 0 .. T - 1 (tasks are 0-based, as in R[i][j]);
   one row per run. */
static int write_still(const anim *a, const char *path, int T, int epochs)
{
    int s = 1, L = 130, M = 12, PW = a->pw * s, PH = a->ph * s, GX = 14, GY = 40, top = 36;
    int W = L + (T + 1) * PW + T * GX + M, H = top + RUNS * (PH + GY) + 4, c, r;
    char tmp[1100], t[128];
    gif_writer g;
    unsigned char *img = open_gif(&g, path, tmp, sizeof tmp, W, H);
    if (!img) return 1;
    memset(img, WHITE, (size_t)W * H);
    for (c = 0; c <= T; c++) {
        int x = L + c * (PW + GX), f = c * epochs;
        if (c == 0) snprintf(t, sizeof t, "start");
        else snprintf(t, sizeof t, "after task %d", c - 1);
        centred(img, W, H, x + PW / 2, 12, t, BLACK, 2);
        for (r = 0; r < RUNS; r++) {
            int y = top + r * (PH + GY);
            blit(a, f, r, img, W, x, y, s);
            snprintf(t, sizeof t, "task 0: %.2f", a->acc[(size_t)f * RUNS + r]);
            centred(img, W, H, x + PW / 2, y + PH + 6, t, DARK, 2);
        }
    }
    for (r = 0; r < RUNS; r++) {
        const char *name = r == 0 ? "vanilla" : r == 1 ? "rehearsal" : "EWC";
        gif_text(img, W, H, 8, top + r * (PH + GY) + PH / 2 - 7, name, BLACK, 2);
    }
    gif_frame(&g, img, 0);
    free(img);
    if (gif_end(&g)) { fprintf(stderr, "anim_memories: cannot write %s\n", tmp); remove(tmp); return 1; }
    return 0;
}

static int write_list(const anim *a, const char *path, int n, int T, int items, int test_items, int epochs, int batch, int seed)
{
    char tmp[1100];
    FILE *f;
    int k;
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    if (!(f = fopen(tmp, "w"))) { fprintf(stderr, "anim_memories: cannot write %s\n", tmp); return 1; }
    fprintf(f, "# anim_memories: the frames of the memory animation (plots/anim_memories.gif)\n");
    fprintf(f, "# settings: n %d, K %d, %d permuted-MNIST tasks of %d training items, %d test items, %d epochs per task, batch %d, seed %d\n", n,
            a->K, T, items, test_items, epochs, batch, seed);
    fprintf(f, "# runs: vanilla, rehearsal (r = 0.1), EWC (lambda = 1): dam_seq_defaults\n");
    fprintf(f, "# Column 1: frame\n# Column 2: task [-] being trained (0-based)\n# Column 3: epoch [-] of it just finished (0: the start)\n");
    fprintf(f, "# Column 4: vanilla [-] task 0 test accuracy\n# Column 5: rehearsal [-] the same\n# Column 6: EWC [-] the same\n");
    for (k = 0; k < a->frames; k++)
        fprintf(f, "%d %d %d %.4f %.4f %.4f\n", k, a->task[k], a->epoch[k], a->acc[(size_t)k * RUNS], a->acc[(size_t)k * RUNS + 1],
                a->acc[(size_t)k * RUNS + 2]);
    if (ferror(f) | (fclose(f) != 0)) { fprintf(stderr, "anim_memories: cannot write %s\n", tmp); remove(tmp); return 1; }
    return 0;
}

int main(int argc, char **argv)
{
    const char *data_dir = "data", *gif_path = "plots/anim_memories.gif", *still_path = "plots/anim_memories_still.gif",
               *list_path = "data/anim_memories.txt";
    int n = 10, K = 36, T = 5, items = 2000, test_items = 1000, epochs = 10, batch = 100, seed = 1, r, k;
    size_t kk;
    static const dam_technique techs[RUNS] = {DAM_TECH_VANILLA, DAM_TECH_REHEARSAL, DAM_TECH_EWC};
    cli_opt opts[] = {{"data-dir", CLI_STRING, &data_dir, "folder holding mnist/"},
                      {"gif", CLI_STRING, &gif_path, "the animation (GIF)"},
                      {"still", CLI_STRING, &still_path, "the still: start and after each task, one row per technique (GIF)"},
                      {"list", CLI_STRING, &list_path, "the frames' task, epoch and task-0 accuracies (text)"},
                      {"n", CLI_INT, &n, "interaction vertex (1..1000)"},
                      {"memories", CLI_INT, &K, "memories K (1..400)"},
                      {"tasks", CLI_INT, &T, "permuted tasks (2..16)"},
                      {"items", CLI_INT, &items, "training items per task (100..60000)"},
                      {"test-items", CLI_INT, &test_items, "test items of task 0 (100..10000)"},
                      {"epochs", CLI_INT, &epochs, "epochs per task (1..100)"},
                      {"batch", CLI_INT, &batch, "minibatch size (1..items)"},
                      {"seed", CLI_INT, &seed, "seed of the tasks and of the three networks"}};
    dam_dataset train, test;
    mnist_tasks tk;
    dam_rng rng;
    anim a;
    char dir[1024];
    if ((r = cli_parse(argc, argv, opts, (int)(sizeof opts / sizeof opts[0]),
                       "anim_memories: the memories of vanilla, rehearsal and EWC after every epoch of a permuted-MNIST sequence")) != 0)
        return r > 0 ? 0 : 2;
    if (n < 1 || n > 1000) { fprintf(stderr, "anim_memories: --n must be 1..1000\n"); return 2; }
    if (K < 1 || K > 400) { fprintf(stderr, "anim_memories: --memories must be 1..400\n"); return 2; }
    if (T < 2 || T > 16 || T > DAM_SEQ_MAX_TASKS) { fprintf(stderr, "anim_memories: --tasks must be 2..16\n"); return 2; }
    if (items < 100 || items > 60000) { fprintf(stderr, "anim_memories: --items must be 100..60000\n"); return 2; }
    if (test_items < 100 || test_items > 10000) { fprintf(stderr, "anim_memories: --test-items must be 100..10000\n"); return 2; }
    if (epochs < 1 || epochs > 100) { fprintf(stderr, "anim_memories: --epochs must be 1..100\n"); return 2; }
    if (batch < 1 || batch > items) { fprintf(stderr, "anim_memories: --batch must be 1..items\n"); return 2; }
    if (!strcmp(gif_path, still_path) || !strcmp(gif_path, list_path) || !strcmp(still_path, list_path)) {
        fprintf(stderr, "anim_memories: --gif, --still and --list must be three different paths\n");
        return 2;
    }
    if (strlen(gif_path) > 1000 || strlen(still_path) > 1000 || strlen(list_path) > 1000) { fprintf(stderr, "anim_memories: a path is too long\n"); return 2; }
    if (cli_writable("anim_memories", gif_path) || cli_writable("anim_memories", still_path) || cli_writable("anim_memories", list_path)) return 1;
    mnist_dir(dir, sizeof dir, data_dir, "mnist");
    if (mnist_load("anim_memories", dir, "train", 127, items, &train)) return 1;
    if (mnist_load("anim_memories", dir, "t10k", 127, test_items, &test)) { dam_dataset_free(&train); return 1; }
    dam_rng_seed(&rng, (uint64_t)seed * 7919u + 17u); /* the permutations, as figseq.h draws them */
    if (mnist_tasks_make(&tk, &train, &test, T, &rng) != DAM_OK) {
        fprintf(stderr, "anim_memories: cannot build the tasks: %s\n", tk.why);
        dam_dataset_free(&train);
        dam_dataset_free(&test);
        return 1;
    }
    dam_dataset_free(&train);
    dam_dataset_free(&test);
    memset(&a, 0, sizeof a);
    a.K = K;
    a.side = tk.train[0].width;
    a.cols = (int)ceil(sqrt((double)K));
    a.rows = (K + a.cols - 1) / a.cols;
    a.pw = a.cols * (a.side + 1) + 1;
    a.ph = a.rows * (a.side + 1) + 1;
    a.W = RUNS * a.pw + (RUNS - 1) * GAP;
    a.H = a.ph;
    a.max_frames = 1 + T * epochs;
    a.test0 = &tk.test[0];
    if (tk.train[0].height != a.side) {
        fprintf(stderr, "anim_memories: the images are not square (%d x %d)\n", a.side, tk.train[0].height);
        mnist_tasks_free(&tk);
        return 1;
    }
    if ((double)sizeof(float) * a.max_frames * a.W * a.H > (double)MAX_FRAME_BYTES) {
        fprintf(stderr, "anim_memories: %d frames of %d x %d need %.1f GB, more than the 1 GB cap: use fewer --memories, --tasks or --epochs\n",
                a.max_frames, a.W, a.H, (double)sizeof(float) * a.max_frames * a.W * a.H / 1e9);
        mnist_tasks_free(&tk);
        return 2;
    }
    a.img = (float *)malloc(sizeof(float) * (size_t)a.max_frames * a.W * a.H);
    a.task = (int *)calloc((size_t)a.max_frames, sizeof(int));
    a.epoch = (int *)calloc((size_t)a.max_frames, sizeof(int));
    a.acc = (double *)calloc((size_t)a.max_frames * RUNS, sizeof(double));
    if (!a.img || !a.task || !a.epoch || !a.acc) {
        fprintf(stderr, "anim_memories: out of memory for the frames\n");
        free(a.img), free(a.task), free(a.epoch), free(a.acc);
        mnist_tasks_free(&tk);
        return 1;
    }
    for (kk = 0; kk < (size_t)a.max_frames * a.W * a.H; kk++) a.img[kk] = NAN;
    for (r = 0; r < RUNS; r++) {
        dam_seq_desc d = dam_seq_defaults(techs[r], n);
        dam_dense_desc nd = dam_dense_defaults(tk.train[0].N, K, n);
        dam_dense net;
        dam_seq s;
        dam_rng nrng;
        dam_result e;
        d.train.epochs = epochs;
        d.train.batch = batch;
        d.train.progress = on_epoch;
        d.train.user = &a;
        nd.mask_start = tk.train[0].pixels;
        nd.mask_count = tk.train[0].classes;
        dam_rng_seed(&nrng, (uint64_t)seed);
        if ((e = dam_dense_init(&net, &nd, &nrng, NULL)) != DAM_OK) {
            cli_error("anim_memories", "init", net.why, dam_result_string(e));
            mnist_tasks_free(&tk);
            return 1;
        }
        a.net = &net;
        a.run = r;
        if (record(&a, 0, 0, 0)) { dam_dense_free(&net); mnist_tasks_free(&tk); return 1; }
        if ((e = dam_seq_init(&s, &net, &d, tk.ptrain, tk.ptest, T, NULL)) != DAM_OK || (e = dam_seq_run(&s, &nrng)) != DAM_OK) {
            cli_error("anim_memories", dam_technique_name(techs[r]), s.why, dam_result_string(e));
            dam_seq_free(&s);
            dam_dense_free(&net);
            mnist_tasks_free(&tk);
            return 1;
        }
        fprintf(stderr, "anim_memories: %s: average accuracy %.4f, task 0 after the last task %.4f\n", dam_technique_name(techs[r]), s.acc,
                s.R[(size_t)(T - 1) * T]);
        dam_seq_free(&s);
        dam_dense_free(&net);
    }
    mnist_tasks_free(&tk);
    if (a.frames != a.max_frames) { fprintf(stderr, "anim_memories: %d frames, expected %d\n", a.frames, a.max_frames); return 1; }
    {   /* all three outputs or none: each to <path>.tmp, renamed only when all are written */
        const char *paths[3];
        char tmp[3][1100];
        int written = 0, failed = 0;
        paths[0] = gif_path, paths[1] = still_path, paths[2] = list_path;
        for (k = 0; k < 3; k++) snprintf(tmp[k], sizeof tmp[k], "%s.tmp", paths[k]);
        if (write_gif(&a, gif_path, T, epochs) == 0) written++;
        if (written == 1 && write_still(&a, still_path, T, epochs) == 0) written++;
        if (written == 2 && write_list(&a, list_path, n, T, items, test_items, epochs, batch, seed) == 0) written++;
        for (k = 0; written == 3 && k < 3; k++)
            if (rename(tmp[k], paths[k]) != 0) { fprintf(stderr, "anim_memories: cannot write %s: %s\n", paths[k], strerror(errno)); failed = 1; break; }
        if (written < 3 || failed) {
            for (r = written == 3 ? k : 0; r < written; r++) remove(tmp[r]);
            free(a.img), free(a.task), free(a.epoch), free(a.acc);
            return 1;
        }
    }
    fprintf(stderr, "anim_memories: %d frames: %s, %s, %s\n", a.frames, gif_path, still_path, list_path);
    free(a.img), free(a.task), free(a.epoch), free(a.acc);
    return 0;
}
