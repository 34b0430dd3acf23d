/* test_gemm.c - the blocked products (dam:gemm) against the plain triple loops. */

static void gemm_fill(dam_rng *r, dam_real *v, int n)
{
    int k;
    for (k = 0; k < n; k++) v[k] = (dam_real)dam_rng_normal(r);
}

static void test_gemm_matches_reference(void)
{
    /* odd sizes cross every block edge: MR, NR, KC, MC, NC */
    static const int sizes[][3] = {{1, 1, 1}, {7, 9, 5}, {13, 17, 300}, {200, 530, 70}, {37, 3, 600}};
    dam_rng r;
    int s;
    double tol = DAM_TEST_DOUBLE ? 1e-10 : 2e-3;
    dam_rng_seed(&r, 2);
    for (s = 0; s < 5; s++) {
        int M = sizes[s][0], Nc = sizes[s][1], Kd = sizes[s][2], k;
        dam_real *A = (dam_real *)malloc(sizeof(dam_real) * M * Kd), *B = (dam_real *)malloc(sizeof(dam_real) * Nc * Kd);
        dam_real *C1 = (dam_real *)malloc(sizeof(dam_real) * M * Nc), *C2 = (dam_real *)malloc(sizeof(dam_real) * M * Nc);
        double worst = 0;
        gemm_fill(&r, A, M * Kd);
        gemm_fill(&r, B, Nc * Kd);
        gemm_fill(&r, C1, M * Nc);
        memcpy(C2, C1, sizeof(dam_real) * M * Nc);
        dam_gemm_nt(M, Nc, Kd, (dam_real)0.5, A, Kd, B, Kd, (dam_real)0.25, C1, Nc);
        dam_gemm_ref_nt(M, Nc, Kd, (dam_real)0.5, A, Kd, B, Kd, (dam_real)0.25, C2, Nc);
        for (k = 0; k < M * Nc; k++) worst = fabs(C1[k] - C2[k]) > worst ? fabs(C1[k] - C2[k]) : worst;
        CHECKF(worst <= tol * sqrt((double)Kd), "nt %d x %d x %d: %g", M, Nc, Kd, worst);
        /* TN: A is Kd x M, B is Kd x Nc (reuse the buffers with other shapes) */
        dam_gemm_tn(M, Nc, Kd, 1, A, M, B, Nc, 0, C1, Nc);
        dam_gemm_ref_tn(M, Nc, Kd, 1, A, M, B, Nc, 0, C2, Nc);
        worst = 0;
        for (k = 0; k < M * Nc; k++) worst = fabs(C1[k] - C2[k]) > worst ? fabs(C1[k] - C2[k]) : worst;
        CHECKF(worst <= tol * sqrt((double)Kd), "tn %d x %d x %d: %g", M, Nc, Kd, worst);
        free(A); free(B); free(C1); free(C2);
    }
}

static void test_gemm_thread_count_bit_identical(void)
{
#ifdef _OPENMP
    enum { M = 300, Nc = 257, Kd = 531 };
    dam_rng r;
    dam_real *A = (dam_real *)malloc(sizeof(dam_real) * M * Kd), *B = (dam_real *)malloc(sizeof(dam_real) * Nc * Kd);
    dam_real *C1 = (dam_real *)malloc(sizeof(dam_real) * M * Nc), *C2 = (dam_real *)malloc(sizeof(dam_real) * M * Nc);
    int keep = omp_get_max_threads();
    dam_rng_seed(&r, 3);
    gemm_fill(&r, A, M * Kd);
    gemm_fill(&r, B, Nc * Kd);
    omp_set_num_threads(1);
    dam_gemm_nt(M, Nc, Kd, 1, A, Kd, B, Kd, 0, C1, Nc);
    omp_set_num_threads(3);
    dam_gemm_nt(M, Nc, Kd, 1, A, Kd, B, Kd, 0, C2, Nc);
    CHECK(memcmp(C1, C2, sizeof(dam_real) * M * Nc) == 0);
    omp_set_num_threads(keep);
    free(A); free(B); free(C1); free(C2);
#else
    SKIP("built without OpenMP: one thread only");
#endif
}

/* The two routes of the batch products (dam:gemm, "Products with a bipolar operand"):
   scores and gradients of the signed route equal the dense ones to rounding, at sparse,
   half and dense states, both label conventions, with and without accumulation; lists
   hold the rarer sign; auto picks signed only for sparse (or nearly full) states; the
   signed route's bits do not depend on the thread count. */
static void signed_case(double density, int off, int threads, dam_real *S_out, dam_real *G_out, int *auto_route)
{
    enum { B = 45, N = 101, K = 37, MS = 90, C = 7 };
    static signed char x[B * N];
    dam_real *xi = (dam_real *)malloc(sizeof(dam_real) * K * N), *W = (dam_real *)malloc(sizeof(dam_real) * B * K);
    dam_real *W2 = (dam_real *)malloc(sizeof(dam_real) * B * K);
    dam_real *S[2], *G[2], *ws = (dam_real *)malloc(sizeof(dam_real) * dam__states_ws(N, K));
    int *idx = (int *)malloc(sizeof(int) * B * (N / 2 + 1)), *start = (int *)malloc(sizeof(int) * (B + 1));
    int *inv = (int *)malloc(sizeof(int) * (B * (N / 2 + 1) + N + 1));
    signed char sign[B];
    dam__states st;
    dam_rng r;
    double tol = DAM_TEST_DOUBLE ? 1e-10 : 1e-3, worst = 0;
    int route, b, k, t;
#ifdef _OPENMP
    omp_set_num_threads(threads);
#endif
    dam_rng_seed(&r, 11);
    for (k = 0; k < B * N; k++) x[k] = dam_rng_uniform(&r) < density ? 1 : -1;
    gemm_fill(&r, xi, K * N);
    gemm_fill(&r, W, B * K);
    for (route = 0; route < 2; route++) {
        S[route] = (dam_real *)malloc(sizeof(dam_real) * B * K);
        G[route] = (dam_real *)malloc(sizeof(dam_real) * K * N);
        memset(&st, 0, sizeof st);
        st.x0 = x, st.B = B, st.N = N, st.ms = MS, st.C = C, st.off = off;
        st.idx = idx, st.start = start, st.sign = sign, st.inv = inv, st.inv_start = inv + B * (N / 2 + 1), st.ws = ws;
        dam__states_prepare(&st, route ? DAM_PRODUCT_SIGNED : DAM_PRODUCT_DENSE, threads);
        CHECK_EQ_INT(st.use_signed, route);
        dam__states_scores(&st, xi, K, S[route], threads);
        memcpy(W2, W, sizeof(dam_real) * B * K);            /* the signed route may negate rows */
        {   /* both routes accumulate onto the same start */
            dam_rng g;
            dam_rng_seed(&g, 99);
            gemm_fill(&g, G[route], K * N);
        }
        dam__states_grad(&st, W2, K, (dam_real)0.5, 1, G[route], threads);
    }
    /* lists: the rarer sign, ascending, each entry the state's value times sigma = +1 */
    CHECK(start[0] == 0);
    for (b = 0; b < B; b++) {
        int want = 0;
        CHECK(start[b + 1] - start[b] <= N / 2);
        for (t = 0; t < N; t++) want += (off && t >= MS && t < MS + C ? -1 : x[b * N + t]) == sign[b];
        CHECKF(start[b + 1] - start[b] == want, "item %d: list of %d, %d positions hold %d", b,
               start[b + 1] - start[b], want, sign[b]);
        for (t = start[b]; t < start[b + 1]; t++) {
            int j = idx[t], v = off && j >= MS && j < MS + C ? -1 : x[b * N + j];
            CHECK(v == sign[b]);
            if (t > start[b]) CHECK(j > idx[t - 1]);
        }
    }
    for (k = 0; k < B * K; k++) worst = fabs((double)S[0][k] - S[1][k]) > worst ? fabs((double)S[0][k] - S[1][k]) : worst;
    CHECKF(worst <= tol * N, "scores, density %g off %d: %g", density, off, worst);
    worst = 0;
    for (k = 0; k < K * N; k++) worst = fabs((double)G[0][k] - G[1][k]) > worst ? fabs((double)G[0][k] - G[1][k]) : worst;
    CHECKF(worst <= tol * B, "gradient, density %g off %d: %g", density, off, worst);
    memcpy(S_out, S[1], sizeof(dam_real) * B * K);
    memcpy(G_out, G[1], sizeof(dam_real) * K * N);
    st.B = B;
    dam__states_prepare(&st, DAM_PRODUCT_AUTO, threads);
    *auto_route = st.use_signed;
    for (route = 0; route < 2; route++) {
        free(S[route]);
        free(G[route]);
    }
    free(xi); free(W); free(W2); free(ws); free(idx); free(start); free(inv);
}

static void test_gemm_signed_route_matches_dense(void)
{
    static dam_real S1[45 * 37], G1[37 * 101], S2[45 * 37], G2[37 * 101];
    static const double densities[] = {0.1, 0.5, 0.93};
    int d, off, route1, route2;
#ifdef _OPENMP
    int keep = omp_get_max_threads();
#endif
    for (d = 0; d < 3; d++)
        for (off = 0; off <= 1; off++) {
            signed_case(densities[d], off, 1, S1, G1, &route1);
            signed_case(densities[d], off, 3, S2, G2, &route2);
            CHECKF(memcmp(S1, S2, sizeof S1) == 0, "scores: 1 and 3 threads differ (density %g)", densities[d]);
            CHECKF(memcmp(G1, G2, sizeof G1) == 0, "gradient: 1 and 3 threads differ (density %g)", densities[d]);
            CHECKF(route1 == (densities[d] != 0.5), "auto chose route %d at density %g", route1, densities[d]);
        }
#ifdef _OPENMP
    omp_set_num_threads(keep);
#endif
}
