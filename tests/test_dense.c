/* test_dense.c - the Dense Associative Memory: interaction functions, the exact
   gradient against central finite differences, recall capacity. Sections:
   dam:dense.functions, dam:dense.net, dam:dense.loss. */

/* A small random problem: N = 14 (10 pixels + 4 labels), K = 5, 6 items. */
#define TD_PIX 10
#define TD_C 4
#define TD_N (TD_PIX + TD_C)
#define TD_K 5
#define TD_ITEMS 6

static void td_items(dam_rng *rng, signed char *x)
{
    int i, j;
    for (i = 0; i < TD_ITEMS; i++) {
        int label = (int)dam_rng_below(rng, TD_C);
        for (j = 0; j < TD_PIX; j++) x[i * TD_N + j] = dam_rng_uniform(rng) < 0.5 ? 1 : -1;
        for (j = 0; j < TD_C; j++) x[i * TD_N + TD_PIX + j] = j == label ? 1 : -1;
    }
}

/* loss of the rows at the net's current memories */
static double td_loss(dam_trainer *tr, const signed char *const *rows)
{
    double loss = 0;
    dam_trainer_loss_grad(tr, rows, TD_ITEMS, NULL, &loss);
    return loss;
}

/* The small problem itself: TD_ITEMS random items in x (rows point at them), a net of
   interaction f and vertex n with memories of spread 0.5 at T = 0.9 (Delta of moderate
   size: tanh neither flat nor saturated), and a trainer of batch 4 (smaller than the
   item count, so the split over batches is exercised too). */
static dam_result td_problem(dam_rng *rng, dam_function f, int n, dam_probe probe, int m, dam_product product,
                             signed char *x, const signed char **rows, dam_dense *net, dam_trainer *tr)
{
    dam_dense_desc nd;
    dam_train_desc td;
    dam_result r;
    int i;
    td_items(rng, x);
    for (i = 0; i < TD_ITEMS; i++) rows[i] = x + i * TD_N;
    nd = dam_dense_defaults(TD_N, TD_K, n);
    nd.f = f;
    nd.init_std = 0.5;
    nd.T = 0.9;
    nd.mask_start = TD_PIX;
    nd.mask_count = TD_C;
    if ((r = dam_dense_init(net, &nd, rng, NULL)) != DAM_OK) return r;
    td = dam_train_defaults(n);
    td.batch = 4;
    td.loss_power = m;
    td.probe = probe;
    td.product = product;
    td.T_start = td.T_end = nd.T;
    return dam_trainer_init(tr, net, &td, TD_ITEMS, NULL);
}

static void grad_check(dam_function f, dam_probe probe, int m, int n, dam_product product)
{
    dam_rng rng;
    dam_dense net;
    dam_trainer tr;
    signed char x[TD_ITEMS * TD_N];
    const signed char *rows[TD_ITEMS];
    dam_real G[TD_K * TD_N];
    double worst = 0, scale = 0;
    int k;
    dam_rng_seed(&rng, 7 + (uint64_t)f * 10 + (uint64_t)probe * 100 + (uint64_t)m * 1000);
    REQUIRE(td_problem(&rng, f, n, probe, m, product, x, rows, &net, &tr) == DAM_OK);
    REQUIRE(dam_trainer_loss_grad(&tr, rows, TD_ITEMS, G, NULL) == DAM_OK);
    /* double: step 1e-6, tolerance 1e-5. float: the loss carries about 7 digits, so a
       step of 1e-6 would be all rounding. A step of 1e-2 (the one actually taken, after
       rounding to float) leaves O(h^2) truncation: measured 5e-7..3e-4 of |G| up to 5,
       1.5e-3 where the step crosses the rectified kink. The tolerance 3e-3 (1 + |G|)
       still catches any wrong term of the gradient, which is of the size of |G|. */
    for (k = 0; k < TD_K * TD_N; k++) {
        double h = DAM_TEST_DOUBLE ? 1e-6 : 1e-2, keep = net.xi[k], lp, lm, fd, hp, hm;
        net.xi[k] = (dam_real)(keep + h); dam_dense_sync(&net); lp = td_loss(&tr, rows);
        hp = (double)net.xi[k] - keep;
        net.xi[k] = (dam_real)(keep - h); dam_dense_sync(&net); lm = td_loss(&tr, rows);
        hm = keep - (double)net.xi[k];
        net.xi[k] = (dam_real)keep; dam_dense_sync(&net);
        fd = DAM_TEST_DOUBLE ? (lp - lm) / (2 * h) : (lp - lm) / (hp + hm);
        if (fabs(fd - G[k]) > worst) worst = fabs(fd - G[k]);
        if (fabs(fd) > scale) scale = fabs(fd);
    }
    CHECKF(scale > 1e-6, "the gradient is zero: the check would prove nothing (f %d probe %d m %d)", f, probe, m);
    CHECKF(worst <= (DAM_TEST_DOUBLE ? 1e-5 : 3e-3) * (1 + scale), "f %d probe %d m %d n %d route %d: max |fd - G| = %g, max |G| = %g", f, probe, m,
           n, product, worst, scale);
    dam_trainer_free(&tr);
    dam_dense_free(&net);
}

static void test_dense_gradient_matches_finite_differences(void)
{
    int f, probe, m;
    for (f = DAM_F_POLY; f <= DAM_F_EXP; f++)
        for (probe = 0; probe <= 1; probe++)
            for (m = 1; m <= 2; m++) {
                grad_check((dam_function)f, (dam_probe)probe, m, f == DAM_F_POLY ? 3 : 4, DAM_PRODUCT_DENSE);
                grad_check((dam_function)f, (dam_probe)probe, m, f == DAM_F_POLY ? 3 : 4, DAM_PRODUCT_SIGNED);
            }
}

static void test_dense_interaction_array_matches_scalar(void)
{
    /* every step class of the fused powering (n - 1 < 4, < 16, < 64, < 1024), both
       argument forms (scale * s, and scale * s + shift * x); |z| <= 1.05 when
       n > 9, so float holds every value */
    static const int ns[] = {1, 2, 3, 4, 5, 7, 9, 16, 17, 30, 33, 64, 65, 100, 1000};
    dam_real s[9], x[9], F[9], dF[9], work[9];
    int f, i, k, form;
    for (k = 0; k < 9; k++) s[k] = (dam_real)(-2.0 + 0.5 * k), x[k] = (dam_real)(k % 3 - 1);
    for (f = DAM_F_POLY; f <= DAM_F_EXP; f++)
        for (i = 0; i < (int)(sizeof ns / sizeof ns[0]); i++)
            for (form = 0; form < 2; form++) {
                int n = ns[i];
                dam_real scale = n > 9 ? (dam_real)0.4 : 1, shift = form ? (dam_real)0.25 : 0;
                dam__interact((dam_function)f, n, (dam_real)0.01, s, scale, form ? x : NULL, shift, F, dF, work, 9);
                for (k = 0; k < 9; k++) {
                    double Fs, dFs, z = (double)(scale * s[k] + shift * x[k]);
                    dam_interaction((dam_function)f, n, 0.01, z, &Fs, &dFs);
                    CHECK_NEAR(F[k], Fs, 1e-4 * (1 + fabs(Fs)));
                    CHECK_NEAR(dF[k], dFs, 1e-4 * (1 + fabs(dFs)));
                }
            }
    /* hand values: leaky n = 3 at z = 2 -> 8 and 12; at z = -1 -> -0.01 and 0.01 */
    {
        double F1, d1;
        dam_interaction(DAM_F_LEAKY, 3, 0.01, 2.0, &F1, &d1);
        CHECK_NEAR(F1, 8.0, 1e-12); CHECK_NEAR(d1, 12.0, 1e-12);
        dam_interaction(DAM_F_LEAKY, 3, 0.01, -1.0, &F1, &d1);
        CHECK_NEAR(F1, -0.01, 1e-12); CHECK_NEAR(d1, 0.01, 1e-12);
        dam_interaction(DAM_F_RECTIFIED, 2, 0.01, -1.0, &F1, &d1);
        CHECK_NEAR(F1, 0.0, 0); CHECK_NEAR(d1, 0.0, 0);
        dam_interaction(DAM_F_POLY, 2, 0.01, -3.0, &F1, &d1);
        CHECK_NEAR(F1, 9.0, 1e-12); CHECK_NEAR(d1, -6.0, 1e-12);
    }
}

/* Delta_i from the definition (two energies) equals the cheap-probe formula. */
static void test_dense_delta_is_energy_difference(void)
{
    dam_rng rng;
    dam_dense net;
    dam_dense_desc nd;
    signed char x[20];
    int i;
    dam_rng_seed(&rng, 3);
    nd = dam_dense_defaults(20, 7, 3);
    nd.init_std = 0.6;
    nd.T = 0.5;
    REQUIRE(dam_dense_init(&net, &nd, &rng, NULL) == DAM_OK);
    for (i = 0; i < 20; i++) x[i] = dam_rng_uniform(&rng) < 0.5 ? 1 : -1;
    for (i = 0; i < 20; i++) {
        signed char keep = x[i];
        double Ep, Em;
        x[i] = 1; Ep = dam_dense_energy(&net, x);
        x[i] = -1; Em = dam_dense_energy(&net, x);
        x[i] = keep;
        CHECK_NEAR(dam_dense_delta(&net, x, i), Em - Ep, (DAM_TEST_DOUBLE ? 1e-9 : 1e-5) * (1 + fabs(Em)));
    }
    dam_dense_free(&net);
}

/* Asynchronous DAM updates never raise the energy. */
static void test_dense_async_never_raises_energy(void)
{
    dam_rng rng;
    dam_dense net;
    dam_dense_desc nd;
    signed char x[40];
    int i, step;
    dam_rng_seed(&rng, 11);
    nd = dam_dense_defaults(40, 12, 4);
    nd.f = DAM_F_POLY;
    nd.init_std = 0.7;
    nd.T = 1.0;
    REQUIRE(dam_dense_init(&net, &nd, &rng, NULL) == DAM_OK);
    for (i = 0; i < 40; i++) x[i] = dam_rng_uniform(&rng) < 0.5 ? 1 : -1;
    for (step = 0; step < 400; step++) {
        int k = (int)dam_rng_below(&rng, 40);
        double before = dam_dense_energy(&net, x), after;
        x[k] = dam_dense_delta(&net, x, k) > 0 ? 1 : -1;
        after = dam_dense_energy(&net, x);
        CHECKF(after <= before + 1e-9 * (1 + fabs(before)), "step %d: %g -> %g", step, before, after);
    }
    dam_dense_free(&net);
}

/* Capacity: 40 random patterns in N = 100 (load 0.4, far above the Hebbian network's
   0.14) are recalled from probes with 10% of the bits flipped by a DAM with n = 3,
   and not by the Hebbian network. */
static void test_dense_recall_beats_hebbian_at_high_load(void)
{
    enum { N = 100, P = 40 };
    static signed char pat[P * N], x[N];
    dam_rng rng;
    dam_dense net;
    dam_dense_desc nd;
    dam_hopfield hop;
    int p, i, ok = 0;
    double hebb;
    dam_rng_seed(&rng, 5);
    for (i = 0; i < P * N; i++) pat[i] = dam_rng_uniform(&rng) < 0.5 ? 1 : -1;
    nd = dam_dense_defaults(N, P, 3);
    nd.f = DAM_F_POLY;
    nd.T = 1.0;
    nd.init_std = 0;
    REQUIRE(dam_dense_init(&net, &nd, &rng, NULL) == DAM_OK);
    REQUIRE(dam_dense_set_memories(&net, pat, P) == DAM_OK);
    for (p = 0; p < P; p++) {
        int wrong = 0;
        memcpy(x, pat + p * N, N);
        for (i = 0; i < 10; i++) x[(p * 37 + i * 10) % N] = (signed char)-x[(p * 37 + i * 10) % N];
        REQUIRE(dam_dense_relax(&net, x, 1, 20, 0, 0, &rng) >= 1);
        for (i = 0; i < N; i++) wrong += x[i] != pat[p * N + i];
        ok += wrong == 0;
    }
    REQUIRE(dam_hopfield_init(&hop, N, NULL) == DAM_OK);
    REQUIRE(dam_hopfield_hebbian(&hop, pat, P) == DAM_OK);
    hebb = dam_hopfield_recall_fraction(&hop, pat, P, 0.1, 0.0, 20, &rng);
    CHECKF(ok >= P * 95 / 100, "DAM n = 3 recalled %d of %d", ok, P);
    CHECKF(hebb <= 0.2, "Hebbian recalled a fraction %.2f", hebb);
    dam_hopfield_free(&hop);
    dam_dense_free(&net);
}
