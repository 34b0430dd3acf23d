/* test_checkpoint.c - checkpoints (dam:checkpoint): round trips, every refusal with its
   own code and nothing changed, atomic replacement, and a sequence killed midway
   (fork + SIGKILL) that resumes to bit-identical results. */
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void sleep_us(long us)
{
    struct timespec ts;
    ts.tv_sec = us / 1000000;
    ts.tv_nsec = (us % 1000000) * 1000;
    nanosleep(&ts, NULL);
}

static long file_size(const char *path)
{
    FILE *f = fopen(path, "rb");
    long n;
    if (!f) return -1;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fclose(f);
    return n;
}

/* flip one byte at offset `at` of a file (or cut the file to `at` bytes if cut) */
static void poke(const char *src, const char *dst, long at, int cut)
{
    FILE *f = fopen(src, "rb"), *g = fopen(dst, "wb");
    long k = 0;
    int c;
    while ((c = fgetc(f)) != EOF) {
        if (cut && k == at) break;
        fputc(k == at ? c ^ 0x5a : c, g);
        k++;
    }
    fclose(f);
    fclose(g);
}

static void test_checkpoint_dense_and_hopfield_round_trip(void)
{
    dam_dense a, b, c;
    dam_hopfield h, h2;
    dam_rng r;
    dam_dense_desc d = dam_dense_defaults(30, 7, 5);
    static signed char pat[3 * 30];
    int k;
    dam_rng_seed(&r, 1);
    d.mask_start = 27;
    d.mask_count = 3;
    d.f = DAM_F_RECTIFIED;
    REQUIRE(dam_dense_init(&a, &d, &r, NULL) == DAM_OK);
    REQUIRE(dam_dense_save(&a, "build/ck_dense.ck") == DAM_OK);
    CHECK(file_size("build/ck_dense.ck.tmp") < 0);
    REQUIRE(dam_dense_load(&b, "build/ck_dense.ck", NULL) == DAM_OK);
    CHECK_EQ_INT(b.N, 30); CHECK_EQ_INT(b.K, 7); CHECK_EQ_INT(b.n, 5); CHECK_EQ_INT(b.f, DAM_F_RECTIFIED);
    CHECK_EQ_INT(b.mask_start, 27); CHECK(b.T == a.T);
    CHECK(memcmp(a.xi, b.xi, sizeof(dam_real) * 7 * 30) == 0);
    /* refusals: magic, version, checksum, truncation, kind; the output is left empty */
    poke("build/ck_dense.ck", "build/ck_bad.ck", 0, 0);
    CHECK_EQ_INT(dam_dense_load(&c, "build/ck_bad.ck", NULL), DAM_ERR_MAGIC);
    CHECK(c.xi == NULL);
    poke("build/ck_dense.ck", "build/ck_bad.ck", 8, 0);
    CHECK_EQ_INT(dam_dense_load(&c, "build/ck_bad.ck", NULL), DAM_ERR_VERSION);
    poke("build/ck_dense.ck", "build/ck_bad.ck", 100, 0);
    CHECK_EQ_INT(dam_dense_load(&c, "build/ck_bad.ck", NULL), DAM_ERR_CHECKSUM);
    CHECK(strstr(c.why, "checksum") != NULL);
    /* every cut, inside the header or the payload or the checksum, is refused */
    for (k = 1; k < file_size("build/ck_dense.ck"); k += 37) {
        poke("build/ck_dense.ck", "build/ck_bad.ck", file_size("build/ck_dense.ck") - k, 1);
        CHECKF(dam_dense_load(&c, "build/ck_bad.ck", NULL) == DAM_ERR_TRUNCATED, "cut %d bytes", k);
        CHECK(c.xi == NULL);
    }
    CHECK_EQ_INT(dam_dense_load(&c, "build/nonexistent.ck", NULL), DAM_ERR_IO);
    for (k = 0; k < 3 * 30; k++) pat[k] = dam_rng_uniform(&r) < 0.5 ? 1 : -1;
    REQUIRE(dam_hopfield_init(&h, 30, NULL) == DAM_OK);
    REQUIRE(dam_hopfield_hebbian(&h, pat, 3) == DAM_OK);
    REQUIRE(dam_hopfield_save(&h, "build/ck_hop.ck") == DAM_OK);
    CHECK_EQ_INT(dam_dense_load(&c, "build/ck_hop.ck", NULL), DAM_ERR_KIND);
    CHECK_EQ_INT(dam_hopfield_load(&h2, "build/ck_dense.ck", NULL), DAM_ERR_KIND);
    REQUIRE(dam_hopfield_load(&h2, "build/ck_hop.ck", NULL) == DAM_OK);
    CHECK(memcmp(h.W, h2.W, sizeof(dam_real) * 30 * 30) == 0);
    /* a failed write leaves the old checkpoint in place */
    CHECK_EQ_INT(dam_dense_save(&a, "/nonexistent/dir/x.ck"), DAM_ERR_IO);
    CHECKF(strstr(a.why, "/nonexistent/dir/x.ck") != NULL, "the network's why: '%s'", a.why); /* one channel */
    CHECK_EQ_INT(dam_hopfield_save(&h, "/nonexistent/dir/x.ck"), DAM_ERR_IO);
    CHECKF(strstr(h.why, "/nonexistent/dir/x.ck") != NULL, "the network's why: '%s'", h.why);
    dam_hopfield_free(&h);
    dam_hopfield_free(&h2);
    dam_dense_free(&a);
    dam_dense_free(&b);
}

/* a small rehearsal sequence of 3 synthetic tasks (the technique with the most state) */
typedef struct {
    dam_dataset train[3], test[3];
    const dam_dataset *trp[3], *tep[3];
} ck_tasks;

static void ck_make_tasks(ck_tasks *k)
{
    dam_rng r;
    int t;
    dam_rng_seed(&r, 81);
    for (t = 0; t < 3; t++) {
        synth(&k->train[t], 120, 30, 3, 0.1, 100 + (uint64_t)t, &r);
        synth(&k->test[t], 60, 30, 3, 0.1, 100 + (uint64_t)t, &r);
        k->trp[t] = &k->train[t];
        k->tep[t] = &k->test[t];
    }
}

static void ck_free_tasks(ck_tasks *k)
{
    int t;
    for (t = 0; t < 3; t++) dam_dataset_free(&k->train[t]), dam_dataset_free(&k->test[t]);
}

static int ck_slow(const dam_progress *p, void *user)
{
    (void)p; (void)user;
    sleep_us(30000); /* give the parent time to kill us midway */
    return 0;
}

/* What a run may do differently from the standard one of ck_setup (0 = as standard). */
typedef struct {
    int n;                 /* interaction vertex (3)                                      */
    uint64_t seed;         /* the generator's seed (5), also stated in the desc's seed    */
    int seed_unstated;     /* the desc's seed stays 5 whatever the generator's            */
    int extra_draw;        /* one draw from the generator before the run                  */
    double lr, fraction, ewc_lambda, init_std;
    int T;                 /* tasks (3)                                                   */
    int rectified;         /* F rectified instead of leaky                                */
    dam_progress_fn progress;
} ck_variant;

/* Make the network and the sequence; technique: any. */
static dam_result ck_setup_v(ck_tasks *k, dam_technique tq, dam_dense *net, dam_seq *s, dam_rng *rng,
                             const ck_variant *v)
{
    int n = v->n ? v->n : 3;
    uint64_t seed = v->seed ? v->seed : 5;
    dam_seq_desc d = dam_seq_defaults(tq, n);
    dam_dense_desc nd = dam_dense_defaults(33, 8, n);
    dam_rng nr;
    dam_result r;
    d.train.epochs = 4;
    d.train.batch = 40;
    d.train.loss_power = 1;
    d.train.progress = v->progress;
    d.seed = v->seed_unstated ? 5 : seed;
    if (v->lr) d.train.lr = v->lr;
    if (v->fraction) d.rehearsal_fraction = v->fraction;
    if (v->ewc_lambda) d.ewc_lambda = v->ewc_lambda;
    dam_rng_seed(rng, seed);
    if (v->extra_draw) dam_rng_next(rng);
    /* the network of make_net(net, 30, 3, 8, n, 9) */
    dam_rng_seed(&nr, v->seed_unstated ? seed + 4 : 9);
    nd.mask_start = 30;
    nd.mask_count = 3;
    if (v->rectified) nd.f = DAM_F_RECTIFIED;
    if (v->init_std) nd.init_std = v->init_std;
    if ((r = dam_dense_init(net, &nd, &nr, NULL)) != DAM_OK) return r;
    return dam_seq_init(s, net, &d, k->trp, k->tep, v->T ? v->T : 3, NULL);
}

static dam_result ck_setup(ck_tasks *k, dam_technique tq, dam_dense *net, dam_seq *s, dam_rng *rng, int slow)
{
    ck_variant v;
    memset(&v, 0, sizeof v);
    if (slow) v.progress = ck_slow;
    return ck_setup_v(k, tq, net, s, rng, &v);
}

static void test_checkpoint_sequence_killed_and_resumed(void)
{
    static const dam_technique techs[] = {DAM_TECH_REHEARSAL, DAM_TECH_SI, DAM_TECH_EWC, DAM_TECH_PSEUDO, DAM_TECH_AGEM};
    ck_tasks k;
    int q;
    ck_make_tasks(&k);
    for (q = 0; q < 5; q++) {
        dam_dense net0, net1;
        dam_seq s0, s1;
        dam_rng r0, r1;
        pid_t pid;
        int status, waited;
        const char *path = "build/ck_seq.ck";
        remove(path);
        /* the uninterrupted run */
        REQUIRE(ck_setup(&k, techs[q], &net0, &s0, &r0, 0) == DAM_OK);
        REQUIRE(dam_seq_run(&s0, &r0) == DAM_OK);
        /* a child runs with checkpoints and is killed midway */
        fflush(stdout);
        pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            dam_dense net;
            dam_seq s;
            dam_rng r;
#ifdef _OPENMP
            omp_set_num_threads(1); /* the parent's OpenMP threads do not exist after fork */
#endif
            if (ck_setup(&k, techs[q], &net, &s, &r, 1) != DAM_OK) _exit(3);
            s.checkpoint = path;
            dam_seq_run(&s, &r);
            _exit(0);
        }
        for (waited = 0; waited < 400 && file_size(path) <= 0; waited++) sleep_us(5000);
        sleep_us(120000 + 20000 * q); /* a few epochs further, somewhere in task 0 or 1 */
        kill(pid, SIGKILL);
        waitpid(pid, &status, 0);
        CHECKF(WIFSIGNALED(status), "technique %d: the child finished before it was killed", (int)techs[q]);
        /* resume from what the killed run left, finish, compare */
        REQUIRE(ck_setup(&k, techs[q], &net1, &s1, &r1, 0) == DAM_OK);
        CHECKF(dam_seq_resume(&s1, &r1, path) == DAM_OK, "resume: %s", s1.why);
        CHECKF(s1.done < 3, "technique %d: resumed after the end", (int)techs[q]);
        REQUIRE(dam_seq_run(&s1, &r1) == DAM_OK);
        CHECKF(memcmp(s0.R, s1.R, sizeof(double) * 9) == 0, "technique %d: R differs after resuming", (int)techs[q]);
        CHECKF(memcmp(net0.xi, net1.xi, sizeof(dam_real) * 8 * 33) == 0, "technique %d: memories differ", (int)techs[q]);
        dam_seq_free(&s0); dam_dense_free(&net0);
        dam_seq_free(&s1); dam_dense_free(&net1);
    }
    ck_free_tasks(&k);
}

static void test_checkpoint_sequence_refusals_change_nothing(void)
{
    ck_tasks k;
    dam_dense net, other;
    dam_seq s, t;
    dam_rng r, r2;
    static dam_real keep[8 * 33];
    ck_make_tasks(&k);
    REQUIRE(ck_setup(&k, DAM_TECH_REHEARSAL, &net, &s, &r, 0) == DAM_OK);
    REQUIRE(dam_seq_learn_task(&s, &r) == DAM_OK);
    REQUIRE(dam_seq_save(&s, &r, "build/ck_seq2.ck") == DAM_OK);
    /* another technique: refused, nothing changed */
    REQUIRE(ck_setup(&k, DAM_TECH_EWC, &other, &t, &r2, 0) == DAM_OK);
    memcpy(keep, other.xi, sizeof keep);
    CHECK_EQ_INT(dam_seq_resume(&t, &r2, "build/ck_seq2.ck"), DAM_ERR_CHECKPOINT_MISMATCH);
    CHECKF(strcmp(t.why, "checkpoint was made with technique=rehearsal, this run has technique=ewc") == 0, "%s", t.why);
    CHECK(memcmp(keep, other.xi, sizeof keep) == 0);
    CHECK_EQ_INT(t.done, 0);
    poke("build/ck_seq2.ck", "build/ck_seq_bad.ck", 200, 0);
    CHECK_EQ_INT(dam_seq_resume(&t, &r2, "build/ck_seq_bad.ck"), DAM_ERR_CHECKSUM);
    CHECK_EQ_INT(dam_seq_resume(&t, &r2, "build/ck_dense.ck"), DAM_ERR_KIND);
    dam_seq_free(&t); dam_dense_free(&other);
    dam_seq_free(&s); dam_dense_free(&net);
    ck_free_tasks(&k);
}

/* the whole file in memory (malloc'ed, *len bytes), or NULL */
static unsigned char *ck_slurp(const char *path, long *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *p;
    *len = file_size(path);
    if (!f || *len < 0) {
        if (f) fclose(f);
        return NULL;
    }
    p = (unsigned char *)malloc((size_t)*len + 1);
    if (p && fread(p, 1, (size_t)*len, f) != (size_t)*len) free(p), p = NULL;
    fclose(f);
    return p;
}

static void ck_spit(const char *path, const unsigned char *p, long len)
{
    FILE *f = fopen(path, "wb");
    fwrite(p, 1, (size_t)len, f);
    fclose(f);
}

/* Copy checkpoint `from` to `to` as format `version` (the u32 after the magic), its
   checksum made valid again, so only the version check can refuse it. 1 on success. */
static int ck_with_version(const char *from, unsigned version, const char *to)
{
    long len;
    unsigned char *f = ck_slurp(from, &len);
    uint64_t sum;
    int b;
    if (!f || len <= 36) { free(f); return 0; }
    for (b = 0; b < 4; b++) f[8 + b] = (unsigned char)(version >> (8 * b));
    sum = dam__fnv1a(f, (size_t)len - 8);
    for (b = 0; b < 8; b++) f[len - 8 + b] = (unsigned char)(sum >> (8 * b));
    ck_spit(to, f, len);
    free(f);
    return 1;
}


/* The settings key of a checkpoint in memory: after the 28-byte header, u32 length. */
static const char *ck_key(const unsigned char *file, long len, size_t *klen)
{
    if (len < 32) return NULL;
    *klen = (size_t)file[28] | (size_t)file[29] << 8 | (size_t)file[30] << 16 | (size_t)file[31] << 24;
    return *klen <= (size_t)len - 32 ? (const char *)file + 32 : NULL;
}

static int ck_cancel_at, ck_epochs_seen;
static int ck_cancel(const dam_progress *p, void *user)
{
    (void)p; (void)user;
    return ++ck_epochs_seen >= ck_cancel_at;
}

/* A resume under any other setting, seed or data is refused with its own code, names the
   first setting that differs with both values, and changes neither the file nor the
   sequence; the same command resumes and ends bit-identical to an uninterrupted run. */
static void test_checkpoint_sequence_key_refuses_other_runs(void)
{
    static const struct {
        const char *what, *why; /* why: the exact sentence, or a part of it */
    } cases[] = {
        {"n", "checkpoint was made with net.n=3, this run has net.n=4"},
        {"seed", "checkpoint was made with seed=5, this run has seed=6"},
        {"seed unstated", "with start.memories=0x"},
        {"draw before", "with start.rng=0x"},
        {"lr", "checkpoint was made with train.lr=0.040000000000000001, this run has train.lr=0.01"},
        {"pixel", "with tasks.01.train=120 items 0x"},
        {"test label", "with tasks.02.test=60 items 0x"},
        {"rehearsal_fraction", "checkpoint was made with rehearsal_fraction=0.10000000000000001, this run has rehearsal_fraction=0.25"},
        {"ewc_lambda", "checkpoint was made with ewc_lambda=1, this run has ewc_lambda=10"},
        {"function", "checkpoint was made with net.function=leaky, this run has net.function=rectified"},
        {"init_std", "with start.memories=0x"},
        {"tasks", "checkpoint was made with tasks=3, this run has tasks=2"},
    };
    const char *path = "build/ck_key.ck";
    ck_tasks k;
    dam_dense net0, net;
    dam_seq s0, s;
    dam_rng r0, r;
    ck_variant v;
    unsigned char *file, *after;
    long len, len2;
    size_t klen, at;
    const char *key;
    char prev[64] = "";
    int q, lines = 0;
    ck_make_tasks(&k);
    remove(path);
    /* the uninterrupted run, and a run cancelled in task 1 that leaves its checkpoint */
    REQUIRE(ck_setup(&k, DAM_TECH_REHEARSAL, &net0, &s0, &r0, 0) == DAM_OK);
    REQUIRE(dam_seq_run(&s0, &r0) == DAM_OK);
    memset(&v, 0, sizeof v);
    v.progress = ck_cancel;
    ck_cancel_at = 7, ck_epochs_seen = 0;
    REQUIRE(ck_setup_v(&k, DAM_TECH_REHEARSAL, &net, &s, &r, &v) == DAM_OK);
    s.checkpoint = path;
    CHECK_EQ_INT(dam_seq_run(&s, &r), DAM_ERR_CANCELLED);
    dam_seq_free(&s), dam_dense_free(&net);
    file = ck_slurp(path, &len);
    REQUIRE(file != NULL);
    /* the key: sorted names, one line each, text only, every setting there */
    key = ck_key(file, len, &klen);
    REQUIRE(key != NULL);
    for (at = 0; at < klen;) {
        size_t e = at, eq;
        char name[64];
        while (e < klen && key[e] != '\n') e++;
        for (eq = at; eq < e && key[eq] != '='; eq++) CHECK(key[eq] >= 0x20 && key[eq] < 0x7f);
        REQUIRE(eq < e && eq - at < sizeof name);
        memcpy(name, key + at, eq - at);
        name[eq - at] = 0;
        CHECKF(strcmp(prev, name) < 0, "'%s' after '%s'", name, prev);
        strcpy(prev, name);
        lines++;
        at = e + 1;
    }
    /* net 8, dam_seq_desc 15 + seed, train 10, technique tasks real, start 2, items 2T */
    CHECK_EQ_INT(lines, 8 + 16 + 10 + 3 + 2 + 2 * 3);
    {
        static const char *const names[] = {"agem_sample=", "ewc_lambda=", "gem_margin=", "importance_items=",
            "importance_normalise=", "mas_lambda=", "memory_per_task=", "net.K=8\n", "net.N=33\n", "net.eps=",
            "net.function=leaky\n", "net.mask_count=3\n", "net.mask_start=30\n", "net.n=3\n", "net.temperature=",
            "pseudo_density=", "pseudo_items=", "pseudo_probe=", "pseudo_soft=", "pseudo_sweeps=", "rehearsal_fraction=", "seed=5\n",
            "si_c=", "si_damping=", "start.memories=0x", "start.rng=0x", "tasks=3\n", "tasks.00.test=60 items 0x",
            "tasks.02.train=120 items 0x", "technique=rehearsal\n", "train.T_end=", "train.T_start=", "train.batch=40\n",
            "train.epochs=4\n", "train.loss_power=1\n", "train.lr=", "train.lr_decay=", "train.momentum=", "train.probe=off\n",
            "train.product=auto\n"};
        char *z = (char *)malloc(klen + 2);
        z[0] = '\n';
        memcpy(z + 1, key, klen);
        z[klen + 1] = 0;
        for (q = 0; q < (int)(sizeof names / sizeof names[0]); q++) {
            char want[80];
            snprintf(want, sizeof want, "\n%s", names[q]);
            CHECKF(strstr(z, want) != NULL, "no line %s", names[q]);
        }
        CHECK(strstr(z, DAM_TEST_DOUBLE ? "\nreal=float64\n" : "\nreal=float32\n") != NULL);
        /* the network's reals as this build holds them, written exactly */
        {
            char want[80];
            snprintf(want, sizeof want, "\nnet.eps=%.17g\n", (double)(dam_real)0.01);
            CHECKF(strstr(z, want) != NULL, "no line %s", want + 1);
            snprintf(want, sizeof want, "\nnet.temperature=%.17g\n", (double)(dam_real)0.1);
            CHECKF(strstr(z, want) != NULL, "no line %s", want + 1);
            CHECK(!DAM_TEST_DOUBLE || strstr(z, "\nnet.temperature=0.10000000000000001\n") != NULL);
        }
        free(z);
    }
    /* every other run is refused */
    for (q = 0; q < (int)(sizeof cases / sizeof cases[0]); q++) {
        const char *w = cases[q].what;
        dam_seq before;
        dam_rng rbefore;
        static dam_real xi[8 * 33];
        static double R[9];
        dam_result res;
        memset(&v, 0, sizeof v);
        if (!strcmp(w, "n")) v.n = 4;
        if (!strcmp(w, "seed")) v.seed = 6;
        if (!strcmp(w, "seed unstated")) v.seed = 6, v.seed_unstated = 1;
        if (!strcmp(w, "draw before")) v.extra_draw = 1;
        if (!strcmp(w, "lr")) v.lr = 0.01;
        if (!strcmp(w, "pixel")) k.train[1].x[5 * 33 + 7] = (signed char)-k.train[1].x[5 * 33 + 7];
        if (!strcmp(w, "test label")) k.test[2].label[3] = (k.test[2].label[3] + 1) % 3;
        if (!strcmp(w, "rehearsal_fraction")) v.fraction = 0.25;
        if (!strcmp(w, "ewc_lambda")) v.ewc_lambda = 10;
        if (!strcmp(w, "function")) v.rectified = 1;
        if (!strcmp(w, "init_std")) v.init_std = 0.2;
        if (!strcmp(w, "tasks")) v.T = 2;
        REQUIRE(ck_setup_v(&k, DAM_TECH_REHEARSAL, &net, &s, &r, &v) == DAM_OK);
        before = s, rbefore = r;
        memcpy(xi, net.xi, sizeof xi);
        memcpy(R, s.R, sizeof(double) * (size_t)s.T * s.T);
        res = dam_seq_resume(&s, &r, path);
        CHECKF(res == DAM_ERR_CHECKPOINT_MISMATCH, "%s: %d %s", w, (int)res, s.why);
        CHECKF(strstr(s.why, cases[q].why) != NULL, "%s: '%s'", w, s.why);
        CHECKF(strstr(s.why, "this run has") != NULL, "%s: '%s'", w, s.why);
        /* nothing changed: the file, the sequence (all but why), its arrays, the rng */
        after = ck_slurp(path, &len2);
        CHECKF(after && len2 == len && memcmp(after, file, (size_t)len) == 0, "%s: the file changed", w);
        free(after);
        /* member by member (a whole-struct memcmp would read padding bytes) */
        CHECKF(before.done == s.done && before.epoch_done == s.epoch_done && before.started == s.started &&
                   before.steps == s.steps && before.projections == s.projections && before.tr.epoch == s.tr.epoch &&
                   memcmp(&before.start, &s.start, sizeof s.start) == 0 && before.net->T == s.net->T &&
                   memcmp(before.state, s.state, sizeof s.state) == 0 && before.R == s.R,
               "%s: the sequence changed", w);
        CHECK(memcmp(rbefore.s, r.s, sizeof r.s) == 0 && rbefore.spare == r.spare && rbefore.has_spare == r.has_spare);
        CHECK(memcmp(xi, net.xi, sizeof xi) == 0);
        CHECK(memcmp(R, s.R, sizeof(double) * (size_t)s.T * s.T) == 0);
        if (!strcmp(w, "pixel")) k.train[1].x[5 * 33 + 7] = (signed char)-k.train[1].x[5 * 33 + 7];
        if (!strcmp(w, "test label")) k.test[2].label[3] = (k.test[2].label[3] + 2) % 3;
        dam_seq_free(&s), dam_dense_free(&net);
    }
    /* the same command resumes (its progress callback is no setting) and ends like s0 */
    memset(&v, 0, sizeof v);
    REQUIRE(ck_setup_v(&k, DAM_TECH_REHEARSAL, &net, &s, &r, &v) == DAM_OK);
    CHECKF(dam_seq_resume(&s, &r, path) == DAM_OK, "%s", s.why);
    CHECK_EQ_INT(s.done, 1);
    CHECK_EQ_INT(s.epoch_done, 2);
    REQUIRE(dam_seq_run(&s, &r) == DAM_OK);
    CHECK(memcmp(s0.R, s.R, sizeof(double) * 9) == 0);
    CHECK(memcmp(s0.b, s.b, sizeof(double) * 3) == 0);
    CHECK(memcmp(net0.xi, net.xi, sizeof(dam_real) * 8 * 33) == 0);
    dam_seq_free(&s), dam_dense_free(&net);
    dam_seq_free(&s0), dam_dense_free(&net0);
    free(file);
    ck_free_tasks(&k);
}

/* A version-1 file (no settings key) is refused, saying why; a sequence and a network. */
static void test_checkpoint_old_version_refused(void)
{
    static const char *const paths[] = {"build/ck_key.ck", "build/ck_dense.ck"};
    int q;
    for (q = 0; q < 2; q++) {
        dam_dense d;
        REQUIRE(ck_with_version(paths[q], 1, "build/ck_v1.ck"));
        if (q == 0) {
            ck_tasks k;
            dam_dense net;
            dam_seq s;
            dam_rng r;
            ck_make_tasks(&k);
            REQUIRE(ck_setup(&k, DAM_TECH_REHEARSAL, &net, &s, &r, 0) == DAM_OK);
            CHECK_EQ_INT(dam_seq_resume(&s, &r, "build/ck_v1.ck"), DAM_ERR_VERSION);
            CHECKF(strstr(s.why, "version 1 predates settings keys") && strstr(s.why, "rerun"), "%s", s.why);
            CHECK_EQ_INT(s.done, 0);
            dam_seq_free(&s), dam_dense_free(&net);
            ck_free_tasks(&k);
        } else {
            CHECK_EQ_INT(dam_dense_load(&d, "build/ck_v1.ck", NULL), DAM_ERR_VERSION);
            CHECKF(strstr(d.why, "predates settings keys") != NULL, "%s", d.why);
            CHECK(d.xi == NULL);
        }
    }
    /* version 2: a sequence (before the technique tables) is refused, saying why; a
       network (the same layout) still loads */
    for (q = 0; q < 2; q++) {
        dam_dense d;
        REQUIRE(ck_with_version(paths[q], 2, "build/ck_v2.ck"));
        if (q == 0) {
            ck_tasks k;
            dam_dense net;
            dam_seq s;
            dam_rng r;
            ck_make_tasks(&k);
            REQUIRE(ck_setup(&k, DAM_TECH_REHEARSAL, &net, &s, &r, 0) == DAM_OK);
            CHECK_EQ_INT(dam_seq_resume(&s, &r, "build/ck_v2.ck"), DAM_ERR_VERSION);
            CHECKF(strstr(s.why, "version 2 sequence predates technique tables") && strstr(s.why, "rerun"), "%s", s.why);
            CHECK_EQ_INT(s.done, 0);
            dam_seq_free(&s), dam_dense_free(&net);
            ck_free_tasks(&k);
        } else {
            CHECKF(dam_dense_load(&d, "build/ck_v2.ck", NULL) == DAM_OK, "%s", d.why);
            dam_dense_free(&d);
        }
    }
    remove("build/ck_v2.ck");
}

/* A network file records its settings; a loader given the settings the program expects
   refuses a file made with others (init_mean and init_std do not count). */
static void test_checkpoint_dense_load_matching(void)
{
    dam_dense a, b;
    dam_rng r;
    dam_dense_desc d = dam_dense_defaults(30, 7, 5), e;
    long len;
    unsigned char *f;
    size_t klen;
    const char *key;
    dam_rng_seed(&r, 3);
    d.mask_start = 27;
    d.mask_count = 3;
    REQUIRE(dam_dense_init(&a, &d, &r, NULL) == DAM_OK);
    REQUIRE(dam_dense_save(&a, "build/ck_dense_m.ck") == DAM_OK);
    f = ck_slurp("build/ck_dense_m.ck", &len);
    REQUIRE(f != NULL);
    key = ck_key(f, len, &klen);
    REQUIRE(key != NULL);
    CHECK(klen > 20 && memcmp(key, "net.K=7\nnet.N=30\nnet.eps=", 25) == 0);
    e = d;
    e.init_std = 0.5, e.init_mean = 0.1;
    CHECKF(dam_dense_load_matching(&b, "build/ck_dense_m.ck", &e, NULL) == DAM_OK, "%s", b.why);
    CHECK(b.xi && memcmp(a.xi, b.xi, sizeof(dam_real) * 7 * 30) == 0);
    dam_dense_free(&b);
    CHECK_EQ_INT(dam_dense_load_matching(&b, "build/ck_dense_m.ck", NULL, NULL), DAM_OK);
    dam_dense_free(&b);
    e = d, e.n = 3;
    CHECK_EQ_INT(dam_dense_load_matching(&b, "build/ck_dense_m.ck", &e, NULL), DAM_ERR_CHECKPOINT_MISMATCH);
    CHECKF(strcmp(b.why, "checkpoint was made with net.n=5, this run has net.n=3") == 0, "%s", b.why);
    CHECK(b.xi == NULL);
    e = d, e.T = 0.5;
    CHECK_EQ_INT(dam_dense_load_matching(&b, "build/ck_dense_m.ck", &e, NULL), DAM_ERR_CHECKPOINT_MISMATCH);
    CHECKF(strstr(b.why, "net.temperature=0.5") != NULL, "%s", b.why);
    e = d, e.f = DAM_F_POLY;
    CHECK_EQ_INT(dam_dense_load_matching(&b, "build/ck_dense_m.ck", &e, NULL), DAM_ERR_CHECKPOINT_MISMATCH);
    CHECKF(strstr(b.why, "net.function=leaky, this run has net.function=poly") != NULL, "%s", b.why);
    e = d, e.K = 8;
    CHECK_EQ_INT(dam_dense_load_matching(&b, "build/ck_dense_m.ck", &e, NULL), DAM_ERR_CHECKPOINT_MISMATCH);
    CHECKF(strstr(b.why, "net.K=7, this run has net.K=8") != NULL, "%s", b.why);
    e = d, e.mask_count = 2;
    CHECK_EQ_INT(dam_dense_load_matching(&b, "build/ck_dense_m.ck", &e, NULL), DAM_ERR_CHECKPOINT_MISMATCH);
    e = d, e.eps = 0.02;
    CHECK_EQ_INT(dam_dense_load_matching(&b, "build/ck_dense_m.ck", &e, NULL), DAM_ERR_CHECKPOINT_MISMATCH);
    CHECKF(strstr(b.why, "net.eps") != NULL, "%s", b.why);
    {
        long len2;
        unsigned char *g = ck_slurp("build/ck_dense_m.ck", &len2);
        CHECK(g && len2 == len && memcmp(f, g, (size_t)len) == 0);
        free(g);
    }
    free(f);
    dam_dense_free(&a);
}

/* A sequence file whose step count, temperature or epoch is out of range (a crafted file
   with a valid checksum; found by fuzz_checkpoint) is refused, the sequence unchanged. */
static void test_checkpoint_sequence_counters_out_of_range(void)
{
    static const double bad[] = {1e300, -1, NAN};
    ck_tasks k;
    dam_dense net;
    dam_seq s;
    dam_rng r;
    long len;
    size_t klen, at;
    unsigned char *f = ck_slurp("build/ck_key.ck", &len), *g;
    int q, field, b;
    REQUIRE(f != NULL && ck_key(f, len, &klen) != NULL);
    at = 32 + klen + 7 * 4 + 4 * 8 + 8 + 4; /* u32 T, K, N, done ... epoch, rng words, spare, has_spare */
    ck_make_tasks(&k);
    g = (unsigned char *)malloc((size_t)len);
    for (field = 0; field < 3; field++) /* T_current, steps, projections */
        for (q = 0; q < 3; q++) {
            uint64_t u, sum;
            double v = q == 0 && field == 0 ? INFINITY : bad[q]; /* 1e300 is a valid temperature */
            memcpy(g, f, (size_t)len);
            memcpy(&u, &v, 8);
            for (b = 0; b < 8; b++) g[at + 8 * field + b] = (unsigned char)(u >> (8 * b));
            sum = dam__fnv1a(g, (size_t)len - 8);
            for (b = 0; b < 8; b++) g[len - 8 + b] = (unsigned char)(sum >> (8 * b));
            ck_spit("build/ck_range.ck", g, len);
            REQUIRE(ck_setup(&k, DAM_TECH_REHEARSAL, &net, &s, &r, 0) == DAM_OK);
            CHECKF(dam_seq_resume(&s, &r, "build/ck_range.ck") == DAM_ERR_SHAPE, "field %d value %g: %s", field, v, s.why);
            CHECK_EQ_INT(s.done, 0);
            CHECK_EQ_INT(s.steps, 0);
            dam_seq_free(&s), dam_dense_free(&net);
        }
    /* the untouched file still resumes */
    REQUIRE(ck_setup(&k, DAM_TECH_REHEARSAL, &net, &s, &r, 0) == DAM_OK);
    CHECKF(dam_seq_resume(&s, &r, "build/ck_key.ck") == DAM_OK, "%s", s.why);
    dam_seq_free(&s), dam_dense_free(&net);
    free(g);
    free(f);
    ck_free_tasks(&k);
}

/* The settings key of every built-in technique (and of rehearsal + EWC) is the same text
   as the code before the technique tables owned their checks and key lines (issue 12):
   an FNV-1a hash of the whole key of a checkpoint written after the first epoch, per
   build (the key names the number type). DAM_KEY_GOLDEN_PRINT=1 prints the hashes.
   One change on purpose, float build only: since the temperature lives in the network
   (train.T_start 0 = the network's T), train.T_start and train.T_end are the network's
   float temperature written exactly (0.10000000149011612) instead of the double a
   caller copied by hand (0.10000000000000001); the double build's keys are unchanged. */
static void test_checkpoint_keys_unchanged(void)
{
    static const uint64_t golden[2][DAM_TECH_COUNT + 1] = {
        /* double */ {0xff799ef03ef3cfedull, 0xbcc908d1a1c81695ull, 0x759203a7b4861adbull, 0x130b507090c3a627ull, 0xa47b61da43c23bfcull, 0xf948456d38fbad6dull, 0xac5a620035bb13a9ull, 0xc5c43223be21feceull, 0x3cdd890a2b63e787ull},
        /* float  */ {0xb3332fca953642dcull, 0x3244aafd32151e8cull, 0x96ededa8883cf5a6ull, 0x204325146b6ddfa6ull, 0x1d0bed543e9a27f7ull, 0xba5211c1515ec818ull, 0x2b5f08439326de4cull, 0x0e6af28684d20cd9ull, 0xff8c313f2c6c7d86ull},
    };
    const char *path = "build/ck_golden.ck";
    int print = getenv("DAM_KEY_GOLDEN_PRINT") != NULL, q;
    ck_tasks k;
    ck_make_tasks(&k);
    for (q = 0; q <= DAM_TECH_COUNT; q++) {
        dam_dense net;
        dam_seq s;
        dam_rng r;
        ck_variant v;
        unsigned char *file;
        long len;
        size_t klen;
        const char *key;
        uint64_t h;
        memset(&v, 0, sizeof v);
        v.progress = ck_cancel;
        ck_cancel_at = 2, ck_epochs_seen = 0;
        remove(path);
        if (q < DAM_TECH_COUNT) {
            REQUIRE(ck_setup_v(&k, (dam_technique)q, &net, &s, &r, &v) == DAM_OK);
        } else { /* rehearsal + EWC: the desc's extra list */
            dam_seq_desc d = dam_seq_defaults(DAM_TECH_REHEARSAL, 3);
            dam_dense_desc nd = dam_dense_defaults(33, 8, 3);
            dam_rng nr;
            d.train.epochs = 4, d.train.batch = 40, d.train.loss_power = 1, d.train.progress = ck_cancel;
            d.seed = 5;
            d.extra[0] = dam_technique_table(DAM_TECH_EWC);
            dam_rng_seed(&r, 5);
            dam_rng_seed(&nr, 9);
            nd.mask_start = 30, nd.mask_count = 3;
            REQUIRE(dam_dense_init(&net, &nd, &nr, NULL) == DAM_OK);
            REQUIRE(dam_seq_init(&s, &net, &d, k.trp, k.tep, 3, NULL) == DAM_OK);
        }
        s.checkpoint = path;
        CHECK_EQ_INT(dam_seq_run(&s, &r), DAM_ERR_CANCELLED);
        dam_seq_free(&s), dam_dense_free(&net);
        file = ck_slurp(path, &len);
        REQUIRE(file != NULL);
        key = ck_key(file, len, &klen);
        REQUIRE(key != NULL);
        h = dam__fnv1a((const unsigned char *)key, klen);
        if (print) printf("key %d: 0x%016llxull\n%.*s\n", q, (unsigned long long)h, (int)klen, key);
        CHECKF(h == golden[DAM_TEST_DOUBLE ? 0 : 1][q], "technique %d: the settings key changed (0x%016llx)", q,
               (unsigned long long)h);
        free(file);
    }
    ck_free_tasks(&k);
}

/* One error channel (issue 12): a checkpoint the run cannot write stops it with
   DAM_ERR_IO and the sequence's own why names the task and the file. */
static void test_checkpoint_sequence_write_failure_in_why(void)
{
    ck_tasks k;
    dam_dense net;
    dam_seq s;
    dam_rng r;
    ck_make_tasks(&k);
    REQUIRE(ck_setup(&k, DAM_TECH_VANILLA, &net, &s, &r, 0) == DAM_OK);
    s.checkpoint = "/nonexistent/dir/seq.ck";
    CHECK_EQ_INT(dam_seq_run(&s, &r), DAM_ERR_IO);
    CHECKF(strstr(s.why, "task 0") != NULL && strstr(s.why, "/nonexistent/dir/seq.ck") != NULL, "s.why: '%s'", s.why);
    CHECK_EQ_INT(dam_seq_save(NULL, &r, "build/x.ck"), DAM_ERR_ARGUMENT);
    dam_seq_free(&s), dam_dense_free(&net);
    ck_free_tasks(&k);
}
