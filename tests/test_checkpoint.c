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
    char why[DAM_WHY_SIZE];
    static signed char pat[3 * 30];
    int k;
    dam_rng_seed(&r, 1);
    d.mask_start = 27;
    d.mask_count = 3;
    d.f = DAM_F_RECTIFIED;
    REQUIRE(dam_dense_init(&a, &d, &r, NULL) == DAM_OK);
    REQUIRE(dam_dense_save(&a, "build/ck_dense.ck", why) == DAM_OK);
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
    REQUIRE(dam_hopfield_save(&h, "build/ck_hop.ck", why) == DAM_OK);
    CHECK_EQ_INT(dam_dense_load(&c, "build/ck_hop.ck", NULL), DAM_ERR_KIND);
    CHECK_EQ_INT(dam_hopfield_load(&h2, "build/ck_dense.ck", NULL), DAM_ERR_KIND);
    REQUIRE(dam_hopfield_load(&h2, "build/ck_hop.ck", NULL) == DAM_OK);
    CHECK(memcmp(h.W, h2.W, sizeof(dam_real) * 30 * 30) == 0);
    /* a failed write leaves the old checkpoint in place */
    CHECK_EQ_INT(dam_dense_save(&a, "/nonexistent/dir/x.ck", why), DAM_ERR_IO);
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

/* Make the network and the sequence; technique: any. */
static dam_result ck_setup(ck_tasks *k, dam_technique tq, dam_dense *net, dam_seq *s, dam_rng *rng, int slow)
{
    dam_seq_desc d = dam_seq_defaults(tq, 3);
    dam_result r;
    d.train.epochs = 4;
    d.train.batch = 40;
    d.train.loss_power = 1;
    if (slow) d.train.progress = ck_slow;
    dam_rng_seed(rng, 5);
    if ((r = make_net(net, 30, 3, 8, 3, 9)) != DAM_OK) return r;
    return dam_seq_init(s, net, &d, k->trp, k->tep, 3, NULL);
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
    char why[DAM_WHY_SIZE];
    static dam_real keep[8 * 33];
    ck_make_tasks(&k);
    REQUIRE(ck_setup(&k, DAM_TECH_REHEARSAL, &net, &s, &r, 0) == DAM_OK);
    REQUIRE(dam_seq_learn_task(&s, &r) == DAM_OK);
    REQUIRE(dam_seq_save(&s, &r, "build/ck_seq2.ck", why) == DAM_OK);
    /* another technique: refused, nothing changed */
    REQUIRE(ck_setup(&k, DAM_TECH_EWC, &other, &t, &r2, 0) == DAM_OK);
    memcpy(keep, other.xi, sizeof keep);
    CHECK_EQ_INT(dam_seq_resume(&t, &r2, "build/ck_seq2.ck"), DAM_ERR_SHAPE);
    CHECK(memcmp(keep, other.xi, sizeof keep) == 0);
    CHECK_EQ_INT(t.done, 0);
    poke("build/ck_seq2.ck", "build/ck_seq_bad.ck", 200, 0);
    CHECK_EQ_INT(dam_seq_resume(&t, &r2, "build/ck_seq_bad.ck"), DAM_ERR_CHECKSUM);
    CHECK_EQ_INT(dam_seq_resume(&t, &r2, "build/ck_dense.ck"), DAM_ERR_KIND);
    dam_seq_free(&t); dam_dense_free(&other);
    dam_seq_free(&s); dam_dense_free(&net);
    ck_free_tasks(&k);
}
