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

/* Delta with a margin: after dam_hopfield_delta_margin reports convergence, every
   neuron of every pattern has xi_i h_i > kappa (h recomputed here from W); kappa = 0
   is dam_hopfield_delta bit for bit; max_epochs too small is reported as unstable
   pairs; a negative kappa is refused. N = 100, 30 patterns, kappa 10 and 30. */
static void test_hopfield_delta_margin_reaches_margin(void)
{
    enum { N = 100, P = 30 };
    static signed char pat[P * N];
    static dam_real W0[N * N];
    static const double kappas[2] = {10, 30};
    dam_hopfield h, g;
    dam_rng r;
    int k, q, p, i, j, epochs, unstable, short_of = 0;
    dam_rng_seed(&r, 21);
    for (k = 0; k < P * N; k++) pat[k] = dam_rng_uniform(&r) < 0.5 ? 1 : -1;
    for (q = 0; q < 2; q++) {
        double minm = 1e300;
        REQUIRE(dam_hopfield_init(&h, N, NULL) == DAM_OK);
        REQUIRE(dam_hopfield_delta_margin(&h, pat, P, 0.1, kappas[q], 500, 1, &epochs, &unstable) == DAM_OK);
        CHECKF(unstable == 0 && epochs < 500, "kappa %g: %d pairs short after %d epochs", kappas[q], unstable, epochs);
        for (p = 0; p < P; p++)
            for (i = 0; i < N; i++) {
                double f = 0;
                for (j = 0; j < N; j++) f += (double)h.W[i * N + j] * pat[p * N + j];
                f *= pat[p * N + i];
                minm = f < minm ? f : minm;
                short_of += f <= kappas[q];
            }
        CHECKF(short_of == 0, "kappa %g: %d pairs at or below the margin (min %g)", kappas[q], short_of, minm);
        CHECK(h.W[0] == 0 && h.W[N + 1] == 0); /* the diagonal stays zero */
        dam_hopfield_free(&h);
    }
    /* kappa = 0 is the plain rule */
    REQUIRE(dam_hopfield_init(&h, N, NULL) == DAM_OK);
    REQUIRE(dam_hopfield_init(&g, N, NULL) == DAM_OK);
    REQUIRE(dam_hopfield_delta(&h, pat, P, 0.1, 100, 1, NULL) == DAM_OK);
    memcpy(W0, h.W, sizeof W0);
    REQUIRE(dam_hopfield_delta_margin(&g, pat, P, 0.1, 0.0, 100, 1, NULL, &unstable) == DAM_OK);
    CHECK(memcmp(W0, g.W, sizeof W0) == 0);
    CHECK_EQ_INT(unstable, 0);
    /* one sweep cannot reach kappa = 1000: reported, not hidden */
    REQUIRE(dam_hopfield_delta_margin(&g, pat, P, 0.1, 1000, 1, 1, &epochs, &unstable) == DAM_OK);
    CHECK(epochs == 1 && unstable > 0);
    CHECK_EQ_INT(dam_hopfield_delta_margin(&g, pat, P, 0.1, -1, 10, 1, NULL, NULL), DAM_ERR_STRENGTH);
    dam_hopfield_free(&h);
    dam_hopfield_free(&g);
}

static int hop_same_up_to_sign(const signed char *x, const signed char *y, int N)
{
    int j, plus = 1, minus = 1;
    for (j = 0; j < N; j++) plus &= x[j] == y[j], minus &= x[j] == -y[j];
    return plus || minus;
}

static int hop_is_fixed(const dam_hopfield *h, const signed char *x)
{
    int i, j, N = h->N;
    for (i = 0; i < N; i++) {
        double f = 0;
        for (j = 0; j < N; j++) f += (double)h->W[i * N + j] * x[j];
        if ((f > 0 ? 1 : -1) != x[i]) return 0;
    }
    return 1;
}

/* Robins & McCallum's pseudo-buffer: dam_hopfield_attractors returns only fixed points,
   each once up to sign, none of those it was told it has; the buffer a Delta sequence
   (kappa 10) builds holds pseudo_keep per finished task, distinct up to sign, and
   after the last task (trained with the whole buffer to the margin) each is still a
   fixed point; most are stored patterns. */
static void test_hopfield_pseudo_buffer_fixed_points_once(void)
{
    enum { N = 100, P = 10, KEEP = 8, T = 4 };
    static signed char pat[T * 5 * N], out[KEEP * N], more[KEEP * N], buf[(T - 1) * 3 * N];
    dam_hopfield h;
    dam_hopfield_seq_desc d = dam_hopfield_seq_defaults();
    dam_hopfield_seq_info info;
    dam_rng r;
    int k, a, b, got, got2, bad = 0;
    dam_rng_seed(&r, 33);
    for (k = 0; k < T * 5 * N; k++) pat[k] = dam_rng_uniform(&r) < 0.5 ? 1 : -1;
    REQUIRE(dam_hopfield_init(&h, N, NULL) == DAM_OK);
    REQUIRE(dam_hopfield_delta_margin(&h, pat, P, 0.1, 10, 200, 1, NULL, NULL) == DAM_OK);
    got = dam_hopfield_attractors(&h, 300, 0.5, 20, NULL, 0, out, KEEP, &r);
    CHECKF(got == KEEP, "%d attractors of %d", got, KEEP);
    for (a = 0; a < got; a++) {
        bad += !hop_is_fixed(&h, out + a * N);
        for (b = 0; b < a; b++) bad += hop_same_up_to_sign(out + a * N, out + b * N, N);
    }
    CHECK_EQ_INT(bad, 0);
    got2 = dam_hopfield_attractors(&h, 300, 0.5, 20, out, got, more, KEEP, &r);
    CHECK(got2 >= 0);
    for (a = 0; a < got2; a++) {
        bad += !hop_is_fixed(&h, more + a * N);
        for (b = 0; b < got; b++) bad += hop_same_up_to_sign(more + a * N, out + b * N, N);
    }
    CHECKF(bad == 0, "%d known attractors returned again or not fixed", bad);
    CHECK_EQ_INT(dam_hopfield_attractors(&h, 0, 0.5, 20, NULL, 0, out, KEEP, &r), DAM_ERR_ARGUMENT);
    dam_hopfield_free(&h);
    /* the sequence's buffer */
    d.rule = DAM_HOPFIELD_DELTA;
    d.kappa = 10;
    d.replay = DAM_REPLAY_PSEUDO;
    info.pseudo = buf;
    REQUIRE(dam_hopfield_init(&h, N, NULL) == DAM_OK);
    REQUIRE(dam_hopfield_sequence(&h, pat, T, 5, &d, &r, NULL, NULL, &info) == DAM_OK);
    CHECK_EQ_INT(info.unconverged, 0);
    CHECK_EQ_INT(info.pseudo_count, (T - 1) * 3);
    for (a = 0; a < info.pseudo_count; a++) {
        bad += !hop_is_fixed(&h, buf + a * N);
        for (b = 0; b < a; b++) bad += hop_same_up_to_sign(buf + a * N, buf + b * N, N);
    }
    CHECKF(bad == 0, "%d buffer entries repeated or not fixed", bad);
    CHECKF(info.pseudo_stored * 2 > info.pseudo_count, "%d of %d are stored patterns", info.pseudo_stored, info.pseudo_count);
    if (getenv("DAM_TEST_VERBOSE")) printf("    buffer: %d attractors, %d stored patterns\n", info.pseudo_count, info.pseudo_stored);
    dam_hopfield_free(&h);
}
