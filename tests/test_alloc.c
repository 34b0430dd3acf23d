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

static dam_result alloc_path_sequence(const dam_allocator *al)
{
    static const dam_technique techs[] = {DAM_TECH_REHEARSAL, DAM_TECH_PSEUDO, DAM_TECH_EWC, DAM_TECH_GEM};
    dam_dataset tr[2], te[2];
    const dam_dataset *trp[2], *tep[2];
    dam_result r = DAM_OK;
    dam_rng rng;
    int t, q;
    dam_rng_seed(&rng, 3);
    for (t = 0; t < 2; t++) {
        synth(&tr[t], 40, 20, 3, 0.1, 7 + (uint64_t)t, &rng);
        synth(&te[t], 20, 20, 3, 0.1, 7 + (uint64_t)t, &rng);
        trp[t] = &tr[t], tep[t] = &te[t];
    }
    for (q = 0; q < 4 && r == DAM_OK; q++) {
        dam_dense net;
        dam_seq s;
        dam_dense_desc nd = dam_dense_defaults(23, 6, 3);
        dam_seq_desc sd = dam_seq_defaults(techs[q], 3);
        nd.mask_start = 20;
        nd.mask_count = 3;
        sd.train.epochs = 1;
        sd.train.batch = 10;
        sd.pseudo_items = 10;
        sd.memory_per_task = 5;
        if ((r = dam_dense_init(&net, &nd, &rng, al)) != DAM_OK) break;
        if ((r = dam_seq_init(&s, &net, &sd, trp, tep, 2, al)) == DAM_OK) {
            r = dam_seq_run(&s, &rng);
            if (r == DAM_OK) r = dam_seq_save(&s, &rng, "build/alloc_seq.ck");
            if (r == DAM_OK) r = dam_seq_resume(&s, &rng, "build/alloc_seq.ck");
            dam_seq_free(&s);
        }
        dam_seq_free(&s);
        dam_dense_free(&net);
    }
    for (t = 0; t < 2; t++) dam_dataset_free(&tr[t]), dam_dataset_free(&te[t]);
    return r;
}

static dam_result alloc_path_checkpoint(const dam_allocator *al)
{
    dam_dense a, b;
    dam_rng rng;
    dam_result r;
    dam_dense_desc d = dam_dense_defaults(20, 4, 3);
    dam_rng_seed(&rng, 4);
    if ((r = dam_dense_init(&a, &d, &rng, al)) != DAM_OK) return r;
    if ((r = dam_dense_save(&a, "build/alloc_dense.ck")) == DAM_OK) {
        r = dam_dense_load(&b, "build/alloc_dense.ck", al);
        dam_dense_free(&b);
    }
    dam_dense_free(&a);
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
    for (k = 1; k < 2000; k++) {
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
    CHECKF(k > 2 && k < 2000, "%s: %d allocations", name, k);
}

static void test_alloc_failure_every_step(void)
{
    alloc_sweep("network", alloc_path_network);
    alloc_sweep("training", alloc_path_training);
    alloc_sweep("hopfield", alloc_path_hopfield);
    alloc_sweep("datasets", alloc_path_datasets);
    alloc_sweep("sequence", alloc_path_sequence);
    alloc_sweep("checkpoint", alloc_path_checkpoint);
}
