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
#endif
}
