/* run.c - compute one run of the run store (examples/runstore.h) from its key.

   usage: build/examples/run [--store DIR] [--data-dir DIR] [--check] name=value ...
   The name=value list is the run's canonical key as a figure program's --list prints
   it (every name=value of the key, in any order). The key this build makes of the
   settings must equal the one given (a run listed by another dam.h version, or with a
   setting this build derives differently, is refused: exit 2). If <store>/<hash>.dat
   exists and holds the same key, nothing is computed ("run: <hash> exists"); a file of
   that name holding another key is recomputed and replaced. The file is written
   atomically (cli_writable first, then <hash>.dat.tmp and rename), so a killed run
   leaves no partial result and the next `make figures` computes it again.
   --check: only say whether the run is stored (exit 0 stored, 1 missing or other key).
   --id: only print the run's id (the hash of its key, the name of its file) and exit 0.
   Exit codes: 0 done (or already stored), 1 I/O or run failure, 2 usage error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "stb_image_write_impl.h"
#define DAM_IMPLEMENTATION
#include "../dam.h"
#include "runstore.h"

int main(int argc, char **argv)
{
    const char *store = "data/runs", *data_dir = "data";
    char given[RUN_KEY_SIZE] = "", key[RUN_KEY_SIZE], path[1200], grid[1200], id[17];
    int i, first = 1, check = 0, only_id = 0, rc, len = 0;
    static char *lines[128];
    run_spec s;
    run_result r, old;
    fig F;
    for (i = 1; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--store") == 0 && i + 1 < argc) store = argv[++i];
        else if (strcmp(argv[i], "--data-dir") == 0 && i + 1 < argc) data_dir = argv[++i];
        else if (strcmp(argv[i], "--check") == 0) check = 1;
        else if (strcmp(argv[i], "--id") == 0) only_id = 1;
        else if (strcmp(argv[i], "--version") == 0) { cli_version("run"); return 0; }
        else if (strcmp(argv[i], "--help") == 0) {
            printf("run: compute one run of the run store from its key\n\nusage: run [--store DIR] [--data-dir DIR] [--check | --id] name=value ...\n");
            return 0;
        } else { fprintf(stderr, "run: unknown flag '%s' (try --help)\n", argv[i]); return 2; }
    }
    first = i;
    if (first >= argc) { fprintf(stderr, "run: no key given (try --help)\n"); return 2; }
    if (argc - first > 128) { fprintf(stderr, "run: too many settings\n"); return 2; }
    if ((rc = run_parse("run", argc - first, argv + first, &s)) != 0) return rc;
    /* the given key, sorted, must be this build's key of those settings */
    for (i = first; i < argc; i++) lines[i - first] = argv[i];
    qsort(lines, (size_t)(argc - first), sizeof lines[0], run_cmp_str);
    for (i = 0; i < argc - first; i++)
        len += snprintf(given + len, sizeof given - (size_t)len, "%s%s", i ? "\n" : "", lines[i]);
    run_key(&s, key, sizeof key, '\n');
    if (strcmp(key, given) != 0) {
        fprintf(stderr, "run: the key given is not this build's key of its settings (another dam.h version or a setting it "
                        "derives differently); this build's key:\n%s\n", key);
        return 2;
    }
    run_id(&s, id);
    if (only_id) { printf("%s\n", id); return 0; }
    run_path(store, &s, path, sizeof path);
    rc = run_read(path, &s, &old);
    if (check) return rc == 0 ? 0 : 1;
    if (rc == 0) { fprintf(stderr, "run: %s exists\n", id); return 0; }
    if (rc == 2) fprintf(stderr, "run: %s holds another key or is unreadable: recomputing it\n", path);
    if (cli_writable("run", path)) return 1;
    memset(&F, 0, sizeof F);
    F.name = "run";
    F.data_dir = data_dir;
    F.dataset = s.dataset;
    F.profile = FIG_SMOKE; /* no per-epoch progress lines */
    memset(&r, 0, sizeof r);
    snprintf(grid, sizeof grid, "%s/%s.png", store, id);
    rc = s.kind == RUN_SINGLE ? run_compute_single(&F, &s, &r, grid)
       : s.kind == RUN_SEQ    ? run_compute_seq(&F, &s, &r)
                              : run_compute_hopfield(&F, &s, &r);
    if (rc) return rc;
    if (run_write("run", path, &s, &r)) return 1;
    fprintf(stderr, "run: %s done in %.1f s (acc %.4f)\n", id, run_get(&r, "seconds", 0), run_get(&r, "acc", 0));
    return 0;
}
