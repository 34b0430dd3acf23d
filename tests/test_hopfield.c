/* test_hopfield.c - the classical Hopfield network (dam:hopfield). */

/* N = 4, one pattern xi = (+1, -1, +1, -1). Hebb: W_ij = xi_i xi_j / 4 off the
   diagonal. From x = (+1, +1, +1, -1) neuron 1 sees h_1 = (-1/4)(1) + (-1/4)(1) +
   (1/4)(-1) = -3/4 and turns to -1: the pattern is back, E = -1/2 * 12/4 = -1.5. */
static void test_hopfield_hand_worked_n4(void)
{
    dam_hopfield h;
    signed char xi[4] = {1, -1, 1, -1}, x[4] = {1, 1, 1, -1};
    int i;
    REQUIRE(dam_hopfield_init(&h, 4, NULL) == DAM_OK);
    REQUIRE(dam_hopfield_hebbian(&h, xi, 1) == DAM_OK);
    CHECK_NEAR(h.W[0 * 4 + 1], -0.25, 1e-12);
    CHECK_NEAR(h.W[0 * 4 + 2], 0.25, 1e-12);
    CHECK_NEAR(h.W[1 * 4 + 1], 0.0, 0);
    CHECK_NEAR(dam_hopfield_energy(&h, xi), -1.5, 1e-12);
    CHECK_NEAR(dam_hopfield_energy(&h, x), 0.0, 1e-12);
    CHECK_EQ_INT(dam_hopfield_relax(&h, x, 0, 10, NULL), 2); /* one sweep fixes, one confirms */
    for (i = 0; i < 4; i++) CHECK_EQ_INT(x[i], xi[i]);
    dam_hopfield_free(&h);
    CHECK_EQ_INT(dam_hopfield_init(&h, 1, NULL), DAM_ERR_NEURONS);
    CHECK(h.W == NULL);
}

static void test_hopfield_async_never_raises_energy(void)
{
    enum { N = 60, P = 12 };
    static signed char pat[P * N], x[N];
    dam_hopfield h;
    dam_rng r;
    int k, step;
    dam_rng_seed(&r, 21);
    for (k = 0; k < P * N; k++) pat[k] = dam_rng_uniform(&r) < 0.5 ? 1 : -1;
    REQUIRE(dam_hopfield_init(&h, N, NULL) == DAM_OK);
    REQUIRE(dam_hopfield_hebbian(&h, pat, P) == DAM_OK);
    for (k = 0; k < N; k++) x[k] = dam_rng_uniform(&r) < 0.5 ? 1 : -1;
    for (step = 0; step < 2000; step++) {
        double before = dam_hopfield_energy(&h, x), after, sum = 0;
        int i = (int)dam_rng_below(&r, N), j;
        for (j = 0; j < N; j++) sum += h.W[i * N + j] * x[j];
        x[i] = sum > 0 ? 1 : -1;
        after = dam_hopfield_energy(&h, x);
        CHECKF(after <= before + 1e-12, "step %d: %g -> %g", step, before, after);
    }
    dam_hopfield_free(&h);
}

static void test_hopfield_patterns_stable_below_capacity(void)
{
    enum { N = 200, P = 10 }; /* load 0.05, well below 0.138 */
    static signed char pat[P * N];
    dam_hopfield h;
    dam_rng r;
    int k;
    dam_rng_seed(&r, 8);
    for (k = 0; k < P * N; k++) pat[k] = dam_rng_uniform(&r) < 0.5 ? 1 : -1;
    REQUIRE(dam_hopfield_init(&h, N, NULL) == DAM_OK);
    REQUIRE(dam_hopfield_hebbian(&h, pat, P) == DAM_OK);
    CHECK_NEAR(dam_hopfield_stable_fraction(&h, pat, P), 1.0, 0);
    CHECKF(dam_hopfield_recall_fraction(&h, pat, P, 0.1, 0.0, 20, &r) >= 0.99, "recall from 10%% noise");
    dam_hopfield_free(&h);
}

static void test_hopfield_delta_stores_beyond_hebbian(void)
{
    enum { N = 100, P = 30 }; /* load 0.3: Hebb fails, Delta stores them all */
    static signed char pat[P * N];
    dam_hopfield h;
    dam_rng r;
    int k, epochs = 0;
    double hebb;
    dam_rng_seed(&r, 12);
    for (k = 0; k < P * N; k++) pat[k] = dam_rng_uniform(&r) < 0.5 ? 1 : -1;
    REQUIRE(dam_hopfield_init(&h, N, NULL) == DAM_OK);
    REQUIRE(dam_hopfield_hebbian(&h, pat, P) == DAM_OK);
    hebb = dam_hopfield_stable_fraction(&h, pat, P);
    CHECKF(hebb < 0.5, "Hebb stable fraction %.2f", hebb);
    dam_hopfield_free(&h);
    REQUIRE(dam_hopfield_init(&h, N, NULL) == DAM_OK);
    REQUIRE(dam_hopfield_delta(&h, pat, P, 0.01, 200, 0, &epochs) == DAM_OK);
    CHECK_NEAR(dam_hopfield_stable_fraction(&h, pat, P), 1.0, 0);
    CHECK(epochs >= 1 && epochs < 200);
    CHECK_EQ_INT(dam_hopfield_delta(&h, pat, P, -1, 200, 0, NULL), DAM_ERR_RATE);
    CHECK_EQ_INT(dam_hopfield_delta(&h, pat, 0, 0.1, 200, 0, NULL), DAM_ERR_EMPTY);
    dam_hopfield_free(&h);
}
