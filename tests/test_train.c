/* test_train.c - validation, training on synthetic problems, the probe conventions,
   reproducibility, progress and divergence (dam:dense.train, dam:dense.classify). */

/* Synthetic classes: C prototypes of `pix` random pixels; an item is its class's
   prototype with a fraction `noise` of the pixels flipped. */
static void synth(dam_dataset *ds, int count, int pix, int C, double noise, uint64_t proto_seed, dam_rng *r)
{
    dam_rng pr;
    signed char *proto = (signed char *)malloc((size_t)C * pix);
    int i, p;
    dam_rng_seed(&pr, proto_seed);
    for (i = 0; i < C * pix; i++) proto[i] = dam_rng_uniform(&pr) < 0.5 ? 1 : -1;
    dam_dataset_init(ds, count, pix, C, NULL);
    for (i = 0; i < count; i++) {
        int c = i % C;
        signed char *x = ds->x + (size_t)i * ds->N;
        for (p = 0; p < pix; p++) x[p] = (signed char)(dam_rng_uniform(r) < noise ? -proto[c * pix + p] : proto[c * pix + p]);
        for (p = 0; p < C; p++) x[pix + p] = p == c ? 1 : -1;
        ds->label[i] = c;
    }
    free(proto);
}

static dam_result make_net(dam_dense *net, int pix, int C, int K, int n, uint64_t seed)
{
    dam_rng r;
    dam_dense_desc nd = dam_dense_defaults(pix + C, K, n);
    dam_rng_seed(&r, seed);
    nd.mask_start = pix;
    nd.mask_count = C;
    return dam_dense_init(net, &nd, &r, NULL);
}

static void test_dense_init_rejects_bad_parameters(void)
{
    dam_dense net;
    dam_rng r;
    dam_dense_desc d = dam_dense_defaults(20, 4, 3);
    dam_rng_seed(&r, 1);
    d.N = 1;  CHECK_EQ_INT(dam_dense_init(&net, &d, &r, NULL), DAM_ERR_NEURONS); d.N = 20;
    d.K = 0;  CHECK_EQ_INT(dam_dense_init(&net, &d, &r, NULL), DAM_ERR_MEMORIES); d.K = 4;
    d.n = 0;  CHECK_EQ_INT(dam_dense_init(&net, &d, &r, NULL), DAM_ERR_INTERACTION); d.n = 3;
    d.T = -1; CHECK_EQ_INT(dam_dense_init(&net, &d, &r, NULL), DAM_ERR_TEMPERATURE);
    d.T = NAN; CHECK_EQ_INT(dam_dense_init(&net, &d, &r, NULL), DAM_ERR_NOT_FINITE);
    CHECK(strstr(net.why, "T") != NULL);
    d.T = 0.5;
    d.f = DAM_F_EXP; d.T = 0.001; CHECK_EQ_INT(dam_dense_init(&net, &d, &r, NULL), DAM_ERR_TEMPERATURE);
    d.f = (dam_function)9; d.T = 0.5; CHECK_EQ_INT(dam_dense_init(&net, &d, &r, NULL), DAM_ERR_FUNCTION);
    d.f = DAM_F_LEAKY;
    d.mask_start = 15; d.mask_count = 6; CHECK_EQ_INT(dam_dense_init(&net, &d, &r, NULL), DAM_ERR_MASK);
    /* found by fuzz_checkpoint: a mask near INT_MAX overflowed while the message was made */
    d.mask_start = 2147483000; d.mask_count = 2000; CHECK_EQ_INT(dam_dense_init(&net, &d, &r, NULL), DAM_ERR_MASK);
    d.mask_start = 16; d.mask_count = 4;
    d.init_std = NAN; CHECK_EQ_INT(dam_dense_init(&net, &d, &r, NULL), DAM_ERR_NOT_FINITE);
    d.init_std = 0.1;
    CHECK(net.xi == NULL);
    CHECK_EQ_INT(dam_dense_init(&net, &d, &r, NULL), DAM_OK);
    dam_dense_free(&net);
    dam_dense_free(&net);
}

static void test_train_rejects_bad_parameters(void)
{
    dam_dense net;
    dam_trainer tr;
    dam_train_desc d = dam_train_defaults(3), bad;
    REQUIRE(make_net(&net, 20, 4, 8, 3, 1) == DAM_OK);
    bad = d; bad.epochs = -1;       CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_EPOCHS);
    bad = d; bad.batch = -1;        CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_BATCH);
    bad = d; bad.lr = -0.1;         CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_RATE);
    bad = d; bad.lr = NAN;          CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_NOT_FINITE);
    bad = d; bad.lr_decay = 1.5;    CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_RATE);
    bad = d; bad.momentum = 1;      CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_RATE);
    bad = d; bad.T_end = -1;        CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_TEMPERATURE);
    bad = d; bad.T_start = NAN;     CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_NOT_FINITE);
    bad = d; bad.loss_power = -1;   CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_LOSS_POWER);
    bad = d; bad.probe = (dam_probe)7; CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_PROBE);
    bad = d; bad.product = (dam_product)3; CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_PRODUCT);
    CHECK_EQ_INT(dam_product_from_name("auto"), DAM_PRODUCT_AUTO);
    CHECK_EQ_INT(dam_product_from_name("dense"), DAM_PRODUCT_DENSE);
    CHECK_EQ_INT(dam_product_from_name("signed"), DAM_PRODUCT_SIGNED);
    CHECK_EQ_INT(dam_product_from_name("Signed"), -1);
    CHECK_EQ_INT(dam_product_from_name(NULL), -1);
    {   /* a batch whose lists could pass 2^31 entries is refused before any allocation */
        dam_dense wide;
        dam_rng r;
        dam_train_desc big = d;
        dam_dense_desc nd = dam_dense_defaults(8192, 1, 3);
        nd.mask_start = 8182;
        nd.mask_count = 10;
        dam_rng_seed(&r, 1);
        REQUIRE(dam_dense_init(&wide, &nd, &r, NULL) == DAM_OK);
        big.batch = 1 << 20;
        CHECK_EQ_INT(dam_trainer_init(&tr, &wide, &big, 1 << 20, NULL), DAM_ERR_TOO_LARGE);
        big.batch = 1000;
        CHECK_EQ_INT(dam_trainer_init(&tr, &wide, &big, 1000, NULL), DAM_OK);
        dam_trainer_free(&tr);
        dam_dense_free(&wide);
    }
    bad = d; bad.product = (dam_product)-1; CHECK_EQ_INT(dam_trainer_init(&tr, &net, &bad, 10, NULL), DAM_ERR_PRODUCT);
    CHECK_EQ_INT(dam_trainer_init(&tr, &net, &d, 0, NULL), DAM_ERR_EMPTY);
    CHECK(tr.priv.V == NULL);
    dam_dense_free(&net);
}

/* Four classes of noisy prototypes: the DAM learns them to >= 95% on fresh items. */
static void test_train_learns_synthetic_classes(void)
{
    dam_dataset train, test;
    dam_dense net;
    dam_train_desc d = dam_train_defaults(3);
    dam_rng r;
    dam_score before, after;
    dam_rng_seed(&r, 31);
    synth(&train, 400, 60, 4, 0.15, 99, &r);
    synth(&test, 200, 60, 4, 0.15, 99, &r);
    REQUIRE(make_net(&net, 60, 4, 16, 3, 2) == DAM_OK);
    REQUIRE(dam_dense_accuracy(&net, &test, &before) == DAM_OK);
    d.epochs = 30;
    d.batch = 50;
    REQUIRE(dam_train(&net, &d, &train, &r) == DAM_OK);
    REQUIRE(dam_dense_accuracy(&net, &test, &after) == DAM_OK);
    CHECKF(after.accuracy >= 0.95, "accuracy %.3f (before training %.3f)", after.accuracy, before.accuracy);
    CHECKF(before.accuracy <= 0.6, "untrained accuracy %.3f", before.accuracy);
    CHECK_EQ_INT(after.count, 200);
    /* dam_dense_classify agrees with the batched accuracy */
    {
        int i, right = 0;
        for (i = 0; i < test.count; i++) right += dam_dense_classify(&net, test.x + (size_t)i * test.N, NULL) == test.label[i];
        CHECK_EQ_INT(right, after.right);
    }
    /* and so does the trainer's own (blocks of 64 items in its buffers), on either route */
    {
        dam_trainer tr;
        dam_score in_tr;
        int route;
        for (route = DAM_PRODUCT_DENSE; route <= DAM_PRODUCT_SIGNED; route++) {
            d.batch = 64;
            d.product = (dam_product)route;
            REQUIRE(dam_trainer_init(&tr, &net, &d, train.count, NULL) == DAM_OK);
            REQUIRE(dam_trainer_accuracy(&tr, &test, &in_tr) == DAM_OK);
            CHECK_EQ_INT(in_tr.right, after.right);
            CHECK_EQ_INT(in_tr.count, 200);
            CHECK_EQ_INT(dam_trainer_accuracy(&tr, &train, NULL), DAM_ERR_ARGUMENT);
            dam_trainer_free(&tr);
        }
    }
    dam_dense_free(&net);
    dam_dataset_free(&train);
    dam_dataset_free(&test);
}

/* The label leak of the "target" convention. Pixels here are pure noise, unrelated to
   the labels, so nothing can be learned about the class. Under "off" the loss stays
   high. Under "target" the probes of label neuron i carry the other label neurons'
   true values ("I am -1 whenever another label is +1; +1 when all others are -1"),
   and the loss falls far lower without looking at a single pixel; classification,
   which sees all labels off, stays at chance. */
static void test_train_target_convention_leaks(void)
{
    dam_dataset train, fresh;
    dam_dense off, tgt;
    dam_train_desc d = dam_train_defaults(3);
    dam_rng r;
    dam_score s_off, s_tgt;
    dam_trainer tr;
    double loss_off = 0, loss_tgt = 0;
    int i;
    const signed char **rows;
    dam_rng_seed(&r, 41);
    synth(&train, 400, 40, 4, 0.5, 5, &r); /* noise 0.5: pixels independent of the class */
    synth(&fresh, 400, 40, 4, 0.5, 5, &r);
    REQUIRE(make_net(&off, 40, 4, 16, 3, 3) == DAM_OK);
    REQUIRE(make_net(&tgt, 40, 4, 16, 3, 3) == DAM_OK);
    d.epochs = 40;
    d.batch = 50;
    d.loss_power = 1;
    d.lr = 0.02;
    REQUIRE(dam_train(&off, &d, &train, &r) == DAM_OK);
    d.probe = DAM_PROBE_TARGET;
    REQUIRE(dam_train(&tgt, &d, &train, &r) == DAM_OK);
    rows = (const signed char **)malloc(sizeof(*rows) * train.count);
    for (i = 0; i < train.count; i++) rows[i] = train.x + (size_t)i * train.N;
    d.probe = DAM_PROBE_OFF;
    REQUIRE(dam_trainer_init(&tr, &off, &d, train.count, NULL) == DAM_OK);
    dam_trainer_loss_grad(&tr, rows, train.count, NULL, &loss_off);
    dam_trainer_free(&tr);
    d.probe = DAM_PROBE_TARGET;
    REQUIRE(dam_trainer_init(&tr, &tgt, &d, train.count, NULL) == DAM_OK);
    dam_trainer_loss_grad(&tr, rows, train.count, NULL, &loss_tgt);
    dam_trainer_free(&tr);
    loss_off /= train.count;
    loss_tgt /= train.count;
    CHECKF(loss_tgt < 0.25 * loss_off, "loss per item: target %.4f, off %.4f", loss_tgt, loss_off);
    dam_dense_accuracy(&off, &fresh, &s_off);
    dam_dense_accuracy(&tgt, &fresh, &s_tgt);
    CHECKF(s_tgt.accuracy < 0.4, "target-trained accuracy %.3f on fresh noise", s_tgt.accuracy);
    dam_dataset_free(&fresh);
    free((void *)rows);
    dam_dense_free(&off);
    dam_dense_free(&tgt);
    dam_dataset_free(&train);
}

static void train_once(dam_real *out, int threads, dam_product product)
{
    dam_dataset train;
    dam_dense net;
    dam_train_desc d = dam_train_defaults(3);
    dam_rng r;
#ifdef _OPENMP
    omp_set_num_threads(threads);
#else
    (void)threads;
#endif
    dam_rng_seed(&r, 51);
    synth(&train, 300, 50, 4, 0.2, 7, &r);
    make_net(&net, 50, 4, 24, 3, 4);
    d.epochs = 3;
    d.batch = 70;
    d.product = product;
    dam_train(&net, &d, &train, &r);
    memcpy(out, net.xi, sizeof(dam_real) * 24 * 54);
    dam_dense_free(&net);
    dam_dataset_free(&train);
}

static void test_train_same_seed_bit_identical(void)
{
    /* both product routes: neither may let the thread count reach the bits */
    static dam_real a[24 * 54], b[24 * 54], c[24 * 54];
    int route;
#ifdef _OPENMP
    int keep = omp_get_max_threads();
#endif
    for (route = DAM_PRODUCT_DENSE; route <= DAM_PRODUCT_SIGNED; route++) {
        train_once(a, 1, (dam_product)route);
        train_once(b, 1, (dam_product)route);
        train_once(c, 2, (dam_product)route);
        CHECKF(memcmp(a, b, sizeof a) == 0, "route %d: two runs differ", route);
        CHECKF(memcmp(a, c, sizeof a) == 0, "route %d: 1 thread and 2 threads differ", route);
    }
    /* and the routes agree with each other to rounding after three epochs */
    train_once(b, 1, DAM_PRODUCT_DENSE);
    {
        double worst = 0;
        int k;
        for (k = 0; k < 24 * 54; k++) worst = fabs((double)a[k] - b[k]) > worst ? fabs((double)a[k] - b[k]) : worst;
        CHECKF(worst <= (DAM_TEST_DOUBLE ? 1e-9 : 1e-3), "signed and dense routes trained apart: %g", worst);
    }
#ifdef _OPENMP
    omp_set_num_threads(keep);
#endif
}

static int count_epochs(const dam_progress *p, void *user)
{
    int *calls = (int *)user;
    (*calls)++;
    return p->epoch >= 2; /* stop after the third epoch */
}

/* The step hook sees dtheta = xi_new - xi_old only when the trainer keeps it
   (dam_train_desc.keep_step; SI sets it), and NULL otherwise. */
typedef struct step_seen { int calls, with_dtheta; double worst; const dam_real *xi_before; } step_seen;

static void record_step(dam_trainer *tr, const dam_real *G, const dam_real *dtheta, void *user)
{
    step_seen *seen = (step_seen *)user;
    (void)G;
    seen->calls++;
    if (dtheta) {
        int k, n = tr->net->K * tr->net->N;
        seen->with_dtheta++;
        for (k = 0; k < n; k++) {
            double err = fabs((double)tr->net->xi[k] - seen->xi_before[k] - dtheta[k]);
            seen->worst = err > seen->worst ? err : seen->worst;
        }
    }
}

static void test_train_step_hook_dtheta_only_when_kept(void)
{
    dam_dataset train;
    dam_dense net;
    dam_trainer tr;
    dam_train_desc d = dam_train_defaults(3);
    dam_rng r;
    int keep;
    dam_rng_seed(&r, 5);
    synth(&train, 100, 30, 3, 0.1, 3, &r);
    REQUIRE(make_net(&net, 30, 3, 8, 3, 6) == DAM_OK);
    d.batch = 100; /* one step per epoch, so the copy below is the state before it */
    for (keep = 0; keep <= 1; keep++) {
        const dam_dataset *sets[1];
        static dam_real before[8 * 33];
        step_seen seen;
        memset(&seen, 0, sizeof seen);
        seen.xi_before = before;
        d.keep_step = keep;
        REQUIRE(dam_trainer_init(&tr, &net, &d, train.count, NULL) == DAM_OK);
        CHECK(keep ? tr.priv.dtheta != NULL : tr.priv.dtheta == NULL);
        tr.step_hook = record_step;
        tr.step_user = &seen;
        sets[0] = &train;
        memcpy(before, net.xi, sizeof before);
        REQUIRE(dam_trainer_epoch(&tr, sets, 1, &r, NULL) == DAM_OK);
        CHECK_EQ_INT(seen.calls, 1);
        CHECK_EQ_INT(seen.with_dtheta, keep);
        CHECKF(seen.worst <= 1e-6, "dtheta is not xi_new - xi_old: %g", seen.worst);
        dam_trainer_free(&tr);
    }
    dam_dense_free(&net);
    dam_dataset_free(&train);
}

static void test_train_progress_and_cancel(void)
{
    dam_dataset train;
    dam_dense net;
    dam_train_desc d = dam_train_defaults(3);
    dam_rng r;
    int calls = 0;
    dam_rng_seed(&r, 61);
    synth(&train, 100, 30, 3, 0.1, 8, &r);
    REQUIRE(make_net(&net, 30, 3, 8, 3, 5) == DAM_OK);
    d.epochs = 10;
    d.batch = 25;
    d.progress = count_epochs;
    d.user = &calls;
    CHECK_EQ_INT(dam_train(&net, &d, &train, &r), DAM_ERR_CANCELLED);
    CHECK_EQ_INT(calls, 3);
    CHECK(strstr(net.why, "epoch 2") != NULL);
    dam_dense_free(&net);
    dam_dataset_free(&train);
}

static void test_train_divergence_detected(void)
{
    dam_dataset train;
    dam_dense net;
    dam_train_desc d = dam_train_defaults(3);
    dam_rng r;
    dam_rng_seed(&r, 71);
    synth(&train, 100, 30, 3, 0.1, 8, &r);
    REQUIRE(make_net(&net, 30, 3, 8, 3, 6) == DAM_OK);
    net.xi[5] = (dam_real)NAN; /* a corrupted memory */
    d.epochs = 2;
    d.batch = 25;
    CHECK_EQ_INT(dam_train(&net, &d, &train, &r), DAM_ERR_DIVERGED);
    CHECKF(strstr(net.why, "epoch 0") != NULL, "why: %s", net.why);
    dam_dense_free(&net);
    dam_dataset_free(&train);
}

/* The temperature lives in the network (issue 12): a zeroed dam_dense_desc.T is the
   default of its n and f; a train desc whose T_start and T_end are 0 trains at the
   network's T and never writes it (the old code refused both zeros); a ramp writes it
   every epoch and dam_trainer_reset restores its start. A zeroed train desc (momentum
   aside, whose 0 means "none") trains bit-identically to dam_train_defaults. */
static void test_train_temperature_and_zero_defaults(void)
{
    dam_dataset ds;
    dam_dense a, b;
    dam_trainer tr;
    dam_train_desc td, zero;
    dam_dense_desc nd;
    dam_rng r, ra, rb;
    const dam_dataset *sets[1];
    int e;
    dam_rng_seed(&r, 3);
    synth(&ds, 60, 24, 3, 0.1, 7, &r);
    sets[0] = &ds;
    /* a zeroed desc but for what has no default (N, K, n) and what zero means otherwise */
    memset(&nd, 0, sizeof nd);
    nd.N = 27, nd.K = 6, nd.n = 8, nd.f = DAM_F_RECTIFIED, nd.init_std = 0.1;
    nd.mask_start = 24, nd.mask_count = 3;
    dam_rng_seed(&r, 4);
    REQUIRE(dam_dense_init(&a, &nd, &r, NULL) == DAM_OK);
    CHECK(a.T == (dam_real)dam_dense_default_temperature(8, DAM_F_RECTIFIED));
    dam_dense_free(&a);
    /* no ramp: the network's T, untouched */
    REQUIRE(make_net(&a, 24, 3, 6, 3, 5) == DAM_OK);
    a.T = (dam_real)0.25;
    td = dam_train_defaults(3);
    td.epochs = 3, td.batch = 20, td.loss_power = 1;
    CHECK(td.T_start == 0 && td.T_end == 0);
    REQUIRE(dam_trainer_init(&tr, &a, &td, ds.count, NULL) == DAM_OK);
    CHECK(tr.d.T_start == (double)(dam_real)0.25 && tr.d.T_end == tr.d.T_start);
    dam_rng_seed(&ra, 6);
    for (e = 0; e < 3; e++) REQUIRE(dam_trainer_epoch(&tr, sets, 1, &ra, NULL) == DAM_OK);
    CHECK(a.T == (dam_real)0.25);
    dam_trainer_free(&tr);
    /* a ramp from the network's T to T_end: written every epoch, restored by reset */
    td.T_end = 0.5;
    REQUIRE(dam_trainer_init(&tr, &a, &td, ds.count, NULL) == DAM_OK);
    for (e = 0; e < 3; e++) REQUIRE(dam_trainer_epoch(&tr, sets, 1, &ra, NULL) == DAM_OK);
    CHECK(a.T == (dam_real)(0.25 + (0.5 - 0.25) * 2.0 / 3.0));
    dam_trainer_reset(&tr);
    CHECK(a.T == (dam_real)0.25);
    dam_trainer_free(&tr);
    dam_dense_free(&a);
    /* zeros are the defaults: the same memories, bit for bit */
    memset(&zero, 0, sizeof zero);
    zero.momentum = 0.6;
    td = dam_train_defaults(3);
    zero.epochs = td.epochs = 2;
    REQUIRE(make_net(&a, 24, 3, 6, 3, 5) == DAM_OK);
    REQUIRE(make_net(&b, 24, 3, 6, 3, 5) == DAM_OK);
    dam_rng_seed(&ra, 8), dam_rng_seed(&rb, 8);
    REQUIRE(dam_train(&a, &td, &ds, &ra) == DAM_OK);
    REQUIRE(dam_train(&b, &zero, &ds, &rb) == DAM_OK);
    CHECK(memcmp(a.xi, b.xi, sizeof(dam_real) * 6 * 27) == 0);
    CHECK(a.T == b.T);
    dam_dense_free(&a), dam_dense_free(&b);
    dam_dataset_free(&ds);
}
