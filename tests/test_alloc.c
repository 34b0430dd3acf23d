/* test_alloc.c - allocation failure: an allocator that fails the k-th request, for
   every k along each path, must give DAM_ERR_NOMEM, leak nothing, and leave the
   objects freeable (freeing twice is harmless). It counts live allocations itself, so
   a leak fails the test even without a leak checker. */

typedef struct {
    int calls, fail_at, live;
} fail_alloc_state;

static void *fail_alloc(size_t size, void *user)
{
    fail_alloc_state *s = (fail_alloc_state *)user;
    void *p;
    if (++s->calls == s->fail_at) return NULL;
    p = malloc(size);
    if (p) s->live++;
    return p;
}

static void fail_free(void *ptr, void *user)
{
    fail_alloc_state *s = (fail_alloc_state *)user;
    if (ptr) s->live--;
    free(ptr);
}

/* Each path does its work with allocator al and frees everything it made. */
static dam_result alloc_path_network(const dam_allocator *al)
{
    dam_dense net;
    dam_rng rng;
    dam_result r;
    dam_dense_desc d = dam_dense_defaults(20, 4, 3);
    d.mask_start = 17;
    d.mask_count = 3;
    dam_rng_seed(&rng, 1);
    r = dam_dense_init(&net, &d, &rng, al);
    if (r != DAM_OK) CHECK(net.xi == NULL);
    dam_dense_free(&net);
    dam_dense_free(&net);
    return r;
}

static dam_result alloc_path_training(const dam_allocator *al)
{
    static unsigned char ib[4096], lb[64];
    size_t ilen = idx_images(ib, 10, 4, 4), llen = idx_labels(lb, 10, 3);
    dam_dense net;
    dam_dataset ds;
    dam_idx im, la;
    dam_rng rng;
    dam_score sc;
    dam_result r;
    dam_dense_desc d = dam_dense_defaults(19, 4, 3);
    dam_train_desc td = dam_train_defaults(3);
    d.mask_start = 16;
    d.mask_count = 3;
    td.epochs = 2;
    td.batch = 4;
    dam_rng_seed(&rng, 1);
    if ((r = dam_dense_init(&net, &d, &rng, al)) != DAM_OK) return r;
    if ((r = dam_idx_parse(&im, ib, ilen, al)) == DAM_OK) {
        if ((r = dam_idx_parse(&la, lb, llen, al)) == DAM_OK) {
            if ((r = dam_dataset_from_idx(&ds, &im, &la, 127, 3, 0, al)) == DAM_OK) {
                if ((r = dam_train(&net, &td, &ds, &rng)) == DAM_OK) r = dam_dense_accuracy(&net, &ds, &sc);
                if (r == DAM_OK && dam_dense_classify(&net, ds.x, NULL) < -1) r = DAM_ERR_ARGUMENT;
                dam_dataset_free(&ds);
            }
            dam_idx_free(&la);
        }
        dam_idx_free(&im);
    }
    dam_dense_free(&net);
    return r;
}

static dam_result alloc_path_hopfield(const dam_allocator *al)
{
    static const signed char pat[2 * 8] = {1, -1, 1, -1, 1, 1, -1, -1, 1, 1, 1, 1, -1, -1, -1, -1};
    dam_hopfield h;
    dam_result r = dam_hopfield_init(&h, 8, al);
    if (r == DAM_OK) r = dam_hopfield_hebbian(&h, pat, 2);
    dam_hopfield_free(&h);
    dam_hopfield_free(&h);
    return r;
}

static dam_result alloc_path_datasets(const dam_allocator *al)
{
    dam_dataset a, b, c;
    int perm[4] = {3, 2, 1, 0};
    dam_result r = dam_dataset_init(&a, 5, 4, 2, al);
    if (r != DAM_OK) return r;
    if ((r = dam_dataset_subset(&b, &a, 1, 3, al)) == DAM_OK) {
        r = dam_dataset_permuted(&c, &b, perm, al);
        dam_dataset_free(&c);
        dam_dataset_free(&b);
    }
    dam_dataset_free(&a);
    return r;
}

/* fail allocation k = 1, 2, ... until a run makes fewer than k requests (it succeeded
   without meeting the failure): every failing run must say NOMEM and leak nothing */
static void alloc_sweep(const char *name, dam_result (*path)(const dam_allocator *))
{
    fail_alloc_state st;
    dam_allocator al;
    int k;
    al.alloc = fail_alloc;
    al.free = fail_free;
    al.user = &st;
    for (k = 1; k < 500; k++) {
        dam_result r;
        st.calls = 0;
        st.fail_at = k;
        st.live = 0;
        r = path(&al);
        CHECKF(st.live == 0, "%s, k = %d: %d allocations leaked", name, k, st.live);
        if (st.calls < k) {
            CHECKF(r == DAM_OK, "%s: result %d without a failure", name, (int)r);
            break;
        }
        CHECKF(r == DAM_ERR_NOMEM, "%s, k = %d: result %d, expected DAM_ERR_NOMEM", name, k, (int)r);
    }
    CHECKF(k > 2 && k < 500, "%s: %d allocations", name, k);
}

static void test_alloc_failure_every_step(void)
{
    alloc_sweep("network", alloc_path_network);
    alloc_sweep("training", alloc_path_training);
    alloc_sweep("hopfield", alloc_path_hopfield);
    alloc_sweep("datasets", alloc_path_datasets);
}
