/* test_scenario.c - the scenarios beyond permuted tasks (dam:data.tasks, dam:data.image,
   dam:dense.classify, examples/mnist.h): grey images from IDX files and from a folder
   of PNGs, rotation, split tasks, the task-incremental class flags, the classifier's
   tie and invalid results, and a small split sequence where the task-incremental test
   beats the class-incremental one. Uses synth() and make_net() of test_train.c and
   sq_desc() of test_sequence.c. */
#include "../examples/mnist.h"

/* count grey images of w x h in C classes (label i % C): class prototypes of 0 / 255
   pixels, each pixel of an image flipped with probability noise. */
static dam_result sc_images(dam_images *im, int count, int w, int h, int C, double noise, uint64_t seed)
{
    dam_rng r;
    int i, p, P = w * h;
    unsigned char *proto = (unsigned char *)malloc((size_t)C * P);
    dam_result res;
    if (!proto) return DAM_ERR_NOMEM;
    dam_rng_seed(&r, seed);
    for (i = 0; i < C * P; i++) proto[i] = dam_rng_uniform(&r) < 0.5 ? 255 : 0;
    if ((res = dam__images_init(im, count, w, h, C, NULL)) == DAM_OK)
        for (i = 0; i < count; i++) {
            int c = i % C;
            im->label[i] = c;
            for (p = 0; p < P; p++) {
                unsigned char g = proto[c * P + p];
                im->grey[(size_t)i * P + p] = dam_rng_uniform(&r) < noise ? (unsigned char)(255 - g) : g;
            }
        }
    free(proto);
    return res;
}

/* Rotating by 0 degrees changes nothing; four quarter turns give the image back; one
   quarter turn moves pixel (x, y) to (y, W-1-x) (anticlockwise as displayed); a
   constant image stays constant inside the circle the rotation keeps in view (the
   bilinear weights sum to 1); through dam_dataset_from_images, 360 degrees binarises
   to exactly the unrotated items. */
static void test_image_rotate_identity_and_quarter_turns(void)
{
    enum { W = 9, H = 7, S = 12 };
    unsigned char a[W * H], b[W * H], sq[S * S], t1[S * S], t2[S * S], flat[S * S], out[S * S];
    dam_images im;
    dam_dataset d0, d360, d90, bad;
    dam_rng r;
    int i, x, y, k, inside_ok = 1, corner_off;
    dam_rng_seed(&r, 3);
    for (i = 0; i < W * H; i++) a[i] = (unsigned char)dam_rng_below(&r, 256);
    for (i = 0; i < S * S; i++) sq[i] = (unsigned char)dam_rng_below(&r, 256);
    dam_image_rotate(a, W, H, 0, b);
    CHECK(memcmp(a, b, sizeof a) == 0);
    memcpy(t1, sq, sizeof sq);
    for (k = 0; k < 4; k++) {
        dam_image_rotate(t1, S, S, 90, t2);
        if (k == 0)
            for (y = 0; y < S; y++)
                for (x = 0; x < S; x++) CHECKF(t2[y * S + x] == sq[x * S + (S - 1 - y)], "quarter turn at (%d, %d)", x, y);
        if (k < 3) CHECK(memcmp(t2, sq, sizeof sq) != 0);
        memcpy(t1, t2, sizeof t1);
    }
    CHECK(memcmp(t1, sq, sizeof sq) == 0);
    dam_image_rotate(sq, S, S, -270, t2); /* -270 = +90 */
    dam_image_rotate(sq, S, S, 90, out);
    CHECK(memcmp(t2, out, sizeof out) == 0);
    memset(flat, 200, sizeof flat);
    dam_image_rotate(flat, S, S, 37, out);
    for (y = 0; y < S; y++)
        for (x = 0; x < S; x++) {
            double dx = x - (S - 1) / 2.0, dy = y - (S - 1) / 2.0;
            if (dx * dx + dy * dy < (S / 2.0 - 1.5) * (S / 2.0 - 1.5) && out[y * S + x] != 200) inside_ok = 0;
        }
    CHECK(inside_ok);
    corner_off = out[0] < 200 && out[S - 1] < 200 && out[S * S - 1] < 200;
    CHECK(corner_off); /* the corners come from outside the source */
    /* NaN or infinite degrees: a blank image (before: floor(NaN) cast to int, undefined;
       -fsanitize=float-cast-overflow reports it) */
    memset(out, 7, sizeof out);
    dam_image_rotate(sq, S, S, NAN, out);
    for (i = 0; i < S * S && out[i] == 0; i++) {}
    CHECK_EQ_INT(i, S * S);
    memset(out, 7, sizeof out);
    dam_image_rotate(sq, S, S, -INFINITY, out);
    for (i = 0; i < S * S && out[i] == 0; i++) {}
    CHECK_EQ_INT(i, S * S);
    /* through the data set: 360 degrees is the identity, 90 is not */
    REQUIRE(sc_images(&im, 6, S, S, 3, 0.2, 8) == DAM_OK);
    REQUIRE(dam_dataset_from_images(&d0, &im, NULL, 6, 0, 127, NULL) == DAM_OK);
    REQUIRE(dam_dataset_from_images(&d360, &im, NULL, 6, 360, 127, NULL) == DAM_OK);
    REQUIRE(dam_dataset_from_images(&d90, &im, NULL, 6, 90, 127, NULL) == DAM_OK);
    CHECK(memcmp(d0.x, d360.x, (size_t)6 * d0.N) == 0);
    CHECK(memcmp(d0.x, d90.x, (size_t)6 * d0.N) != 0);
    CHECK(memcmp(d0.label, d90.label, sizeof(int) * 6) == 0);
    CHECK_EQ_INT(dam_dataset_from_images(&bad, &im, NULL, 6, NAN, 127, NULL), DAM_ERR_NOT_FINITE);
    CHECK_EQ_INT(dam_dataset_from_images(&bad, &im, NULL, 7, 0, 127, NULL), DAM_ERR_SHAPE);
    CHECK(bad.x == NULL);
    dam_dataset_free(&d0);
    dam_dataset_free(&d360);
    dam_dataset_free(&d90);
    dam_images_free(&im);
}

/* dam_images_load_idx keeps the grey levels, and binarising them gives exactly what
   dam_dataset_load_idx gives (so permuted tasks built either way are the same). */
static void test_images_load_idx_keeps_grey(void)
{
    static unsigned char ib[8192], lb[64];
    size_t il = idx_images(ib, 12, 5, 6), ll = idx_labels(lb, 12, 10);
    dam_images im;
    dam_dataset a, b;
    REQUIRE(write_bytes("build/test_sc_images.idx", ib, il) == 0);
    REQUIRE(write_bytes("build/test_sc_labels.idx", lb, ll) == 0);
    REQUIRE(dam_images_load_idx(&im, "build/test_sc_images.idx", "build/test_sc_labels.idx", 0, NULL) == DAM_OK);
    CHECK_EQ_INT(im.count, 12);
    CHECK_EQ_INT(im.width, 6);
    CHECK_EQ_INT(im.height, 5);
    CHECK_EQ_INT(im.classes, 10);
    CHECK(memcmp(im.grey, ib + 16, 12 * 30) == 0);
    CHECK_EQ_INT(im.label[7], 7);
    REQUIRE(dam_dataset_from_images(&a, &im, NULL, 12, 0, 100, NULL) == DAM_OK);
    REQUIRE(dam_dataset_load_idx(&b, "build/test_sc_images.idx", "build/test_sc_labels.idx", 100, 0, NULL) == DAM_OK);
    CHECK(memcmp(a.x, b.x, (size_t)12 * a.N) == 0);
    CHECK(memcmp(a.label, b.label, sizeof(int) * 12) == 0);
    CHECK_EQ_INT(a.width, 6);
    dam_dataset_free(&a);
    dam_dataset_free(&b);
    dam_images_free(&im);
    REQUIRE(dam_images_load_idx(&im, "build/test_sc_images.idx", "build/test_sc_labels.idx", 5, NULL) == DAM_OK);
    CHECK_EQ_INT(im.count, 5);
    dam_images_free(&im);
    CHECK_EQ_INT(dam_images_load_idx(&im, "build/test_sc_labels.idx", "build/test_sc_labels.idx", 0, NULL), DAM_ERR_DIMENSION);
    CHECK(im.grey == NULL);
    CHECK_EQ_INT(dam_images_load_idx(&im, "/nonexistent/x", "build/test_sc_labels.idx", 0, NULL), DAM_ERR_IO);
}

/* Split tasks hold exactly their classes (training and test), the task-incremental
   test sets carry their task's flags and the class-incremental ones none; the rules
   for T, --split and --angles of mnist_scenario_build. */
static void test_split_tasks_hold_their_classes(void)
{
    static mnist_tasks tk;
    dam_images tr, te;
    mnist_scenario sc;
    dam_rng r;
    int t, i, c, counts[10];
    REQUIRE(sc_images(&tr, 300, 6, 5, 10, 0.1, 1) == DAM_OK);
    REQUIRE(sc_images(&te, 100, 6, 5, 10, 0.1, 1) == DAM_OK);
    memset(&sc, 0, sizeof sc);
    sc.scenario = "split-class", sc.threshold = 127;
    dam_rng_seed(&r, 1);
    REQUIRE(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 0, &r) == DAM_OK);
    CHECK_EQ_INT(tk.T, 5);
    for (t = 0; t < tk.T; t++) {
        memset(counts, 0, sizeof counts);
        for (i = 0; i < tk.train[t].count; i++) counts[tk.train[t].label[i]]++;
        for (c = 0; c < 10; c++) CHECKF((counts[c] > 0) == (c / 2 == t), "task %d class %d: %d items", t, c, counts[c]);
        CHECK_EQ_INT(tk.train[t].count, 60); /* all 30 of each of its two classes */
        for (i = 0; i < tk.test[t].count; i++) CHECK(tk.test[t].label[i] / 2 == t);
        CHECK_EQ_INT(tk.test[t].count, 20);
        CHECK(tk.test[t].allowed == NULL);
        CHECK_EQ_INT(tk.train[t].classes, 10);
    }
    mnist_tasks_free(&tk);
    /* task-incremental: the same items, the test sets flag their classes */
    sc.scenario = "split-task", sc.split = "3,7/0,4/1,2,9";
    REQUIRE(mnist_scenario_build(&tk, &sc, &tr, &te, 25, 0, 0, &r) == DAM_OK);
    CHECK_EQ_INT(tk.T, 3);
    CHECK_EQ_INT(tk.train[0].count, 25); /* at most train_items of its classes */
    for (i = 0; i < tk.train[0].count; i++) CHECK(tk.train[0].label[i] == 3 || tk.train[0].label[i] == 7);
    for (i = 0; i < tk.test[2].count; i++) CHECK(tk.test[2].label[i] == 1 || tk.test[2].label[i] == 2 || tk.test[2].label[i] == 9);
    REQUIRE(tk.test[0].allowed != NULL);
    for (c = 0; c < 10; c++) CHECK_EQ_INT(tk.test[0].allowed[c], c == 3 || c == 7);
    CHECK(tk.train[0].allowed == NULL);
    mnist_tasks_free(&tk);
    /* split-task refuses a task of one class (its argmax is always right, R = b = 1),
       unless the first T tasks leave it out; split-class takes it */
    sc.split = "3,7/0/1,2,9";
    CHECK_EQ_INT(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 0, &r), DAM_ERR_TASKS);
    CHECKF(strstr(tk.why, "task 1 holds one class (0)") != NULL, "%s", tk.why);
    CHECK_EQ_INT(tk.T, 0);
    REQUIRE(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 1, &r) == DAM_OK);
    CHECK_EQ_INT(tk.T, 1);
    mnist_tasks_free(&tk);
    sc.scenario = "split-class";
    REQUIRE(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 0, &r) == DAM_OK);
    CHECK_EQ_INT(tk.T, 3);
    mnist_tasks_free(&tk);
    sc.scenario = "split-task";
    /* T: the first T tasks; more than the split holds is refused */
    sc.split = NULL;
    REQUIRE(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 2, &r) == DAM_OK);
    CHECK_EQ_INT(tk.T, 2);
    mnist_tasks_free(&tk);
    CHECK_EQ_INT(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 6, &r), DAM_ERR_TASKS);
    CHECKF(strstr(tk.why, "5 tasks") != NULL, "%s", tk.why);
    CHECK_EQ_INT(tk.T, 0);
    sc.split = "0,1/1,2";
    CHECK_EQ_INT(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 0, &r), DAM_ERR_ARGUMENT);
    CHECK(strstr(tk.why, "two tasks") != NULL);
    sc.split = "0,10";
    CHECK_EQ_INT(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 0, &r), DAM_ERR_ARGUMENT);
    sc.split = "0;1";
    CHECK_EQ_INT(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 0, &r), DAM_ERR_ARGUMENT);
    sc.split = NULL, sc.scenario = "shuffled";
    CHECK_EQ_INT(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 0, &r), DAM_ERR_ARGUMENT);
    /* rotated: default angles over [0, 180] with both ends; a list; too many tasks */
    sc.scenario = "rotated";
    REQUIRE(mnist_scenario_build(&tk, &sc, &tr, &te, 50, 20, 5, &r) == DAM_OK);
    CHECK_NEAR(tk.angle[0], 0, 0);
    CHECK_NEAR(tk.angle[1], 45, 1e-12);
    CHECK_NEAR(tk.angle[4], 180, 1e-12);
    CHECK_EQ_INT(tk.train[3].count, 50);
    CHECK_EQ_INT(tk.test[3].count, 20);
    CHECK(memcmp(tk.train[0].label, tk.train[4].label, sizeof(int) * 50) == 0);
    CHECK(memcmp(tk.train[0].x, tk.train[4].x, (size_t)50 * tk.train[0].N) != 0);
    mnist_tasks_free(&tk);
    sc.angles = "0,30";
    REQUIRE(mnist_scenario_build(&tk, &sc, &tr, &te, 50, 20, 0, &r) == DAM_OK);
    CHECK_EQ_INT(tk.T, 2);
    CHECK_NEAR(tk.angle[1], 30, 0);
    mnist_tasks_free(&tk);
    CHECK_EQ_INT(mnist_scenario_build(&tk, &sc, &tr, &te, 50, 20, 3, &r), DAM_ERR_TASKS);
    sc.angles = "0,x";
    CHECK_EQ_INT(mnist_scenario_build(&tk, &sc, &tr, &te, 50, 20, 0, &r), DAM_ERR_ARGUMENT);
    dam_images_free(&tr);
    dam_images_free(&te);
    /* the default pairs of 130 classes are 65 tasks, one more than a sequence holds:
       refused before any row past the 64th is written (an explicit split still works) */
    REQUIRE(sc_images(&tr, 260, 4, 4, 130, 0.1, 2) == DAM_OK);
    REQUIRE(sc_images(&te, 130, 4, 4, 130, 0.1, 3) == DAM_OK);
    sc.scenario = "split-class", sc.angles = NULL, sc.split = NULL;
    CHECK_EQ_INT(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 0, &r), DAM_ERR_TASKS);
    CHECKF(strstr(tk.why, "130 classes make 65 pairs") != NULL && strstr(tk.why, "--split") != NULL, "%s", tk.why);
    CHECK_EQ_INT(tk.T, 0);
    sc.split = "0,1/2,3";
    REQUIRE(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 0, &r) == DAM_OK);
    CHECK_EQ_INT(tk.T, 2);
    CHECK_EQ_INT(tk.train[1].count, 4);
    mnist_tasks_free(&tk);
    dam_images_free(&tr);
    dam_images_free(&te);
}

/* mnist_images_holdout: 3 classes of 20 images, one class after another as a folder
   gives them: V = 6 holds out 2 of each class (its 10th and 20th image, a stride of
   10), not the last class's last 6; V = 7 gives the extra one to the lower class (equal
   remainders); a class that would keep no training image is refused. */
static void test_images_holdout_takes_every_class(void)
{
    dam_images all, tr, ev;
    int i, c, counts[3], empty = -1;
    REQUIRE(sc_images(&all, 60, 4, 3, 3, 0.1, 5) == DAM_OK);
    for (i = 0; i < 60; i++) all.label[i] = i / 20, all.grey[(size_t)i * 12] = (unsigned char)i; /* pixel 0: which image */
    REQUIRE(mnist_images_holdout(&all, 6, &tr, &ev, &empty) == 0);
    CHECK_EQ_INT(tr.count, 54);
    CHECK_EQ_INT(ev.count, 6);
    for (i = 0; i < ev.count; i++) {
        CHECK_EQ_INT(ev.label[i], i / 2);
        CHECK_EQ_INT(ev.grey[(size_t)i * 12], 20 * (i / 2) + (i % 2 ? 19 : 9));
        CHECK(memcmp(ev.grey + (size_t)i * 12 + 1, all.grey + (size_t)ev.grey[(size_t)i * 12] * 12 + 1, 11) == 0);
    }
    memset(counts, 0, sizeof counts);
    for (i = 0; i < tr.count; i++) counts[tr.label[i]]++;
    for (c = 0; c < 3; c++) CHECK_EQ_INT(counts[c], 18);
    dam_images_free(&tr);
    dam_images_free(&ev);
    REQUIRE(mnist_images_holdout(&all, 7, &tr, &ev, &empty) == 0);
    memset(counts, 0, sizeof counts);
    for (i = 0; i < ev.count; i++) counts[ev.label[i]]++;
    CHECK_EQ_INT(counts[0], 3);
    CHECK_EQ_INT(counts[1], 2);
    CHECK_EQ_INT(counts[2], 2);
    dam_images_free(&tr);
    dam_images_free(&ev);
    for (i = 0; i < 60; i++) all.label[i] = i < 58 ? i % 2 : 2; /* class 2: 2 images */
    CHECK_EQ_INT(mnist_images_holdout(&all, 58, &tr, &ev, &empty), 2);
    CHECK_EQ_INT(empty, 2);
    CHECK(tr.grey == NULL && ev.grey == NULL);
    CHECK_EQ_INT(mnist_images_holdout(&all, 60, &tr, &ev, &empty), 1);
    dam_images_free(&all);
}

/* The classifier's results: a class, DAM_CLASSIFY_TIE (-1) when classes share the top
   score, DAM_ERR_ARGUMENT (-2) for an impossible call (before: -1 for both); with
   allowed flags it never answers a class outside them, dam_dense_accuracy on a
   flagged set counts exactly those answers, and the flags enter the set's checkpoint
   hash (a task-incremental run's checkpoint is not resumed by a class-incremental one). */
static void test_classify_tie_invalid_and_allowed(void)
{
    dam_dense net;
    dam_dataset ds;
    dam_score sc;
    dam_rng r;
    unsigned char allowed[4] = {0, 1, 0, 1}, none[4] = {0, 0, 0, 0};
    double D[4];
    int i, got, right = 0, outside = 0, differs = 0;
    uint64_t hash;
    REQUIRE(make_net(&net, 20, 4, 6, 3, 4) == DAM_OK);
    dam_rng_seed(&r, 9);
    synth(&ds, 60, 20, 4, 0.3, 17, &r);
    CHECK_EQ_INT(dam_dense_classify(NULL, ds.x, NULL), DAM_ERR_ARGUMENT);
    CHECK_EQ_INT(dam_dense_classify(&net, NULL, NULL), DAM_ERR_ARGUMENT);
    CHECK_EQ_INT(dam_dense_classify_among(&net, ds.x, none, NULL), DAM_ERR_ARGUMENT);
    for (i = 0; i < ds.count; i++) {
        const signed char *x = ds.x + (size_t)i * ds.N;
        int all = dam_dense_classify(&net, x, NULL);
        got = dam_dense_classify_among(&net, x, allowed, D);
        if (got != 1 && got != 3) outside++;
        if (got != all) differs++;
        right += got == ds.label[i];
        CHECK(got == (D[1] >= D[3] ? (D[1] == D[3] ? DAM_CLASSIFY_TIE : 1) : 3));
    }
    CHECK_EQ_INT(outside, 0);
    CHECK(differs > 0); /* the flags matter: some items go to a flagged class instead */
    hash = dam__set_hash(&ds);
    REQUIRE(dam_dataset_set_allowed(&ds, allowed) == DAM_OK);
    CHECK(dam__set_hash(&ds) != hash); /* a checkpoint's key tells the two tests apart */
    REQUIRE(dam_dense_accuracy(&net, &ds, &sc) == DAM_OK);
    CHECK_EQ_INT(sc.right, right);
    {   /* copies keep the flags */
        dam_dataset part;
        REQUIRE(dam_dataset_subset(&part, &ds, 10, 20, NULL) == DAM_OK);
        CHECK(part.allowed != NULL && memcmp(part.allowed, allowed, 4) == 0);
        dam_dataset_free(&part);
    }
    CHECK_EQ_INT(dam_dataset_set_allowed(&ds, none), DAM_ERR_LABEL);
    REQUIRE(dam_dataset_set_allowed(&ds, NULL) == DAM_OK);
    CHECK(ds.allowed == NULL);
    /* all memories zero: every Delta_c is 0, a tie */
    memset(net.xi, 0, sizeof(dam_real) * (size_t)net.K * net.N);
    dam_dense_sync(&net);
    CHECK_EQ_INT(dam_dense_classify(&net, ds.x, NULL), DAM_CLASSIFY_TIE);
    CHECK_EQ_INT(dam_dense_classify_among(&net, ds.x, allowed, NULL), DAM_CLASSIFY_TIE);
    dam_dataset_free(&ds);
    dam_dense_free(&net);
}

/* On a small synthetic split sequence (4 classes of noisy prototypes, tasks 0/1 and
   2/3) vanilla forgets task 0 under the class-incremental test (it answers 2 or 3 for
   everything), while the task-incremental test, choosing only between 0 and 1, still
   finds most of task 0: the same training, a higher ACC. */
static void test_split_task_beats_split_class(void)
{
    static mnist_tasks tk;
    dam_images tr, te;
    mnist_scenario sc;
    double acc[2], r00[2];
    int k, keep = sq_threads_keep();
    REQUIRE(sc_images(&tr, 400, 8, 6, 4, 0.15, 11) == DAM_OK);
    REQUIRE(sc_images(&te, 200, 8, 6, 4, 0.15, 11) == DAM_OK);
    memset(&sc, 0, sizeof sc);
    sc.threshold = 127;
    for (k = 0; k < 2; k++) {
        dam_rng r;
        dam_dense net;
        dam_seq s;
        dam_seq_desc d = sq_desc(DAM_TECH_VANILLA, 20);
        sc.scenario = k ? "split-task" : "split-class";
        dam_rng_seed(&r, 5);
        REQUIRE(mnist_scenario_build(&tk, &sc, &tr, &te, 0, 0, 0, &r) == DAM_OK);
        REQUIRE(tk.T == 2);
        REQUIRE(make_net(&net, 48, 4, 8, 3, 3) == DAM_OK);
        REQUIRE(dam_seq_init(&s, &net, &d, tk.ptrain, tk.ptest, tk.T, NULL) == DAM_OK);
        REQUIRE(dam_seq_run(&s, &r) == DAM_OK);
        acc[k] = s.acc;
        r00[k] = s.R[0];
        dam_seq_free(&s);
        dam_dense_free(&net);
        mnist_tasks_free(&tk);
    }
    sq_threads_restore(keep);
    CHECK_NEAR(r00[0], r00[1], 0.05); /* task 0 alone: its two classes either way */
    CHECKF(acc[1] > acc[0] + 0.2, "task-incremental ACC %.3f, class-incremental %.3f", acc[1], acc[0]);
    dam_images_free(&tr);
    dam_images_free(&te);
}

/* ----- a folder of images ----------------------------------------------------------- */

static int sc_png(const char *path, int w, int h, unsigned char seed)
{
    unsigned char px[64 * 64];
    int i;
    for (i = 0; i < w * h; i++) px[i] = (unsigned char)(seed * 37 + i * 11);
    return stbi_write_png(path, w, h, 1, px, w) ? 0 : 1;
}

static void sc_mkdir(const char *path) { mkdir(path, 0777); }

static void sc_rmtree(const char *dir) /* the test's own folders: a few files deep */
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) printf("    could not remove %s\n", dir);
}

/* build/test_folder: classes b, a, c (sorted: a = 0, b = 1, c = 2), 4, 3 and 5 PNGs
   of 6 x 5 and a README that is skipped; every 2nd image of a class to test. Then
   every bad folder: missing, no classes, one class, an empty class, mixed sizes, a
   corrupt PNG, too few images for the split. */
static void test_images_load_folder_and_refusals(void)
{
    const char *D = "build/test_folder";
    char p[300];
    dam_images tr, te;
    int k, i;
    unsigned char want[30];
    sc_rmtree(D);
    sc_mkdir(D);
    {
        const char *cls[3] = {"b", "a", "c"};
        int n[3] = {4, 3, 5}, c;
        for (c = 0; c < 3; c++) {
            snprintf(p, sizeof p, "%s/%s", D, cls[c]);
            sc_mkdir(p);
            for (k = 0; k < n[c]; k++) {
                snprintf(p, sizeof p, "%s/%s/img%d.png", D, cls[c], k);
                REQUIRE(sc_png(p, 6, 5, (unsigned char)(10 * c + k)) == 0);
            }
        }
        snprintf(p, sizeof p, "%s/a/README.txt", D);
        REQUIRE(write_bytes(p, (const unsigned char *)"not an image", 12) == 0);
    }
    REQUIRE(dam_images_load_folder(&tr, &te, D, 0, 0, 2, NULL) == DAM_OK);
    CHECK_EQ_INT(tr.classes, 3);
    CHECK_EQ_INT(tr.width, 6);
    CHECK_EQ_INT(tr.height, 5);
    CHECK_EQ_INT(tr.count, 2 + 2 + 3); /* a: 3 -> 2 train, 1 test; b: 4 -> 2, 2; c: 5 -> 3, 2 */
    CHECK_EQ_INT(te.count, 1 + 2 + 2);
    REQUIRE(tr.names != NULL);
    CHECK(strcmp(tr.names[0], "a") == 0 && strcmp(tr.names[1], "b") == 0 && strcmp(tr.names[2], "c") == 0);
    /* train: a/img0 a/img2 b/img0 b/img2 c/img0 c/img2 c/img4; test: a/img1 b/img1 b/img3 c/img1 c/img3 */
    CHECK_EQ_INT(tr.label[0], 0);
    CHECK_EQ_INT(tr.label[2], 1);
    CHECK_EQ_INT(tr.label[6], 2);
    CHECK_EQ_INT(te.label[0], 0);
    CHECK_EQ_INT(te.label[1], 1);
    /* the grey levels are the PNG's: training image 0 is a/img0 (written with seed 10),
       image 2 is b/img0 (seed 0) */
    for (i = 0; i < 30; i++) want[i] = (unsigned char)(10 * 37 + i * 11);
    CHECK(memcmp(tr.grey, want, 30) == 0);
    for (i = 0; i < 30; i++) want[i] = (unsigned char)(i * 11);
    CHECK(memcmp(tr.grey + 2 * 30, want, 30) == 0);
    dam_images_free(&tr);
    dam_images_free(&te);
    /* a resize to 3 x 3 */
    REQUIRE(dam_images_load_folder(&tr, NULL, D, 3, 3, 0, NULL) == DAM_OK);
    CHECK_EQ_INT(tr.count, 12);
    CHECK_EQ_INT(tr.width, 3);
    dam_images_free(&tr);
    /* the refusals */
    CHECK_EQ_INT(dam_images_load_folder(&tr, &te, "build/no-such-folder", 0, 0, 2, NULL), DAM_ERR_IO);
    CHECK(strstr(tr.why, "no-such-folder") != NULL);
    CHECK_EQ_INT(dam_images_load_folder(&tr, &te, D, 0, 0, 6, NULL), DAM_ERR_EMPTY); /* a has 3 < 6 */
    CHECK(strstr(tr.why, "'a' has 3 images") != NULL);
    CHECK_EQ_INT(dam_images_load_folder(&tr, NULL, D, 0, 0, 2, NULL), DAM_ERR_ARGUMENT);
    CHECK_EQ_INT(dam_images_load_folder(&tr, NULL, D, 4, 0, 0, NULL), DAM_ERR_DIMENSION);
    snprintf(p, sizeof p, "%s/c/img9.png", D);
    REQUIRE(sc_png(p, 7, 5, 1) == 0);
    CHECK_EQ_INT(dam_images_load_folder(&tr, &te, D, 0, 0, 2, NULL), DAM_ERR_SHAPE);
    CHECK(strstr(tr.why, "img9.png") != NULL && strstr(tr.why, "7 x 5") != NULL);
    CHECK(tr.grey == NULL && te.grey == NULL);
    REQUIRE(dam_images_load_folder(&tr, &te, D, 6, 5, 2, NULL) == DAM_OK); /* resizing accepts it */
    dam_images_free(&tr);
    dam_images_free(&te);
    REQUIRE(write_bytes(p, (const unsigned char *)"\x89PNG garbage", 12) == 0);
    CHECK_EQ_INT(dam_images_load_folder(&tr, &te, D, 0, 0, 2, NULL), DAM_ERR_IO);
    CHECK(strstr(tr.why, "img9.png") != NULL);
    remove(p);
    snprintf(p, sizeof p, "%s/d", D);
    sc_mkdir(p);
    CHECK_EQ_INT(dam_images_load_folder(&tr, &te, D, 0, 0, 2, NULL), DAM_ERR_EMPTY);
    CHECK(strstr(tr.why, "class 'd'") != NULL);
    sc_rmtree(D);
    sc_mkdir(D);
    CHECK_EQ_INT(dam_images_load_folder(&tr, &te, D, 0, 0, 2, NULL), DAM_ERR_EMPTY);
    CHECK(strstr(tr.why, "no class subfolders") != NULL);
    snprintf(p, sizeof p, "%s/only", D);
    sc_mkdir(p);
    snprintf(p, sizeof p, "%s/only/x.png", D);
    REQUIRE(sc_png(p, 6, 5, 1) == 0);
    CHECK_EQ_INT(dam_images_load_folder(&tr, &te, D, 0, 0, 0, NULL), DAM_ERR_LABEL);
    CHECK(tr.grey == NULL);
    sc_rmtree(D);
}
