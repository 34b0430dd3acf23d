/* test_data.c - IDX files, data sets, permuted tasks, image grids (dam:data.*). */

/* An IDX image file of `count` images of rows x cols, pixel (i, p) = (i * 31 + p) % 256. */
static size_t idx_images(unsigned char *buf, int count, int rows, int cols)
{
    size_t k = 0;
    int i, p;
    buf[k++] = 0; buf[k++] = 0; buf[k++] = 8; buf[k++] = 3;
    {
        int d[3], j;
        d[0] = count; d[1] = rows; d[2] = cols;
        for (j = 0; j < 3; j++) {
            buf[k++] = (unsigned char)(d[j] >> 24); buf[k++] = (unsigned char)(d[j] >> 16);
            buf[k++] = (unsigned char)(d[j] >> 8); buf[k++] = (unsigned char)d[j];
        }
    }
    for (i = 0; i < count; i++)
        for (p = 0; p < rows * cols; p++) buf[k++] = (unsigned char)((i * 31 + p * 7) % 256);
    return k;
}

static size_t idx_labels(unsigned char *buf, int count, int classes)
{
    size_t k = 0;
    int i;
    buf[k++] = 0; buf[k++] = 0; buf[k++] = 8; buf[k++] = 1;
    buf[k++] = (unsigned char)(count >> 24); buf[k++] = (unsigned char)(count >> 16);
    buf[k++] = (unsigned char)(count >> 8); buf[k++] = (unsigned char)count;
    for (i = 0; i < count; i++) buf[k++] = (unsigned char)(i % classes);
    return k;
}

static void test_idx_valid_tiny_file(void)
{
    unsigned char buf[256];
    size_t len = idx_images(buf, 3, 4, 5);
    dam_idx idx;
    REQUIRE(dam_idx_parse(&idx, buf, len, NULL) == DAM_OK);
    CHECK_EQ_INT(idx.ndims, 3);
    CHECK_EQ_INT(idx.dims[0], 3);
    CHECK_EQ_INT(idx.dims[1], 4);
    CHECK_EQ_INT(idx.dims[2], 5);
    CHECK_EQ_INT(idx.size, 60);
    CHECK_EQ_INT(idx.data[21], (1 * 31 + 1 * 7) % 256);
    dam_idx_free(&idx);
    dam_idx_free(&idx); /* freeing twice is harmless */
}

static void test_idx_hostile_files(void)
{
    unsigned char buf[256];
    size_t len = idx_images(buf, 3, 4, 5);
    dam_idx idx;
    /* truncated: every proper prefix of a valid file is refused, never read past */
    size_t cut;
    for (cut = 0; cut < len; cut++) {
        dam_result r = dam_idx_parse(&idx, buf, cut, NULL);
        CHECKF(r == DAM_ERR_TRUNCATED, "prefix %u: %d", (unsigned)cut, r);
        CHECK(idx.data == NULL);
    }
    /* wrong magic */
    buf[2] = 0x0D; /* float data */
    CHECK_EQ_INT(dam_idx_parse(&idx, buf, len, NULL), DAM_ERR_MAGIC);
    CHECK(strstr(idx.why, "magic") != NULL);
    buf[2] = 8;
    buf[0] = 1;
    CHECK_EQ_INT(dam_idx_parse(&idx, buf, len, NULL), DAM_ERR_MAGIC);
    buf[0] = 0;
    /* wrong number of dimensions */
    buf[3] = 0;
    CHECK_EQ_INT(dam_idx_parse(&idx, buf, len, NULL), DAM_ERR_DIMENSION);
    buf[3] = 9;
    CHECK_EQ_INT(dam_idx_parse(&idx, buf, len, NULL), DAM_ERR_DIMENSION);
    buf[3] = 3;
    /* a zero dimension */
    buf[11] = 0;
    CHECK_EQ_INT(dam_idx_parse(&idx, buf, len, NULL), DAM_ERR_DIMENSION);
    buf[11] = 4;
    /* oversized count: 0x7fffffff images of 4 x 5 */
    buf[4] = 0x7f; buf[5] = 0xff; buf[6] = 0xff; buf[7] = 0xff;
    CHECK_EQ_INT(dam_idx_parse(&idx, buf, len, NULL), DAM_ERR_TOO_LARGE);
    /* a count larger than the data present (but not absurd): truncated */
    buf[4] = 0; buf[5] = 0; buf[6] = 0; buf[7] = 4;
    CHECK_EQ_INT(dam_idx_parse(&idx, buf, len, NULL), DAM_ERR_TRUNCATED);
    CHECK_EQ_INT(dam_idx_parse(NULL, buf, len, NULL), DAM_ERR_ARGUMENT);
}

static void test_idx_load_missing_file(void)
{
    dam_idx idx;
    dam_dataset ds;
    CHECK_EQ_INT(dam_idx_load(&idx, "/nonexistent/dam-test-file", NULL), DAM_ERR_IO);
    CHECK(strstr(idx.why, "/nonexistent/dam-test-file") != NULL);
    CHECK_EQ_INT(dam_dataset_load_idx(&ds, "/nonexistent/a", "/nonexistent/b", 127, 0, NULL), DAM_ERR_IO);
    CHECK(ds.x == NULL);
    dam_dataset_free(&ds);
}

static void test_dataset_from_idx_and_labels(void)
{
    static unsigned char ib[4096], lb[64];
    dam_idx im, la;
    dam_dataset ds;
    int p;
    REQUIRE(dam_idx_parse(&im, ib, idx_images(ib, 10, 4, 4), NULL) == DAM_OK);
    REQUIRE(dam_idx_parse(&la, lb, idx_labels(lb, 10, 3), NULL) == DAM_OK);
    REQUIRE(dam_dataset_from_idx(&ds, &im, &la, 127, 3, 0, NULL) == DAM_OK);
    CHECK_EQ_INT(ds.count, 10);
    CHECK_EQ_INT(ds.N, 19);
    CHECK_EQ_INT(ds.pixels, 16);
    CHECK_EQ_INT(ds.width, 4);
    for (p = 0; p < 16; p++) CHECK_EQ_INT(ds.x[2 * 19 + p], ((2 * 31 + p * 7) % 256) > 127 ? 1 : -1);
    /* item 2 has label 2: bipolar one-hot */
    CHECK_EQ_INT(ds.x[2 * 19 + 16], -1);
    CHECK_EQ_INT(ds.x[2 * 19 + 17], -1);
    CHECK_EQ_INT(ds.x[2 * 19 + 18], 1);
    CHECK_EQ_INT(ds.label[2], 2);
    dam_dataset_free(&ds);
    /* max_items keeps the first ones */
    REQUIRE(dam_dataset_from_idx(&ds, &im, &la, 127, 3, 4, NULL) == DAM_OK);
    CHECK_EQ_INT(ds.count, 4);
    dam_dataset_free(&ds);
    /* a label >= classes is refused with its own code */
    CHECK_EQ_INT(dam_dataset_from_idx(&ds, &im, &la, 127, 2, 0, NULL), DAM_ERR_LABEL);
    CHECK(ds.x == NULL);
    dam_idx_free(&im);
    dam_idx_free(&la);
}

static void test_dataset_bad_shapes(void)
{
    static unsigned char ib[4096], lb[64];
    dam_idx im, la;
    dam_dataset ds;
    REQUIRE(dam_idx_parse(&im, ib, idx_images(ib, 10, 4, 4), NULL) == DAM_OK);
    REQUIRE(dam_idx_parse(&la, lb, idx_labels(lb, 9, 3), NULL) == DAM_OK);
    CHECK_EQ_INT(dam_dataset_from_idx(&ds, &im, &la, 127, 3, 0, NULL), DAM_ERR_SHAPE);
    /* images and labels swapped: wrong dimensions */
    CHECK_EQ_INT(dam_dataset_from_idx(&ds, &la, &im, 127, 3, 0, NULL), DAM_ERR_DIMENSION);
    CHECK_EQ_INT(dam_dataset_init(&ds, 0, 10, 2, NULL), DAM_ERR_EMPTY);
    CHECK_EQ_INT(dam_dataset_from_idx(&ds, &im, &im, 300, 3, 0, NULL), DAM_ERR_DIMENSION);
    dam_idx_free(&im);
    dam_idx_free(&la);
}

static void test_dataset_permuted_tasks(void)
{
    dam_dataset a, b;
    dam_rng r;
    int perms[3 * 6], i, p;
    unsigned char grey[6] = {0, 200, 0, 200, 200, 0};
    dam_rng_seed(&r, 1);
    REQUIRE(dam_dataset_init(&a, 2, 6, 2, NULL) == DAM_OK);
    REQUIRE(dam_dataset_set_item(&a, 0, grey, 127, 1) == DAM_OK);
    CHECK_EQ_INT(dam_dataset_set_item(&a, 1, grey, 127, 2), DAM_ERR_LABEL);
    dam_tasks_draw_permutations(perms, 3, 6, &r);
    for (p = 0; p < 6; p++) CHECK_EQ_INT(perms[p], p);
    REQUIRE(dam_dataset_permuted(&b, &a, perms + 12, NULL) == DAM_OK);
    for (i = 0; i < 2; i++) {
        for (p = 0; p < 6; p++) CHECK_EQ_INT(b.x[i * 8 + p], a.x[i * 8 + perms[12 + p]]);
        CHECK_EQ_INT(b.x[i * 8 + 6], a.x[i * 8 + 6]);
        CHECK_EQ_INT(b.x[i * 8 + 7], a.x[i * 8 + 7]);
    }
    CHECK_NEAR(dam_dataset_density(&a), 0.25, 1e-12); /* item 0: 3 of 6 on; item 1: never set, all off */
    dam_dataset_free(&b);
    dam_dataset_free(&a);
}

static void test_write_grid_pgm(void)
{
    dam_real v[2 * 4] = {-1, 1, 1, -1, 0, 0, 1, 1};
    char why[DAM_WHY_SIZE];
    FILE *f;
    int w, h, maxv;
    REQUIRE(dam_grid_write("build/test_grid.pgm", v, 2, 4, 2, 2, 2, 3, why) == DAM_OK);
    f = fopen("build/test_grid.pgm", "rb");
    REQUIRE(f != NULL);
    CHECK(fscanf(f, "P5 %d %d %d", &w, &h, &maxv) == 3);
    CHECK_EQ_INT(w, 2 * (2 * 3 + 1) + 1);
    CHECK_EQ_INT(h, 2 * 3 + 2);
    fclose(f);
    CHECK(fopen("build/test_grid.pgm.tmp", "rb") == NULL);
    CHECK_EQ_INT(dam_grid_write("/nonexistent/dir/x.pgm", v, 2, 4, 2, 2, 2, 3, why), DAM_ERR_IO);
    CHECK_EQ_INT(dam_grid_write("build/x.pgm", v, 0, 4, 2, 2, 2, 3, why), DAM_ERR_DIMENSION);
}

static int write_bytes(const char *path, const unsigned char *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f) return 1;
    fwrite(b, 1, n, f);
    return fclose(f) != 0;
}

/* The streaming file loader gives exactly what parsing the whole file gives, and
   refuses a truncated images file with its own code. */
static void test_dataset_load_idx_streams_the_same(void)
{
    static unsigned char ib[8192], lb[64];
    size_t il = idx_images(ib, 12, 5, 6), ll = idx_labels(lb, 12, 10);
    dam_idx im, la;
    dam_dataset a, b;
    REQUIRE(write_bytes("build/test_images.idx", ib, il) == 0);
    REQUIRE(write_bytes("build/test_labels.idx", lb, ll) == 0);
    REQUIRE(dam_idx_parse(&im, ib, il, NULL) == DAM_OK);
    REQUIRE(dam_idx_parse(&la, lb, ll, NULL) == DAM_OK);
    REQUIRE(dam_dataset_from_idx(&a, &im, &la, 100, 10, 0, NULL) == DAM_OK);
    REQUIRE(dam_dataset_load_idx(&b, "build/test_images.idx", "build/test_labels.idx", 100, 0, NULL) == DAM_OK);
    CHECK_EQ_INT(b.count, 12);
    CHECK_EQ_INT(b.width, 6);
    CHECK(memcmp(a.x, b.x, (size_t)a.count * a.N) == 0);
    CHECK(memcmp(a.label, b.label, sizeof(int) * a.count) == 0);
    dam_dataset_free(&b);
    REQUIRE(dam_dataset_load_idx(&b, "build/test_images.idx", "build/test_labels.idx", 100, 5, NULL) == DAM_OK);
    CHECK_EQ_INT(b.count, 5);
    dam_dataset_free(&b);
    REQUIRE(write_bytes("build/test_images.idx", ib, il - 7) == 0);
    CHECK_EQ_INT(dam_dataset_load_idx(&b, "build/test_images.idx", "build/test_labels.idx", 100, 0, NULL), DAM_ERR_TRUNCATED);
    CHECK(b.x == NULL);
    CHECK_EQ_INT(dam_dataset_load_idx(&b, "build/test_labels.idx", "build/test_labels.idx", 100, 0, NULL), DAM_ERR_DIMENSION);
    dam_dataset_free(&a);
    dam_idx_free(&im);
    dam_idx_free(&la);
}
