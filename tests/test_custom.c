/* test_custom.c - a technique from outside dam.h: the l2pull table of
   examples/custom_technique.c (its main left out) runs through dam_seq. Its penalty
   gradient matches finite differences of its value (both through dam_seq_penalty, as
   the trainer's grad_hook adds it), its key line reaches the checkpoint, and a
   checkpoint resumes it bit-identically. Uses sq_* of test_sequence.c. */
#define CUSTOM_TECHNIQUE_NO_MAIN
#include "../examples/custom_technique.c"

static void test_custom_technique_gradient_and_checkpoint(void)
{
    sq_tasks q;
    dam_rng r, r1;
    dam_dense net, n1;
    dam_seq s, s1;
    dam_seq_desc d = sq_desc(DAM_TECH_VANILLA, 3);
    dam_real *G;
    size_t KN, e;
    double worst = 0, h = DAM_TEST_DOUBLE ? 1e-4 : 1e-2;
    const char *path = "build/custom_technique.ck";
    int keep = sq_threads_keep(), bad = 0;
    l2pull_user.lambda = 3;
    d.extra[0] = &l2pull_ops;
    dam_rng_seed(&r, 5);
    sq_make_tasks(&q, SQ_T, &r);
    REQUIRE(make_net(&net, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
    /* the table's check hook refuses its own bad setting before anything is made */
    l2pull_user.lambda = -1;
    CHECK_EQ_INT(dam_seq_init(&s, &net, &d, q.ptrain, q.ptest, SQ_T, NULL), DAM_ERR_STRENGTH);
    CHECKF(strstr(s.why, "l2pull: lambda = -1") != NULL, "why: %s", s.why);
    CHECK(s.R == NULL && s.state[0] == NULL);
    l2pull_user.lambda = 3;
    REQUIRE(dam_seq_init(&s, &net, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
    REQUIRE(dam_seq_state(&s, "l2pull") != NULL);
    REQUIRE(dam_seq_baseline(&s) == DAM_OK);
    s.started = 1;
    REQUIRE(dam_seq_learn_task(&s, &r) == DAM_OK); /* the anchor: task 0's memories */
    KN = (size_t)net.K * net.N;
    for (e = 0; e < KN; e++) net.xi[e] += (dam_real)(0.05 * dam_rng_normal(&r)); /* away from it */
    G = (dam_real *)calloc(KN, sizeof(dam_real));
    REQUIRE(G != NULL);
    CHECK(dam_seq_penalty(&s, G) > 0);
    for (e = 0; e < KN; e += 7) {
        dam_real keepv = net.xi[e];
        double up, down, fd;
        net.xi[e] = keepv + (dam_real)h;
        up = dam_seq_penalty(&s, NULL);
        net.xi[e] = keepv - (dam_real)h;
        down = dam_seq_penalty(&s, NULL);
        net.xi[e] = keepv;
        fd = (up - down) / (2 * h);
        if (fabs(fd - G[e]) > worst) worst = fabs(fd - G[e]);
        bad += fabs(fd - G[e]) > (DAM_TEST_DOUBLE ? 1e-6 : 2e-2) * (1 + fabs(fd));
    }
    CHECKF(bad == 0, "%d entries off, worst |fd - G| = %g", bad, worst);
    free(G);
    dam_seq_free(&s);
    dam_dense_free(&net);
    /* checkpoint after task 1, resumed into a fresh run: bit-identical; the key line */
    REQUIRE(make_net(&net, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
    dam_rng_seed(&r, 8);
    REQUIRE(dam_seq_init(&s, &net, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
    REQUIRE(dam_seq_baseline(&s) == DAM_OK);
    s.started = 1;
    REQUIRE(dam_seq_learn_task(&s, &r) == DAM_OK);
    REQUIRE(dam_seq_learn_task(&s, &r) == DAM_OK);
    REQUIRE(dam_seq_save(&s, &r, path) == DAM_OK);
    REQUIRE(dam_seq_run(&s, &r) == DAM_OK);
    REQUIRE(make_net(&n1, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
    dam_rng_seed(&r1, 8);
    REQUIRE(dam_seq_init(&s1, &n1, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
    CHECKF(dam_seq_resume(&s1, &r1, path) == DAM_OK, "%s", s1.why);
    REQUIRE(dam_seq_run(&s1, &r1) == DAM_OK);
    CHECK(memcmp(s.R, s1.R, sizeof(double) * SQ_T * SQ_T) == 0);
    CHECK(memcmp(net.xi, n1.xi, sizeof(dam_real) * net.K * net.N) == 0);
    dam_seq_free(&s1);
    dam_dense_free(&n1);
    /* another lambda: refused by the key, naming the table's own line */
    l2pull_user.lambda = 4;
    REQUIRE(make_net(&n1, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
    dam_rng_seed(&r1, 8);
    REQUIRE(dam_seq_init(&s1, &n1, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
    CHECK_EQ_INT(dam_seq_resume(&s1, &r1, path), DAM_ERR_CHECKPOINT_MISMATCH);
    CHECKF(strstr(s1.why, "l2pull.lambda=3, this run has l2pull.lambda=4") != NULL, "%s", s1.why);
    dam_seq_free(&s1);
    dam_dense_free(&n1);
    l2pull_user.lambda = 1;
    remove(path);
    dam_seq_free(&s);
    dam_dense_free(&net);
    sq_free_tasks(&q, SQ_T);
    sq_threads_restore(keep);
}
