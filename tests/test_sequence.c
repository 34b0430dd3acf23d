/* test_sequence.c - sequential learning: the metrics, every technique against vanilla
   on one small synthetic sequence, the penalty gradients, the Fisher shortcut, GEM's
   dual QP and projections, classical Hopfield sequences, reproducibility and bounded
   memory (dam:seq.*, dam:hopfield.sequence). Uses synth() and make_net() of
   test_train.c.

   The synthetic sequence ("permuted prototypes"): 4 classes of noisy prototypes (48
   pixels, 15% noise), 200 training and 200 test items; task t applies a fixed random
   pixel permutation to every item (task 0: none), like permuted MNIST. One DAM (K = 8,
   n = 3) learns T = 3 tasks, 20 epochs each, batch 50, loss power m = 1 (at m = 30
   the loss gradient of a new task, about 1e18, swamps every penalty; see dam:seq.ewc).
   Measured (seed 5): vanilla's first task falls from 1.00 to 0.17 after task 2;
   rehearsal 0.945, pseudorehearsal 0.88 (attractors 0.49), EWC 0.965, SI 0.98,
   MAS 0.99, GEM 0.945, A-GEM 0.70. */

#define SQ_PIX 48
/* pseudorehearsal's state of a sequence (dam:seq.rehearsal) */
#define SQ_PS(s) ((dam__pseudo *)dam_seq_state(&(s), "pseudorehearsal"))
#define SQ_C 4
#define SQ_T 3

typedef struct {
    dam_dataset train[SQ_T], test[SQ_T];
    const dam_dataset *ptrain[SQ_T], *ptest[SQ_T];
} sq_tasks;

static void sq_make_tasks(sq_tasks *q, int T, dam_rng *r)
{
    dam_dataset btr, bte;
    int perms[SQ_T * SQ_PIX], t;
    synth(&btr, 200, SQ_PIX, SQ_C, 0.15, 11, r);
    synth(&bte, 200, SQ_PIX, SQ_C, 0.15, 11, r);
    dam_tasks_draw_permutations(perms, T, SQ_PIX, r);
    for (t = 0; t < T; t++) {
        dam_dataset_permuted(&q->train[t], &btr, perms + t * SQ_PIX, NULL);
        dam_dataset_permuted(&q->test[t], &bte, perms + t * SQ_PIX, NULL);
        q->ptrain[t] = &q->train[t];
        q->ptest[t] = &q->test[t];
    }
    dam_dataset_free(&btr);
    dam_dataset_free(&bte);
}

static void sq_free_tasks(sq_tasks *q, int T)
{
    int t;
    for (t = 0; t < T; t++) {
        dam_dataset_free(&q->train[t]);
        dam_dataset_free(&q->test[t]);
    }
}

static dam_seq_desc sq_desc(dam_technique t, int epochs)
{
    dam_seq_desc d = dam_seq_defaults(t, 3);
    d.train.epochs = epochs;
    d.train.batch = 50;
    d.train.loss_power = 1;
    d.rehearsal_fraction = 0.2;
    d.pseudo_items = 100;
    d.memory_per_task = 40;
    d.agem_sample = 40;
    return d;
}

/* One whole sequence from seed 5; R (T x T), b (T) copied out. Returns the result. */
static dam_result sq_run(const dam_seq_desc *d, int T, double *R, double *b, double *acc)
{
    sq_tasks q;
    dam_rng r;
    dam_dense net;
    dam_dense_desc nd = dam_dense_defaults(SQ_PIX + SQ_C, 8, 3);
    dam_seq s;
    dam_result res;
    dam_rng_seed(&r, 5);
    sq_make_tasks(&q, T, &r);
    nd.mask_start = SQ_PIX;
    nd.mask_count = SQ_C;
    dam_dense_init(&net, &nd, &r, NULL);
    res = dam_seq_init(&s, &net, d, q.ptrain, q.ptest, T, NULL);
    if (res == DAM_OK) res = dam_seq_run(&s, &r);
    if (res == DAM_OK) {
        memcpy(R, s.R, sizeof(double) * T * T);
        if (b) memcpy(b, s.b, sizeof(double) * T);
        if (acc) *acc = s.acc;
    } else
        printf("    %s: %s\n", dam_technique_name(d->technique), s.why);
    dam_seq_free(&s);
    dam_dense_free(&net);
    sq_free_tasks(&q, T);
    return res;
}

static int sq_threads_keep(void)
{
#ifdef _OPENMP
    int keep = omp_get_max_threads();
    omp_set_num_threads(1); /* small problems: one thread is faster on a busy machine */
    return keep;
#else
    return 1;
#endif
}

static void sq_threads_restore(int keep)
{
#ifdef _OPENMP
    omp_set_num_threads(keep);
#else
    (void)keep;
#endif
}

/* The hand-worked average incremental accuracy of dam:seq.metrics (the same R):
   A_0 = .9, A_1 = (.7 + .8)/2, A_2 = (.5 + .6 + .8)/3. */
static void test_seq_incremental_accuracy_hand_computed(void)
{
    const double R[9] = {0.9, 0.1, 0.2, 0.7, 0.8, 0.2, 0.5, 0.6, 0.8};
    CHECK_NEAR(dam_seq_incremental_accuracy(R, 3), (0.9 + 0.75 + 1.9 / 3) / 3, 1e-12);
    CHECK_NEAR(dam_seq_incremental_accuracy(R, 1), 0.9, 1e-12); /* R[0][0] */
    CHECK_NEAR(dam_seq_incremental_accuracy(NULL, 3), 0, 0);
}

/* The hand-worked example of dam:seq.metrics. */
static void test_seq_metrics_hand_computed(void)
{
    const double R[9] = {0.9, 0.1, 0.2, 0.7, 0.8, 0.2, 0.5, 0.6, 0.8};
    const double b[3] = {0.1, 0.1, 0.1};
    double f[3], acc, bwt, fwt;
    dam_seq_metrics(R, b, 3, f, &acc, &bwt, &fwt);
    CHECK_NEAR(acc, (0.5 + 0.6 + 0.8) / 3, 1e-12);
    CHECK_NEAR(bwt, ((0.5 - 0.9) + (0.6 - 0.8)) / 2, 1e-12);
    CHECK_NEAR(fwt, ((0.1 - 0.1) + (0.2 - 0.1)) / 2, 1e-12);
    CHECK_NEAR(f[0], 0.4, 1e-12);
    CHECK_NEAR(f[1], 0.2, 1e-12);
    CHECK_NEAR(f[2], 0.0, 1e-12);
    dam_seq_metrics(R, NULL, 1, f, &acc, &bwt, &fwt); /* one task: R[0][0] only */
    CHECK_NEAR(acc, 0.9, 1e-12);
    CHECK_NEAR(bwt, 0.0, 1e-12);
    CHECK_NEAR(fwt, 0.0, 1e-12);
    CHECK_EQ_INT(dam_technique_from_name("agem"), DAM_TECH_AGEM);
    CHECK_EQ_INT(dam_technique_from_name("pseudorehearsal"), DAM_TECH_PSEUDO);
    CHECK_EQ_INT(dam_technique_from_name("bogus"), -1);
    CHECK(strcmp(dam_technique_name(DAM_TECH_SI), "si") == 0);
}

static void test_seq_rejects_bad_settings(void)
{
    sq_tasks q;
    dam_rng r;
    dam_dense net, other;
    dam_seq s;
    dam_seq_desc d = sq_desc(DAM_TECH_VANILLA, 1), bad;
    dam_dataset wrong;
    const dam_dataset *mixed[SQ_T];
    dam_rng_seed(&r, 3);
    sq_make_tasks(&q, 2, &r);
    REQUIRE(make_net(&net, SQ_PIX, SQ_C, 8, 3, 1) == DAM_OK);
    REQUIRE(make_net(&other, SQ_PIX - 1, SQ_C, 8, 3, 1) == DAM_OK);
#define SQ_EXPECT(desc, T, code) CHECK_EQ_INT(dam_seq_init(&s, &net, &(desc), q.ptrain, q.ptest, T, NULL), code)
    SQ_EXPECT(d, 0, DAM_ERR_TASKS);
    CHECK(strstr(s.why, "T = 0") != NULL);
    SQ_EXPECT(d, 65, DAM_ERR_TASKS);
    bad = d; bad.technique = (dam_technique)8;        SQ_EXPECT(bad, 2, DAM_ERR_TECHNIQUE);
    bad = d; bad.rehearsal_fraction = -0.1;           SQ_EXPECT(bad, 2, DAM_ERR_FRACTION);
    CHECK(strstr(s.why, "rehearsal_fraction") != NULL);
    bad = d; bad.rehearsal_fraction = 1.5;            SQ_EXPECT(bad, 2, DAM_ERR_FRACTION);
    bad = d; bad.pseudo_density = 1.2;                SQ_EXPECT(bad, 2, DAM_ERR_FRACTION);
    bad = d; bad.pseudo_density = -0.5;               SQ_EXPECT(bad, 2, DAM_ERR_FRACTION);
    bad = d; bad.rehearsal_fraction = NAN;            SQ_EXPECT(bad, 2, DAM_ERR_NOT_FINITE);
    bad = d; bad.ewc_lambda = -1;                     SQ_EXPECT(bad, 2, DAM_ERR_STRENGTH);
    CHECK(strstr(s.why, "ewc_lambda") != NULL);
    bad = d; bad.si_c = -1;                           SQ_EXPECT(bad, 2, DAM_ERR_STRENGTH);
    bad = d; bad.si_damping = -0.1;                   SQ_EXPECT(bad, 2, DAM_ERR_STRENGTH);
    bad = d; bad.mas_lambda = -2;                     SQ_EXPECT(bad, 2, DAM_ERR_STRENGTH);
    bad = d; bad.gem_margin = -0.5;                   SQ_EXPECT(bad, 2, DAM_ERR_STRENGTH);
    bad = d; bad.pseudo_items = -1;                   SQ_EXPECT(bad, 2, DAM_ERR_ARGUMENT);
    bad = d; bad.pseudo_probe = (dam_pseudo_probe)3;                   SQ_EXPECT(bad, 2, DAM_ERR_ARGUMENT);
    bad = d; bad.pseudo_sweeps = -1;                  SQ_EXPECT(bad, 2, DAM_ERR_ARGUMENT);
    bad = d; bad.importance_items = -1;               SQ_EXPECT(bad, 2, DAM_ERR_ARGUMENT);
    bad = d; bad.importance_normalise = 3;            SQ_EXPECT(bad, 2, DAM_ERR_ARGUMENT);
    bad = d; bad.memory_per_task = -1;                SQ_EXPECT(bad, 2, DAM_ERR_ARGUMENT);
    bad = d; bad.agem_sample = -1;                    SQ_EXPECT(bad, 2, DAM_ERR_ARGUMENT);
    /* a zero whose value was invalid means the default (each table's check fills it) */
    bad = d; bad.si_damping = 0, bad.pseudo_sweeps = 0, bad.memory_per_task = 0, bad.agem_sample = 0;
    bad.train.epochs = 0, bad.train.batch = 0, bad.train.lr = 0, bad.train.lr_decay = 0, bad.train.loss_power = 0;
    SQ_EXPECT(bad, 2, DAM_OK);
    CHECK(s.d.si_damping == 0.1 && s.d.pseudo_sweeps == 10 && s.d.memory_per_task == 256 && s.d.agem_sample == 256);
    CHECK(s.d.train.epochs == 40 && s.d.train.batch == 1000 && s.d.train.lr == 0.04 && s.d.train.lr_decay == 0.998 &&
          s.d.train.loss_power == 30 && s.d.train.T_start == (double)net.T && s.d.train.T_end == (double)net.T);
    dam_seq_free(&s);
    bad = d; bad.train.epochs = -1;                   SQ_EXPECT(bad, 2, DAM_ERR_EPOCHS);
#undef SQ_EXPECT
    CHECK(s.R == NULL && s.state[0] == NULL);
    CHECK_EQ_INT(dam_seq_init(&s, &net, &d, NULL, q.ptest, 2, NULL), DAM_ERR_TASKS);
    mixed[0] = q.ptrain[0];
    mixed[1] = NULL;
    CHECK_EQ_INT(dam_seq_init(&s, &net, &d, mixed, q.ptest, 2, NULL), DAM_ERR_TASKS);
    synth(&wrong, 10, SQ_PIX - 1, SQ_C, 0.1, 3, &r);
    mixed[1] = &wrong;
    CHECK_EQ_INT(dam_seq_init(&s, &net, &d, mixed, q.ptest, 2, NULL), DAM_ERR_SHAPE);
    CHECK_EQ_INT(dam_seq_init(&s, &other, &d, q.ptrain, q.ptest, 2, NULL), DAM_ERR_SHAPE);
    CHECK_EQ_INT(dam_seq_init(&s, &net, &d, q.ptrain, q.ptest, 2, NULL), DAM_OK);
    CHECK_EQ_INT(dam_seq_run(&s, NULL), DAM_ERR_ARGUMENT);
    dam_seq_free(&s);
    dam_seq_free(&s);
    {   /* the Hopfield sequence validates too */
        dam_hopfield h;
        dam_hopfield_seq_desc hd = dam_hopfield_seq_defaults(), hb;
        signed char pat[2 * 3 * 10];
        memset(pat, 1, sizeof pat);
        REQUIRE(dam_hopfield_init(&h, 10, NULL) == DAM_OK);
        CHECK_EQ_INT(dam_hopfield_sequence(&h, pat, 0, 3, &hd, &r, NULL, NULL, NULL), DAM_ERR_TASKS);
        CHECK_EQ_INT(dam_hopfield_sequence(&h, pat, 2, 0, &hd, &r, NULL, NULL, NULL), DAM_ERR_EMPTY);
        hb = hd; hb.rehearsal_fraction = -0.2;
        CHECK_EQ_INT(dam_hopfield_sequence(&h, pat, 2, 3, &hb, &r, NULL, NULL, NULL), DAM_ERR_FRACTION);
        hb = hd; hb.rule = DAM_HOPFIELD_DELTA; hb.eta = 0;
        CHECK_EQ_INT(dam_hopfield_sequence(&h, pat, 2, 3, &hb, &r, NULL, NULL, NULL), DAM_ERR_RATE);
        hb = hd; hb.replay = (dam_hopfield_replay)5;
        CHECK_EQ_INT(dam_hopfield_sequence(&h, pat, 2, 3, &hb, &r, NULL, NULL, NULL), DAM_ERR_ARGUMENT);
        dam_hopfield_free(&h);
    }
    dam_dataset_free(&wrong);
    dam_dense_free(&net);
    dam_dense_free(&other);
    sq_free_tasks(&q, 2);
}

/* Vanilla: the first task is learned, then forgotten. */
static void test_seq_vanilla_forgets(void)
{
    double R[SQ_T * SQ_T], b[SQ_T];
    dam_seq_desc d = sq_desc(DAM_TECH_VANILLA, 20);
    int keep = sq_threads_keep();
    REQUIRE(sq_run(&d, SQ_T, R, b, NULL) == DAM_OK);
    CHECKF(R[0] >= 0.95, "task 0 right after it was learned: %.3f", R[0]);
    CHECKF(R[(SQ_T - 1) * SQ_T] < R[0] - 0.5, "task 0 after task %d: %.3f (right after: %.3f)", SQ_T - 1,
           R[(SQ_T - 1) * SQ_T], R[0]);
    CHECKF(R[(SQ_T - 1) * SQ_T + SQ_T - 1] >= 0.95, "the last task: %.3f", R[(SQ_T - 1) * SQ_T + SQ_T - 1]);
    CHECKF(b[0] < 0.5, "the untrained network: %.3f", b[0]);
    sq_threads_restore(keep);
}

/* Every technique keeps task 0's final accuracy at least 0.25 above vanilla's (0.17);
   measured margins 0.32 (pseudorehearsal with attractors) to 0.82 (MAS). */
static void test_seq_techniques_keep_first_task(void)
{
    double R[SQ_T * SQ_T], van, acc, van_acc;
    dam_seq_desc d = sq_desc(DAM_TECH_VANILLA, 20);
    int t, keep = sq_threads_keep();
    REQUIRE(sq_run(&d, SQ_T, R, NULL, &van_acc) == DAM_OK);
    van = R[(SQ_T - 1) * SQ_T];
    for (t = DAM_TECH_REHEARSAL; t <= DAM_TECH_AGEM + 1; t++) {
        int relax = t == DAM_TECH_AGEM + 1; /* pseudorehearsal's attractor variant */
        d = sq_desc(relax ? DAM_TECH_PSEUDO : (dam_technique)t, 20);
        d.pseudo_probe = relax ? DAM_PSEUDO_RELAXED : DAM_PSEUDO_CLASS;
        if (sq_run(&d, SQ_T, R, NULL, &acc) != DAM_OK) {
            CHECKF(0, "%s failed", dam_technique_name(d.technique));
            continue;
        }
        CHECKF(R[(SQ_T - 1) * SQ_T] >= van + 0.25, "%s%s: task 0 at the end %.3f, vanilla %.3f",
               dam_technique_name(d.technique), relax ? " (attractors)" : "", R[(SQ_T - 1) * SQ_T], van);
        CHECKF(acc > van_acc, "%s%s: average accuracy %.3f, vanilla %.3f", dam_technique_name(d.technique),
               relax ? " (attractors)" : "", acc, van_acc);
    }
    sq_threads_restore(keep);
}

/* EWC, SI and MAS: the gradient the hook adds is the derivative of the penalty value,
   checked entry by entry with central differences after two tasks (so the importance
   and anchors are those of a real run), at memories moved away from the anchors. */
static void test_seq_penalty_gradients_match_finite_differences(void)
{
    int tech, keep = sq_threads_keep();
    for (tech = DAM_TECH_EWC; tech <= DAM_TECH_MAS; tech++) {
        sq_tasks q;
        dam_rng r;
        dam_dense net;
        dam_seq s;
        dam_seq_desc d = sq_desc((dam_technique)tech, 3);
        dam_real *G;
        size_t KN, j;
        double worst = 0, scale = 0, value;
        int norm;
        for (norm = 0; norm <= 1; norm++) {
            dam_rng_seed(&r, 9);
            sq_make_tasks(&q, SQ_T, &r);
            REQUIRE(make_net(&net, SQ_PIX, SQ_C, 8, 3, 2) == DAM_OK);
            d.importance_normalise = norm;
            d.ewc_lambda = d.si_c = d.mas_lambda = 0.7;
            REQUIRE(dam_seq_init(&s, &net, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
            REQUIRE(dam_seq_learn_task(&s, &r) == DAM_OK);
            REQUIRE(dam_seq_learn_task(&s, &r) == DAM_OK);
            KN = (size_t)net.K * net.N;
            for (j = 0; j < KN; j++) net.xi[j] += (dam_real)(0.05 * dam_rng_normal(&r));
            G = (dam_real *)calloc(KN, sizeof(dam_real));
            value = dam_seq_penalty(&s, G);
            CHECKF(value > 0, "%s: penalty %g", dam_technique_name(d.technique), value);
            worst = scale = 0;
            for (j = 0; j < KN; j++) {
                /* the penalty is quadratic in xi, so central differences are exact but
                   for rounding: float needs only a step large enough to leave the
                   rounding of xi (1e-2, the step actually taken); the same tolerance */
                double h = DAM_TEST_DOUBLE ? 1e-5 : 1e-2, keepv = net.xi[j], vp, vm, fd, hp, hm;
                net.xi[j] = (dam_real)(keepv + h); vp = dam_seq_penalty(&s, NULL);
                hp = (double)net.xi[j] - keepv;
                net.xi[j] = (dam_real)(keepv - h); vm = dam_seq_penalty(&s, NULL);
                hm = keepv - (double)net.xi[j];
                net.xi[j] = (dam_real)keepv;
                fd = DAM_TEST_DOUBLE ? (vp - vm) / (2 * h) : (vp - vm) / (hp + hm);
                if (fabs(fd - G[j]) > worst) worst = fabs(fd - G[j]);
                if (fabs(G[j]) > scale) scale = fabs(G[j]);
            }
            CHECKF(scale > 1e-8, "%s: zero penalty gradient", dam_technique_name(d.technique));
            CHECKF(worst <= 1e-6 * (1 + scale) * (1 + fabs(value)), "%s (normalise %d): max |fd - G| = %g, max |G| = %g",
                   dam_technique_name(d.technique), norm, worst, scale);
            free(G);
            dam_seq_free(&s);
            dam_dense_free(&net);
            sq_free_tasks(&q, SQ_T);
        }
    }
    sq_threads_restore(keep);
}

/* The Fisher from the per-item structure equals the mean of squared per-item gradients
   computed one item at a time (dam_trainer_loss_grad on a single row); MAS's importance
   equals the mean |finite difference| of ||Y||^2 = sum_c tanh(Delta_c)^2. */
static void test_seq_fisher_shortcut_matches_brute_force(void)
{
    dam_rng rng;
    dam_dense net;
    dam_trainer tr;
    signed char x[TD_ITEMS * TD_N];
    const signed char *rows[TD_ITEMS];
    dam_real F[TD_K * TD_N], G[TD_K * TD_N], M[TD_K * TD_N];
    double brute[TD_K * TD_N], worst = 0, scale = 0;
    int i, k, probe, m;
    for (probe = 0; probe <= 1; probe++)
        for (m = 1; m <= 2; m++) {
            dam_rng_seed(&rng, 17 + probe * 10 + m);
            REQUIRE(td_problem(&rng, DAM_F_LEAKY, 4, (dam_probe)probe, m, DAM_PRODUCT_AUTO, x, rows, &net, &tr) == DAM_OK);
            REQUIRE(dam_trainer_importance(&tr, rows, TD_ITEMS, 0, F) == DAM_OK);
            for (k = 0; k < TD_K * TD_N; k++) brute[k] = 0;
            for (i = 0; i < TD_ITEMS; i++) {
                REQUIRE(dam_trainer_loss_grad(&tr, rows + i, 1, G, NULL) == DAM_OK);
                for (k = 0; k < TD_K * TD_N; k++) brute[k] += (double)G[k] * G[k] / TD_ITEMS;
            }
            worst = scale = 0;
            for (k = 0; k < TD_K * TD_N; k++) {
                if (fabs(F[k] - brute[k]) > worst) worst = fabs(F[k] - brute[k]);
                if (fabs(brute[k]) > scale) scale = fabs(brute[k]);
            }
            CHECKF(scale > 1e-8, "probe %d m %d: the Fisher is zero", probe, m);
            /* float: both sides round to about 1e-7 of the scale */
            CHECKF(worst <= (DAM_TEST_DOUBLE ? 1e-10 : 1e-6) * scale, "probe %d m %d: max |shortcut - brute force| = %g of %g", probe, m, worst, scale);
            if (probe == DAM_PROBE_OFF && m == 1) { /* MAS against finite differences */
                double fdw = 0, fds = 0;
                REQUIRE(dam_trainer_importance(&tr, rows, TD_ITEMS, 1, M) == DAM_OK);
                for (k = 0; k < TD_K * TD_N; k++) {
                    /* float: a step of 1e-6 would be all rounding; 1e-2 measured 2e-3 of the scale */
                    double acc = 0, keepv = net.xi[k], h = DAM_TEST_DOUBLE ? 1e-6 : 1e-2;
                    for (i = 0; i < TD_ITEMS; i++) {
                        double sc[TD_C], yp = 0, ym = 0;
                        int c;
                        net.xi[k] = (dam_real)(keepv + h); dam_dense_sync(&net);
                        dam_dense_classify(&net, rows[i], sc);
                        for (c = 0; c < TD_C; c++) yp += tanh(sc[c]) * tanh(sc[c]);
                        net.xi[k] = (dam_real)(keepv - h); dam_dense_sync(&net);
                        dam_dense_classify(&net, rows[i], sc);
                        for (c = 0; c < TD_C; c++) ym += tanh(sc[c]) * tanh(sc[c]);
                        acc += fabs(yp - ym) / (2 * h) / TD_ITEMS;
                    }
                    net.xi[k] = (dam_real)keepv; dam_dense_sync(&net);
                    if (fabs(acc - M[k]) > fdw) fdw = fabs(acc - M[k]);
                    if (acc > fds) fds = acc;
                }
                CHECKF(fds > 1e-6, "MAS importance is zero");
                CHECKF(fdw <= (DAM_TEST_DOUBLE ? 1e-5 * (1 + fds) : 2e-2 * fds), "MAS: max |shortcut - finite differences| = %g of %g", fdw, fds);
            }
            dam_trainer_free(&tr);
            dam_dense_free(&net);
        }
}

/* Brute force for GEM's dual: every subset F of free variables, P_FF u_F = -d_F by
   Gaussian elimination, kept if u_F >= 0 and w = P u + d >= 0 off F; the feasible KKT
   point with the lowest objective. */
static double bf_dual(int t, const double *P, const double *c, double margin, double *v)
{
    double best = 1e300, d[8];
    int mask, i, j, k;
    for (i = 0; i < t; i++) {
        d[i] = c[i];
        for (j = 0; j < t; j++) d[i] += margin * P[i * t + j];
    }
    for (mask = 0; mask < (1 << t); mask++) {
        double A[8][9], u[8] = {0}, obj = 0;
        int F[8], f = 0, ok = 1;
        for (i = 0; i < t; i++)
            if (mask >> i & 1) F[f++] = i;
        for (i = 0; i < f; i++) {
            for (j = 0; j < f; j++) A[i][j] = P[F[i] * t + F[j]];
            A[i][f] = -d[F[i]];
        }
        for (k = 0; k < f && ok; k++) { /* elimination with partial pivoting */
            int piv = k;
            for (i = k + 1; i < f; i++)
                if (fabs(A[i][k]) > fabs(A[piv][k])) piv = i;
            if (fabs(A[piv][k]) < 1e-14) { ok = 0; break; }
            for (j = 0; j <= f; j++) { double tmp = A[k][j]; A[k][j] = A[piv][j]; A[piv][j] = tmp; }
            for (i = 0; i < f; i++)
                if (i != k) {
                    double fac = A[i][k] / A[k][k];
                    for (j = k; j <= f; j++) A[i][j] -= fac * A[k][j];
                }
        }
        if (!ok) continue;
        for (i = 0; i < f; i++) {
            u[F[i]] = A[i][f] / A[i][i];
            if (u[F[i]] < -1e-12) ok = 0;
        }
        for (i = 0; i < t && ok; i++) {
            double w = d[i];
            for (j = 0; j < t; j++) w += P[i * t + j] * u[j];
            if (!(mask >> i & 1) && w < -1e-9) ok = 0;
        }
        if (!ok) continue;
        for (i = 0; i < t; i++) {
            obj += d[i] * u[i];
            for (j = 0; j < t; j++) obj += 0.5 * u[i] * P[i * t + j] * u[j];
        }
        if (obj < best) {
            best = obj;
            for (i = 0; i < t; i++) v[i] = margin + u[i];
        }
    }
    return best;
}

static void test_gem_dual_matches_enumeration(void)
{
    dam_rng r;
    int trial;
    double work[2 * 64 * 64 + 8 * 64];
    dam_rng_seed(&r, 77);
    for (trial = 0; trial < 300; trial++) {
        int t = 1 + (int)dam_rng_below(&r, 6), L = t + 1 + (int)dam_rng_below(&r, 6), i, j, k;
        double Gm[6 * 12], g[12], P[36], c[6], v[6], vb[6], margin = trial % 2 ? 0.5 : 0.0, worst = 0;
        for (i = 0; i < t * L; i++) Gm[i] = dam_rng_normal(&r);
        for (i = 0; i < L; i++) g[i] = dam_rng_normal(&r);
        if (trial % 3 == 0) for (i = 0; i < L; i++) g[i] -= 2 * Gm[i]; /* a clear violation */
        for (i = 0; i < t; i++) {
            c[i] = 0;
            for (k = 0; k < L; k++) c[i] += Gm[i * L + k] * g[k];
            for (j = 0; j < t; j++) {
                P[i * t + j] = 0;
                for (k = 0; k < L; k++) P[i * t + j] += Gm[i * L + k] * Gm[j * L + k];
            }
        }
        REQUIRE(dam_gem_dual(t, P, c, margin, v, work) == DAM_OK);
        REQUIRE(bf_dual(t, P, c, margin, vb) < 1e299);
        for (i = 0; i < t; i++) {
            if (fabs(v[i] - vb[i]) > worst) worst = fabs(v[i] - vb[i]);
            CHECKF(v[i] >= margin - 1e-12, "v[%d] = %g below the margin %g", i, v[i], margin);
        }
        CHECKF(worst <= 1e-8, "trial %d (t = %d): max |v - brute force| = %g", trial, t, worst);
    }
    CHECK_EQ_INT(dam_gem_dual(0, work, work, 0, work, work), DAM_ERR_ARGUMENT);
    CHECK_EQ_INT(dam_gem_dual(2, work, work, -1, work, work), DAM_ERR_STRENGTH);
}

/* After GEM's projection every memory's constraint g . g_k >= 0 holds; with margin 0
   the result is the closest such vector (moving along any feasible direction that keeps
   the active constraints does not get closer); an unviolated g is left alone. */
static void test_gem_projection_satisfies_constraints(void)
{
    dam_rng r;
    int trial;
    double work[2 * 64 * 64 + 8 * 64];
    dam_rng_seed(&r, 78);
    for (trial = 0; trial < 100; trial++) {
        enum { L = 40 };
        int t = 1 + (int)dam_rng_below(&r, 5), i, k, changed;
        dam_real gk[5 * L], g[L], g0[L];
        double margin = trial % 2 ? 0.5 : 0.0;
        for (i = 0; i < t * L; i++) gk[i] = (dam_real)dam_rng_normal(&r);
        if (t >= 3 && trial % 4 == 0) memcpy(gk + L, gk, sizeof(dam_real) * L); /* two equal memories */
        for (i = 0; i < L; i++) g0[i] = g[i] = (dam_real)(dam_rng_normal(&r) - (trial % 3 == 0 ? gk[i] : 0));
        changed = dam_gem_project(g, gk, t, L, margin, work);
        REQUIRE(changed >= 0);
        for (k = 0; k < t; k++) {
            double dot = 0, before = 0, ng = 0, nk = 0;
            double eps = sizeof(dam_real) == sizeof(float) ? 1e-5 : 1e-12; /* rounding of dam_real */
            for (i = 0; i < L; i++) {
                dot += (double)g[i] * gk[k * L + i], before += (double)g0[i] * gk[k * L + i];
                ng += (double)g[i] * g[i], nk += (double)gk[k * L + i] * gk[k * L + i];
            }
            CHECKF(dot >= -eps * sqrt(ng * nk), "trial %d: g . g_%d = %g after the projection", trial, k, dot);
            if (!changed) CHECK(before >= 0);
        }
        if (!changed) CHECK(memcmp(g, g0, sizeof g) == 0);
    }
}

/* A-GEM: the closed form, and nothing done when g . g_ref >= 0. */
static void test_agem_projection_closed_form(void)
{
    dam_rng r;
    int trial, i;
    dam_rng_seed(&r, 79);
    for (trial = 0; trial < 50; trial++) {
        enum { L = 30 };
        dam_real g[L], ref[L], want[L];
        double dot = 0, nn = 0, after = 0, worst = 0;
        for (i = 0; i < L; i++) ref[i] = (dam_real)dam_rng_normal(&r), g[i] = (dam_real)dam_rng_normal(&r);
        for (i = 0; i < L; i++) dot += (double)g[i] * ref[i], nn += (double)ref[i] * ref[i];
        for (i = 0; i < L; i++) want[i] = dot < 0 ? (dam_real)(g[i] - dot / nn * ref[i]) : g[i];
        CHECK_EQ_INT(dam_agem_project(g, ref, L), dot < 0);
        for (i = 0; i < L; i++) {
            after += (double)g[i] * ref[i];
            if (fabs(g[i] - want[i]) > worst) worst = fabs(g[i] - want[i]);
        }
        CHECKF(worst <= 1e-5, "trial %d: max |g - closed form| = %g", trial, worst);
        if (dot < 0) CHECK_NEAR(after, 0.0, 1e-4);
    }
}

/* Classical Hopfield network, two tasks of 20 random patterns each.
   Hebbian, N = 200 (0.1 N per task, 0.2 N together: past the capacity): task 1
   degrades task 0's recall (measured 1.00 -> 0.30). Under the additive Hebbian rule
   replaying pseudo-items only adds load (recall does not rise), so the recovery is
   shown, as by Robins & McCallum (1998), with the iterative Delta rule, N = 100, here
   with a margin kappa = 10: task 1 overwrites task 0 (stable fraction 1.00 -> 0.05);
   the 10 most visited attractors of 300 probes, learned with task 1, keep much of it
   (measured 0.50), as does rehearsing half of task 0 (0.50). Hebbian replay of the
   3 most visited attractors: recall 0.30 -> 0.05. */
/* One sequence in a fresh network of N neurons. */
static dam_result hop_sequence(int N, const signed char *pat, int T, int P, const dam_hopfield_seq_desc *d,
                               dam_rng *r, double *stable, double *recall)
{
    dam_hopfield h;
    dam_result res = dam_hopfield_init(&h, N, NULL);
    if (res != DAM_OK) return res;
    res = dam_hopfield_sequence(&h, pat, T, P, d, r, stable, recall, NULL);
    dam_hopfield_free(&h);
    return res;
}

static void test_hopfield_sequence_forgetting_and_pseudorehearsal(void)
{
    enum { NH = 200, ND = 100, P = 20, T = 2 };
    static signed char pat[T * P * NH];
    dam_hopfield_seq_desc d = dam_hopfield_seq_defaults();
    dam_rng r;
    double heb_rec[T * T], hps_rec[T * T], del_st[T * T], dps_st[T * T], reh_st[T * T];
    int i;
    dam_rng_seed(&r, 91);
    for (i = 0; i < T * P * NH; i++) pat[i] = dam_rng_uniform(&r) < 0.5 ? 1 : -1;
    REQUIRE(hop_sequence(NH, pat, T, P, &d, &r, NULL, heb_rec) == DAM_OK);
    d.replay = DAM_REPLAY_PSEUDO;
    REQUIRE(hop_sequence(NH, pat, T, P, &d, &r, NULL, hps_rec) == DAM_OK);
    CHECKF(heb_rec[0] >= 0.9, "Hebbian, task 0 right after it: recall %.3f", heb_rec[0]);
    CHECKF(heb_rec[T] <= heb_rec[0] - 0.3, "Hebbian, task 0 after task 1: recall %.3f (before %.3f)", heb_rec[T], heb_rec[0]);
    CHECKF(hps_rec[T] <= heb_rec[T], "Hebbian replay adds load: recall %.3f with, %.3f without", hps_rec[T], heb_rec[T]);
    /* Delta rule (patterns: the first T*P rows of N = 100 from the same stream) */
    for (i = 0; i < T * P * ND; i++) pat[i] = dam_rng_uniform(&r) < 0.5 ? 1 : -1;
    d = dam_hopfield_seq_defaults();
    d.rule = DAM_HOPFIELD_DELTA;
    d.kappa = 10;
    REQUIRE(hop_sequence(ND, pat, T, P, &d, &r, del_st, NULL) == DAM_OK);
    d.replay = DAM_REPLAY_PSEUDO;
    d.pseudo_keep = 10;
    REQUIRE(hop_sequence(ND, pat, T, P, &d, &r, dps_st, NULL) == DAM_OK);
    d.replay = DAM_REPLAY_REHEARSAL;
    d.rehearsal_fraction = 0.5;
    REQUIRE(hop_sequence(ND, pat, T, P, &d, &r, reh_st, NULL) == DAM_OK);
    if (getenv("DAM_TEST_VERBOSE")) printf("    hebb %.2f -> %.2f (replay %.2f); delta %.2f pseudo %.2f rehearsal %.2f\n", heb_rec[0], heb_rec[T], hps_rec[T], del_st[T], dps_st[T], reh_st[T]);
    CHECKF(del_st[0] == 1.0 && del_st[T + 1] == 1.0, "Delta learns each task: %.3f %.3f", del_st[0], del_st[T + 1]);
    CHECKF(del_st[T] <= 0.3, "Delta: task 0 stable after task 1: %.3f", del_st[T]);
    CHECKF(dps_st[T] >= del_st[T] + 0.15, "Delta: task 0 stable after task 1, pseudorehearsal %.3f, without %.3f", dps_st[T], del_st[T]);
    CHECKF(reh_st[T] >= del_st[T] + 0.3, "Delta: task 0 stable after task 1, rehearsal %.3f, without %.3f", reh_st[T], del_st[T]);
}

/* Pseudorehearsal's class-conditional pseudo-items on the synthetic sequence (m = 1,
   the setting of the other technique tests): they keep task 0 better than vanilla by
   at least 0.5 at the end (measured, seed 5: vanilla 0.170, class 0.970; random
   probes 0.880 here, because the synthetic prototypes are dense noise-like patterns,
   unlike MNIST digits; at m = 30 all three are close: 0.425, 0.520, 0.595). Their labels
   spread over the classes (no skew warning). The guard fires on a constructed
   degenerate set: probes with every pixel on are all the same input, so one label
   takes every item. */
static void test_seq_class_pseudo_items_beat_vanilla_and_guard(void)
{
    double R[SQ_T * SQ_T], van, cls, rnd;
    dam_seq_desc d = sq_desc(DAM_TECH_VANILLA, 20);
    sq_tasks q;
    dam_rng r;
    dam_dense net;
    dam_seq s;
    int keep = sq_threads_keep(), t, c, sum;
    REQUIRE(sq_run(&d, SQ_T, R, NULL, NULL) == DAM_OK);
    van = R[(SQ_T - 1) * SQ_T];
    d.technique = DAM_TECH_PSEUDO;
    d.pseudo_probe = DAM_PSEUDO_CLASS;
    REQUIRE(sq_run(&d, SQ_T, R, NULL, NULL) == DAM_OK);
    cls = R[(SQ_T - 1) * SQ_T];
    d.pseudo_probe = DAM_PSEUDO_RANDOM;
    REQUIRE(sq_run(&d, SQ_T, R, NULL, NULL) == DAM_OK);
    rnd = R[(SQ_T - 1) * SQ_T];
    if (getenv("DAM_TEST_VERBOSE")) printf("    task 0 at the end: vanilla %.3f, class %.3f, random %.3f\n", van, cls, rnd);
    CHECKF(cls >= van + 0.5, "class-conditional pseudo-items: task 0 at the end %.3f, vanilla %.3f", cls, van);
    /* the guard, on the class variant and on a degenerate random set */
    dam_rng_seed(&r, 5);
    sq_make_tasks(&q, SQ_T, &r);
    REQUIRE(make_net(&net, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
    d.pseudo_probe = DAM_PSEUDO_CLASS;
    REQUIRE(dam_seq_init(&s, &net, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
    REQUIRE(dam_seq_run(&s, &r) == DAM_OK);
    for (t = 1; t < SQ_T; t++) {
        for (c = 0, sum = 0; c < SQ_C; c++) sum += s.pseudo_hist[t * SQ_C + c];
        CHECKF(sum == d.pseudo_items, "task %d: histogram sums to %d", t, sum);
        CHECKF(s.pseudo_skewed[t] == 0, "class variant, task %d: skewed", t);
        CHECKF(s.pseudo_margin[t] > 0 && s.real_margin[t] > 0, "task %d: margins %g %g", t, s.pseudo_margin[t], s.real_margin[t]);
    }
    CHECK_EQ_INT(s.pseudo_warnings, 0);
    CHECK_EQ_INT(SQ_PS(s)->q_tasks, SQ_T - 1);
    dam_seq_free(&s);
    /* a degenerate set: every pixel of every probe on (density 1) gives every probe
       the same input, so one label takes all P items */
    d.pseudo_probe = DAM_PSEUDO_RANDOM;
    d.pseudo_density = 1.0;
    dam_dense_free(&net);
    REQUIRE(make_net(&net, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
    REQUIRE(dam_seq_init(&s, &net, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
    REQUIRE(dam_seq_run(&s, &r) == DAM_OK);
    for (t = 1; t < SQ_T; t++) {
        int top = 0;
        for (c = 0; c < SQ_C; c++) top = s.pseudo_hist[t * SQ_C + c] > top ? s.pseudo_hist[t * SQ_C + c] : top;
        CHECKF(top == d.pseudo_items, "degenerate set, task %d: top label %d of %d", t, top, d.pseudo_items);
        CHECKF(s.pseudo_skewed[t] == 1, "degenerate set, task %d: the guard did not fire", t);
    }
    CHECK_EQ_INT(s.pseudo_warnings, SQ_T - 1);
    dam_seq_free(&s);
    dam_dense_free(&net);
    sq_free_tasks(&q, SQ_T);
    sq_threads_restore(keep);
}

/* The class-conditional densities: q[k][c][j] = round(255 * fraction of task k's
   class-c items with pixel j on), by hand on task 0 of the synthetic sequence. */
static void test_seq_class_densities_by_hand(void)
{
    sq_tasks q;
    dam_rng r;
    dam_dense net;
    dam_seq s;
    dam_seq_desc d = sq_desc(DAM_TECH_PSEUDO, 1);
    int c, j, i, bad = 0;
    dam_rng_seed(&r, 5);
    sq_make_tasks(&q, SQ_T, &r);
    REQUIRE(make_net(&net, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
    REQUIRE(dam_seq_init(&s, &net, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
    REQUIRE(dam_seq_baseline(&s) == DAM_OK);
    REQUIRE(dam_seq_learn_task(&s, &r) == DAM_OK);
    CHECK_EQ_INT(SQ_PS(s)->q_tasks, 1);
    for (c = 0; c < SQ_C; c++)
        for (j = 0; j < SQ_PIX; j++) {
            int on = 0, n = 0;
            for (i = 0; i < q.train[0].count; i++)
                if (q.train[0].label[i] == c) n++, on += q.train[0].x[i * q.train[0].N + j] > 0;
            bad += n == 0 || SQ_PS(s)->q[c * SQ_PIX + j] != (unsigned char)((255 * on + n / 2) / n) || SQ_PS(s)->q_count[c] != n;
        }
    CHECK_EQ_INT(bad, 0);
    dam_seq_free(&s);
    dam_dense_free(&net);
    sq_free_tasks(&q, SQ_T);
}

/* A checkpoint carries pseudorehearsal's state (the densities q, the guard): saved
   after task 1 of 3 (before task 2 its pseudo-items are made from q of tasks 0 and
   1), resumed into a fresh sequence and finished, everything is bit-identical to the
   uninterrupted run. Without the block the resumed run has no densities and differs. */
static void test_seq_class_pseudo_checkpoint_resume(void)
{
    sq_tasks q;
    dam_rng r0, r1, rs;
    dam_dense n0, n1;
    dam_seq s0, s1;
    dam_seq_desc d = sq_desc(DAM_TECH_PSEUDO, 5);
    const char *path = "build/sq_pseudo.ck";
    d.pseudo_soft = 3; /* the soft targets travel with the pseudo-items */
    int keep = sq_threads_keep();
    dam_rng_seed(&rs, 5);
    sq_make_tasks(&q, SQ_T, &rs);
    /* uninterrupted */
    dam_rng_seed(&r0, 8);
    REQUIRE(make_net(&n0, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
    REQUIRE(dam_seq_init(&s0, &n0, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
    REQUIRE(dam_seq_run(&s0, &r0) == DAM_OK);
    /* interrupted after task 1: the first run is redone up to there and saved */
    dam_rng_seed(&r1, 8);
    REQUIRE(make_net(&n1, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
    REQUIRE(dam_seq_init(&s1, &n1, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
    REQUIRE(dam_seq_baseline(&s1) == DAM_OK);
    s1.started = 1;
    REQUIRE(dam_seq_learn_task(&s1, &r1) == DAM_OK);
    REQUIRE(dam_seq_learn_task(&s1, &r1) == DAM_OK);
    REQUIRE(dam_seq_save(&s1, &r1, path) == DAM_OK);
    dam_seq_free(&s1);
    dam_dense_free(&n1);
    /* a fresh process running the same command would start here (the same seed and the
       same first memories: a checkpoint refuses any other start, see dam:checkpoint) */
    dam_rng_seed(&r1, 8);
    REQUIRE(make_net(&n1, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
    REQUIRE(dam_seq_init(&s1, &n1, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
    CHECKF(dam_seq_resume(&s1, &r1, path) == DAM_OK, "resume: %s", s1.why);
    CHECK_EQ_INT(SQ_PS(s1)->q_tasks, 2);
    REQUIRE(dam_seq_run(&s1, &r1) == DAM_OK);
    CHECK(memcmp(s0.R, s1.R, sizeof(double) * SQ_T * SQ_T) == 0);
    CHECK(memcmp(n0.xi, n1.xi, sizeof(dam_real) * n0.K * n0.N) == 0);
    CHECK(memcmp(SQ_PS(s0)->q, SQ_PS(s1)->q, (size_t)(SQ_T - 1) * SQ_C * SQ_PIX) == 0);
    CHECK(memcmp(s0.pseudo_hist, s1.pseudo_hist, sizeof(int) * SQ_T * SQ_C) == 0);
    CHECK(memcmp(s0.pseudo_margin, s1.pseudo_margin, sizeof(double) * SQ_T) == 0);
    CHECK(memcmp(s0.real_margin, s1.real_margin, sizeof(double) * SQ_T) == 0);
    CHECK_EQ_INT(s0.pseudo_warnings, s1.pseudo_warnings);
    remove(path);
    dam_seq_free(&s0);
    dam_dense_free(&n0);
    dam_seq_free(&s1);
    dam_dense_free(&n1);
    sq_free_tasks(&q, SQ_T);
    sq_threads_restore(keep);
}

/* Soft targets (pseudo_soft): items inside the trainer's soft_rows are scored by
   w sum_c (Y_c - t_c)^2. Its loss equals that formula with Y_c = tanh(Delta_c) from
   dam_dense_classify, and its gradient matches central finite differences (both
   products, m = 2 for the other items, w = 5, 4 of 6 items soft). */
static void test_seq_soft_target_loss_and_gradient(void)
{
    int route;
    if (!DAM_TEST_DOUBLE) SKIP("float build: this check uses central differences with h = 1e-6, which need double precision (no float step and tolerance chosen for it yet)");
    for (route = 0; route < 2; route++) {
        dam_rng rng;
        dam_dense net;
        dam_trainer tr;
        signed char x[TD_ITEMS * TD_N];
        const signed char *rows[TD_ITEMS];
        dam_real G[TD_K * TD_N], tg[TD_ITEMS * TD_C];
        double worst = 0, scale = 0, off, on, expect = 0, D[TD_C];
        int k, i, c;
        dam_rng_seed(&rng, 41 + route);
        REQUIRE(td_problem(&rng, DAM_F_LEAKY, 4, DAM_PROBE_OFF, 2, route ? DAM_PRODUCT_SIGNED : DAM_PRODUCT_DENSE, x, rows,
                           &net, &tr) == DAM_OK);
        for (k = 0; k < TD_ITEMS * TD_C; k++) tg[k] = (dam_real)(2 * dam_rng_uniform(&rng) - 1);
        off = td_loss(&tr, rows);
        tr.priv.soft_rows = x + 2 * TD_N;
        tr.priv.soft_count = TD_ITEMS - 2;
        tr.priv.soft_target = tg;
        tr.priv.soft_weight = 5;
        on = td_loss(&tr, rows);
        for (i = 2; i < TD_ITEMS; i++) { /* the soft items' loss, by the formula */
            net.T = (dam_real)0.9;
            dam_dense_classify(&net, x + i * TD_N, D);
            for (c = 0; c < TD_C; c++) {
                double Y = tanh(D[c]), e = Y - x[i * TD_N + TD_PIX + c], d = Y - tg[(i - 2) * TD_C + c];
                expect += 5 * d * d - e * e * e * e;
            }
        }
        CHECKF(fabs((on - off) - expect) <= 1e-9 * (1 + fabs(expect)), "soft loss %.12g, formula %.12g", on - off, expect);
        REQUIRE(dam_trainer_loss_grad(&tr, rows, TD_ITEMS, G, NULL) == DAM_OK);
        for (k = 0; k < TD_K * TD_N; k++) {
            double h = 1e-6, keep = net.xi[k], lp, lm, fd;
            net.xi[k] = (dam_real)(keep + h); dam_dense_sync(&net); lp = td_loss(&tr, rows);
            net.xi[k] = (dam_real)(keep - h); dam_dense_sync(&net); lm = td_loss(&tr, rows);
            net.xi[k] = (dam_real)keep; dam_dense_sync(&net);
            fd = (lp - lm) / (2 * h);
            if (fabs(fd - G[k]) > worst) worst = fabs(fd - G[k]);
            if (fabs(fd) > scale) scale = fabs(fd);
        }
        CHECKF(scale > 1e-6, "the gradient is zero: the check would prove nothing");
        CHECKF(worst <= 1e-5 * (1 + scale), "route %d: max |fd - G| = %g, max |G| = %g", route, worst, scale);
        dam_trainer_free(&tr);
        dam_dense_free(&net);
    }
}

/* pseudo_soft > 0 runs a whole sequence (targets made with the pseudo-items, kept in
   checkpoints) and differs from one-hot targets; on the synthetic sequence it keeps
   task 0 above vanilla too. */
static void test_seq_soft_pseudo_items_run(void)
{
    double R[SQ_T * SQ_T], Rh[SQ_T * SQ_T], van;
    dam_seq_desc d = sq_desc(DAM_TECH_VANILLA, 20);
    int keep = sq_threads_keep();
    REQUIRE(sq_run(&d, SQ_T, R, NULL, NULL) == DAM_OK);
    van = R[(SQ_T - 1) * SQ_T];
    d.technique = DAM_TECH_PSEUDO;
    REQUIRE(sq_run(&d, SQ_T, Rh, NULL, NULL) == DAM_OK);
    d.pseudo_soft = 10;
    REQUIRE(sq_run(&d, SQ_T, R, NULL, NULL) == DAM_OK);
    if (getenv("DAM_TEST_VERBOSE")) printf("    task 0 at the end: vanilla %.3f, one-hot %.3f, soft %.3f\n", van, Rh[(SQ_T - 1) * SQ_T], R[(SQ_T - 1) * SQ_T]);
    CHECK(memcmp(R, Rh, sizeof R) != 0);
    CHECKF(R[(SQ_T - 1) * SQ_T] >= van + 0.3, "soft: task 0 at the end %.3f, vanilla %.3f", R[(SQ_T - 1) * SQ_T], van);
    d.pseudo_soft = -1;
    CHECK_EQ_INT(sq_run(&d, SQ_T, R, NULL, NULL), DAM_ERR_STRENGTH);
    sq_threads_restore(keep);
}

/* The same seed gives a bit-identical R, twice and with 1 or 2 threads, for the
   techniques with parallel or random parts (pseudo-item relaxation, A-GEM samples, SI). */
static void test_seq_same_seed_bit_identical(void)
{
    static const dam_technique techs[4] = {DAM_TECH_PSEUDO, DAM_TECH_AGEM, DAM_TECH_SI, DAM_TECH_PSEUDO};
    int k;
#ifdef _OPENMP
    int keep = omp_get_max_threads();
#endif
    for (k = 0; k < 4; k++) {
        double a[4], b[4], c[4];
        dam_seq_desc d = sq_desc(techs[k], 4);
        d.pseudo_probe = k == 3 ? DAM_PSEUDO_CLASS : DAM_PSEUDO_RELAXED;
        d.pseudo_items = 30;
#ifdef _OPENMP
        omp_set_num_threads(1);
#endif
        REQUIRE(sq_run(&d, 2, a, NULL, NULL) == DAM_OK);
        REQUIRE(sq_run(&d, 2, b, NULL, NULL) == DAM_OK);
#ifdef _OPENMP
        omp_set_num_threads(2);
#endif
        REQUIRE(sq_run(&d, 2, c, NULL, NULL) == DAM_OK);
        CHECKF(memcmp(a, b, sizeof a) == 0, "%s: two runs differ", dam_technique_name(techs[k]));
        CHECKF(memcmp(a, c, sizeof a) == 0, "%s: 1 and 2 threads differ", dam_technique_name(techs[k]));
    }
#ifdef _OPENMP
    omp_set_num_threads(keep);
#endif
}

/* Bounded memory: every technique takes all its memory in dam_seq_init (counted by an
   allocator) and none while the sequence runs; s->bytes matches the documented sizes. */
static size_t sq_allocs, sq_live;
static void *sq_alloc(size_t size, void *user) { (void)user; sq_allocs++; sq_live += size; return malloc(size); }
static void sq_free(void *p, void *user) { (void)user; free(p); }

static void test_seq_memory_bounded(void)
{
    dam_allocator al = {sq_alloc, sq_free, NULL};
    int tech, keep = sq_threads_keep();
    for (tech = 0; tech < DAM_TECH_COUNT; tech++) {
        sq_tasks q;
        dam_rng r;
        dam_dense net;
        dam_seq s;
        dam_seq_desc d = sq_desc((dam_technique)tech, 2);
        size_t after_init, KN, expect = 0;
        dam_rng_seed(&r, 4);
        sq_make_tasks(&q, SQ_T, &r);
        REQUIRE(make_net(&net, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
        d.pseudo_probe = DAM_PSEUDO_RELAXED;
        sq_allocs = 0;
        REQUIRE(dam_seq_init(&s, &net, &d, q.ptrain, q.ptest, SQ_T, &al) == DAM_OK);
        after_init = sq_allocs;
        REQUIRE(dam_seq_run(&s, &r) == DAM_OK);
        CHECKF(sq_allocs == after_init, "%s: %d allocations while running", dam_technique_name(d.technique),
               (int)(sq_allocs - after_init));
        KN = (size_t)net.K * net.N;
        if (tech == DAM_TECH_EWC || tech == DAM_TECH_SI || tech == DAM_TECH_MAS) expect = 3 * KN * sizeof(dam_real);
        if (tech == DAM_TECH_GEM) expect = (SQ_T - 1) * KN * sizeof(dam_real);
        if (tech == DAM_TECH_REHEARSAL) expect = (SQ_T - 1) * 40 * (size_t)(net.N + sizeof(int));
        CHECKF(s.bytes >= expect && s.bytes < expect + 100000, "%s: %lu bytes, expected %lu + small arrays",
               dam_technique_name(d.technique), (unsigned long)s.bytes, (unsigned long)expect);
        dam_seq_free(&s);
        dam_dense_free(&net);
        sq_free_tasks(&q, SQ_T);
    }
    sq_threads_restore(keep);
}

/* Technique tables combine (dam:seq.runner): rehearsal + EWC in one run differs from
   each alone, keeps task 0 at least as well as rehearsal alone, names both in the
   settings key, and resumes from a checkpoint bit-identical to the uninterrupted run.
   Two projections, a table listed twice or one without a name are refused. */
static void test_seq_tables_combine_and_refuse(void)
{
    double Rr[9], Re[9], Rb[9], Rc[9];
    dam_seq_desc d = sq_desc(DAM_TECH_REHEARSAL, 6), e = sq_desc(DAM_TECH_EWC, 6);
    dam_technique_ops noname;
    sq_tasks q;
    dam_rng r;
    dam_dense net;
    dam_seq s;
    int keep = sq_threads_keep();
    d.ewc_lambda = e.ewc_lambda = 100;
    REQUIRE(sq_run(&d, SQ_T, Rr, NULL, NULL) == DAM_OK);
    REQUIRE(sq_run(&e, SQ_T, Re, NULL, NULL) == DAM_OK);
    d.extra[0] = dam_technique_table(DAM_TECH_EWC);
    REQUIRE(sq_run(&d, SQ_T, Rb, NULL, NULL) == DAM_OK);
    CHECK(memcmp(Rb, Rr, sizeof Rb) != 0 && memcmp(Rb, Re, sizeof Rb) != 0);
    CHECKF(Rb[6] >= Rr[6] - 0.02, "task 0 at the end: rehearsal+ewc %.3f, rehearsal %.3f", Rb[6], Rr[6]);
    /* a checkpoint after task 1, resumed into a fresh run */
    {
        const char *path = "build/seq_combined.ck";
        dam_seq s1;
        dam_dense n1;
        dam_rng r1;
        dam_rng_seed(&r, 5);
        sq_make_tasks(&q, SQ_T, &r);
        REQUIRE(make_net(&net, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
        dam_rng_seed(&r, 8);
        REQUIRE(dam_seq_init(&s, &net, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
        CHECK(dam_seq_state(&s, "rehearsal") != NULL && dam_seq_state(&s, "ewc") != NULL && dam_seq_state(&s, "si") == NULL);
        REQUIRE(dam_seq_baseline(&s) == DAM_OK);
        s.started = 1;
        REQUIRE(dam_seq_learn_task(&s, &r) == DAM_OK);
        REQUIRE(dam_seq_learn_task(&s, &r) == DAM_OK);
        REQUIRE(dam_seq_save(&s, &r, path) == DAM_OK);
        REQUIRE(dam_seq_run(&s, &r) == DAM_OK);
        memcpy(Rc, s.R, sizeof Rc);
        REQUIRE(make_net(&n1, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
        dam_rng_seed(&r1, 8);
        REQUIRE(dam_seq_init(&s1, &n1, &d, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
        CHECKF(dam_seq_resume(&s1, &r1, path) == DAM_OK, "%s", s1.why);
        REQUIRE(dam_seq_run(&s1, &r1) == DAM_OK);
        CHECK(memcmp(Rc, s1.R, sizeof Rc) == 0);
        CHECK(memcmp(net.xi, n1.xi, sizeof(dam_real) * net.K * net.N) == 0);
        dam_seq_free(&s1);
        /* rehearsal alone cannot resume it: the key names both tables */
        {
            dam_seq_desc only = d;
            only.extra[0] = NULL;
            dam_dense_free(&n1);
            REQUIRE(make_net(&n1, SQ_PIX, SQ_C, 8, 3, 3) == DAM_OK);
            dam_rng_seed(&r1, 8);
            REQUIRE(dam_seq_init(&s1, &n1, &only, q.ptrain, q.ptest, SQ_T, NULL) == DAM_OK);
            CHECK_EQ_INT(dam_seq_resume(&s1, &r1, path), DAM_ERR_CHECKPOINT_MISMATCH);
            CHECKF(strstr(s1.why, "technique=rehearsal+ewc, this run has technique=rehearsal") != NULL, "%s", s1.why);
            dam_seq_free(&s1);
        }
        dam_dense_free(&n1);
        dam_seq_free(&s);
        remove(path);
        /* refusals */
        e = sq_desc(DAM_TECH_GEM, 1);
        e.extra[1] = dam_technique_table(DAM_TECH_AGEM);
        CHECK_EQ_INT(dam_seq_init(&s, &net, &e, q.ptrain, q.ptest, SQ_T, NULL), DAM_ERR_TECHNIQUE);
        CHECKF(strstr(s.why, "2 gradient projections") != NULL, "%s", s.why);
        e = sq_desc(DAM_TECH_EWC, 1);
        e.extra[0] = dam_technique_table(DAM_TECH_EWC);
        CHECK_EQ_INT(dam_seq_init(&s, &net, &e, q.ptrain, q.ptest, SQ_T, NULL), DAM_ERR_TECHNIQUE);
        CHECKF(strstr(s.why, "listed twice") != NULL, "%s", s.why);
        memset(&noname, 0, sizeof noname);
        e.extra[0] = &noname;
        CHECK_EQ_INT(dam_seq_init(&s, &net, &e, q.ptrain, q.ptest, SQ_T, NULL), DAM_ERR_TECHNIQUE);
        CHECK(dam_technique_table((dam_technique)8) == NULL);
        dam_dense_free(&net);
        sq_free_tasks(&q, SQ_T);
    }
    sq_threads_restore(keep);
}
