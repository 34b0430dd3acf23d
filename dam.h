/* dam.h - v0.1.0 - Hopfield networks, the Dense Associative Memory and sequential learning - MIT or public domain

   A single-file C library that reproduces, and teaches, "Sequential Learning in the
   Dense Associative Memory" (H. McAlister, A. Robins, L. Szymanski; arXiv:2409.15729,
   Neural Computation 37(10), 2025). Read it beside book/ : every section below names the
   chapter that explains it.

   ======================================================================================
   QUICK START
   ======================================================================================
   In exactly ONE C or C++ file of your project:

       #define DAM_IMPLEMENTATION
       #include "dam.h"

   Everywhere else just #include "dam.h". Then, to learn MNIST with one DAM:

       dam_dataset train, test;
       dam_dataset_load_idx(&train, "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                            127, 10000, NULL);
       dam_dataset_load_idx(&test,  "t10k-images-idx3-ubyte",  "t10k-labels-idx1-ubyte",
                            127, 0, NULL);
       dam_rng rng;  dam_rng_seed(&rng, 1);
       dam_dense net;  dam_dense_desc nd = dam_dense_defaults(train.N, 256, 10);
       nd.mask_start = train.pixels;  nd.mask_count = train.classes;
       dam_dense_init(&net, &nd, &rng, NULL);
       dam_train_desc td = dam_train_defaults(10);
       dam_train(&net, &td, &train, &rng);
       dam_score sc;  dam_dense_accuracy(&net, &test, &sc);  // sc.accuracy, sc.ties

   Every fallible call returns a dam_result (DAM_OK == 0, errors < 0); the object it
   worked on holds a sentence saying why in its `why` field (see ERRORS for the few
   functions without an object). Link with -lm, and add -fopenmp to use every core.

   ======================================================================================
   TABLE OF CONTENTS   (grep for the anchor, e.g. ">>dam:dense.train")
   ======================================================================================
     >>dam:api            public types and prototypes
     >>dam:errors         result codes and their strings
     >>dam:alloc          the caller's allocator
     >>dam:rng            the explicit random number generator
     >>dam:data.idx       the IDX file format of MNIST and Fashion-MNIST
     >>dam:data.dataset   bipolar items: pixels + one-hot labels
     >>dam:data.tasks     task sequences: permuted, rotated, split
     >>dam:data.image     your own images (one file, a folder) through stb_image; memory
                          vectors as image grids
     >>dam:hopfield       the classical Hopfield network: Hebbian and Delta learning, recall
     >>dam:dense.functions  interaction functions F and F'
     >>dam:dense.net      the Dense Associative Memory: energy, updates, relaxation
     >>dam:dense.loss     the masked training objective and its exact gradient
     >>dam:dense.train    the optimiser and the training loop
     >>dam:dense.classify classification and accuracy
     >>dam:gemm           the dense matrix products (the hot loop of training)
     >>dam:seq.metrics    the accuracy matrix R, ACC, BWT, FWT, forgetting
     >>dam:seq.runner     the task-sequence runner, a technique as a table of hooks
     >>dam:seq.rehearsal  naive rehearsal and pseudorehearsal
     >>dam:seq.ewc        EWC and the per-item importance shortcut
     >>dam:seq.si         synaptic intelligence
     >>dam:seq.mas        memory-aware synapses
     >>dam:seq.gem        GEM (exact dual QP) and A-GEM
     >>dam:seq.tables     the built-in technique tables
     >>dam:hopfield.sequence  sequences of tasks in the classical network
     >>dam:checkpoint     checkpoints: save and resume without losing anything

   ======================================================================================
   CONCEPTS
   ======================================================================================
   A Hopfield network stores patterns as minima of an energy over binary states
   x in {-1,+1}^N; recall is descent on that energy by flipping one neuron at a time. The
   classical network (Hopfield 1982) has a quadratic energy -1/2 x'Wx and stores about
   0.14 N random patterns. The Dense Associative Memory (DAM; Krotov & Hopfield 2016)
   keeps K memory vectors xi_mu and uses the energy E(x) = -sum_mu F(xi_mu . x) with a
   sharply rising interaction function F (e.g. z^n): the larger the interaction vertex n,
   the more patterns fit and the more each memory looks like a whole prototype instead of
   a feature. Trained as a classifier, the DAM sees an image in the pixel neurons and
   reads the class from 10 label neurons. Sequential learning asks what happens when
   tasks arrive one after another: the network forgets the old ones (catastrophic
   forgetting) unless a technique (rehearsal, regularisation, gradient projection)
   protects them.

   ======================================================================================
   SYMBOLS (used in comments and as variable names inside kernels)
   ======================================================================================
     N      neurons per state (MNIST: 784 pixels + 10 labels = 794)
     K      memory vectors of a DAM                     xi    K x N matrix, row mu = xi_mu
     n      interaction vertex (power of F)             F, F' interaction function, derivative
     T      temperature; beta = 1/T                     a     = beta/N, the normalised scale
     x      a bipolar state (signed char, +1/-1)         s_mu  = xi_mu . x
     z_mu   = a * s_mu, the argument of F, in [-beta, beta]
     S      the masked neurons (the label neurons)      C     = |S|, number of classes
     mu     memory index 0..K-1                         i, j  neuron indices 0..N-1
     c      class index 0..C-1 (neuron mask_start + c)  B     items in a minibatch
     m      loss power: loss per label (Y - x)^(2m)     Y_i   = tanh(Delta_i)
     W      N x N weights of the classical network      P     number of stored patterns
     V      K x N momentum of the optimiser             G     K x N gradient
     eta    learning rate                               rho   momentum coefficient

   ======================================================================================
   COMPILE-TIME OPTIONS (define before including)
   ======================================================================================
     DAM_IMPLEMENTATION  emit the implementation in this translation unit
     DAM_STATIC          make every function static (private to one translation unit)
     DAM_REAL            the floating type of memories and gradients (default double;
                         -DDAM_REAL=float halves memory and doubles the vector width)
     DAM_MALLOC, DAM_FREE  default allocator (all or none; default malloc/free)
     DAM_USE_CBLAS       route the dense products to cblas_dgemm / cblas_sgemm
                         (include <cblas.h> yourself first and link a BLAS)
     DAM_NO_STDIO        leave out everything that touches files
     DAM_TESTING         also declare the test-only products dam_gemm_nt, dam_gemm_tn and
                         their reference loops dam_gemm_ref_nt, dam_gemm_ref_tn
     Including stb_image.h before the implementation enables dam_image_load; including
     stb_image_write.h enables PNG output in dam_grid_write (PGM always works).

   ======================================================================================
   PAPER MAP   (paper / model spec -> function -> section -> book chapter -> example)
   ======================================================================================
     Hopfield energy, Hebb, Delta (margin) -> dam_hopfield_* -> dam:hopfield -> 01 -> fig11
     DAM energy E = -sum F(z)     -> dam_dense_energy -> dam:dense.net -> 02 -> fig01
     update sign(Delta_i)         -> dam_dense_relax -> dam:dense.net -> 02
     interaction functions        -> dam_dense_interaction -> dam:dense.functions -> 02
     masked loss and gradient     -> dam_trainer_loss_grad -> dam:dense.loss -> 03
     optimiser (momentum, max-norm, clamp, decay, T ramp) -> dam_trainer_epoch ->
                                     dam:dense.train -> 03 -> fig02
     classification, ties         -> dam_dense_classify, dam_dense_accuracy ->
                                     dam:dense.classify -> 03 -> fig02
     MNIST, binarisation, permuted tasks -> dam_dataset_*, dam_permuted_tasks ->
                                     dam:data.* -> 04 -> fig03
     rotated and split tasks, a folder of images -> dam_image_rotate, dam_images_*,
                                  dam_dataset_from_images, dam_dataset_set_allowed ->
                                  dam:data.tasks, dam:data.image -> 04 -> sequence
     R, ACC, BWT, FWT, forgetting -> dam_seq_metrics -> dam:seq.metrics -> 05 -> fig03, fig04
     average incremental accuracy -> dam_seq_incremental_accuracy -> dam:seq.metrics -> 05
                                  -> sequence (split scenarios)
     task sequence             -> dam_seq_run -> dam:seq.runner -> 05 -> sequence
     rehearsal, pseudorehearsal -> dam_seq_* -> dam:seq.rehearsal -> 06 -> fig05, fig06
     EWC, SI, MAS              -> dam_seq_penalty, dam_trainer_importance ->
                                  dam:seq.ewc, .si, .mas -> 07 -> fig07, fig10
     GEM, A-GEM                -> dam_gem_dual, dam_gem_project, dam_agem_project ->
                                  dam:seq.gem -> 08 -> fig08
     Hopfield sequences, pseudorehearsal from attractors -> dam_hopfield_sequence,
                                  dam_hopfield_attractors -> dam:hopfield.sequence,
                                  dam:hopfield -> 01, 06 -> fig11

   ======================================================================================
   ERRORS
   ======================================================================================
   Results come from one list (DAM_RESULT_LIST) so the enum and dam_result_string never
   drift. One channel for the reason: a call on an object (its first argument: a
   dam_dense, dam_trainer, dam_seq, dam_dataset, dam_idx, dam_hopfield, ...) writes the
   sentence into that object's why[DAM_WHY_SIZE], saves included (dam_dense_save ->
   net->why, dam_seq_save -> s->why); a NULL object only returns DAM_ERR_ARGUMENT. The
   two file functions that have no object, dam_image_load and dam_grid_write, take a
   `char *why` of DAM_WHY_SIZE bytes as their last argument (NULL: no sentence), and
   the pure numerical functions (dam_gem_dual, dam_gem_project, dam_agem_project,
   dam_seq_metrics) return their code alone: their only failures are the documented
   argument ranges. Nothing is half-written on failure: objects are either fully initialised or
   left zeroed and freeable; output files are written to "<path>.tmp" and renamed.
   Loading a checkpoint (dam:checkpoint) has codes of its own: DAM_ERR_MAGIC,
   DAM_ERR_VERSION (another format version; every version-1 file, which predates the
   settings key, must be made again), DAM_ERR_TRUNCATED, DAM_ERR_CHECKSUM, DAM_ERR_KIND,
   and DAM_ERR_CHECKPOINT_MISMATCH: the file was made by a run with other settings, seed
   or data, and why names the first setting that differs with both values ("checkpoint
   was made with net.n=10, this run has net.n=3"). Nothing is changed by a refusal, the
   file included: delete it, or resume with the command that made it.

   ======================================================================================
   MEMORY
   ======================================================================================
   Every object takes an optional dam_allocator (NULL = DAM_MALLOC/DAM_FREE) and keeps
   it. All memory is taken at *_init; training loops never allocate. Sizes:
     dam_dense      K*N reals (+ K*(C+8) scratch)
     dam_trainer    2*K*N (V, G; + K*N dtheta with keep_step) + B*K + 16*C*K
                    + threads*(C+6)*K reals + one product workspace (max((N+1)*K,
                    about 180k + 128*N) reals, of which the signed route touches (N+1)*K)
                    + two list buffers of B*(N/2+1) ints (touched: the entries used,
                    about 15% of B*N on MNIST) + item pointers
     dam_dataset    count*N bytes (items are stored as signed char, +1/-1), + C bytes of
                    allowed-class flags when set
     dam_images     count*width*height bytes of grey levels + count ints
     dam_hopfield   N*N reals + 2*N scratch
     dam_seq        the trainer (max_t count_t + buffer + P items) + T*T + 2T doubles
                    rehearsal  sum_{k<T-1} round(r count_k) items (N bytes + int)
                    pseudo     P items + P seeds and margins + threads*((8+C)*K reals
                               + N ints) + (T-1)*C*pixels bytes of densities + T*C ints
                    EWC/SI/MAS 3*K*N reals, whatever T (EWC keeps sum F_k, sum F_k theta*_k)
                    GEM        (T-1)*M items + (T-1)*K*N reals;  A-GEM (T-1)*M items + K*N
                    (s->bytes says how much, all taken by dam_seq_init)

   ======================================================================================
   TEMPERATURE
   ======================================================================================
   The temperature has one home, the network: dam_dense_desc.T (0: the default for n and
   f, dam_dense_default_temperature) becomes net->T, and every computation reads net->T
   through one helper, the scale a = 1/(T N) (dam__scale, dam:dense.net). Training does
   not keep a copy: dam_train_desc's T_start and T_end are 0 by default, which means
   "the network's T, unchanged". Only a ramp (T_start or T_end set and different) writes
   net->T: dam_trainer_reset sets it to T_start and every epoch to T_e, so after a
   ramped training the network holds the last T_e, and a checkpoint saves that.

   ======================================================================================
   RANDOMNESS
   ======================================================================================
   One explicit dam_rng (xoshiro256**, seeded through splitmix64) is passed to every
   stochastic call; there is no global state and no rand(). The same seed reproduces a
   run bit for bit, whatever the number of threads. dam_rng_seed(&r, 1) makes
   dam_rng_next(&r) return 0xb3f2af6d0fc710c5, 0x853b559647364cea, 0x92f89756082a4514,
   0x642e1c7bc266a3a7 (pinned by tests/test_rng.c).

   ======================================================================================
   THREADS
   ======================================================================================
   With -fopenmp the dense products and the per-item work of a minibatch run on all
   cores. Work is split over output rows and fixed chunks of items, never over a sum, so
   results are bit-identical for any OMP_NUM_THREADS. Objects are not safe to share
   between your own threads while one of them trains. A training batch opens about nine
   parallel regions; between them gcc's runtime lets idle threads spin, which on a
   machine with other busy processes made 2 threads 3x slower than 1. Run with
   OMP_WAIT_POLICY=passive there (the programs `make` builds do it themselves, see
   bench/omp_passive.c); the library never touches the environment.
*/

#ifndef DAM_H_INCLUDED
#define DAM_H_INCLUDED

/* ====================================================================================
   >>dam:api  Public types and prototypes
   Paper: -
   Book: 00-preface.md
   ==================================================================================== */

#include <stddef.h>
#include <stdint.h>

#define DAM_VERSION_MAJOR 0
#define DAM_VERSION_MINOR 1
#define DAM_VERSION_PATCH 0
#define DAM_VERSION_STRING "0.1.0"

#ifndef DAMDEF
#ifdef DAM_STATIC
#if defined(__GNUC__) || defined(__clang__)
#define DAMDEF static __attribute__((unused)) /* no warning for the parts you do not use */
#else
#define DAMDEF static
#endif
#else
#define DAMDEF extern
#endif
#endif

#ifndef DAM_REAL
#define DAM_REAL double
#endif
typedef DAM_REAL dam_real;

#ifdef __cplusplus
extern "C" {
#endif

/* ----- results --------------------------------------------------------------------- */
/* X(name, value, message): one list makes both the enum and the strings. */
#define DAM_RESULT_LIST(X)                                                                \
    X(DAM_OK, 0, "success")                                                               \
    X(DAM_ERR_NOMEM, -1, "out of memory")                                                 \
    X(DAM_ERR_ARGUMENT, -2, "invalid argument (a NULL pointer or an impossible call)")   \
    X(DAM_ERR_IO, -3, "a file could not be opened, read or written")                     \
    X(DAM_ERR_MAGIC, -4, "the file does not start with the expected magic number")       \
    X(DAM_ERR_TRUNCATED, -5, "the file ends before the data its header announces")       \
    X(DAM_ERR_DIMENSION, -6, "wrong number of dimensions or a zero dimension")           \
    X(DAM_ERR_TOO_LARGE, -7, "the sizes exceed what this build accepts")                 \
    X(DAM_ERR_SHAPE, -8, "arrays or data sets have mismatched shapes")                   \
    X(DAM_ERR_LABEL, -9, "a label is outside 0..classes-1")                              \
    X(DAM_ERR_NEURONS, -10, "the number of neurons N must be >= 2")                      \
    X(DAM_ERR_MEMORIES, -11, "the number of memories K must be >= 1")                    \
    X(DAM_ERR_INTERACTION, -12, "the interaction vertex n must be >= 1")                 \
    X(DAM_ERR_TEMPERATURE, -13, "the temperature T must be finite and > 0")              \
    X(DAM_ERR_NOT_FINITE, -14, "a parameter is NaN or infinite")                         \
    X(DAM_ERR_RATE, -15, "a learning rate, decay or momentum is out of range")           \
    X(DAM_ERR_FRACTION, -16, "a fraction or probability is outside [0, 1]")              \
    X(DAM_ERR_MASK, -17, "the neuron mask does not fit inside the state")                \
    X(DAM_ERR_BATCH, -18, "the batch size must be >= 1")                                 \
    X(DAM_ERR_EPOCHS, -19, "the number of epochs must be >= 1")                          \
    X(DAM_ERR_LOSS_POWER, -20, "the loss power m must be between 1 and 64")              \
    X(DAM_ERR_FUNCTION, -21, "unknown interaction function")                              \
    X(DAM_ERR_DIVERGED, -22, "training diverged: NaN or infinite loss, gradient or memory") \
    X(DAM_ERR_CANCELLED, -23, "stopped by the progress callback")                        \
    X(DAM_ERR_UNSUPPORTED, -24, "this feature is not compiled in")                       \
    X(DAM_ERR_EMPTY, -25, "there is nothing to work on (no items or no patterns)")      \
    X(DAM_ERR_STRENGTH, -26, "a penalty strength, damping or margin is out of range")   \
    X(DAM_ERR_TASKS, -27, "the task count is outside 1..64 or a task set is missing")   \
    X(DAM_ERR_TECHNIQUE, -28, "unknown sequential-learning technique")                  \
    X(DAM_ERR_VERSION, -29, "a checkpoint of another format version or byte order")      \
    X(DAM_ERR_CHECKSUM, -30, "the checkpoint's checksum does not match: it is corrupted") \
    X(DAM_ERR_KIND, -31, "the checkpoint holds another kind of object")                  \
    X(DAM_ERR_CHECKPOINT_MISMATCH, -32, "the checkpoint was made with other settings or data") \
    X(DAM_ERR_NOT_CONVERGED, -33, "an exact solver stopped at its pass limit without converging") \
    X(DAM_ERR_SWEEPS, -34, "the sweep cap of a relaxation must be >= 1")                 \
    X(DAM_ERR_PROBE, -35, "unknown probe convention (off or target)")                    \
    X(DAM_ERR_PRODUCT, -36, "unknown product route (auto, dense or signed)")

/* The codes run 0, -1, ..., without gaps (tests/test_rng.c checks it): the lowest is
   1 - their count, counted from the list itself. */
#define DAM__COUNT_ITEM(name, value, message) +1
enum { DAM__RESULT_COUNT = 0 DAM_RESULT_LIST(DAM__COUNT_ITEM) };
#undef DAM__COUNT_ITEM
typedef enum dam_result {
#define DAM__ENUM_ITEM(name, value, message) name = value,
    DAM_RESULT_LIST(DAM__ENUM_ITEM)
#undef DAM__ENUM_ITEM
    DAM_RESULT_MIN_ = 1 - DAM__RESULT_COUNT
} dam_result;

#define DAM_WHY_SIZE 160 /* bytes of every object's `why` sentence */
#define DAM_MAX_CLASSES 256 /* label neurons C of a data set or network: 1..256 (training, 2.. to classify) */

/* The message of a result code; never NULL ("unknown result" for foreign values).
   See also: every object's `why` field, which says what exactly was wrong. */
DAMDEF const char *dam_result_string(dam_result r);
/* The library version "X.Y.Z". */
DAMDEF const char *dam_version(void);

/* ----- allocator ------------------------------------------------------------------- */
/* Supply your own memory functions; a NULL dam_allocator* means DAM_MALLOC/DAM_FREE.
   alloc returns NULL on failure; free accepts NULL. See also: MEMORY above. */
typedef struct dam_allocator {
    void *(*alloc)(size_t size, void *user);
    void (*free)(void *ptr, void *user);
    void *user;
} dam_allocator;

/* ----- random numbers -------------------------------------------------------------- */
typedef struct dam_rng {
    uint64_t s[4];      /* xoshiro256** state; never all zero                        */
    double spare;       /* the second normal deviate of a Box-Muller pair              */
    int has_spare;      /* 1 when `spare` is waiting to be returned                    */
} dam_rng;

/* Seed the generator: the four state words come from splitmix64(seed). */
DAMDEF void dam_rng_seed(dam_rng *r, uint64_t seed);
/* The next 64 random bits. */
DAMDEF uint64_t dam_rng_next(dam_rng *r);
/* A uniform double in [0, 1) with 53 random bits. */
DAMDEF double dam_rng_uniform(dam_rng *r);
/* A standard normal deviate (Box-Muller, pairs cached in the state). */
DAMDEF double dam_rng_normal(dam_rng *r);
/* A uniform integer in [0, n), without modulo bias; n >= 1. */
DAMDEF uint64_t dam_rng_below(dam_rng *r, uint64_t n);
/* Fisher-Yates shuffle of count ints / pointers in place. */
DAMDEF void dam_rng_shuffle(dam_rng *r, int *v, int count);
DAMDEF void dam_rng_shuffle_ptr(dam_rng *r, const void **v, int count);
/* Fill perm with a uniformly random permutation of 0..count-1. */
DAMDEF void dam_rng_permutation(dam_rng *r, int *perm, int count);

/* ----- dense products (DAM_TESTING only) ------------------------------------------- */
/* The library's own products are internal (dam:gemm, in the trainer's buffers); these
   four entry points exist for the tests and the book's exercises, and only when
   DAM_TESTING is defined before the implementation: dam_gemm_nt and dam_gemm_tn take
   their packing buffer from DAM_MALLOC, not from a caller's allocator. */
#ifdef DAM_TESTING
/* C (M x Nc) = alpha * A * B^T + beta * C, A: M x Kd (lda), B: Nc x Kd (ldb), row-major.
   The forward product of training: scores S (B x K) = X (B x N) * xi^T.
   See also: dam_gemm_tn, dam_gemm_ref_nt. */
DAMDEF void dam_gemm_nt(int M, int Nc, int Kd, dam_real alpha, const dam_real *A, int lda,
                        const dam_real *B, int ldb, dam_real beta, dam_real *C, int ldc);
/* C (M x Nc) = alpha * A^T * B + beta * C, A: Kd x M (lda), B: Kd x Nc (ldb), row-major.
   The backward product: gradient G (K x N) = a * Wc^T (K x B) * X (B x N). */
DAMDEF void dam_gemm_tn(int M, int Nc, int Kd, dam_real alpha, const dam_real *A, int lda,
                        const dam_real *B, int ldb, dam_real beta, dam_real *C, int ldc);
/* The plain triple loops, kept as the readable reference the tests compare against. */
DAMDEF void dam_gemm_ref_nt(int M, int Nc, int Kd, dam_real alpha, const dam_real *A, int lda,
                            const dam_real *B, int ldb, dam_real beta, dam_real *C, int ldc);
DAMDEF void dam_gemm_ref_tn(int M, int Nc, int Kd, dam_real alpha, const dam_real *A, int lda,
                            const dam_real *B, int ldb, dam_real beta, dam_real *C, int ldc);
#endif /* DAM_TESTING */

/* ----- IDX files and data sets ----------------------------------------------------- */
#define DAM_IDX_MAX_DIMS 4
#define DAM_IDX_MAX_BYTES ((size_t)1 << 31) /* refuse files announcing more than 2 GiB */

typedef struct dam_idx {
    int ndims;                        /* 1 for labels, 3 for images                   */
    uint32_t dims[DAM_IDX_MAX_DIMS];  /* e.g. {60000, 28, 28}                          */
    size_t size;                      /* bytes of data = product of dims               */
    unsigned char *data;              /* size bytes, row-major                        */
    dam_allocator al;
    char why[DAM_WHY_SIZE];
} dam_idx;

/* Parse an IDX file of unsigned bytes (type 0x08) from memory. Errors: DAM_ERR_TRUNCATED,
   DAM_ERR_MAGIC (not 00 00 08 nd), DAM_ERR_DIMENSION (nd outside 1..4 or a zero
   dimension), DAM_ERR_TOO_LARGE (more than DAM_IDX_MAX_BYTES), DAM_ERR_NOMEM. On error
   out->data is NULL and out->why says what was wrong. See also: dam_idx_load. */
DAMDEF dam_result dam_idx_parse(dam_idx *out, const unsigned char *bytes, size_t len,
                                const dam_allocator *al);
/* Read and parse an IDX file (uncompressed). Adds DAM_ERR_IO. */
DAMDEF dam_result dam_idx_load(dam_idx *out, const char *path, const dam_allocator *al);
DAMDEF void dam_idx_free(dam_idx *idx);

typedef struct dam_dataset {
    int count;          /* items                                                       */
    int N;              /* neurons per item = pixels + classes                         */
    int pixels;         /* image neurons, first in every item                          */
    int classes;        /* label neurons C, last in every item                         */
    int width, height;  /* image size for pictures (pixels = width*height), or 0        */
    signed char *x;     /* count x N, row-major, every entry +1 or -1                  */
    int *label;         /* count, the class of each item                               */
    unsigned char *allowed; /* NULL (every class), or `classes` flags owned by the set:
                           classification of its items takes the argmax over the
                           flagged classes only (task-incremental testing; see
                           dam_dataset_set_allowed)                                    */
    dam_allocator al;
    char why[DAM_WHY_SIZE];
} dam_dataset;

/* Allocate a data set of count items of `pixels` image neurons and `classes` labels,
   every entry -1, every label 0. See also: dam_dataset_set_item. */
DAMDEF dam_result dam_dataset_init(dam_dataset *ds, int count, int pixels, int classes,
                                   const dam_allocator *al);
/* Item i from grey levels 0..255: pixel > threshold -> +1 else -1; label neuron `label`
   +1, the others -1 (bipolar one-hot). */
DAMDEF dam_result dam_dataset_set_item(dam_dataset *ds, int i, const unsigned char *grey,
                                       int threshold, int label);
/* Build a data set from an images IDX (count x rows x cols) and a labels IDX (count).
   max_items > 0 keeps only the first max_items. Labels must be < classes. */
DAMDEF dam_result dam_dataset_from_idx(dam_dataset *ds, const dam_idx *images,
                                       const dam_idx *labels, int threshold, int classes,
                                       int max_items, const dam_allocator *al);
/* Load MNIST-style files directly (classes = 10). */
DAMDEF dam_result dam_dataset_load_idx(dam_dataset *ds, const char *images_path,
                                       const char *labels_path, int threshold,
                                       int max_items, const dam_allocator *al);
/* out = src with its pixels permuted: out pixel p = src pixel perm[p]; labels shared. */
DAMDEF dam_result dam_dataset_permuted(dam_dataset *out, const dam_dataset *src,
                                       const int *perm, const dam_allocator *al);
/* out = items first..first+count-1 of src (a copy). */
DAMDEF dam_result dam_dataset_subset(dam_dataset *out, const dam_dataset *src, int first,
                                     int count, const dam_allocator *al);
/* Restrict classification on ds to the classes c with allowed[c] != 0 (allowed: C
   flags, copied; NULL lifts the restriction). dam_dense_accuracy, dam_trainer_accuracy
   and so the sequence runner's R then take argmax_c Delta_c over those classes only: a
   task-incremental test, where the task (and so its classes) is given. At least one
   class must stay allowed (DAM_ERR_LABEL). Copies made by dam_dataset_subset and
   dam_dataset_permuted keep the flags. */
DAMDEF dam_result dam_dataset_set_allowed(dam_dataset *ds, const unsigned char *allowed);
/* Fraction of +1 among all pixel neurons (for pseudorehearsal's random probes). */
DAMDEF double dam_dataset_density(const dam_dataset *ds);
DAMDEF void dam_dataset_free(dam_dataset *ds);

/* Permuted tasks: perms (tasks x pixels) gets task 0 = identity and tasks 1..tasks-1 =
   random permutations drawn from rng, in that order. */
DAMDEF void dam_tasks_draw_permutations(int *perms, int tasks, int pixels, dam_rng *rng);

/* Grey images and their labels, before binarisation: what the rotated scenario turns
   (a rotation needs the grey levels; a binarised image rotated bilinearly is no longer
   bipolar) and what a folder of your own images loads into. */
typedef struct dam_images {
    int count;          /* images                                                      */
    int width, height;  /* every image's size                                          */
    int classes;        /* labels are 0..classes-1                                     */
    unsigned char *grey;/* count x width*height grey levels 0..255, row-major          */
    int *label;         /* count                                                       */
    char (*names)[64];  /* classes names (a folder's subfolder names), or NULL (IDX)   */
    dam_allocator al;
    char why[DAM_WHY_SIZE];
} dam_images;

/* The first max_items (0 = all) images of an MNIST-style pair of IDX files, grey levels
   kept, classes = 10. Errors as dam_dataset_load_idx. */
DAMDEF dam_result dam_images_load_idx(dam_images *im, const char *images_path, const char *labels_path,
                                      int max_items, const dam_allocator *al);
/* A folder of your own images, one subfolder per class: dir/<class>/<file>. The
   subfolders (names not starting with '.') sorted by name are the classes 0, 1, ...;
   in each, the files ending in .png .jpg .jpeg .bmp .gif .tga .pgm .ppm .pnm .psd or
   .hdr (any case), sorted by name, are its images (other files, and names starting
   with '.', are skipped). Every
   image is read through stb_image as grey (colour: 0.299 R + 0.587 G + 0.114 B; alpha
   ignored). width = height = 0: every image must have the size of the first one
   (DAM_ERR_SHAPE names the file that differs); width, height > 0: each is resampled
   to that size (box filter, nearest when enlarging). The split: with test_every = k >
   0 the k-th, 2k-th, ... image of each class (in name order) goes to *test, the others
   to *train (test may be NULL only when k = 0: all to train). Errors: DAM_ERR_IO (no
   such folder, an unreadable or undecodable file: why names it), DAM_ERR_EMPTY (no
   class subfolders, a class without images, or with fewer than k), DAM_ERR_LABEL
   (fewer than 2 classes), DAM_ERR_TOO_LARGE (more than DAM_MAX_CLASSES classes, an
   image over 4096 x 4096, more than 2^31 bytes), DAM_ERR_SHAPE, DAM_ERR_UNSUPPORTED
   (built without stb_image.h before the implementation, or without POSIX directory
   listing). On error nothing stays allocated and train->why says what was wrong. */
DAMDEF dam_result dam_images_load_folder(dam_images *train, dam_images *test, const char *dir, int width,
                                         int height, int test_every, const dam_allocator *al);
DAMDEF void dam_images_free(dam_images *im);
/* Rotate a grey width x height image by `degrees` anticlockwise (as displayed, rows
   top to bottom) about its centre, bilinearly: out(x, y) = the source interpolated at
   the point that the rotation takes to (x, y); points from outside the source are 0
   (background). Multiples of 90 degrees use exact sines and cosines, so 0 degrees is
   the identity and, for a square image, four turns of 90 give it back exactly. A NaN
   or infinite angle is no rotation at all: out is all 0 (dam_dataset_from_images
   refuses such an angle with DAM_ERR_NOT_FINITE before it gets here). */
DAMDEF void dam_image_rotate(const unsigned char *src, int width, int height, double degrees, unsigned char *out);
/* A data set of `count` images of im: which[k] (which NULL: image k), each rotated by
   `degrees` (0: untouched; dam_image_rotate), then binarised at threshold and given
   its bipolar one-hot label (dam_dataset_set_item), classes = im->classes. */
DAMDEF dam_result dam_dataset_from_images(dam_dataset *ds, const dam_images *im, const int *which, int count,
                                          double degrees, int threshold, const dam_allocator *al);
/* Split tasks: the indices of the images whose class is flagged in classes (C flags),
   in order, at most max of them (max 0: all), into which (room for im->count); returns
   how many. */
DAMDEF int dam_images_select(const dam_images *im, const unsigned char *classes, int max, int *which);

/* Load any image stb_image reads (PNG, JPEG, BMP, ...) as grey, resample it to
   width x height (box filter / nearest), and binarise: out[p] = grey > threshold ? +1:-1.
   Returns DAM_ERR_UNSUPPORTED unless stb_image.h was included before the
   implementation. why (may be NULL) receives the reason on failure. */
DAMDEF dam_result dam_image_load(const char *path, int width, int height, int threshold,
                                 signed char *out, char *why);
/* Write `count` vectors (entries in [-1,1], row stride `stride`) of width x height pixels
   as one grid image, `cols` tiles per row, each pixel scaled up `scale` times, a 1-pixel
   grey border between tiles. -1 is black and +1 white. A path ending in .png needs
   stb_image_write.h; anything else is written as binary PGM. Written to path.tmp, then
   renamed. */
DAMDEF dam_result dam_grid_write(const char *path, const dam_real *vectors, int count,
                                 int stride, int width, int height, int cols, int scale,
                                 char *why);

/* ----- classical Hopfield network -------------------------------------------------- */
typedef struct dam_hopfield {
    int N;              /* neurons                                                     */
    dam_real *W;        /* N x N weights, W[i*N+j]; zero diagonal                      */
    dam_real *h;        /* N scratch: local fields                                     */
    int *order;         /* N scratch: update order of an asynchronous sweep            */
    dam_allocator al;
    char why[DAM_WHY_SIZE];
} dam_hopfield;

DAMDEF dam_result dam_hopfield_init(dam_hopfield *h, int N, const dam_allocator *al);
DAMDEF void dam_hopfield_free(dam_hopfield *h);
/* Hebbian rule: W += (1/N) sum_p xi_p xi_p^T, diagonal kept zero. patterns: P x N. */
DAMDEF dam_result dam_hopfield_hebbian(dam_hopfield *h, const signed char *patterns, int P);
/* Delta (perceptron) rule: sweep the patterns; wherever sign(h_i) != xi_p,i add
   eta*xi_p,i*xi_p,j to W_ij (j != i); stop when every pattern is stable or after
   max_epochs sweeps. symmetric=1 also adds it to W_ji (keeps W symmetric so the energy
   argument holds). *epochs (may be NULL) receives the sweeps used. The same as
   dam_hopfield_delta_margin with kappa = 0. */
DAMDEF dam_result dam_hopfield_delta(dam_hopfield *h, const signed char *patterns, int P,
                                     double eta, int max_epochs, int symmetric, int *epochs);
/* Delta rule with a margin kappa >= 0: a perceptron step wherever xi_p,i h_i <= kappa
   (at kappa = 0: wherever sign(h_i) != xi_p,i, sign(0) = -1, i.e. dam_hopfield_delta),
   until xi_p,i h_i > kappa for every neuron of every pattern or max_epochs sweeps. A
   margin makes each pattern's basin of attraction wide (a few flipped bits cannot
   turn a field of size > kappa around); the scale of kappa is that of h, about eta
   (N-1) per step. *unstable (may be NULL) receives the (pattern, neuron) pairs still
   short of the margin in the last sweep: 0 means it converged, > 0 that max_epochs
   stopped it. Errors: those of dam_hopfield_delta, DAM_ERR_STRENGTH (kappa < 0 or
   not finite). */
DAMDEF dam_result dam_hopfield_delta_margin(dam_hopfield *h, const signed char *patterns, int P,
                                            double eta, double kappa, int max_epochs, int symmetric,
                                            int *epochs, int *unstable);
/* E(x) = -1/2 x^T W x. */
DAMDEF double dam_hopfield_energy(const dam_hopfield *h, const signed char *x);
/* Relax x in place. Asynchronous (async=1): sweeps over a fresh random order, x_i <-
   sign(h_i); synchronous: all neurons at once. Stops when a sweep changes nothing or
   after max_sweeps. Returns the sweeps done (>= 1), or a negative dam_result. */
DAMDEF int dam_hopfield_relax(dam_hopfield *h, signed char *x, int async, int max_sweeps,
                              dam_rng *rng);
/* Robins & McCallum's pseudo-items: relax `probes` random probes (each bit +1 with
   probability `density`) asynchronously (at most max_sweeps sweeps), keep only those
   that end at a fixed point, count x and -x as one attractor, rank the distinct
   attractors by how many probes reached them (ties: the first reached first), and
   write the `keep` most visited ones that are not (up to sign) among have[0..nhave)
   (nhave x N; may be NULL when nhave = 0) to out (keep x N). Returns how many were
   written (0..keep) or a negative dam_result. Allocates probes (N + 4) bytes from h's
   allocator for the call. Cost O(probes (sweeps N^2 + distinct N)). */
DAMDEF int dam_hopfield_attractors(dam_hopfield *h, int probes, double density, int max_sweeps,
                                   const signed char *have, int nhave, signed char *out, int keep,
                                   dam_rng *rng);
/* Fraction of the P patterns that are fixed points (sign(W xi) == xi everywhere). */
DAMDEF double dam_hopfield_stable_fraction(dam_hopfield *h, const signed char *patterns, int P);
/* Fraction recalled: flip round(flip*N) random bits of each pattern, relax
   asynchronously (max_sweeps), count it recalled when at most tolerance*N bits differ
   from the pattern. */
DAMDEF double dam_hopfield_recall_fraction(dam_hopfield *h, const signed char *patterns,
                                           int P, double flip, double tolerance,
                                           int max_sweeps, dam_rng *rng);

/* ----- Dense Associative Memory ---------------------------------------------------- */
typedef enum dam_function {
    DAM_F_POLY = 0,        /* F(z) = z^n                                                */
    DAM_F_RECTIFIED = 1,   /* F(z) = max(z, 0)^n                                        */
    DAM_F_LEAKY = 2,       /* F(z) = z^n for z > 0, eps*z otherwise                     */
    DAM_F_EXP = 3          /* F(z) = exp(z) (Demircigil et al. 2017); n unused           */
} dam_function;

typedef enum dam_probe {
    DAM_PROBE_OFF = 0,     /* other label neurons -1 in the probes (classification)     */
    DAM_PROBE_TARGET = 1   /* other label neurons keep the item's values                */
} dam_probe;

/* How training and classification compute the two products with the batch's states
   (dam:gemm, "Products with a bipolar operand"). The routes agree to rounding. */
typedef enum dam_product {
    DAM_PRODUCT_AUTO = 0,   /* signed while the states are sparse enough, else dense    */
    DAM_PRODUCT_DENSE = 1,  /* the packed matrix kernel (or the CBLAS)                  */
    DAM_PRODUCT_SIGNED = 2  /* sums of rows over each state's rarer-sign positions      */
} dam_product;
/* "auto", "dense", "signed" -> the route; -1 for an unknown name (or NULL). */
DAMDEF int dam_product_from_name(const char *name);

/* Zeros: T 0 is the default temperature of n and f; mask 0 is no mask, init_mean 0 the
   default. N, K and n have no default (they are the network you ask for), and 0 is a
   setting of its own for f (DAM_F_POLY: the enum's values are in checkpoint files),
   eps (a flat leaky side) and init_std (memories all init_mean, no rng needed), so a
   zeroed desc is not dam_dense_defaults there: start from dam_dense_defaults. */
typedef struct dam_dense_desc {
    int N;                 /* neurons                                                   */
    int K;                 /* memories                                                  */
    int n;                 /* interaction vertex (>= 1)                                 */
    dam_function f;        /* interaction function                                      */
    double eps;            /* slope of DAM_F_LEAKY below zero (default 0.01)            */
    double T;              /* temperature (> 0; 0: dam_dense_default_temperature(n, f));
                              a = 1/(T*N). The network keeps it (net->T): see TEMPERATURE */
    int mask_start;        /* first masked (label) neuron                               */
    int mask_count;        /* masked neurons C (0: none; classification needs >= 2)     */
    double init_mean;      /* xi ~ init_mean + init_std*Normal(0,1), clamped to [-1,1]   */
    double init_std;       /* (default 0 and 0.1)                                       */
} dam_dense_desc;

typedef struct dam_dense {
    int N, K, n;
    dam_function f;
    dam_real eps;
    dam_real T;            /* THE temperature: every energy, Delta, loss and gradient
                              reads it (a = 1/(T N)); only a training ramp writes it       */
    int mask_start, mask_count;
    dam_real *xi;          /* K x N memory vectors, row-major, entries in [-1, 1]         */
    dam_real *s;           /* (7 + C) x K scratch: s_mu = xi_mu . x for recall, then the
                              item scratch of dam_dense_classify (dam__item_carve)        */
    dam_real *xis;         /* C x K: the masked columns of xi, transposed (xis[c*K+mu])  */
    int *order;            /* N: a sweep's neuron order (dam_dense_relax, no allocation)  */
    signed char *next;     /* N: a synchronous sweep's next state (dam_dense_relax)       */
    dam_allocator al;
    char why[DAM_WHY_SIZE];
} dam_dense;

/* The documented default temperature for interaction vertex n (see dam:dense.train and
   book chapter 03 for the sweep behind it). */
DAMDEF double dam_dense_default_temperature(int n, dam_function f);
/* A desc with every documented default: leaky rectified polynomial, eps 0.01,
   T = dam_dense_default_temperature(n), init 0.1*Normal(0,1), no mask. */
DAMDEF dam_dense_desc dam_dense_defaults(int N, int K, int n);
/* Validate desc, allocate, draw the memories from rng. Errors name the bad field. */
DAMDEF dam_result dam_dense_init(dam_dense *net, const dam_dense_desc *desc, dam_rng *rng,
                                 const dam_allocator *al);
DAMDEF void dam_dense_free(dam_dense *net);
/* Set memory mu = pattern mu for mu < count (patterns: count x N bipolar). */
DAMDEF dam_result dam_dense_set_memories(dam_dense *net, const signed char *patterns, int count);
/* Refresh net->xis after you change net->xi by hand (training does it itself). */
DAMDEF void dam_dense_sync(dam_dense *net);
/* Interaction function: *F = F(z), *dF = F'(z) (either may be NULL). */
DAMDEF void dam_dense_interaction(dam_function f, int n, double eps, double z, double *F, double *dF);
/* E(x) = -sum_mu F(a * xi_mu . x). */
DAMDEF double dam_dense_energy(dam_dense *net, const signed char *x);
/* Delta_i(x) = sum_mu F(z_mu(x^(i+))) - F(z_mu(x^(i-))); the update is x_i <- +1 if
   Delta_i > 0, else -1 (tie convention: sign(0) = -1). */
DAMDEF double dam_dense_delta(dam_dense *net, const signed char *x, int i);
/* Relax x in place (async: random order per sweep; sync: all neurons from the same x).
   Only neurons in [first, first+count) are updated (count 0 = all). Returns sweeps done
   or a negative dam_result. Allocates nothing (the network's order and next buffers). */
DAMDEF int dam_dense_relax(dam_dense *net, signed char *x, int async, int max_sweeps,
                           int first, int count, dam_rng *rng);

/* ----- training -------------------------------------------------------------------- */
typedef struct dam_progress {
    int task;              /* task index set by the caller of dam_trainer_epoch (or 0)   */
    int epoch, epochs;     /* epoch just finished (0-based) and the total               */
    double loss;           /* mean loss per item over the epoch                         */
    double seconds;        /* wall time of the epoch                                    */
    double T, lr;          /* temperature and learning rate used in the epoch           */
} dam_progress;
/* Return 0 to go on, anything else to stop (training returns DAM_ERR_CANCELLED). */
typedef int (*dam_progress_fn)(const dam_progress *p, void *user);

typedef struct dam_train_desc {
    int epochs;            /* passes over the items (per task)                          */
    int batch;             /* minibatch size B                                          */
    double lr;             /* eta_0                                                     */
    double lr_decay;       /* d: eta_e = eta_0 * d^e, in (0, 1]                          */
    double momentum;       /* rho in [0, 1)                                             */
    double T_start, T_end; /* optional ramp T_e = T_start + (T_end-T_start)*e/epochs,
                              written into net->T; 0 (the default): T_start is the
                              network's T at dam_trainer_init, T_end is T_start (no ramp:
                              training reads net->T and never writes it)                 */
    int loss_power;        /* m: loss (Y - x)^(2m), 1..64                                */
    dam_probe probe;       /* probe convention                                           */
    dam_product product;   /* how the products are computed (default auto)              */
    int keep_step;         /* keep dtheta = xi_new - xi_old for the step hook (else the
                              hook gets NULL; dam_seq sets it for SI): K x N more reals  */
    dam_progress_fn progress; /* called after every epoch (may be NULL)                 */
    void *user;            /* passed to progress                                        */
} dam_train_desc;

/* Defaults measured for single-task MNIST (book chapter 03): 40 epochs, batch 1000,
   lr 0.04, decay 0.998, momentum 0.6, m = 30, probe "off", and no temperature ramp
   (T_start = T_end = 0: the network's own T, which dam_dense_desc.T set). n is unused
   since the temperature moved into the network; it stays for 0.1.0's callers.
   A zeroed dam_train_desc means the same except momentum (0 is "no momentum", a valid
   setting): epochs, batch, lr, lr_decay, loss_power, T_start, T_end 0 take these
   defaults, probe 0 is "off", product 0 "auto", keep_step 0 and progress NULL are off. */
DAMDEF dam_train_desc dam_train_defaults(int n);

struct dam_trainer;
/* A technique's hook: add a penalty gradient to G, or project G (K x N), before momentum. */
typedef dam_result (*dam_grad_hook)(struct dam_trainer *tr, dam_real *G, void *user);
/* Called after each optimiser step with the step's gradient G and the change of the
   memories dtheta = xi_new - xi_old (K x N; NULL unless the trainer was made with
   dam_train_desc.keep_step); SI integrates its path integral here. */
typedef void (*dam_step_hook)(struct dam_trainer *tr, const dam_real *G,
                              const dam_real *dtheta, void *user);

/* The trainer's own buffers and counters: private to dam.h (they change between
   versions). They are here only because a C struct must be complete to be embedded. */
typedef struct dam__trainer_private {
    int max_batch;         /* rows of the batch buffers (= d.batch)                      */
    int threads;           /* threads the buffers were sized for                        */
    int ramp;              /* 1: d.T_start..T_end differ from the network's T: training
                              writes net->T (reset and every epoch)                       */
    dam_real *V;           /* K x N momentum                                            */
    dam_real *G;           /* K x N gradient of the current batch                       */
    int *list_idx;         /* B x (N/2 + 1) rarer-sign positions of each base state     */
    int *list_start;       /* B + 1 starts of the packed lists                          */
    signed char *list_sign;/* B signs of the lists (dam:gemm, bipolar products)          */
    int *list_inv;         /* B x (N/2 + 1) + N + 1: the lists by neuron, and their starts */
    dam_real *S;           /* B x K scores s_mu = xi_mu . b                              */
    dam_real *Wc;          /* B x K coefficients w_mu = sum_c c_c (A - B) per item; the
                              same buffer as S (item b's w replaces its s once used)     */
    dam_real *Q;           /* chunks x C x K corrections on the masked columns           */
    dam_real *scratch;     /* threads x (C+6) x K per-thread scratch                     */
    dam_real *dtheta;      /* K x N change of the memories in the last step (keep_step) */
    dam_real *prod_ws;     /* workspace of the products (xi^T, or packing + a slab)      */
    double *item_loss;     /* B losses of the current batch                             */
    const signed char **rows; /* item pointers of an epoch (capacity rows_cap)          */
    int rows_cap;
    /* Soft targets (set by dam_seq for pseudo-items with pseudo_soft > 0; zero: off):
       an item whose row lies in soft_rows[0 .. soft_count) (soft_count rows of N
       bytes) is scored by soft_weight * sum_c (Y_c - soft_target[i*C + c])^2 instead
       of sum_c (Y_c - x_c)^(2m), where i is its row there. */
    const signed char *soft_rows;
    int soft_count;
    const dam_real *soft_target; /* soft_count x C targets in [-1, 1]               */
    double soft_weight;
} dam__trainer_private;

/* A trainer: what a caller reads or sets is public; the rest is in `priv`. */
typedef struct dam_trainer {
    dam_dense *net;        /* the network it trains (borrowed)                          */
    dam_train_desc d;      /* the settings, zeros filled in (dam_train_defaults)         */
    int epoch;             /* epochs done since dam_trainer_reset                       */
    int task;              /* reported in progress                                      */
    dam_grad_hook grad_hook; void *grad_user; /* a penalty or projection (may be NULL)   */
    dam_step_hook step_hook; void *step_user; /* after every optimiser step (may be NULL) */
    dam__trainer_private priv;
    dam_allocator al;
    char why[DAM_WHY_SIZE];
} dam_trainer;

/* Validate desc and allocate all training memory for up to max_items items per epoch. */
DAMDEF dam_result dam_trainer_init(dam_trainer *tr, dam_dense *net, const dam_train_desc *desc,
                                   int max_items, const dam_allocator *al);
DAMDEF void dam_trainer_free(dam_trainer *tr);
/* Start a new task: momentum to zero, epoch counter (so eta, and T if the desc ramps it)
   back to the start. Without a ramp net->T is left as it is. */
DAMDEF void dam_trainer_reset(dam_trainer *tr);
/* Loss summed over the items rows[0..count) and, if G != NULL, its gradient (K x N) with
   respect to xi at the network's current T. Any count (split into batches inside). */
DAMDEF dam_result dam_trainer_loss_grad(dam_trainer *tr, const signed char *const *rows,
                                        int count, dam_real *G, double *loss);
/* One epoch over the union of nsets data sets: shuffle, minibatches, optimiser steps.
   *loss (may be NULL) receives the mean loss per item. */
DAMDEF dam_result dam_trainer_epoch(dam_trainer *tr, const dam_dataset *const *sets,
                                    int nsets, dam_rng *rng, double *loss);
/* Train net on one data set for desc->epochs epochs (a trainer made and freed inside). */
DAMDEF dam_result dam_train(dam_dense *net, const dam_train_desc *desc, const dam_dataset *ds,
                            dam_rng *rng);

/* ----- classification ------------------------------------------------------------- */
typedef struct dam_score {
    double accuracy;       /* right / count (ties count as wrong)                        */
    int right, ties, count;
} dam_score;

/* Class of one item (its pixel neurons; its label neurons are ignored and taken as -1):
   argmax_c Delta_c. scores (may be NULL) receives the C values Delta_c. Returns the
   class (>= 0), DAM_CLASSIFY_TIE (-1) when several classes share the top score, or
   DAM_ERR_ARGUMENT (-2) when the call is impossible (no network or item, a mask outside
   1..DAM_MAX_CLASSES). Allocates nothing (uses the network's scratch, so one network
   classifies on one thread at a time). */
#define DAM_CLASSIFY_TIE (-1)
DAMDEF int dam_dense_classify(dam_dense *net, const signed char *x, double *scores);
/* The same with the argmax over the classes c with allowed[c] != 0 only (allowed: C
   flags; NULL: all), as a task-incremental test asks. DAM_ERR_ARGUMENT also when no
   class is allowed; scores still receives all C values. */
DAMDEF int dam_dense_classify_among(dam_dense *net, const signed char *x, const unsigned char *allowed,
                                    double *scores);
/* Accuracy on a data set, using the fast batched products. */
DAMDEF dam_result dam_dense_accuracy(dam_dense *net, const dam_dataset *ds, dam_score *score);
/* The same, inside a trainer's buffers (nothing allocated): tr's network on ds, by
   the trainer's product route. */
DAMDEF dam_result dam_trainer_accuracy(dam_trainer *tr, const dam_dataset *ds, dam_score *score);


/* ----- sequential learning: techniques, the task-sequence runner, metrics ---------- */
/* A sequence of T tasks (a training set and a test set each) is learned by one DAM,
   task after task, with one technique protecting the earlier tasks (book chapters
   05-08). Every technique runs through the one optimiser of
   dam:dense.train: penalties (EWC, SI, MAS) add their gradient to G and projections
   (GEM, A-GEM) replace G, both in the trainer's grad_hook; SI integrates its path in the
   step_hook. theta = all K*N memory entries; theta*_k = their values after task k. */
typedef enum dam_technique {
    DAM_TECH_VANILLA = 0,   /* each task on its own items                               */
    DAM_TECH_REHEARSAL = 1, /* + a kept fraction of every finished task's items          */
    DAM_TECH_PSEUDO = 2,    /* + pseudo-items made by the current network                */
    DAM_TECH_EWC = 3,       /* + (lambda/2) sum_k sum_j F_k,j (theta_j - theta*_k,j)^2   */
    DAM_TECH_SI = 4,        /* + c sum_j Omega_j (theta_j - theta*_j)^2, path integral    */
    DAM_TECH_MAS = 5,       /* + lambda sum_j Omega_j (theta_j - theta*_j)^2, output norm */
    DAM_TECH_GEM = 6,       /* G projected so no episodic memory's loss rises            */
    DAM_TECH_AGEM = 7       /* G projected against one averaged reference gradient        */
} dam_technique;
#define DAM_TECH_COUNT 8

#define DAM_SEQ_MAX_TASKS 64 /* T of one sequence: 1..64 (GEM's dual QP has T-1 variables) */

/* Where pseudorehearsal's probes come from (dam:seq.rehearsal, book chapter 06). */
typedef enum dam_pseudo_probe {
    DAM_PSEUDO_CLASS = 0,   /* class-conditional: every pixel +1 with the probability q
                               stored for one (finished task, class); generative replay
                               with the simplest generator (the default)                 */
    DAM_PSEUDO_RANDOM = 1,  /* random bipolar noise at one pixel density: Robins' pure
                               pseudorehearsal, nothing stored (fails in the DAM: every
                               probe gets the same label)                                */
    DAM_PSEUDO_RELAXED = 2  /* random noise relaxed to an attractor of the network first */
} dam_pseudo_probe;
#define DAM_PSEUDO_COUNT 3
/* "class", "random", "relaxed"; dam_pseudo_probe_from_name returns -1 for another name. */
DAMDEF const char *dam_pseudo_probe_name(dam_pseudo_probe p);
DAMDEF int dam_pseudo_probe_from_name(const char *name);

/* Every setting of a sequence. dam_seq_defaults fills the documented defaults; a field
   that does not belong to the chosen technique is ignored (but still validated).
     field               default   technique   meaning
     rehearsal_fraction  0.1       rehearsal   r: fraction of each finished task kept
     pseudo_items        1000      pseudo      P: pseudo-items made before each task t > 0
     pseudo_probe        class     pseudo      where the probes come from (dam_pseudo_probe):
                                               class: drawn from the finished tasks' stored
                                               per-class pixel densities (generative replay);
                                               random: bipolar noise (Robins' pure form);
                                               relaxed: noise relaxed to an attractor
     pseudo_density      -1        pseudo      random, relaxed: P(pixel = +1) of a probe in
                                               [0,1]; exactly -1: the mean pixel density of
                                               task 0's training items
     pseudo_sweeps       10        pseudo      relaxed: sweep cap of the relaxation
     pseudo_soft         0         pseudo      w >= 0: 0 rehearses the network's answer as a
                                               one-hot label; w > 0 rehearses its outputs
                                               Y_c = tanh(Delta_c) as soft targets with the
                                               loss w sum_c (Y_c - Y*_c)^2 (power 1)
     importance_items    0         ewc, mas    items of a task used for F_k / Omega
                                               (0: all; else the first ones)
     importance_normalise 1        ewc,si,mas  1: each task's importance is divided by
                                               its mean over the K*N entries before it
                                               is added (see dam:seq.ewc); 0: raw
     ewc_lambda          1         ewc         lambda
     si_c                1         si          c
     si_damping          0.1       si          xi (the damping in Omega's denominator)
     mas_lambda          1         mas         lambda
     memory_per_task     256       gem, agem   M: episodic items kept per finished task
     gem_margin          0.5       gem         gamma: the dual variables are >= gamma
     agem_sample         256       agem        items of the reference sample per step
     seed                0         all         the seed the caller gave its generator;
                                               dam.h draws nothing from it, it only goes
                                               into the checkpoint key (dam:checkpoint)
   (the strengths: the best of 1, 10, ..., 1e6 for all three on the synthetic tasks of
   tests/test_sequence.c at m = 1; at m = 30 every penalty is swamped by the loss
   gradient unless it is enormous; see dam:seq.ewc and book chapter 07)
   Zeros: a 0 means the default where 0 was not a valid setting: pseudo_sweeps (10),
   si_damping (0.1), memory_per_task (256), agem_sample (256), and the train desc's
   (dam_train_defaults). Everywhere else 0 is a setting of its own, so a zeroed desc
   cannot mean the defaults there: rehearsal_fraction 0 keeps nothing, pseudo_items 0
   makes none, pseudo_density 0 is all-black probes (the default is -1), pseudo_probe
   and technique 0 are the defaults already, importance_normalise 0 is the raw
   importance, the strengths ewc_lambda, si_c, mas_lambda 0 switch the penalty off and
   gem_margin 0 is the original GEM. Start from dam_seq_defaults. */
typedef struct dam_seq_desc {
    dam_technique technique;  /* the built-in technique (DAM_TECH_VANILLA: none)          */
    dam_train_desc train;     /* optimiser and epochs per task; train.progress receives
                                 every epoch with p->task set to the task index          */
    double rehearsal_fraction;
    int pseudo_items;
    dam_pseudo_probe pseudo_probe;
    double pseudo_density;
    int pseudo_sweeps;
    double pseudo_soft;
    int importance_items;
    int importance_normalise;
    double ewc_lambda;
    double si_c, si_damping;
    double mas_lambda;
    int memory_per_task;
    double gem_margin;
    int agem_sample;
    uint64_t seed;            /* recorded in checkpoints only: the rng is the caller's    */
    const struct dam_technique_ops *extra[3]; /* more tables, run after `technique` (NULL:
                                 none; up to DAM_SEQ_MAX_TECHNIQUES - 1; see
                                 dam_technique_ops). Last, so the struct has no padding  */
} dam_seq_desc;

/* How a run began, for the checkpoint key (dam:checkpoint): taken when task 0 starts
   (dam_seq_learn_task) or read from the file (dam_seq_resume). FNV-1a 64 hashes. */
typedef struct dam_seq_start {
    int taken;                /* 1 once rng, memories and T describe the start          */
    int hashed;               /* 1 once items[] is filled                               */
    uint64_t rng;             /* the generator's state (4 words, spare, has_spare)       */
    uint64_t memories;        /* the K x N memories, as the float64 a checkpoint writes  */
    double T;                 /* the network's temperature (dam_dense_desc.T)            */
    uint64_t items[2 * DAM_SEQ_MAX_TASKS]; /* task t: training items [2t], test [2t+1]
                                 (the N bytes of every item, then the labels as u32)     */
} dam_seq_start;

/* ----- a technique as a table of hooks ----------------------------------------------
   A technique is one dam_technique_ops table; the runner (dam:seq.runner) calls its
   hooks at fixed moments and never names a technique. Each of the eight built-in
   techniques is such a table, defined next to its math (dam:seq.rehearsal ...
   dam:seq.gem); a program defines its own the same way (examples/custom_technique.c,
   book chapter 11) and lists it in dam_seq_desc.extra. Every hook may be NULL.
     rows(s, self)          the most items the technique adds to one epoch (a rehearsal
                            buffer, pseudo-items): the trainer is sized for them
     setup(s, self, &state) allocate the technique's state through s->al (sizes are
                            known: s->T, s->net, s->train, s->d), add its bytes to
                            s->bytes; *state is then passed to every other hook. The
                            trainer s->tr exists already. Set *state before a second
                            allocation: on any failure the runner calls free.
     free(s, state)         give back everything setup took (state may be half made)
     prepare(s, state, t, rng)  before task t trains (not again when a resume lands
                            inside task t)
     sets(s, state, t, out) the extra training sets of task t (at most 2) into out;
                            returns how many
     grad(s, state, G)      from task 1 on, before every optimiser step: add a penalty's
                            gradient to G (K x N, the summed loss gradient of the batch)
                            or, when self->projects, project G; the penalties of a run
                            act first, then its one projection
     value(s, state)        the penalty's value (dam_seq_penalty); NULL for a projection
     step(s, state, G, dtheta)  after every optimiser step (dtheta = xi_new - xi_old;
                            a step hook makes the trainer keep dtheta)
     consolidate(s, state, t, rng)  after task t when a later task follows
     key(s, state, w)       extra "name=value" lines of the settings key (any order:
                            they are sorted; start the names with the technique's name).
                            The built-in tables write their dam_seq_desc fields here, and
                            the runner calls their key in every run (state NULL when the
                            table is not in the run): every field of the desc is in the key
     save(s, state, w) / load(s, state, r)  the technique's own block of a sequence
                            checkpoint; load is called twice, first to check
                            (dam_checkpoint_applying(r) == 0: change nothing), then to
                            apply; it returns DAM_ERR_SHAPE when the block does not fit
     defaults(d)            fill the technique's fields of a dam_seq_desc with their
                            defaults (dam_seq_defaults calls it for every built-in
                            table); a program's table keeps its settings in user instead
     check(d, self, why)    before anything is allocated: validate the technique's
                            settings (fields of d, or self->user), fill a field whose 0
                            means its default, write the reason into why on failure.
                            dam_seq_init calls it for every built-in table (a desc's
                            fields are validated whatever the technique) and for the
                            tables of d->extra
   A failing hook returns its code and writes its reason into s->why. */
#define DAM_SEQ_MAX_TECHNIQUES 4 /* tables in one run: the built-in one + 3 extra   */
struct dam_seq;
typedef struct dam__buf dam_checkpoint_writer; /* a checkpoint being written (dam:checkpoint) */
typedef struct dam__rd dam_checkpoint_reader;  /* a verified checkpoint being read          */
typedef struct dam_technique_ops {
    const char *name;         /* in the key and the checkpoint: letters, digits, _ and -   */
    int projects;             /* 1: grad replaces G by a projection (one per run at most) */
    int (*rows)(const struct dam_seq *s, const struct dam_technique_ops *self);
    dam_result (*setup)(struct dam_seq *s, const struct dam_technique_ops *self, void **state);
    void (*free)(struct dam_seq *s, void *state);
    dam_result (*prepare)(struct dam_seq *s, void *state, int t, dam_rng *rng);
    int (*sets)(struct dam_seq *s, void *state, int t, const dam_dataset **out);
    dam_result (*grad)(struct dam_seq *s, void *state, dam_real *G);
    double (*value)(struct dam_seq *s, void *state);
    void (*step)(struct dam_seq *s, void *state, const dam_real *G, const dam_real *dtheta);
    dam_result (*consolidate)(struct dam_seq *s, void *state, int t, dam_rng *rng);
    void (*key)(const struct dam_seq *s, const void *state, dam_checkpoint_writer *w);
    void (*save)(const struct dam_seq *s, const void *state, dam_checkpoint_writer *w);
    dam_result (*load)(struct dam_seq *s, void *state, dam_checkpoint_reader *r);
    void *user;               /* the table owner's settings (setup reads self->user)       */
    /* the desc hooks (last, so a table written without them still compiles):            */
    void (*defaults)(dam_seq_desc *d);
    dam_result (*check)(dam_seq_desc *d, const struct dam_technique_ops *self, char *why);
} dam_technique_ops;

typedef struct dam_seq {
    dam_seq_desc d;
    dam_dense *net;           /* the network being taught (borrowed)                     */
    int T;                    /* tasks in the sequence                                  */
    const dam_dataset *const *train; /* T training sets (borrowed)                       */
    const dam_dataset *const *test;  /* T test sets (borrowed)                           */
    int done;                 /* tasks learned so far (the next task is `done`)          */
    int epoch_done;           /* epochs of task `done` finished (a resumed run goes on)   */
    int started;              /* 1 once the baselines b are measured                    */
    const char *checkpoint;   /* if not NULL: saved here after every epoch and task      */
    dam_seq_start start;      /* the run's start, recorded in its checkpoints' key        */
    dam_trainer tr;           /* the one optimiser; its hooks call the techniques'       */
    double *R;                /* T x T accuracy matrix: R[i*T + j] = test accuracy on task
                                 j after training task i (rows > done-1 are not yet set)  */
    double *b;                /* T baseline accuracies of the untrained network          */
    double *forgetting;       /* T: max_{l<T-1} R[l][j] - R[T-1][j] (0 for j = T-1)      */
    double acc, bwt, fwt;     /* summaries, set by dam_seq_run (dam_seq_metrics)         */
    double seconds;           /* wall time of dam_seq_run                                */
    /* the techniques of the run: ops[0] = the built-in d.technique, then d.extra in
       order; state[k] is what ops[k]->setup made (see dam:seq.* for its shapes)        */
    int techniques;
    const dam_technique_ops *ops[DAM_SEQ_MAX_TECHNIQUES];
    void *state[DAM_SEQ_MAX_TECHNIQUES];
    int *index;               /* max_t count_t ints: scratch of any hook during its call  */
    const signed char **rows; /* row pointers, the same capacity (rows_cap)              */
    int rows_cap;
    /* what the techniques report (the library never prints; the caller may):           */
    int *pseudo_hist;         /* pseudorehearsal's guard (row/entry t: the set made before
                                 task t > 0; row 0 stays zero; NULL without pseudo-items):
                                 T x C, how many pseudo-items got each label              */
    double *pseudo_margin;    /* T: mean Delta margin (top Delta_c minus the runner-up)
                                 of the pseudo-items                                      */
    double *real_margin;      /* T: the same over real items of task t-1 (its first
                                 min(P, count) training items) at that moment            */
    int *pseudo_skewed;       /* T: 1 when one label took more than 3/C of the pseudo-items */
    int pseudo_warnings;      /* sum of pseudo_skewed: sets where one class dominated       */
    int projections;          /* GEM / A-GEM: steps whose gradient was projected          */
    int steps;                /* optimiser steps taken                                  */
    dam_rng *rng;             /* the run's generator while a task trains (A-GEM samples)  */
    size_t bytes;             /* bytes held by the techniques' state and R, b (not the trainer) */
    dam_allocator al;
    char why[DAM_WHY_SIZE];
} dam_seq;

/* Defaults for technique t (see the table above) with the optimiser of
   dam_train_defaults(n). */
DAMDEF dam_seq_desc dam_seq_defaults(dam_technique t, int n);
/* "vanilla", "rehearsal", "pseudorehearsal", "ewc", "si", "mas", "gem", "agem";
   dam_technique_from_name returns -1 for an unknown name. */
DAMDEF const char *dam_technique_name(dam_technique t);
DAMDEF int dam_technique_from_name(const char *name);
/* The table of built-in technique t (NULL outside 0..DAM_TECH_COUNT-1): to list it in
   dam_seq_desc.extra beside another technique, e.g. rehearsal + EWC. */
DAMDEF const dam_technique_ops *dam_technique_table(dam_technique t);
/* The state of the run's technique called `name` (what its setup made), or NULL. */
DAMDEF void *dam_seq_state(const dam_seq *s, const char *name);
/* Make a sequence of T tasks: checks every setting and takes all the memory the
   techniques need (nothing is allocated afterwards, in any training loop) and the
   trainer. Errors: DAM_ERR_TASKS (T outside 1..64, a missing set), DAM_ERR_SHAPE (a
   set that does not fit the network), DAM_ERR_TECHNIQUE (an unknown technique, a
   table without a name, two tables of one name, two projections), DAM_ERR_FRACTION
   (rehearsal_fraction or pseudo_density outside [0,1]), DAM_ERR_STRENGTH (a negative
   lambda, c, damping or margin; zero damping), DAM_ERR_ARGUMENT (negative counts, M or
   agem_sample < 1), DAM_ERR_NOT_FINITE, a technique's setup's and the trainer's own.
   On error s->why says which field. See also: dam_seq_run, s->bytes. */
DAMDEF dam_result dam_seq_init(dam_seq *s, dam_dense *net, const dam_seq_desc *desc,
                               const dam_dataset *const *train, const dam_dataset *const *test,
                               int T, const dam_allocator *al);
DAMDEF void dam_seq_free(dam_seq *s);
/* The whole sequence: b from the untrained network, then every task in turn (R row by
   row), then the summaries. The same seed gives a bit-identical R for any number of
   threads. See also: dam_seq_learn_task for one task at a time. */
DAMDEF dam_result dam_seq_run(dam_seq *s, dam_rng *rng);
/* Baseline accuracies b (call before the first task; dam_seq_run does). */
DAMDEF dam_result dam_seq_baseline(dam_seq *s);
/* Learn task s->done: prepare (pseudo-items), train train.epochs epochs, consolidate
   (buffers, importance, anchors, episodic memory), and fill row R[done]. */
DAMDEF dam_result dam_seq_learn_task(dam_seq *s, dam_rng *rng);
/* The current penalty value (the sum over the run's tables with a value hook: EWC, SI,
   MAS; 0 for the others) at the network's memories; if G != NULL its gradient is ADDED
   to G (K x N). This is what the grad_hook adds. */
DAMDEF double dam_seq_penalty(dam_seq *s, dam_real *G);
/* Summaries of an accuracy matrix R (T x T) and baselines b (T; may be NULL: fwt = 0):
     acc = mean_j R[T-1][j]
     bwt = mean_{j<T-1} (R[T-1][j] - R[j][j])            (0 when T = 1)
     fwt = mean_{j>0} (R[j-1][j] - b_j)                   (0 when T = 1)
   forgetting (T, may be NULL): max_{l<T-1} R[l][j] - R[T-1][j], 0 for j = T-1. */
DAMDEF void dam_seq_metrics(const double *R, const double *b, int T, double *forgetting,
                            double *acc, double *bwt, double *fwt);
/* Average incremental accuracy of R (T x T), the class-incremental summary (Rebuffi et
   al. 2017): 1/T sum_i A_i, A_i = 1/(i+1) sum_{j<=i} R[i][j], the mean accuracy on the
   tasks seen so far after each task. 0 for a NULL R or T < 1. */
DAMDEF double dam_seq_incremental_accuracy(const double *R, int T);

/* Importance of every memory entry from items rows[0..count) at the trainer's network:
   kind 0 (EWC): the empirical Fisher  F_j = mean_x (dl(x)/dtheta_j)^2;
   kind 1 (MAS): Omega_j = mean_x |d ||Y(x)||^2 / dtheta_j|,  Y_c = tanh(Delta_c).
   out: K x N, overwritten. Uses the per-item structure (no per-item K x N gradient is
   ever formed): O(count * (K N + K C log n)). See also: dam:seq.ewc. */
DAMDEF dam_result dam_trainer_importance(dam_trainer *tr, const signed char *const *rows,
                                         int count, int kind, dam_real *out);

/* GEM's dual: minimise 1/2 v'Pv + c'v subject to v_k >= margin (k < t), P (t x t,
   row-major) symmetric positive semidefinite. Solved exactly by an active-set method
   (finite; the KKT conditions hold to rounding). work: 2t*t + 5t doubles (P scaled,
   its Cholesky factor, five vectors). v: t. Returns DAM_ERR_ARGUMENT for t outside
   1..64 or a NULL, DAM_ERR_DIVERGED when P is not positive semidefinite enough to
   solve, DAM_ERR_NOT_CONVERGED when the KKT conditions still fail after 4t + 16 passes
   (v then holds the last iterate; in exact arithmetic the method ends in at most 2^t
   passes, in practice about t, so rounding that cycles is what this reports). */
DAMDEF dam_result dam_gem_dual(int t, const double *P, const double *c, double margin,
                               double *v, double *work);
/* GEM's projection of g (len) against the t memory gradients gk (t x len): if some
   g . g_k < 0, g <- g + sum_k v_k g_k with v from dam_gem_dual(P = gk gk', c = gk g).
   Then g . g_k >= 0 for every k. Returns 1 if g was changed, 0 if not, < 0 on error
   (a dam_result of dam_gem_dual; g is then unchanged). work: 2t*t + 8t doubles. */
DAMDEF int dam_gem_project(dam_real *g, const dam_real *gk, int t, size_t len, double margin,
                           double *work);
/* A-GEM: if g . g_ref < 0, g <- g - (g . g_ref / g_ref . g_ref) g_ref. Returns 1 if g was
   changed. */
DAMDEF int dam_agem_project(dam_real *g, const dam_real *gref, size_t len);

/* ----- sequential learning in the classical Hopfield network ----------------------- */
typedef enum dam_hopfield_rule { DAM_HOPFIELD_HEBBIAN = 0, DAM_HOPFIELD_DELTA = 1 } dam_hopfield_rule;
typedef enum dam_hopfield_replay {
    DAM_REPLAY_NONE = 0,      /* learn each task's patterns alone                        */
    DAM_REPLAY_REHEARSAL = 1, /* + a kept fraction of every finished task's patterns      */
    DAM_REPLAY_PSEUDO = 2     /* + a growing buffer of the most visited attractors of random
                                 probes, added after each task (Robins & McCallum)        */
} dam_hopfield_replay;

/* Settings of a Hopfield sequence (dam_hopfield_seq_defaults):
     rule Hebbian, replay none, rehearsal_fraction 0.5, pseudo_probes 300, pseudo_keep
     3, pseudo_density 0.5, eta 0.1 (Delta), kappa 0 (Delta's margin), max_epochs 100
     (Delta), symmetric 1 (Delta), flip 0.1, tolerance 0.02, max_sweeps 20 (relaxation
     of probes and of recall). */
typedef struct dam_hopfield_seq_desc {
    dam_hopfield_rule rule;
    dam_hopfield_replay replay;
    double rehearsal_fraction;
    int pseudo_probes;     /* pseudo: random probes relaxed after each task              */
    int pseudo_keep;       /* pseudo: most visited new attractors added to the buffer    */
    double pseudo_density;
    double eta;
    double kappa;          /* Delta: margin, xi_i h_i > kappa (dam_hopfield_delta_margin) */
    int max_epochs;
    int symmetric;
    double flip, tolerance;
    int max_sweeps;
} dam_hopfield_seq_desc;

/* What a Hopfield sequence reports besides stable and recall (all may be ignored). */
typedef struct dam_hopfield_seq_info {
    int unconverged;       /* Delta: tasks whose training stopped at max_epochs short of
                              the margin (0: every task reached it)                      */
    int epochs;            /* Delta: sweeps of all tasks together                         */
    int pseudo_count;      /* pseudo: attractors in the buffer at the end                 */
    int pseudo_stored;     /* pseudo: of them, equal (up to sign) to a pattern of an
                              earlier task                                               */
    signed char *pseudo;   /* in: NULL, or room for (T-1) pseudo_keep x N bytes, which
                              receives the buffer (pseudo_count rows)                    */
} dam_hopfield_seq_info;

DAMDEF dam_hopfield_seq_desc dam_hopfield_seq_defaults(void);
/* Learn T tasks of P patterns each (patterns: T*P x N, task t = rows [t*P, (t+1)*P))
   in sequence into h (which keeps what it already holds). After task i, for every task
   j: stable[i*T + j] = fraction of task j's patterns that are fixed points, recall[i*T
   + j] = fraction recalled from probes with `flip` of the bits flipped (either may be
   NULL). info (may be NULL) receives the counts of dam_hopfield_seq_info. Allocates
   its buffers once at the start: rehearsal (T-1)*ceil(r P) patterns, the pseudo-buffer
   (T-1)*pseudo_keep patterns (N bytes each). Errors: DAM_ERR_TASKS, DAM_ERR_FRACTION,
   DAM_ERR_RATE, DAM_ERR_EPOCHS, DAM_ERR_STRENGTH (kappa), DAM_ERR_ARGUMENT,
   DAM_ERR_NOMEM (h->why says which). */
DAMDEF dam_result dam_hopfield_sequence(dam_hopfield *h, const signed char *patterns, int T,
                                        int P, const dam_hopfield_seq_desc *desc,
                                        dam_rng *rng, double *stable, double *recall,
                                        dam_hopfield_seq_info *info);


/* ----- checkpoints ----------------------------------------------------------------- */
/* A checkpoint file: magic "DAMCKPT\n", format version, a byte-order mark, the kind of
   object, the payload (for a DAM and a sequence it starts with the settings key: every
   setting that changes results as sorted "name=value" text lines, readable with
   `strings`), and a 64-bit FNV-1a checksum of everything before it (every number
   little-endian, reals as IEEE float64 whatever dam_real is). Written to "<path>.tmp",
   flushed (and fsync'ed on POSIX), then renamed over path, so a crash never leaves a
   truncated checkpoint in place. Loading refuses a file with DAM_ERR_MAGIC,
   DAM_ERR_VERSION (also every file of version 1, which predates the settings key),
   DAM_ERR_TRUNCATED, DAM_ERR_CHECKSUM, DAM_ERR_KIND (a checkpoint of another object),
   DAM_ERR_CHECKPOINT_MISMATCH (made with other settings or data: why names the first
   setting that differs and both values, e.g. "checkpoint was made with net.n=10, this
   run has net.n=3") or DAM_ERR_SHAPE (dimensions that do not match the object it is
   loaded into) BEFORE changing anything; the file itself is never changed by a load. */
#define DAM_CHECKPOINT_VERSION 3 /* 3: a sequence keeps one block per technique table */

/* Save / load the memories and settings of a DAM. dam_dense_load makes a new network
   (like dam_dense_init) with the file's settings: N, K, n, f, eps, T, mask_start,
   mask_count. dam_dense_load_matching does the same only if those equal the settings
   of a network made from *expect (expect NULL: no check); else it refuses with
   DAM_ERR_CHECKPOINT_MISMATCH, net->why naming the first setting that differs. Use it
   when your program's options describe the network it expects (its --n, --memories,
   --temperature, ...): a file made with others is refused, not silently obeyed.
   Compared: every field of dam_dense_desc but init_mean and init_std, which only draw
   the first memories (the file's memories replace them; eps and T as dam_real rounds
   them). Not in a network file: the optimiser (dam_train_desc). A loaded network starts
   a new training (momentum 0, epoch 0, the file's T unless the train desc ramps), which any
   settings may do; to continue a training exactly, checkpoint the sequence instead.
   A failed save or load leaves the reason in net->why (h->why, s->why). */
DAMDEF dam_result dam_dense_save(dam_dense *net, const char *path);
DAMDEF dam_result dam_dense_load(dam_dense *net, const char *path, const dam_allocator *al);
DAMDEF dam_result dam_dense_load_matching(dam_dense *net, const char *path, const dam_dense_desc *expect,
                                          const dam_allocator *al);
/* Save / load the weights of a classical Hopfield network (load makes a new one). */
DAMDEF dam_result dam_hopfield_save(dam_hopfield *h, const char *path);
DAMDEF dam_result dam_hopfield_load(dam_hopfield *h, const char *path, const dam_allocator *al);
/* Save a running sequence: network, optimiser state (momentum, epoch), every technique
   table's own block (its save hook: buffers, pseudo-items, episodic memories,
   importances, anchors, SI path, a user's state), R and b so far, and the generator
   rng, after the settings key: the run's tables and their key lines, every field of the dam_seq_desc
   (its dam_train_desc included, but the progress callback and its user pointer), the
   network's settings (as dam_dense_load_matching compares them), the seed field, the
   number type (float64/float32 build), and hashes of how the run began (s->start: the
   generator's state and the memories when task 0 started) and of the training and test
   items of every task. dam_seq_resume loads it into a sequence made by dam_seq_init
   with the same settings and data and a generator in the state the first run started
   from (seeded the same way, the same draws before): a key that differs in anything
   gives DAM_ERR_CHECKPOINT_MISMATCH and s->why names the first difference; other
   shapes DAM_ERR_SHAPE; the file and the sequence are left as they were. dam_seq_run
   then continues where the run stopped and ends with results bit-identical to an
   uninterrupted run. Setting s->checkpoint to a path (before the first task: the item
   hashes are then taken once) makes dam_seq_learn_task save after every epoch and
   every task. Not in the key: the thread count (results do not depend on it). */
DAMDEF dam_result dam_seq_save(dam_seq *s, const dam_rng *rng, const char *path);
DAMDEF dam_result dam_seq_resume(dam_seq *s, dam_rng *rng, const char *path);
/* A technique's own block and key lines (dam_technique_ops save, load and key). The
   writer appends little-endian numbers (reals as float64); a failed allocation is
   remembered and fails the whole save. The reader never reads past its block: past
   the end it returns 0 and dam_checkpoint_ok turns 0. The get_* calls with a
   destination write it only when dam_checkpoint_applying(r) (the second pass of a
   resume); in the first pass they only move on. */
DAMDEF void dam_checkpoint_put_u32(dam_checkpoint_writer *w, uint32_t v);
DAMDEF void dam_checkpoint_put_f64(dam_checkpoint_writer *w, double v);
DAMDEF void dam_checkpoint_put_reals(dam_checkpoint_writer *w, const dam_real *v, size_t n);
DAMDEF void dam_checkpoint_put_bytes(dam_checkpoint_writer *w, const void *v, size_t n);
DAMDEF void dam_checkpoint_put_set(dam_checkpoint_writer *w, const dam_dataset *ds);
/* key lines: "name=value" with an integer, a real (%.17g) or text value */
DAMDEF void dam_checkpoint_key_int(dam_checkpoint_writer *w, const char *name, long long v);
DAMDEF void dam_checkpoint_key_real(dam_checkpoint_writer *w, const char *name, double v);
DAMDEF void dam_checkpoint_key_text(dam_checkpoint_writer *w, const char *name, const char *value);
DAMDEF uint32_t dam_checkpoint_get_u32(dam_checkpoint_reader *r);
DAMDEF double dam_checkpoint_get_f64(dam_checkpoint_reader *r);
DAMDEF void dam_checkpoint_get_reals(dam_checkpoint_reader *r, dam_real *dst, size_t n);
DAMDEF void dam_checkpoint_get_bytes(dam_checkpoint_reader *r, void *dst, size_t n);
/* A data set written by put_set into ds (capacity cap items; ds->x NULL: cap 0):
   1 if it fits (and, when applying, ds holds it), else 0. */
DAMDEF int dam_checkpoint_get_set(dam_checkpoint_reader *r, dam_dataset *ds, int cap);
DAMDEF int dam_checkpoint_applying(const dam_checkpoint_reader *r);
DAMDEF int dam_checkpoint_ok(const dam_checkpoint_reader *r);

/* ----- deprecated names (0.1.0 only; they will go in the next version) -------------- */
#define dam_write_grid dam_grid_write
#define dam_task_permutations dam_tasks_draw_permutations
#define dam_default_temperature dam_dense_default_temperature
#define dam_interaction dam_dense_interaction
#define dam_hopfield_sequence_defaults dam_hopfield_seq_defaults

#ifdef __cplusplus
}
#endif
#endif /* DAM_H_INCLUDED */

/* ======================================================================================
   IMPLEMENTATION
   ====================================================================================== */
#ifdef DAM_IMPLEMENTATION
#ifndef DAM_IMPLEMENTATION_DONE
#define DAM_IMPLEMENTATION_DONE

#include <math.h>
#include <string.h>
#include <limits.h>
#include <stdarg.h>
#ifndef DAM_NO_STDIO
#include <stdio.h>
#endif
/* Flushing to the disk itself is POSIX (fdatasync); it is used when the build
   declares it (POSIX or default glibc mode), otherwise the C library's fflush is all. */
#if !defined(DAM_NO_STDIO) && (defined(__unix__) || defined(__APPLE__))
#include <unistd.h>
#if defined(_POSIX_C_SOURCE) && _POSIX_C_SOURCE >= 199309L && !defined(__APPLE__)
#define DAM__HAVE_FDATASYNC 1
#endif
#endif
#ifndef DAM__HAVE_FDATASYNC
#define DAM__HAVE_FDATASYNC 0
#endif
/* Listing a folder (dam_images_load_folder) is POSIX too: opendir, readdir, stat. */
#if !defined(DAM_NO_STDIO) && defined(_POSIX_C_SOURCE) && _POSIX_C_SOURCE >= 200112L
#include <dirent.h>
#include <sys/stat.h>
#define DAM__HAVE_DIRENT 1
#else
#define DAM__HAVE_DIRENT 0
#endif
#ifdef _OPENMP
#include <omp.h>
/* OpenMP directives as a macro, so a build without -fopenmp sees nothing (not even an
   "unknown pragma" warning) and runs the same loops on one thread. */
#define DAM__OMP(directive) _Pragma(#directive)
#else
#define DAM__OMP(directive)
#endif

#if defined(DAM_MALLOC) != defined(DAM_FREE)
#error "dam.h: define both DAM_MALLOC and DAM_FREE, or neither"
#endif
#ifndef DAM_MALLOC
#include <stdlib.h>
#define DAM_MALLOC(size) malloc(size)
#define DAM_FREE(ptr) free(ptr)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ----- declarations shared across sections ------------------------------------------
   The products (dam:gemm) are defined after the model they serve, as the book teaches
   them (chapter 10); the training and classification sections before them use these. */
/* "these arrays do not overlap": lets the compiler vectorise loops with branches */
#if defined(__GNUC__) || defined(__clang__) || defined(_MSC_VER)
#define DAM__RESTRICT __restrict
#else
#define DAM__RESTRICT
#endif

/* Two promises the hot loops make to the compiler (gcc only; clang's defaults already
   allow both):
   - "fp-contract=fast": a*b + c may become one fused multiply-add (FMA), one rounding
     instead of two. gcc does this by default, but NOT under -std=c99/c11 (strict ISO
     mode), and without it the product kernel runs at about two-thirds speed.
   - "no-trapping-math": gcc will not turn "z > 0 ? a*b : c*d" into vector selects while
     floating-point traps are honoured (computing both sides could raise a flag the
     branch would not). Nothing here reads the flags.
   Results stay deterministic: the same build gives the same bits for any thread count. */
#if defined(__GNUC__) && !defined(__clang__)
#define DAM__HOT __attribute__((optimize("no-trapping-math", "fp-contract=fast")))
#else
#define DAM__HOT
#endif

/* The base states of a batch, as both routes read them. Item b is rows[b] (or x0 + b N
   when rows is NULL); its label neurons [ms, ms + C) count as -1 when off != 0. */
typedef struct dam__states {
    const signed char *const *rows;
    const signed char *x0;
    int B, N, ms, C, off;
    int use_signed;        /* the route dam__states_prepare chose                      */
    int *idx;              /* the lists, packed: list b is idx[start[b] .. start[b+1]),
                              ascending positions (room for B x (N/2 + 1) in all)      */
    int *start;            /* B + 1 list starts                                        */
    signed char *sign;     /* B: sigma_b                                               */
    int *inv;              /* as idx: the lists by neuron (items holding j, ascending)  */
    int *inv_start;        /* N + 1: neuron j's items are inv[inv_start[j] ..]         */
    dam_real *ws;          /* dam__states_ws(N, K) reals                               */
} dam__states;

static size_t dam__states_ws(int N, int K);
static void dam__states_prepare(dam__states *st, dam_product product, int threads);
static void dam__states_scores(const dam__states *st, const dam_real *xi, int K, dam_real *S, int threads);
static void dam__states_grad(const dam__states *st, dam_real *W, int K, dam_real alpha, int accumulate, dam_real *G,
                             int threads);

/* ====================================================================================
   >>dam:errors  Result codes and their strings
   Paper: -
   Book: 00-preface.md
   The strings come from the same X-macro list as the enum, so a new code cannot lack
   its message. Objects carry a `why` sentence with the details (which field, which
   value); dam__why formats it.
   ==================================================================================== */

DAMDEF const char *dam_result_string(dam_result r)
{
    switch (r) {
#define DAM__STRING_ITEM(name, value, message) case name: return message;
        DAM_RESULT_LIST(DAM__STRING_ITEM)
#undef DAM__STRING_ITEM
    default: return "unknown result";
    }
}

DAMDEF const char *dam_version(void) { return DAM_VERSION_STRING; }

/* Write a formatted reason into why[DAM_WHY_SIZE] (if why is not NULL), return r. */
static dam_result dam__why(char *why, dam_result r, const char *fmt, ...)
{
    if (why) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why, DAM_WHY_SIZE, fmt, ap);
        va_end(ap);
    }
    return r;
}

/* A parameter is usable when it is a finite number. */
static int dam__finite(double v) { return v == v && v - v == 0.0; }

/* ====================================================================================
   >>dam:alloc  The caller's allocator
   Paper: -
   Book: 00-preface.md
   Every object copies the allocator it was given (or the default) and frees with it.
   Sizes are checked for overflow before multiplying: count * size must fit a size_t.
   ==================================================================================== */

static void *dam__default_alloc(size_t size, void *user) { (void)user; return DAM_MALLOC(size); }
static void dam__default_free(void *ptr, void *user) { (void)user; DAM_FREE(ptr); }

static dam_allocator dam__allocator(const dam_allocator *al)
{
    dam_allocator d;
    if (al && al->alloc && al->free) return *al;
    d.alloc = dam__default_alloc;
    d.free = dam__default_free;
    d.user = NULL;
    return d;
}

/* count * size bytes, or NULL on overflow or failure. Never asks for 0 bytes. */
static void *dam__alloc(const dam_allocator *al, size_t count, size_t size)
{
    if (size != 0 && count > (size_t)-1 / size) return NULL;
    if (count * size == 0) count = 1, size = 1;
    return al->alloc(count * size, al->user);
}

static void dam__free(const dam_allocator *al, void *ptr)
{
    if (ptr) al->free(ptr, al->user);
}

/* ====================================================================================
   >>dam:rng  The explicit random number generator
   Paper: -
   Book: 00-preface.md
   xoshiro256** (Blackman & Vigna 2018): 256 bits of state, period 2^256 - 1, fast and
   statistically strong. The seed is spread over the state with splitmix64 so that
   nearby seeds give unrelated streams. All randomness of the library flows through a
   dam_rng the caller passes in: the same seed gives the same run.
   ==================================================================================== */

static uint64_t dam__splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t dam__rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

DAMDEF void dam_rng_seed(dam_rng *r, uint64_t seed)
{
    uint64_t x = seed;
    int k;
    for (k = 0; k < 4; k++) r->s[k] = dam__splitmix64(&x);
    r->spare = 0.0;
    r->has_spare = 0;
}

DAMDEF uint64_t dam_rng_next(dam_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = dam__rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = dam__rotl(s[3], 45);
    return result;
}

/* The top 53 bits make a double in [0,1) with every value equally likely. */
DAMDEF double dam_rng_uniform(dam_rng *r)
{
    return (double)(dam_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

/* Box-Muller: two uniforms u1 in (0,1], u2 give two independent normals
   sqrt(-2 ln u1) * cos(2 pi u2) and sqrt(-2 ln u1) * sin(2 pi u2). */
DAMDEF double dam_rng_normal(dam_rng *r)
{
    double u1, u2, radius, angle;
    if (r->has_spare) {
        r->has_spare = 0;
        return r->spare;
    }
    u1 = 1.0 - dam_rng_uniform(r); /* in (0, 1]: log never sees 0 */
    u2 = dam_rng_uniform(r);
    radius = sqrt(-2.0 * log(u1));
    angle = 6.283185307179586 * u2;
    r->spare = radius * sin(angle);
    r->has_spare = 1;
    return radius * cos(angle);
}

/* Rejection removes modulo bias: draws below 2^64 mod n are thrown away, so the
   remaining range is a whole multiple of n. */
DAMDEF uint64_t dam_rng_below(dam_rng *r, uint64_t n)
{
    uint64_t threshold, x;
    if (n <= 1) return 0;
    threshold = (0 - n) % n;
    do x = dam_rng_next(r); while (x < threshold);
    return x % n;
}

DAMDEF void dam_rng_shuffle(dam_rng *r, int *v, int count)
{
    int k;
    for (k = count - 1; k > 0; k--) {
        int j = (int)dam_rng_below(r, (uint64_t)k + 1);
        int t = v[k]; v[k] = v[j]; v[j] = t;
    }
}

DAMDEF void dam_rng_shuffle_ptr(dam_rng *r, const void **v, int count)
{
    int k;
    for (k = count - 1; k > 0; k--) {
        int j = (int)dam_rng_below(r, (uint64_t)k + 1);
        const void *t = v[k]; v[k] = v[j]; v[j] = t;
    }
}

DAMDEF void dam_rng_permutation(dam_rng *r, int *perm, int count)
{
    int k;
    for (k = 0; k < count; k++) perm[k] = k;
    dam_rng_shuffle(r, perm, count);
}

/* ====================================================================================
   >>dam:data.idx  The IDX file format of MNIST and Fashion-MNIST
   Paper: the experiments (MNIST, LeCun et al. 1998)
   Book: 04-data-and-tasks.md
   An IDX file is a 4-byte magic number 00 00 <type> <ndims>, then ndims big-endian
   32-bit sizes, then the data in row-major order. MNIST uses type 0x08 (unsigned
   bytes): images are count x 28 x 28, labels are count. Every size is checked before it
   is trusted: a header may promise more than the file holds (truncated), or a product of
   sizes that overflows (too large); neither may crash or allocate absurdly.
   ==================================================================================== */

/* Check an IDX header (the first len bytes of a file): magic, dimensions, sizes.
   Fills ndims, dims, *header (its length) and *size (data bytes). The data itself is
   not looked at, so a file can be checked from its first bytes and its length. */
static dam_result dam__idx_header(const unsigned char *bytes, size_t len, size_t file_len, int *ndims,
                                  uint32_t *dims, size_t *header, size_t *size, char *why)
{
    int d;
    *size = 1;
    if (len < 4)
        return dam__why(why, DAM_ERR_TRUNCATED, "%u bytes: shorter than the 4-byte magic", (unsigned)len);
    if (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != 0x08)
        return dam__why(why, DAM_ERR_MAGIC, "magic %02x %02x %02x: expected 00 00 08 (unsigned bytes)", bytes[0],
                        bytes[1], bytes[2]);
    if (bytes[3] < 1 || bytes[3] > DAM_IDX_MAX_DIMS)
        return dam__why(why, DAM_ERR_DIMENSION, "%d dimensions: expected 1 to %d", bytes[3], DAM_IDX_MAX_DIMS);
    *ndims = bytes[3];
    *header = 4 + 4 * (size_t)*ndims;
    if (len < *header)
        return dam__why(why, DAM_ERR_TRUNCATED, "the header needs %u bytes, the file has %u", (unsigned)*header,
                        (unsigned)len);
    for (d = 0; d < *ndims; d++) {
        const unsigned char *p = bytes + 4 + 4 * d;
        uint32_t v = ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
        dims[d] = v;
        if (v == 0) return dam__why(why, DAM_ERR_DIMENSION, "dimension %d is zero", d);
        if (*size > DAM_IDX_MAX_BYTES / v)
            return dam__why(why, DAM_ERR_TOO_LARGE, "the sizes announce more than %u bytes", (unsigned)DAM_IDX_MAX_BYTES);
        *size *= v;
    }
    if (file_len - *header < *size)
        return dam__why(why, DAM_ERR_TRUNCATED, "the header announces %lu data bytes, the file holds %lu",
                        (unsigned long)*size, (unsigned long)(file_len - *header));
    return DAM_OK;
}

DAMDEF dam_result dam_idx_parse(dam_idx *out, const unsigned char *bytes, size_t len,
                                const dam_allocator *al)
{
    size_t header = 0, size = 0;
    dam_result r;
    if (!out) return DAM_ERR_ARGUMENT;
    memset(out, 0, sizeof *out);
    out->al = dam__allocator(al);
    if (!bytes && len) return dam__why(out->why, DAM_ERR_ARGUMENT, "no bytes given");
    r = dam__idx_header(bytes, len, len, &out->ndims, out->dims, &header, &size, out->why);
    if (r != DAM_OK) {
        out->ndims = 0;
        return r;
    }
    out->data = (unsigned char *)dam__alloc(&out->al, size, 1);
    if (!out->data) return dam__why(out->why, DAM_ERR_NOMEM, "no memory for %lu bytes", (unsigned long)size);
    memcpy(out->data, bytes + header, size);
    out->size = size;
    return DAM_OK;
}

#ifndef DAM_NO_STDIO
/* Read a whole file into memory (at most max bytes + 1, to detect oversize). */
static dam_result dam__read_file(const char *path, const dam_allocator *al, unsigned char **bytes,
                                 size_t *len, size_t max, char *why)
{
    FILE *f;
    long size;
    unsigned char *buf;
    *bytes = NULL;
    *len = 0;
    if (!path) return dam__why(why, DAM_ERR_ARGUMENT, "no path given");
    f = fopen(path, "rb");
    if (!f) return dam__why(why, DAM_ERR_IO, "cannot open '%s'", path);
    if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fclose(f);
        return dam__why(why, DAM_ERR_IO, "cannot find the size of '%s'", path);
    }
    if ((size_t)size > max) {
        fclose(f);
        return dam__why(why, DAM_ERR_TOO_LARGE, "'%s' is larger than %lu bytes", path, (unsigned long)max);
    }
    buf = (unsigned char *)dam__alloc(al, (size_t)size, 1);
    if (!buf) {
        fclose(f);
        return dam__why(why, DAM_ERR_NOMEM, "no memory to read '%s'", path);
    }
    if (size > 0 && fread(buf, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        dam__free(al, buf);
        return dam__why(why, DAM_ERR_IO, "cannot read '%s'", path);
    }
    fclose(f);
    *bytes = buf;
    *len = (size_t)size;
    return DAM_OK;
}
#endif

DAMDEF dam_result dam_idx_load(dam_idx *out, const char *path, const dam_allocator *al)
{
#ifndef DAM_NO_STDIO
    unsigned char *bytes;
    size_t len;
    dam_result r;
    dam_allocator a = dam__allocator(al);
    char why[DAM_WHY_SIZE];
    if (!out) return DAM_ERR_ARGUMENT;
    memset(out, 0, sizeof *out);
    out->al = a;
    r = dam__read_file(path, &a, &bytes, &len, DAM_IDX_MAX_BYTES + 4 + 4 * DAM_IDX_MAX_DIMS, out->why);
    if (r != DAM_OK) return r;
    r = dam_idx_parse(out, bytes, len, &a);
    dam__free(&a, bytes);
    if (r != DAM_OK) {
        memcpy(why, out->why, sizeof why);
        snprintf(out->why, DAM_WHY_SIZE, "%.60s: %.95s", path, why);
    }
    return r;
#else
    (void)path; (void)al;
    if (out) memset(out, 0, sizeof *out);
    return DAM_ERR_UNSUPPORTED;
#endif
}

DAMDEF void dam_idx_free(dam_idx *idx)
{
    if (!idx) return;
    dam__free(&idx->al, idx->data);
    idx->data = NULL;
    idx->size = 0;
}

DAMDEF void dam_images_free(dam_images *im)
{
    if (!im) return;
    dam__free(&im->al, im->grey);
    dam__free(&im->al, im->label);
    dam__free(&im->al, im->names);
    im->grey = NULL;
    im->label = NULL;
    im->names = NULL;
    im->count = 0;
}

/* Room for count images of w x h and their labels (grey 0, labels 0). */
static dam_result dam__images_init(dam_images *im, int count, int w, int h, int classes, const dam_allocator *al)
{
    size_t bytes = (size_t)count * (size_t)w * (size_t)h;
    memset(im, 0, sizeof *im);
    im->al = dam__allocator(al);
    if (count < 1) return dam__why(im->why, DAM_ERR_EMPTY, "no images");
    if (w < 1 || h < 1 || (double)count * w * h > (double)DAM_IDX_MAX_BYTES)
        return dam__why(im->why, DAM_ERR_TOO_LARGE, "%d images of %d x %d are too many bytes", count, w, h);
    im->grey = (unsigned char *)dam__alloc(&im->al, bytes, 1);
    im->label = (int *)dam__alloc(&im->al, (size_t)count, sizeof(int));
    if (!im->grey || !im->label) {
        dam_images_free(im);
        return dam__why(im->why, DAM_ERR_NOMEM, "no memory for %d images of %d x %d", count, w, h);
    }
    memset(im->grey, 0, bytes);
    memset(im->label, 0, (size_t)count * sizeof(int));
    im->count = count, im->width = w, im->height = h, im->classes = classes;
    return DAM_OK;
}

DAMDEF dam_result dam_images_load_idx(dam_images *im, const char *images_path, const char *labels_path,
                                      int max_items, const dam_allocator *al)
{
    dam_idx img, lab;
    dam_result r;
    int count, i;
    if (!im) return DAM_ERR_ARGUMENT;
    memset(im, 0, sizeof *im);
    im->al = dam__allocator(al);
    if ((r = dam_idx_load(&lab, labels_path, al)) != DAM_OK) {
        memcpy(im->why, lab.why, DAM_WHY_SIZE);
        return r;
    }
    if ((r = dam_idx_load(&img, images_path, al)) != DAM_OK) {
        memcpy(im->why, img.why, DAM_WHY_SIZE);
        dam_idx_free(&lab);
        return r;
    }
    if (img.ndims != 3 || lab.ndims != 1)
        r = dam__why(im->why, DAM_ERR_DIMENSION, "%d-dimensional images and %d-dimensional labels: expected 3 and 1",
                     img.ndims, lab.ndims);
    else if (img.dims[0] != lab.dims[0])
        r = dam__why(im->why, DAM_ERR_SHAPE, "%u images but %u labels", img.dims[0], lab.dims[0]);
    else if ((uint64_t)img.dims[1] * img.dims[2] > 65536)
        r = dam__why(im->why, DAM_ERR_TOO_LARGE, "images of %u x %u are too large", img.dims[1], img.dims[2]);
    else {
        count = (int)img.dims[0];
        if (max_items > 0 && max_items < count) count = max_items;
        for (i = 0; i < count && r == DAM_OK; i++)
            if (lab.data[i] >= 10) r = dam__why(im->why, DAM_ERR_LABEL, "item %d has label %d, expected 0..9", i, lab.data[i]);
        if (r == DAM_OK && (r = dam__images_init(im, count, (int)img.dims[2], (int)img.dims[1], 10, al)) == DAM_OK) {
            memcpy(im->grey, img.data, (size_t)im->count * (size_t)im->width * (size_t)im->height);
            for (i = 0; i < count; i++) im->label[i] = lab.data[i];
        }
    }
    dam_idx_free(&img);
    dam_idx_free(&lab);
    return r;
}

/* ====================================================================================
   >>dam:data.dataset  Bipolar items: pixels + one-hot labels
   Paper: the experiments (classification with label neurons)
   Book: 04-data-and-tasks.md
   A grey image becomes a state of the network: pixel p is +1 when its grey level is
   above a threshold (default 127 of 255) and -1 otherwise. The class is appended as C
   label neurons in bipolar one-hot code: +1 for the item's class, -1 for the others.
   So an MNIST item has N = 784 + 10 = 794 neurons. Items are stored as signed char
   (1 byte each, 60,000 MNIST items = 48 MB) and converted to reals a batch at a time.
   ==================================================================================== */

DAMDEF dam_result dam_dataset_init(dam_dataset *ds, int count, int pixels, int classes,
                                   const dam_allocator *al)
{
    size_t total;
    if (!ds) return DAM_ERR_ARGUMENT;
    memset(ds, 0, sizeof *ds);
    ds->al = dam__allocator(al);
    if (count < 1) return dam__why(ds->why, DAM_ERR_EMPTY, "a data set needs >= 1 item, got %d", count);
    if (pixels < 1 || classes < 0 || pixels > (1 << 24) || classes > (1 << 16))
        return dam__why(ds->why, DAM_ERR_DIMENSION, "pixels %d and classes %d are not usable", pixels, classes);
    total = (size_t)count * (size_t)(pixels + classes);
    if (total / (size_t)count != (size_t)(pixels + classes) || total > ((size_t)1 << 34))
        return dam__why(ds->why, DAM_ERR_TOO_LARGE, "%d items of %d neurons are too many", count, pixels + classes);
    ds->x = (signed char *)dam__alloc(&ds->al, total, 1);
    ds->label = (int *)dam__alloc(&ds->al, (size_t)count, sizeof(int));
    if (!ds->x || !ds->label) {
        dam_dataset_free(ds);
        return dam__why(ds->why, DAM_ERR_NOMEM, "no memory for %d items", count);
    }
    memset(ds->x, -1, total);
    memset(ds->label, 0, (size_t)count * sizeof(int));
    ds->count = count;
    ds->pixels = pixels;
    ds->classes = classes;
    ds->N = pixels + classes;
    return DAM_OK;
}

DAMDEF dam_result dam_dataset_set_item(dam_dataset *ds, int i, const unsigned char *grey,
                                       int threshold, int label)
{
    signed char *x;
    int p;
    if (!ds || !ds->x || !grey) return DAM_ERR_ARGUMENT;
    if (i < 0 || i >= ds->count) return dam__why(ds->why, DAM_ERR_ARGUMENT, "item %d outside 0..%d", i, ds->count - 1);
    if (label < 0 || (ds->classes > 0 && label >= ds->classes))
        return dam__why(ds->why, DAM_ERR_LABEL, "item %d has label %d, expected 0..%d", i, label, ds->classes - 1);
    x = ds->x + (size_t)i * ds->N;
    for (p = 0; p < ds->pixels; p++) x[p] = grey[p] > threshold ? 1 : -1;
    for (p = 0; p < ds->classes; p++) x[ds->pixels + p] = p == label ? 1 : -1;
    ds->label[i] = label;
    return DAM_OK;
}

/* A half-built data set is freed on failure, its reason kept (dam_dataset_free clears
   the whole struct, why included). Returns r. */
static dam_result dam__dataset_fail(dam_dataset *ds, dam_result r)
{
    char why[DAM_WHY_SIZE];
    memcpy(why, ds->why, sizeof why);
    dam_dataset_free(ds);
    memcpy(ds->why, why, sizeof why);
    return r;
}

DAMDEF dam_result dam_dataset_from_idx(dam_dataset *ds, const dam_idx *images,
                                       const dam_idx *labels, int threshold, int classes,
                                       int max_items, const dam_allocator *al)
{
    int count, pixels, i;
    dam_result r;
    if (!ds) return DAM_ERR_ARGUMENT;
    memset(ds, 0, sizeof *ds);
    ds->al = dam__allocator(al);
    if (!images || !labels || !images->data || !labels->data)
        return dam__why(ds->why, DAM_ERR_ARGUMENT, "images or labels missing");
    if (images->ndims != 3)
        return dam__why(ds->why, DAM_ERR_DIMENSION, "images have %d dimensions, expected 3 (count x rows x cols)", images->ndims);
    if (labels->ndims != 1)
        return dam__why(ds->why, DAM_ERR_DIMENSION, "labels have %d dimensions, expected 1", labels->ndims);
    if (images->dims[0] != labels->dims[0])
        return dam__why(ds->why, DAM_ERR_SHAPE, "%u images but %u labels", images->dims[0], labels->dims[0]);
    if (images->dims[0] > (1u << 30) || images->dims[1] * (uint64_t)images->dims[2] > (1u << 24))
        return dam__why(ds->why, DAM_ERR_TOO_LARGE, "images of %u x %u are too large", images->dims[1], images->dims[2]);
    if (classes < 1 || classes > DAM_MAX_CLASSES) return dam__why(ds->why, DAM_ERR_LABEL, "classes must be 1..%d, got %d", DAM_MAX_CLASSES, classes);
    if (threshold < 0 || threshold > 255) return dam__why(ds->why, DAM_ERR_ARGUMENT, "threshold must be 0..255, got %d", threshold);
    count = (int)images->dims[0];
    if (max_items > 0 && max_items < count) count = max_items;
    pixels = (int)(images->dims[1] * images->dims[2]);
    r = dam_dataset_init(ds, count, pixels, classes, al);
    if (r != DAM_OK) return r;
    ds->height = (int)images->dims[1];
    ds->width = (int)images->dims[2];
    for (i = 0; i < count; i++) {
        r = dam_dataset_set_item(ds, i, images->data + (size_t)i * pixels, threshold, labels->data[i]);
        if (r != DAM_OK) return dam__dataset_fail(ds, r);
    }
    return DAM_OK;
}

/* The images are streamed from the file straight into the data set, one image at a
   time: the peak memory is the data set itself (count x N bytes) and one image, not
   the whole file twice (60,000 MNIST images: 48 MB instead of 140 MB). */
DAMDEF dam_result dam_dataset_load_idx(dam_dataset *ds, const char *images_path,
                                       const char *labels_path, int threshold, int max_items,
                                       const dam_allocator *al)
{
#ifndef DAM_NO_STDIO
    dam_idx lb;
    dam_result r;
    FILE *f;
    unsigned char head[4 + 4 * DAM_IDX_MAX_DIMS], img[65536];
    size_t got, header = 0, size = 0;
    long flen;
    int ndims = 0, count, pixels, i;
    uint32_t dims[DAM_IDX_MAX_DIMS];
    char why[DAM_WHY_SIZE];
    if (!ds) return DAM_ERR_ARGUMENT;
    memset(ds, 0, sizeof *ds);
    ds->al = dam__allocator(al);
    if (threshold < 0 || threshold > 255) return dam__why(ds->why, DAM_ERR_ARGUMENT, "threshold must be 0..255, got %d", threshold);
    r = dam_idx_load(&lb, labels_path, al);
    if (r != DAM_OK) {
        memcpy(ds->why, lb.why, DAM_WHY_SIZE);
        return r;
    }
    if (lb.ndims != 1) {
        dam_idx_free(&lb);
        return dam__why(ds->why, DAM_ERR_DIMENSION, "%.80s: labels have %d dimensions, expected 1", labels_path, lb.ndims);
    }
    f = images_path ? fopen(images_path, "rb") : NULL;
    if (!f) {
        dam_idx_free(&lb);
        return dam__why(ds->why, images_path ? DAM_ERR_IO : DAM_ERR_ARGUMENT, "cannot open '%.120s'", images_path ? images_path : "");
    }
    got = fread(head, 1, sizeof head, f);
    if (fseek(f, 0, SEEK_END) != 0 || (flen = ftell(f)) < 0) flen = 0;
    r = dam__idx_header(head, got, (size_t)flen, &ndims, dims, &header, &size, why);
    if (r == DAM_OK && ndims != 3) r = dam__why(why, DAM_ERR_DIMENSION, "images have %d dimensions, expected 3 (count x rows x cols)", ndims);
    if (r == DAM_OK && dims[0] != lb.dims[0]) r = dam__why(why, DAM_ERR_SHAPE, "%u images but %u labels", dims[0], lb.dims[0]);
    if (r == DAM_OK && (uint64_t)dims[1] * dims[2] > sizeof img) r = dam__why(why, DAM_ERR_TOO_LARGE, "images of %u x %u are too large", dims[1], dims[2]);
    if (r == DAM_OK && fseek(f, (long)header, SEEK_SET) != 0) r = dam__why(why, DAM_ERR_IO, "cannot seek");
    if (r != DAM_OK) {
        fclose(f);
        dam_idx_free(&lb);
        return dam__why(ds->why, r, "%.60s: %.95s", images_path, why);
    }
    count = (int)dims[0];
    if (max_items > 0 && max_items < count) count = max_items;
    pixels = (int)(dims[1] * dims[2]);
    if ((r = dam_dataset_init(ds, count, pixels, 10, al)) != DAM_OK) {
        fclose(f);
        dam_idx_free(&lb);
        return r;
    }
    ds->height = (int)dims[1];
    ds->width = (int)dims[2];
    for (i = 0; i < count && r == DAM_OK; i++) {
        if (fread(img, 1, (size_t)pixels, f) != (size_t)pixels)
            r = dam__why(why, DAM_ERR_TRUNCATED, "%.80s: image %d could not be read", images_path, i);
        else
            r = dam_dataset_set_item(ds, i, img, threshold, lb.data[i]);
        if (r != DAM_OK && r != DAM_ERR_TRUNCATED) memcpy(why, ds->why, sizeof why);
    }
    fclose(f);
    dam_idx_free(&lb);
    if (r != DAM_OK) {
        dam_dataset_free(ds);
        memcpy(ds->why, why, sizeof why);
    }
    return r;
#else
    (void)images_path; (void)labels_path; (void)threshold; (void)max_items; (void)al;
    if (ds) memset(ds, 0, sizeof *ds);
    return DAM_ERR_UNSUPPORTED;
#endif
}

DAMDEF dam_result dam_dataset_set_allowed(dam_dataset *ds, const unsigned char *allowed)
{
    int c, any = 0;
    if (!ds || !ds->x) return DAM_ERR_ARGUMENT;
    if (!allowed) {
        dam__free(&ds->al, ds->allowed);
        ds->allowed = NULL;
        return DAM_OK;
    }
    for (c = 0; c < ds->classes; c++) any |= allowed[c] != 0;
    if (!any) return dam__why(ds->why, DAM_ERR_LABEL, "no class of the %d is allowed", ds->classes);
    if (!ds->allowed) {
        ds->allowed = (unsigned char *)dam__alloc(&ds->al, (size_t)ds->classes, 1);
        if (!ds->allowed) return dam__why(ds->why, DAM_ERR_NOMEM, "no memory for %d class flags", ds->classes);
    }
    for (c = 0; c < ds->classes; c++) ds->allowed[c] = allowed[c] != 0;
    return DAM_OK;
}

/* A copy of src's class flags into out (made with src's classes); DAM_OK or NOMEM. */
static dam_result dam__dataset_copy_allowed(dam_dataset *out, const dam_dataset *src)
{
    dam_result r;
    if (!src->allowed) return DAM_OK;
    if ((r = dam_dataset_set_allowed(out, src->allowed)) != DAM_OK) dam_dataset_free(out);
    return r;
}

DAMDEF dam_result dam_dataset_subset(dam_dataset *out, const dam_dataset *src, int first,
                                     int count, const dam_allocator *al)
{
    dam_result r;
    if (!out) return DAM_ERR_ARGUMENT;
    if (!src || !src->x) {
        memset(out, 0, sizeof *out);
        return dam__why(out->why, DAM_ERR_ARGUMENT, "no source data set");
    }
    if (first < 0 || count < 1 || first > src->count - count) {
        memset(out, 0, sizeof *out);
        return dam__why(out->why, DAM_ERR_SHAPE, "items %d..%d outside the %d of the source", first,
                        first + count - 1, src->count);
    }
    r = dam_dataset_init(out, count, src->pixels, src->classes, al);
    if (r != DAM_OK) return r;
    out->width = src->width;
    out->height = src->height;
    memcpy(out->x, src->x + (size_t)first * src->N, (size_t)count * src->N);
    memcpy(out->label, src->label + first, (size_t)count * sizeof(int));
    return dam__dataset_copy_allowed(out, src);
}

DAMDEF dam_result dam_dataset_from_images(dam_dataset *ds, const dam_images *im, const int *which, int count,
                                          double degrees, int threshold, const dam_allocator *al)
{
    dam_result r;
    int k, pixels;
    unsigned char *turned = NULL;
    if (!ds) return DAM_ERR_ARGUMENT;
    memset(ds, 0, sizeof *ds);
    ds->al = dam__allocator(al);
    if (!im || !im->grey || !im->label) return dam__why(ds->why, DAM_ERR_ARGUMENT, "no images");
    if (threshold < 0 || threshold > 255) return dam__why(ds->why, DAM_ERR_ARGUMENT, "threshold must be 0..255, got %d", threshold);
    if (!(degrees > -1e6 && degrees < 1e6)) return dam__why(ds->why, DAM_ERR_NOT_FINITE, "rotation angle %g is not usable", degrees);
    if (count < 1) return dam__why(ds->why, DAM_ERR_EMPTY, "a data set needs >= 1 item, got %d", count);
    if (!which && count > im->count) return dam__why(ds->why, DAM_ERR_SHAPE, "%d items asked of %d images", count, im->count);
    for (k = 0; which && k < count; k++)
        if (which[k] < 0 || which[k] >= im->count)
            return dam__why(ds->why, DAM_ERR_ARGUMENT, "which[%d] = %d is not an image index 0..%d", k, which[k], im->count - 1);
    if (im->classes < 1 || im->classes > DAM_MAX_CLASSES)
        return dam__why(ds->why, DAM_ERR_LABEL, "classes must be 1..%d, got %d", DAM_MAX_CLASSES, im->classes);
    pixels = im->width * im->height;
    if ((r = dam_dataset_init(ds, count, pixels, im->classes, al)) != DAM_OK) return r;
    ds->width = im->width;
    ds->height = im->height;
    if (degrees != 0 && !(turned = (unsigned char *)dam__alloc(&ds->al, (size_t)pixels, 1))) {
        dam_dataset_free(ds);
        return dam__why(ds->why, DAM_ERR_NOMEM, "no memory for one image");
    }
    for (k = 0; k < count && r == DAM_OK; k++) {
        int i = which ? which[k] : k;
        const unsigned char *g = im->grey + (size_t)i * pixels;
        if (turned) dam_image_rotate(g, im->width, im->height, degrees, turned), g = turned;
        r = dam_dataset_set_item(ds, k, g, threshold, im->label[i]);
    }
    dam__free(&ds->al, turned);
    return r != DAM_OK ? dam__dataset_fail(ds, r) : DAM_OK;
}

DAMDEF double dam_dataset_density(const dam_dataset *ds)
{
    size_t on = 0, i;
    int p;
    if (!ds || !ds->x || ds->count < 1) return 0.0;
    for (i = 0; i < (size_t)ds->count; i++)
        for (p = 0; p < ds->pixels; p++) on += ds->x[i * ds->N + p] > 0;
    return (double)on / ((double)ds->count * ds->pixels);
}

DAMDEF void dam_dataset_free(dam_dataset *ds)
{
    if (!ds) return;
    dam__free(&ds->al, ds->x);
    dam__free(&ds->al, ds->label);
    dam__free(&ds->al, ds->allowed);
    ds->x = NULL;
    ds->label = NULL;
    ds->allowed = NULL;
    ds->count = 0;
}

/* ====================================================================================
   >>dam:data.tasks  Task sequences: permuted, rotated, split
   Paper: the experiments (five permuted-MNIST tasks); the other scenarios are the
          standard ones of continual learning (van de Ven & Tolias 2019)
   Book: 04-data-and-tasks.md
   Permuted: task t shows the same digits with the pixels shuffled by a fixed
   permutation pi_t (task 0: the identity). The label neurons are shared by all tasks,
   so the network must answer "which digit" for every permutation at once: a
   domain-incremental sequence. A permutation keeps every image's pixel statistics but
   destroys the spatial structure, so tasks are about equally hard and nearly
   independent.
   Rotated: task t turns every grey image by a fixed angle theta_t before it is
   binarised (dam_image_rotate, then dam_dataset_from_images). Also domain-incremental,
   but the tasks overlap: neighbouring angles look alike, so they help each other.
   Split: task t holds only the items of its classes (0/1, 2/3, ...; dam_images_select).
   Class-incremental when the test argmax runs over all C label neurons (the network
   must also tell task 0's classes from task 4's, never seen together); task-
   incremental when the task is given at test time, so the argmax runs over its own
   classes only (dam_dataset_set_allowed on each test set).
   ==================================================================================== */

DAMDEF void dam_tasks_draw_permutations(int *perms, int tasks, int pixels, dam_rng *rng)
{
    int t, p;
    for (t = 0; t < tasks; t++) {
        if (t == 0)
            for (p = 0; p < pixels; p++) perms[p] = p;
        else
            dam_rng_permutation(rng, perms + (size_t)t * pixels, pixels);
    }
}

/* The rotation, read backwards: with u = x - cx and v = cy - y (v points up, so
   "anticlockwise" is as the image is displayed) the output pixel (u', v') shows the
   source point R(-theta) (u', v') = (c u' + s v', -s u' + c v'), c = cos theta,
   s = sin theta, interpolated bilinearly between its four neighbours:
       g = (1-fx)(1-fy) g00 + fx (1-fy) g10 + (1-fx) fy g01 + fx fy g11,
   and rounded to the nearest grey level. cx = (width-1)/2, cy = (height-1)/2 is the
   centre, so for a multiple of 90 degrees (c, s exact in {-1, 0, 1}) every pixel
   centre lands on a pixel centre and the image is moved without any interpolation. */
DAMDEF void dam_image_rotate(const unsigned char *src, int width, int height, double degrees, unsigned char *out)
{
    double c, s, cx = (width - 1) / 2.0, cy = (height - 1) / 2.0, turns = degrees / 90.0;
    int x, y;
    if (!src || !out || width < 1 || height < 1) return;
    if (!(degrees > -HUGE_VAL && degrees < HUGE_VAL)) { /* NaN or infinite: no angle, a blank image */
        memset(out, 0, (size_t)width * (size_t)height);
        return;
    }
    if (turns == floor(turns) && fabs(turns) < 1e9) { /* exact quarter turns */
        static const double cq[4] = {1, 0, -1, 0}, sq[4] = {0, 1, 0, -1};
        long q = ((long)turns % 4 + 4) % 4;
        c = cq[q], s = sq[q];
    } else {
        double rad = degrees * 3.14159265358979323846 / 180.0;
        c = cos(rad), s = sin(rad);
    }
    for (y = 0; y < height; y++)
        for (x = 0; x < width; x++) {
            double u = x - cx, v = cy - y;
            double sx = cx + (c * u + s * v), sy = cy - (-s * u + c * v);
            double fx, fy, g = 0;
            int x0 = (int)floor(sx), y0 = (int)floor(sy), dx, dy;
            fx = sx - x0, fy = sy - y0;
            for (dy = 0; dy < 2; dy++)
                for (dx = 0; dx < 2; dx++) {
                    double w = (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy);
                    int X = x0 + dx, Y = y0 + dy;
                    if (w > 0 && X >= 0 && X < width && Y >= 0 && Y < height) g += w * src[(size_t)Y * width + X];
                }
            g = floor(g + 0.5);
            out[(size_t)y * width + x] = (unsigned char)(g < 0 ? 0 : g > 255 ? 255 : g);
        }
}

DAMDEF int dam_images_select(const dam_images *im, const unsigned char *classes, int max, int *which)
{
    int i, n = 0;
    if (!im || !im->label || !classes || !which) return 0;
    for (i = 0; i < im->count && (max <= 0 || n < max); i++)
        if (im->label[i] >= 0 && im->label[i] < im->classes && classes[im->label[i]]) which[n++] = i;
    return n;
}

DAMDEF dam_result dam_dataset_permuted(dam_dataset *out, const dam_dataset *src,
                                       const int *perm, const dam_allocator *al)
{
    dam_result r;
    int i, p;
    if (!out) return DAM_ERR_ARGUMENT;
    if (!src || !src->x || !perm) {
        memset(out, 0, sizeof *out);
        return dam__why(out->why, DAM_ERR_ARGUMENT, "no source data set or permutation");
    }
    for (p = 0; p < src->pixels; p++)
        if (perm[p] < 0 || perm[p] >= src->pixels) {
            memset(out, 0, sizeof *out);
            return dam__why(out->why, DAM_ERR_ARGUMENT, "perm[%d] = %d is not a pixel index", p, perm[p]);
        }
    r = dam_dataset_init(out, src->count, src->pixels, src->classes, al);
    if (r != DAM_OK) return r;
    out->width = src->width;
    out->height = src->height;
    for (i = 0; i < src->count; i++) {
        const signed char *a = src->x + (size_t)i * src->N;
        signed char *b = out->x + (size_t)i * src->N;
        for (p = 0; p < src->pixels; p++) b[p] = a[perm[p]];
        for (p = src->pixels; p < src->N; p++) b[p] = a[p];
        out->label[i] = src->label[i];
    }
    return dam__dataset_copy_allowed(out, src);
}

/* ====================================================================================
   >>dam:data.image  Your own images through stb_image; memory vectors as image grids
   Paper: figure 1 (memory vectors as images)
   Book: 04-data-and-tasks.md
   dam_image_load exists when stb_image.h was included before the implementation (it
   defines STBI_INCLUDE_STB_IMAGE_H). Any size is resampled to width x height by
   averaging the source pixels that fall into each target pixel (a box filter; nearest
   neighbour when enlarging). dam_grid_write draws memory vectors side by side, -1 black
   and +1 white, the way the feature-to-prototype transition is usually shown.
   ==================================================================================== */

#if defined(STBI_INCLUDE_STB_IMAGE_H) && !defined(DAM_NO_STDIO)
/* The grey levels of an image file (w x h, from al; NULL on failure with *r and why
   set). Loaded with its own channels (req_comp 0) and made grey here: stb_image 2.27
   asked for a channel conversion of a 16-bit PNM reads past its buffer (found by
   fuzz_image; regression input fuzz/corpus/image/pnm16_overflow). Huge images are
   refused from their header, before stb_image allocates for them. */
static unsigned char *dam__image_grey(const char *path, int *w, int *h, const dam_allocator *al, dam_result *r,
                                      char *why)
{
    int comp, x;
    unsigned char *img, *raw;
    if (stbi_info(path, w, h, &comp) && (double)*w * *h > 16777216.0) {
        *r = dam__why(why, DAM_ERR_TOO_LARGE, "'%s' is %d x %d: more than 4096 x 4096 pixels", path, *w, *h);
        return NULL;
    }
    raw = stbi_load(path, w, h, &comp, 0);
    if (!raw) {
        *r = dam__why(why, DAM_ERR_IO, "cannot load '%s': %s", path, stbi_failure_reason());
        return NULL;
    }
    if (comp < 1 || comp > 4 || *w < 1 || *h < 1) {
        stbi_image_free(raw);
        *r = dam__why(why, DAM_ERR_DIMENSION, "'%s': %d channels of %d x %d", path, comp, *w, *h);
        return NULL;
    }
    img = (unsigned char *)dam__alloc(al, (size_t)*w * *h, 1);
    if (!img) {
        stbi_image_free(raw);
        *r = dam__why(why, DAM_ERR_NOMEM, "no memory for a %d x %d image", *w, *h);
        return NULL;
    }
    for (x = 0; x < *w * *h; x++) {
        const unsigned char *px = raw + (size_t)x * comp;
        img[x] = comp >= 3 ? (unsigned char)((299 * px[0] + 587 * px[1] + 114 * px[2]) / 1000) : px[0];
    }
    stbi_image_free(raw);
    *r = DAM_OK;
    return img;
}

/* The source rectangle [x0,x1) x [y0,y1) of a w x h image that target pixel (x, y) of
   a width x height image covers (at least one pixel: nearest neighbour when enlarging),
   summed: *sum of the grey levels, *cnt of the pixels. */
static void dam__box(const unsigned char *img, int w, int h, int width, int height, int x, int y, long *sum, long *cnt)
{
    int x0 = (int)((long long)x * w / width), x1 = (int)((long long)(x + 1) * w / width);
    int y0 = (int)((long long)y * h / height), y1 = (int)((long long)(y + 1) * h / height);
    int u, v;
    *sum = *cnt = 0;
    if (x1 <= x0) x1 = x0 + 1;
    if (y1 <= y0) y1 = y0 + 1;
    for (v = y0; v < y1 && v < h; v++)
        for (u = x0; u < x1 && u < w; u++) *sum += img[(size_t)v * w + u], ++*cnt;
}
#endif

DAMDEF dam_result dam_image_load(const char *path, int width, int height, int threshold,
                                 signed char *out, char *why)
{
#if defined(STBI_INCLUDE_STB_IMAGE_H) && !defined(DAM_NO_STDIO)
    int w, h, x, y;
    unsigned char *img;
    dam_result r;
    dam_allocator al = dam__allocator(NULL);
    if (!path || !out) return dam__why(why, DAM_ERR_ARGUMENT, "no path or output");
    if (width < 1 || height < 1 || width > 65536 || height > 65536)
        return dam__why(why, DAM_ERR_DIMENSION, "target size %d x %d is not usable", width, height);
    if (threshold < 0 || threshold > 255) return dam__why(why, DAM_ERR_ARGUMENT, "threshold must be 0..255");
    if (!(img = dam__image_grey(path, &w, &h, &al, &r, why))) return r;
    for (y = 0; y < height; y++)
        for (x = 0; x < width; x++) {
            long sum, cnt;
            dam__box(img, w, h, width, height, x, y, &sum, &cnt);
            out[(size_t)y * width + x] = cnt && sum > (long)threshold * cnt ? 1 : -1;
        }
    dam__free(&al, img);
    return DAM_OK;
#else
    (void)path; (void)width; (void)height; (void)threshold; (void)out;
    return dam__why(why, DAM_ERR_UNSUPPORTED, "include stb_image.h before the dam.h implementation to load images");
#endif
}

#if defined(STBI_INCLUDE_STB_IMAGE_H) && DAM__HAVE_DIRENT
/* A growing list of names (each from al), sorted by strcmp. */
typedef struct dam__names { char **v; int n, cap; } dam__names;

static void dam__names_free(dam__names *l, const dam_allocator *al)
{
    int i;
    for (i = 0; i < l->n; i++) dam__free(al, l->v[i]);
    dam__free(al, l->v);
    l->v = NULL, l->n = l->cap = 0;
}

static int dam__names_add(dam__names *l, const dam_allocator *al, const char *name)
{
    size_t len = strlen(name);
    char *copy;
    if (l->n == l->cap) {
        int cap = l->cap ? 2 * l->cap : 16;
        char **v = (char **)dam__alloc(al, (size_t)cap, sizeof(char *));
        if (!v) return 0;
        if (l->n) memcpy(v, l->v, (size_t)l->n * sizeof(char *));
        dam__free(al, l->v);
        l->v = v, l->cap = cap;
    }
    if (!(copy = (char *)dam__alloc(al, len + 1, 1))) return 0;
    memcpy(copy, name, len + 1);
    l->v[l->n++] = copy;
    return 1;
}

/* A file name that stb_image reads, by its ending (any case). */
static int dam__image_name(const char *name)
{
    static const char *const ends[] = {".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tga", ".pgm", ".ppm", ".pnm", ".psd", ".hdr"};
    size_t len = strlen(name), k, e;
    for (k = 0; k < sizeof ends / sizeof ends[0]; k++) {
        size_t el = strlen(ends[k]);
        if (len <= el) continue;
        for (e = 0; e < el; e++) {
            char ch = name[len - el + e];
            if (ch >= 'A' && ch <= 'Z') ch = (char)(ch - 'A' + 'a');
            if (ch != ends[k][e]) break;
        }
        if (e == el) return 1;
    }
    return 0;
}

/* The entries of folder dir that are folders (dirs = 1) or image files (dirs = 0),
   not starting with '.', sorted by name (insertion sort: a few thousand names). */
static dam_result dam__list(const char *dir, int dirs, dam__names *out, const dam_allocator *al, char *why)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[4096];
    int i, j;
    memset(out, 0, sizeof *out);
    if (!d) return dam__why(why, DAM_ERR_IO, "cannot open the folder '%.120s'", dir);
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        if (e->d_name[0] == '.') continue;
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= sizeof path || stat(path, &st) != 0) continue;
        if (dirs ? !S_ISDIR(st.st_mode) : !(S_ISREG(st.st_mode) && dam__image_name(e->d_name))) continue;
        if (!dam__names_add(out, al, e->d_name)) {
            closedir(d);
            dam__names_free(out, al);
            return dam__why(why, DAM_ERR_NOMEM, "no memory to list '%.120s'", dir);
        }
    }
    closedir(d);
    for (i = 1; i < out->n; i++)
        for (j = i; j > 0 && strcmp(out->v[j - 1], out->v[j]) > 0; j--) {
            char *t = out->v[j];
            out->v[j] = out->v[j - 1], out->v[j - 1] = t;
        }
    return DAM_OK;
}
#endif

/* Two passes: list every class and file and check every image's size from its header
   (stbi_info), so a bad folder is refused before anything is decoded; then allocate
   both sets once and decode each image into its slot. */
DAMDEF dam_result dam_images_load_folder(dam_images *train, dam_images *test, const char *dir, int width,
                                         int height, int test_every, const dam_allocator *al)
{
#if defined(STBI_INCLUDE_STB_IMAGE_H) && DAM__HAVE_DIRENT
    dam_allocator a = dam__allocator(al);
    dam__names classes, *files = NULL;
    dam_result r = DAM_OK;
    char path[4096], first[4096];
    int C = 0, c, k, W = width, H = height, ntrain = 0, ntest = 0, itrain = 0, itest = 0;
    if (!train) return DAM_ERR_ARGUMENT;
    memset(train, 0, sizeof *train);
    train->al = a;
    if (test) memset(test, 0, sizeof *test), test->al = a;
    if (!dir) return dam__why(train->why, DAM_ERR_ARGUMENT, "no folder given");
    if (test_every < 0 || (test_every > 0 && !test))
        return dam__why(train->why, DAM_ERR_ARGUMENT, "test_every must be >= 0 (and > 0 needs a test set), got %d", test_every);
    if ((width == 0) != (height == 0) || width < 0 || height < 0 || width > 4096 || height > 4096)
        return dam__why(train->why, DAM_ERR_DIMENSION, "size %d x %d: both 0 (keep) or both 1..4096", width, height);
    if ((r = dam__list(dir, 1, &classes, &a, train->why)) != DAM_OK) return r;
    C = classes.n;
    if (C == 0) r = dam__why(train->why, DAM_ERR_EMPTY, "'%.100s' holds no class subfolders (expected DIR/<class>/<images>)", dir);
    else if (C < 2) r = dam__why(train->why, DAM_ERR_LABEL, "'%.80s' holds one class subfolder ('%.40s'): classification needs >= 2", dir, classes.v[0]);
    else if (C > DAM_MAX_CLASSES) r = dam__why(train->why, DAM_ERR_TOO_LARGE, "'%.100s' holds %d class subfolders: at most %d", dir, C, DAM_MAX_CLASSES);
    else if (!(files = (dam__names *)dam__alloc(&a, (size_t)C, sizeof *files))) r = dam__why(train->why, DAM_ERR_NOMEM, "no memory");
    if (files) memset(files, 0, (size_t)C * sizeof *files);
    /* pass 1: the files of every class, their sizes from the headers */
    for (c = 0; c < C && r == DAM_OK; c++) {
        snprintf(path, sizeof path, "%s/%s", dir, classes.v[c]);
        if ((r = dam__list(path, 0, &files[c], &a, train->why)) != DAM_OK) break;
        if (files[c].n == 0) {
            r = dam__why(train->why, DAM_ERR_EMPTY, "class '%.60s' (%.60s) holds no image files (.png .jpg .bmp ...)", classes.v[c], path);
            break;
        }
        if (test_every > 0 && files[c].n < test_every) {
            r = dam__why(train->why, DAM_ERR_EMPTY, "class '%.60s' has %d images: at least %d needed (every %d-th is a test image)",
                         classes.v[c], files[c].n, test_every, test_every);
            break;
        }
        for (k = 0; k < files[c].n && r == DAM_OK; k++) {
            int w, h, comp;
            snprintf(path, sizeof path, "%s/%s/%s", dir, classes.v[c], files[c].v[k]);
            if (!stbi_info(path, &w, &h, &comp))
                r = dam__why(train->why, DAM_ERR_IO, "cannot read '%.100s': %.40s", path, stbi_failure_reason());
            else if ((double)w * h > 16777216.0)
                r = dam__why(train->why, DAM_ERR_TOO_LARGE, "'%.100s' is %d x %d: more than 4096 x 4096 pixels", path, w, h);
            else if (width == 0 && W == 0) W = w, H = h, memcpy(first, path, sizeof path);
            else if (width == 0 && (w != W || h != H))
                r = dam__why(train->why, DAM_ERR_SHAPE, "'%.60s' is %d x %d but '%.50s' is %d x %d: a folder's images need one size",
                             path, w, h, first, W, H);
        }
        k = test_every > 0 ? files[c].n / test_every : 0;
        ntest += k, ntrain += files[c].n - k;
    }
    /* pass 2: decode into the two sets */
    if (r == DAM_OK) r = dam__images_init(train, ntrain, W, H, C, &a); /* its why says why not */
    if (r == DAM_OK && ntest > 0 && (r = dam__images_init(test, ntest, W, H, C, &a)) != DAM_OK)
        memcpy(train->why, test->why, DAM_WHY_SIZE);
    if (r == DAM_OK) {
        train->names = (char (*)[64])dam__alloc(&a, (size_t)C, 64);
        if (test && ntest > 0) test->names = (char (*)[64])dam__alloc(&a, (size_t)C, 64);
        if (!train->names || (test && ntest > 0 && !test->names)) r = dam__why(train->why, DAM_ERR_NOMEM, "no memory for the class names");
    }
    for (c = 0; c < C && r == DAM_OK; c++) {
        snprintf(train->names[c], 64, "%s", classes.v[c]);
        if (test && test->names) snprintf(test->names[c], 64, "%s", classes.v[c]);
        for (k = 0; k < files[c].n && r == DAM_OK; k++) {
            int to_test = test_every > 0 && (k + 1) % test_every == 0, w, h, x, y;
            dam_images *im = to_test ? test : train;
            int slot = to_test ? itest++ : itrain++;
            unsigned char *img, *dst = im->grey + (size_t)slot * W * H;
            snprintf(path, sizeof path, "%s/%s/%s", dir, classes.v[c], files[c].v[k]);
            if (!(img = dam__image_grey(path, &w, &h, &a, &r, train->why))) break;
            if (width == 0 && (w != W || h != H))
                r = dam__why(train->why, DAM_ERR_SHAPE, "'%.100s' is %d x %d, expected %d x %d", path, w, h, W, H);
            for (y = 0; y < H && r == DAM_OK; y++)
                for (x = 0; x < W; x++) {
                    long sum, cnt;
                    dam__box(img, w, h, W, H, x, y, &sum, &cnt);
                    dst[(size_t)y * W + x] = (unsigned char)(cnt ? (sum + cnt / 2) / cnt : 0);
                }
            im->label[slot] = c;
            dam__free(&a, img);
        }
    }
    for (c = 0; files && c < C; c++) dam__names_free(&files[c], &a);
    dam__free(&a, files);
    dam__names_free(&classes, &a);
    if (r != DAM_OK) {
        char why[DAM_WHY_SIZE];
        memcpy(why, train->why, sizeof why);
        dam_images_free(train);
        if (test) dam_images_free(test);
        memcpy(train->why, why, sizeof why);
    }
    return r;
#else
    (void)test; (void)width; (void)height; (void)test_every;
    if (!train) return DAM_ERR_ARGUMENT;
    memset(train, 0, sizeof *train);
    train->al = dam__allocator(al);
    (void)dir;
    return dam__why(train->why, DAM_ERR_UNSUPPORTED,
                    "include stb_image.h before the dam.h implementation (and build with POSIX) to load a folder of images");
#endif
}

DAMDEF dam_result dam_grid_write(const char *path, const dam_real *vectors, int count,
                                 int stride, int width, int height, int cols, int scale,
                                 char *why)
{
#ifndef DAM_NO_STDIO
    int rows, W, H, k, x, y, ok;
    unsigned char *img;
    size_t plen;
    char tmp[1024];
    dam_allocator al = dam__allocator(NULL);
    if (!path || !vectors) return dam__why(why, DAM_ERR_ARGUMENT, "no path or vectors");
    if (count < 1 || width < 1 || height < 1 || cols < 1 || scale < 1 || stride < width * height ||
        width * scale > 4096 || height * scale > 4096 || count > 65536)
        return dam__why(why, DAM_ERR_DIMENSION, "grid of %d tiles %d x %d (x%d), %d per row is not usable",
                        count, width, height, scale, cols);
    if (cols > count) cols = count;
    rows = (count + cols - 1) / cols;
    W = cols * (width * scale + 1) + 1;
    H = rows * (height * scale + 1) + 1;
    if ((double)W * H > 1e8) return dam__why(why, DAM_ERR_TOO_LARGE, "image of %d x %d is too large", W, H);
    plen = strlen(path);
    if (plen + 5 > sizeof tmp) return dam__why(why, DAM_ERR_ARGUMENT, "path too long");
    img = (unsigned char *)dam__alloc(&al, (size_t)W * H, 1);
    if (!img) return dam__why(why, DAM_ERR_NOMEM, "no memory for the grid image");
    memset(img, 128, (size_t)W * H); /* grey borders */
    for (k = 0; k < count; k++) {
        int ox = (k % cols) * (width * scale + 1) + 1, oy = (k / cols) * (height * scale + 1) + 1;
        for (y = 0; y < height * scale; y++)
            for (x = 0; x < width * scale; x++) {
                double v = vectors[(size_t)k * stride + (size_t)(y / scale) * width + x / scale];
                if (!(v > -1)) v = -1; /* also NaN */
                if (v > 1) v = 1;
                img[(size_t)(oy + y) * W + ox + x] = (unsigned char)((v + 1) * 127.5 + 0.5);
            }
    }
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp", 5);
    ok = 0;
    if (plen > 4 && strcmp(path + plen - 4, ".png") == 0) {
#ifdef INCLUDE_STB_IMAGE_WRITE_H
        ok = stbi_write_png(tmp, W, H, 1, img, W) != 0;
#else
        dam__free(&al, img);
        return dam__why(why, DAM_ERR_UNSUPPORTED, "include stb_image_write.h before the dam.h implementation to write PNG");
#endif
    } else {
        FILE *f = fopen(tmp, "wb");
        if (f) {
            ok = fprintf(f, "P5\n%d %d\n255\n", W, H) > 0 && fwrite(img, 1, (size_t)W * H, f) == (size_t)W * H;
            ok = (fclose(f) == 0) && ok;
        }
    }
    dam__free(&al, img);
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        return dam__why(why, DAM_ERR_IO, "cannot write '%s'", path);
    }
    return DAM_OK;
#else
    (void)path; (void)vectors; (void)count; (void)stride; (void)width; (void)height; (void)cols; (void)scale;
    return dam__why(why, DAM_ERR_UNSUPPORTED, "built with DAM_NO_STDIO");
#endif
}

/* ====================================================================================
   >>dam:hopfield  The classical Hopfield network: Hebbian and Delta learning, recall
   Paper: section on parallels with the classical Hopfield network (Hopfield 1982;
          Robins & McCallum 1998 for its sequential learning)
   Book: 01-hopfield.md
   N neurons x_i in {-1,+1}, symmetric weights W with zero diagonal, energy
       E(x) = -1/2 sum_ij W_ij x_i x_j.
   The update x_i <- sign(h_i), h_i = sum_j W_ij x_j, changes E by
       -(x_i_new - x_i_old) * h_i <= 0,
   so asynchronous updates (one neuron at a time) only ever go down in energy and must
   stop at a fixed point. Synchronous updates (all at once) may instead 2-cycle.
   Hebbian storage W = (1/N) sum_p xi_p xi_p^T holds about 0.14 N random patterns;
   the Delta rule trains each row of W as a perceptron and stores up to about 2 N.
   Tie convention: sign(0) = -1, the same as in the DAM.
   ==================================================================================== */

DAMDEF dam_result dam_hopfield_init(dam_hopfield *h, int N, const dam_allocator *al)
{
    if (!h) return DAM_ERR_ARGUMENT;
    memset(h, 0, sizeof *h);
    h->al = dam__allocator(al);
    if (N < 2) return dam__why(h->why, DAM_ERR_NEURONS, "N = %d: a Hopfield network needs N >= 2", N);
    if (N > 65536) return dam__why(h->why, DAM_ERR_TOO_LARGE, "N = %d: W would need N^2 reals", N);
    h->W = (dam_real *)dam__alloc(&h->al, (size_t)N * N, sizeof(dam_real));
    h->h = (dam_real *)dam__alloc(&h->al, (size_t)N, sizeof(dam_real));
    h->order = (int *)dam__alloc(&h->al, (size_t)N, sizeof(int));
    if (!h->W || !h->h || !h->order) {
        dam_hopfield_free(h);
        return dam__why(h->why, DAM_ERR_NOMEM, "no memory for N = %d", N);
    }
    memset(h->W, 0, (size_t)N * N * sizeof(dam_real));
    h->N = N;
    return DAM_OK;
}

DAMDEF void dam_hopfield_free(dam_hopfield *h)
{
    if (!h) return;
    dam__free(&h->al, h->W);
    dam__free(&h->al, h->h);
    dam__free(&h->al, h->order);
    h->W = h->h = NULL;
    h->order = NULL;
    h->N = 0;
}

/* Check the patterns argument of the learning and measuring calls. */
static dam_result dam__hopfield_check(dam_hopfield *h, const signed char *patterns, int P)
{
    if (!h || !h->W) return DAM_ERR_ARGUMENT;
    if (!patterns) return dam__why(h->why, DAM_ERR_ARGUMENT, "no patterns");
    if (P < 1) return dam__why(h->why, DAM_ERR_EMPTY, "P = %d patterns", P);
    return DAM_OK;
}

/* O(P N^2). Each pattern adds its outer product; the diagonal stays zero because a
   neuron must not excite itself (it would make every state more stable). */
DAMDEF dam_result dam_hopfield_hebbian(dam_hopfield *h, const signed char *patterns, int P)
{
    int N, p, i, j;
    dam_result r = dam__hopfield_check(h, patterns, P);
    if (r != DAM_OK) return r;
    N = h->N;
    for (p = 0; p < P; p++) {
        const signed char *xi = patterns + (size_t)p * N;
        for (i = 0; i < N; i++) {
            dam_real *Wi = h->W + (size_t)i * N;
            dam_real v = (dam_real)xi[i] / (dam_real)N;
            for (j = 0; j < N; j++) Wi[j] += v * xi[j];
            Wi[i] = 0;
        }
    }
    return DAM_OK;
}

/* Local fields h = W x: O(N^2). */
static void dam__hopfield_field(const dam_hopfield *h, const signed char *x, dam_real *out)
{
    int N = h->N, i, j;
    for (i = 0; i < N; i++) {
        const dam_real *Wi = h->W + (size_t)i * N;
        dam_real sum = 0;
        for (j = 0; j < N; j++) sum += Wi[j] * x[j];
        out[i] = sum;
    }
}

/* Each row i of W is a perceptron that must output xi_p,i from the others with a
   margin: an error (xi_p,i h_i <= kappa; at kappa = 0 the sign rule, so a zero field
   is right for xi_p,i = -1) adds eta * xi_p,i * xi_p (the perceptron step), which
   raises xi_p,i h_i by eta (N-1). O(P N^2) per epoch. The perceptron convergence
   theorem: if some W reaches the margin on every pattern, this stops. */
DAMDEF dam_result dam_hopfield_delta_margin(dam_hopfield *h, const signed char *patterns, int P,
                                            double eta, double kappa, int max_epochs, int symmetric,
                                            int *epochs, int *unstable)
{
    int N, p, i, j, e, errors = 1;
    dam_result r = dam__hopfield_check(h, patterns, P);
    if (epochs) *epochs = 0;
    if (unstable) *unstable = 0;
    if (r != DAM_OK) return r;
    if (!dam__finite(eta) || eta <= 0) return dam__why(h->why, DAM_ERR_RATE, "eta = %g must be > 0", eta);
    if (!dam__finite(kappa) || kappa < 0) return dam__why(h->why, DAM_ERR_STRENGTH, "kappa = %g must be >= 0", kappa);
    if (max_epochs < 1) return dam__why(h->why, DAM_ERR_EPOCHS, "max_epochs = %d", max_epochs);
    N = h->N;
    for (e = 0; e < max_epochs && errors; e++) {
        errors = 0;
        for (p = 0; p < P; p++) {
            const signed char *xi = patterns + (size_t)p * N;
            dam__hopfield_field(h, xi, h->h);
            for (i = 0; i < N; i++) {
                int wrong = kappa == 0 ? (h->h[i] > 0 ? 1 : -1) != xi[i] : xi[i] * (double)h->h[i] <= kappa;
                if (!wrong) continue;
                errors++;
                for (j = 0; j < N; j++) {
                    dam_real step = (dam_real)(eta * xi[i] * xi[j]);
                    if (j == i) continue;
                    h->W[(size_t)i * N + j] += step;
                    if (symmetric) h->W[(size_t)j * N + i] += step;
                }
            }
        }
        if (epochs) *epochs = e + 1;
    }
    if (unstable) *unstable = errors;
    return DAM_OK;
}

DAMDEF dam_result dam_hopfield_delta(dam_hopfield *h, const signed char *patterns, int P,
                                     double eta, int max_epochs, int symmetric, int *epochs)
{
    return dam_hopfield_delta_margin(h, patterns, P, eta, 0.0, max_epochs, symmetric, epochs, NULL);
}

DAMDEF double dam_hopfield_energy(const dam_hopfield *h, const signed char *x)
{
    int N = h->N, i, j;
    double E = 0;
    for (i = 0; i < N; i++) {
        const dam_real *Wi = h->W + (size_t)i * N;
        double sum = 0;
        for (j = 0; j < N; j++) sum += (double)Wi[j] * x[j];
        E += sum * x[i];
    }
    return -0.5 * E;
}

DAMDEF int dam_hopfield_relax(dam_hopfield *h, signed char *x, int async, int max_sweeps,
                              dam_rng *rng)
{
    int N, sweep, i, k, changed = 1;
    if (!h || !h->W || !x) return DAM_ERR_ARGUMENT;
    if (max_sweeps < 1) return dam__why(h->why, DAM_ERR_SWEEPS, "max_sweeps = %d: need >= 1", max_sweeps);
    if (async && !rng) return dam__why(h->why, DAM_ERR_ARGUMENT, "asynchronous updates need an rng");
    N = h->N;
    for (sweep = 0; sweep < max_sweeps && changed; sweep++) {
        changed = 0;
        if (async) {
            dam_rng_permutation(rng, h->order, N);
            for (k = 0; k < N; k++) {
                const dam_real *Wi;
                dam_real sum = 0;
                int j;
                signed char v;
                i = h->order[k];
                Wi = h->W + (size_t)i * N;
                for (j = 0; j < N; j++) sum += Wi[j] * x[j];
                v = sum > 0 ? 1 : -1;
                if (v != x[i]) x[i] = v, changed = 1;
            }
        } else {
            dam__hopfield_field(h, x, h->h);
            for (i = 0; i < N; i++) {
                signed char v = h->h[i] > 0 ? 1 : -1;
                if (v != x[i]) x[i] = v, changed = 1;
            }
        }
    }
    return sweep;
}

DAMDEF double dam_hopfield_stable_fraction(dam_hopfield *h, const signed char *patterns, int P)
{
    int p, i, stable = 0;
    if (dam__hopfield_check(h, patterns, P) != DAM_OK) return 0.0;
    for (p = 0; p < P; p++) {
        const signed char *xi = patterns + (size_t)p * h->N;
        int ok = 1;
        dam__hopfield_field(h, xi, h->h);
        for (i = 0; i < h->N && ok; i++) ok = (h->h[i] > 0 ? 1 : -1) == xi[i];
        stable += ok;
    }
    return (double)stable / P;
}

/* 1 if x equals y or -y (N entries). */
static int dam__same_up_to_sign(const signed char *x, const signed char *y, int N)
{
    int j, plus = 1, minus = 1;
    for (j = 0; j < N && (plus || minus); j++) plus &= x[j] == y[j], minus &= x[j] == -y[j];
    return plus || minus;
}

/* 1 if x is a fixed point: sign(h_i) == x_i for every i (sign(0) = -1). */
static int dam__hopfield_fixed(dam_hopfield *h, const signed char *x)
{
    int i;
    dam__hopfield_field(h, x, h->h);
    for (i = 0; i < h->N; i++)
        if ((h->h[i] > 0 ? 1 : -1) != x[i]) return 0;
    return 1;
}

/* The distinct attractors are kept in the probes' own block: rows [0, U) hold one
   representative each (the first probe that reached it) and visits[u] its count. */
DAMDEF int dam_hopfield_attractors(dam_hopfield *h, int probes, double density, int max_sweeps,
                                   const signed char *have, int nhave, signed char *out, int keep,
                                   dam_rng *rng)
{
    int N, k, u, U = 0, written = 0, j;
    signed char *x, *rep;
    int *visits;
    if (!h || !h->W || !rng || (keep > 0 && !out) || (nhave > 0 && !have)) return DAM_ERR_ARGUMENT;
    if (probes < 1 || keep < 0 || nhave < 0)
        return dam__why(h->why, DAM_ERR_ARGUMENT, "probes = %d, keep = %d, nhave = %d", probes, keep, nhave);
    if (!dam__finite(density) || density < 0 || density > 1)
        return dam__why(h->why, DAM_ERR_FRACTION, "density = %g: need [0, 1]", density);
    if (max_sweeps < 1) return dam__why(h->why, DAM_ERR_SWEEPS, "max_sweeps = %d: need >= 1", max_sweeps);
    N = h->N;
    rep = (signed char *)dam__alloc(&h->al, ((size_t)probes + 1) * (size_t)N, 1);
    visits = (int *)dam__alloc(&h->al, (size_t)probes, sizeof(int));
    if (!rep || !visits) {
        dam__free(&h->al, rep);
        dam__free(&h->al, visits);
        return dam__why(h->why, DAM_ERR_NOMEM, "no memory for %d probes of N = %d", probes, N);
    }
    x = rep + (size_t)probes * N; /* the probe being relaxed */
    for (k = 0; k < probes; k++) {
        for (j = 0; j < N; j++) x[j] = dam_rng_uniform(rng) < density ? 1 : -1;
        dam_hopfield_relax(h, x, 1, max_sweeps, rng);
        if (!dam__hopfield_fixed(h, x)) continue; /* stopped by max_sweeps: not an attractor */
        for (u = 0; u < U && !dam__same_up_to_sign(x, rep + (size_t)u * N, N); u++) {}
        if (u == U) memcpy(rep + (size_t)U * N, x, (size_t)N), visits[U++] = 0;
        visits[u]++;
    }
    /* the `keep` most visited that are new: repeatedly take the first maximum */
    while (written < keep) {
        int best = -1, seen;
        for (u = 0; u < U; u++)
            if (visits[u] > 0 && (best < 0 || visits[u] > visits[best])) best = u;
        if (best < 0) break;
        visits[best] = 0; /* taken (or known): not again */
        for (k = 0, seen = 0; k < nhave && !seen; k++) seen = dam__same_up_to_sign(rep + (size_t)best * N, have + (size_t)k * N, N);
        if (seen) continue;
        memcpy(out + (size_t)written * N, rep + (size_t)best * N, (size_t)N);
        written++;
    }
    dam__free(&h->al, rep);
    dam__free(&h->al, visits);
    return written;
}

/* Flip exactly `flips` distinct random bits of x (a partial Fisher-Yates over order). */
static void dam__flip_bits(signed char *x, int N, int flips, int *order, dam_rng *rng)
{
    int k;
    for (k = 0; k < N; k++) order[k] = k;
    for (k = 0; k < flips && k < N; k++) {
        int j = k + (int)dam_rng_below(rng, (uint64_t)(N - k));
        int t = order[k]; order[k] = order[j]; order[j] = t;
        x[order[k]] = (signed char)-x[order[k]];
    }
}

DAMDEF double dam_hopfield_recall_fraction(dam_hopfield *h, const signed char *patterns,
                                           int P, double flip, double tolerance,
                                           int max_sweeps, dam_rng *rng)
{
    int p, i, N, flips, ok = 0;
    signed char *x;
    if (dam__hopfield_check(h, patterns, P) != DAM_OK || !rng) return 0.0;
    N = h->N;
    x = (signed char *)dam__alloc(&h->al, (size_t)N, 1);
    if (!x) return 0.0;
    flips = (int)(flip * N + 0.5);
    for (p = 0; p < P; p++) {
        const signed char *xi = patterns + (size_t)p * N;
        int wrong = 0;
        memcpy(x, xi, (size_t)N);
        dam__flip_bits(x, N, flips, h->order, rng);
        dam_hopfield_relax(h, x, 1, max_sweeps, rng);
        for (i = 0; i < N; i++) wrong += x[i] != xi[i];
        ok += wrong <= tolerance * N;
    }
    dam__free(&h->al, x);
    return (double)ok / P;
}

/* ====================================================================================
   >>dam:dense.functions  Interaction functions F and F'
   Paper: the DAM and its interaction vertex n (Krotov & Hopfield 2016)
   Book: 02-dense-associative-memory.md
   The energy of the DAM is -sum_mu F(z_mu): F decides how strongly a memory that
   agrees with the state pulls on it. The larger n, the more the best-matching memory
   dominates the others (z^n grows faster), which is what lets the DAM hold more
   patterns than the quadratic (n = 2) classical network.
       polynomial            F(z) = z^n                  F'(z) = n z^(n-1)
       rectified polynomial  F(z) = max(z, 0)^n          F'(z) = n z^(n-1) for z > 0, else 0
       leaky rectified       F(z) = z^n (z > 0), eps*z   F'(z) = n z^(n-1) (z > 0), eps
       exponential           F(z) = exp(z)               F'(z) = exp(z)
   With the normalised argument z = (beta/N) xi . x in [-beta, beta] nothing overflows
   for any n: |z^n| <= beta^n, and training keeps beta modest.
   ==================================================================================== */

DAMDEF void dam_dense_interaction(dam_function f, int n, double eps, double z, double *F, double *dF)
{
    double p = 1.0, zp = z, f0, df;
    int k;
    if (f == DAM_F_EXP) {
        f0 = df = exp(z);
    } else {
        if (f != DAM_F_POLY && z <= 0) zp = 0;
        for (k = 1; k < n; k++) p *= zp; /* p = zp^(n-1), the plain way */
        f0 = p * zp;
        df = n * p;
        if (f == DAM_F_RECTIFIED && z <= 0) df = 0;
        if (f == DAM_F_LEAKY && z <= 0) f0 = eps * z, df = eps;
    }
    if (F) *F = f0;
    if (dF) *dF = df;
}


/* F and F' of a whole array at once: z_k = scale * s_k (+ shift * x_k when x is not
   NULL), F[k] = F(z_k), dF[k] = F'(z_k), for len entries; work: len scratch reals.
   zp^(n-1) is taken by binary powering, one fused pass per entry: walk the bits of
   e = n - 1 from the lowest, p *= b where the bit is set, b *= b at every step. The
   number of steps is a constant of the loop (2, 4, 6 or 10 bits: n <= 1024), so the
   compiler unrolls it and vectorises over k; steps past the top bit of e change only b,
   which is then never used. Same multiplications in the same order as the textbook
   loop, so the values do not depend on the step count chosen. */
#if defined(__GNUC__) || defined(__clang__)
#define DAM__INLINE __attribute__((always_inline)) inline
#else
#define DAM__INLINE
#endif
DAM__HOT static DAM__INLINE void dam__interact_steps(int steps, int poly, int n, dam_real eps,
                                                     const dam_real *DAM__RESTRICT z,
                                                     dam_real *DAM__RESTRICT F,
                                                     dam_real *DAM__RESTRICT dF, int len)
{
    unsigned e = (unsigned)(n - 1);
    int k, t;
    for (k = 0; k < len; k++) {
        dam_real zk = z[k], b = poly || zk > 0 ? zk : 0, p = 1;
        for (t = 0; t < steps; t++) {
            p = (e >> t) & 1u ? p * b : p;
            b *= b;
        }
        if (poly) {
            F[k] = p * zk;
            dF[k] = p * (dam_real)n;
        } else { /* rectified (eps = 0) and leaky */
            F[k] = zk > 0 ? p * zk : eps * zk;
            dF[k] = zk > 0 ? p * (dam_real)n : eps;
        }
    }
}

DAM__HOT
static void dam__interact(dam_function f, int n, dam_real eps, const dam_real *DAM__RESTRICT s,
                          dam_real scale, const dam_real *DAM__RESTRICT x, dam_real shift,
                          dam_real *DAM__RESTRICT F, dam_real *DAM__RESTRICT dF,
                          dam_real *DAM__RESTRICT work, int len)
{
    unsigned e = (unsigned)(n - 1);
    int k, poly = f == DAM_F_POLY;
    if (x)
        for (k = 0; k < len; k++) work[k] = scale * s[k] + shift * x[k];
    else
        for (k = 0; k < len; k++) work[k] = scale * s[k];
    if (f == DAM_F_EXP) {
        for (k = 0; k < len; k++) F[k] = dF[k] = (dam_real)exp(work[k]);
        return;
    }
    if (f == DAM_F_RECTIFIED) eps = 0;
    if (e < 4) dam__interact_steps(2, poly, n, eps, work, F, dF, len);
    else if (e < 16) dam__interact_steps(4, poly, n, eps, work, F, dF, len);
    else if (e < 64) dam__interact_steps(6, poly, n, eps, work, F, dF, len);
    else dam__interact_steps(10, poly, n, eps, work, F, dF, len);
}

/* 1 if every v[k] is finite: NaN and +-inf survive "* 0" as NaN, finite values give 0
   (eight partial sums, so the loop vectorises) */
DAM__HOT
static int dam__finite_all(const dam_real *DAM__RESTRICT v, int len)
{
    dam_real part[8] = {0, 0, 0, 0, 0, 0, 0, 0}, rest = 0;
    int k, l;
    for (k = 0; k + 8 <= len; k += 8)
        for (l = 0; l < 8; l++) part[l] += v[k + l] * 0;
    for (; k < len; k++) rest += v[k] * 0;
    for (l = 0; l < 8; l++) rest += part[l];
    return rest == 0;
}

/* sum_k (a[k] - b[k]) in double, in eight interleaved partial sums (a fixed order that
   vectorises) */
DAM__HOT
static double dam__sum_diff(const dam_real *DAM__RESTRICT a, const dam_real *DAM__RESTRICT b, int len)
{
    double part[8] = {0, 0, 0, 0, 0, 0, 0, 0}, sum = 0;
    int k, l;
    for (k = 0; k + 8 <= len; k += 8)
        for (l = 0; l < 8; l++) part[l] += (double)(a[k + l] - b[k + l]);
    for (; k < len; k++) sum += (double)(a[k] - b[k]);
    for (l = 0; l < 8; l++) sum += part[l];
    return sum;
}

/* ====================================================================================
   >>dam:dense.net  The Dense Associative Memory: energy, updates, relaxation
   Paper: the DAM (Krotov & Hopfield 2016) in the normalised form of McAlister, Robins
          & Szymanski (arXiv:2407.08742)
   Book: 02-dense-associative-memory.md
   K memories xi_mu (rows of the K x N matrix xi, entries in [-1, 1]). With a = 1/(T N):
       z_mu(x) = a * xi_mu . x                 (in [-1/T, 1/T])
       E(x)    = -sum_mu F(z_mu(x))
       Delta_i(x) = sum_mu F(z_mu(x^(i+))) - F(z_mu(x^(i-)))
   where x^(i+) and x^(i-) are x with neuron i set to +1 and -1. Delta_i > 0 means
   +1 has the lower energy; the update x_i <- sign(Delta_i) (sign(0) = -1) never raises
   E, so asynchronous updates settle in a local minimum.
   The cheap probes: with s_mu = xi_mu . x,
       xi_mu . x^(i+) = s_mu + xi_mu,i (1 - x_i),   xi_mu . x^(i-) = s_mu - xi_mu,i (1 + x_i)
   so one K x N product gives every neuron's two probes: O(K) per neuron afterwards.
   For homogeneous F (z^n) the scale a only multiplies Delta by a^n: recall does not
   depend on T, and T_Krotov = N*T gives Krotov & Hopfield's un-normalised form.
   ==================================================================================== */

DAMDEF double dam_dense_default_temperature(int n, dam_function f)
{
    /* Measured rule (book chapter 03, sweep table): small n wants a low temperature so
       that Delta is large enough to saturate tanh; large n needs T to grow with n so
       that z^n does not single out one memory too sharply from the start. */
    double T;
    if (f == DAM_F_EXP) return 0.1;
    if (n <= 5) T = 0.1;
    else T = 0.02 * n;
    return T;
}

DAMDEF dam_dense_desc dam_dense_defaults(int N, int K, int n)
{
    dam_dense_desc d;
    memset(&d, 0, sizeof d);
    d.N = N;
    d.K = K;
    d.n = n;
    d.f = DAM_F_LEAKY;
    d.eps = 0.01;
    d.T = dam_dense_default_temperature(n, DAM_F_LEAKY);
    d.mask_start = 0;
    d.mask_count = 0;
    d.init_mean = 0.0;
    d.init_std = 0.1;
    return d;
}

/* The network's temperature from its desc: T, or when T is 0 (a zeroed desc) the
   documented default for its n and f. The network is the temperature's one home:
   net->T is what every computation reads (dam__scale); a training ramp writes it. */
static double dam__dense_T(const dam_dense_desc *d)
{
    return d->T == 0 ? dam_dense_default_temperature(d->n, d->f) : d->T;
}

static dam_result dam__check_T(char *why, double T, dam_function f)
{
    double max_beta = sizeof(dam_real) == sizeof(float) ? 80.0 : 700.0;
    if (T != T) return dam__why(why, DAM_ERR_NOT_FINITE, "T is NaN");
    if (!dam__finite(T) || T <= 0) return dam__why(why, DAM_ERR_TEMPERATURE, "T = %g must be finite and > 0", T);
    if (f == DAM_F_EXP && 1.0 / T > max_beta)
        return dam__why(why, DAM_ERR_TEMPERATURE, "T = %g: exp(1/T) would overflow (need 1/T <= %g)", T, max_beta);
    return DAM_OK;
}

DAMDEF dam_result dam_dense_init(dam_dense *net, const dam_dense_desc *d, dam_rng *rng,
                                 const dam_allocator *al)
{
    size_t KN, k;
    dam_result r;
    double T;
    if (!net) return DAM_ERR_ARGUMENT;
    memset(net, 0, sizeof *net);
    net->al = dam__allocator(al);
    if (!d) return dam__why(net->why, DAM_ERR_ARGUMENT, "no desc");
    T = dam__dense_T(d);
    if (d->N < 2) return dam__why(net->why, DAM_ERR_NEURONS, "N = %d: need >= 2 neurons", d->N);
    if (d->K < 1) return dam__why(net->why, DAM_ERR_MEMORIES, "K = %d: need >= 1 memory", d->K);
    if (d->n < 1) return dam__why(net->why, DAM_ERR_INTERACTION, "n = %d: need n >= 1", d->n);
    if (d->n > 1000) return dam__why(net->why, DAM_ERR_INTERACTION, "n = %d: at most 1000 supported", d->n);
    if ((int)d->f < DAM_F_POLY || (int)d->f > DAM_F_EXP)
        return dam__why(net->why, DAM_ERR_FUNCTION, "interaction function %d unknown", (int)d->f);
    if ((r = dam__check_T(net->why, T, d->f)) != DAM_OK) return r;
    if (!dam__finite(d->eps) || !dam__finite(d->init_mean) || !dam__finite(d->init_std))
        return dam__why(net->why, DAM_ERR_NOT_FINITE, "eps, init_mean or init_std is NaN or infinite");
    if (d->eps < 0 || d->init_std < 0)
        return dam__why(net->why, DAM_ERR_ARGUMENT, "eps = %g and init_std = %g must be >= 0", d->eps, d->init_std);
    if (d->mask_count < 0 || d->mask_start < 0 || d->mask_start > d->N - d->mask_count)
        return dam__why(net->why, DAM_ERR_MASK, "mask [%d, %lld) outside 0..%d", d->mask_start,
                        (long long)d->mask_start + d->mask_count, d->N);
    if ((double)d->K * d->N > 1e10) return dam__why(net->why, DAM_ERR_TOO_LARGE, "K*N = %g reals", (double)d->K * d->N);
    if (d->init_std > 0 && !rng) return dam__why(net->why, DAM_ERR_ARGUMENT, "random initialisation needs an rng");
    KN = (size_t)d->K * d->N;
    net->xi = (dam_real *)dam__alloc(&net->al, KN, sizeof(dam_real));
    net->s = (dam_real *)dam__alloc(&net->al, (size_t)d->K * (7 + d->mask_count), sizeof(dam_real));
    net->xis = (dam_real *)dam__alloc(&net->al, (size_t)d->K * (d->mask_count + 1), sizeof(dam_real));
    net->order = (int *)dam__alloc(&net->al, (size_t)d->N, sizeof(int));
    net->next = (signed char *)dam__alloc(&net->al, (size_t)d->N, 1);
    if (!net->xi || !net->s || !net->xis || !net->order || !net->next) {
        dam_dense_free(net);
        return dam__why(net->why, DAM_ERR_NOMEM, "no memory for K = %d, N = %d", d->K, d->N);
    }
    net->N = d->N;
    net->K = d->K;
    net->n = d->n;
    net->f = d->f;
    net->eps = (dam_real)d->eps;
    net->T = (dam_real)T;
    net->mask_start = d->mask_start;
    net->mask_count = d->mask_count;
    /* xi ~ init_mean + init_std * Normal(0, 1), clamped to [-1, 1] */
    for (k = 0; k < KN; k++) {
        double v = d->init_mean + (d->init_std > 0 ? d->init_std * dam_rng_normal(rng) : 0.0);
        net->xi[k] = (dam_real)(v > 1 ? 1 : v < -1 ? -1 : v);
    }
    dam_dense_sync(net);
    return DAM_OK;
}

DAMDEF void dam_dense_free(dam_dense *net)
{
    if (!net) return;
    dam__free(&net->al, net->xi);
    dam__free(&net->al, net->s);
    dam__free(&net->al, net->xis);
    dam__free(&net->al, net->order);
    dam__free(&net->al, net->next);
    net->xi = net->s = net->xis = NULL;
    net->order = NULL;
    net->next = NULL;
}

DAMDEF void dam_dense_sync(dam_dense *net)
{
    int c, mu;
    for (c = 0; c < net->mask_count; c++)
        for (mu = 0; mu < net->K; mu++)
            net->xis[(size_t)c * net->K + mu] = net->xi[(size_t)mu * net->N + net->mask_start + c];
}

DAMDEF dam_result dam_dense_set_memories(dam_dense *net, const signed char *patterns, int count)
{
    int mu, j;
    if (!net || !net->xi || !patterns) return DAM_ERR_ARGUMENT;
    if (count < 0 || count > net->K)
        return dam__why(net->why, DAM_ERR_SHAPE, "%d patterns for %d memories", count, net->K);
    for (mu = 0; mu < count; mu++)
        for (j = 0; j < net->N; j++) net->xi[(size_t)mu * net->N + j] = patterns[(size_t)mu * net->N + j];
    dam_dense_sync(net);
    return DAM_OK;
}

/* The one scale of every argument of F: a = 1/(T N) (the inverse temperature over N),
   in double from the network's current temperature net->T; every energy, Delta, loss,
   gradient and importance uses it (as dam_real where the kernels are dam_real). */
static double dam__scale(const dam_dense *net) { return 1.0 / ((double)net->T * net->N); }

/* s_mu = xi_mu . x for every memory: O(K N). */
static void dam__scores(const dam_dense *net, const signed char *x, dam_real *s)
{
    int mu, j, N = net->N;
    for (mu = 0; mu < net->K; mu++) {
        const dam_real *xm = net->xi + (size_t)mu * N;
        dam_real sum = 0;
        for (j = 0; j < N; j++) sum += xm[j] * x[j];
        s[mu] = sum;
    }
}

DAMDEF double dam_dense_energy(dam_dense *net, const signed char *x)
{
    double a = dam__scale(net), E = 0, F;
    int mu;
    dam__scores(net, x, net->s);
    for (mu = 0; mu < net->K; mu++) {
        dam_dense_interaction(net->f, net->n, net->eps, a * net->s[mu], &F, NULL);
        E -= F;
    }
    return E;
}

/* Delta_i from the scores s of the current state: O(K). */
static double dam__delta_from_scores(const dam_dense *net, const dam_real *s, const signed char *x, int i)
{
    double a = dam__scale(net), D = 0, Fp, Fm;
    int mu;
    for (mu = 0; mu < net->K; mu++) {
        double xmi = net->xi[(size_t)mu * net->N + i];
        dam_dense_interaction(net->f, net->n, net->eps, a * (s[mu] + xmi * (1 - x[i])), &Fp, NULL);
        dam_dense_interaction(net->f, net->n, net->eps, a * (s[mu] - xmi * (1 + x[i])), &Fm, NULL);
        D += Fp - Fm;
    }
    return D;
}

DAMDEF double dam_dense_delta(dam_dense *net, const signed char *x, int i)
{
    dam__scores(net, x, net->s);
    return dam__delta_from_scores(net, net->s, x, i);
}

DAMDEF int dam_dense_relax(dam_dense *net, signed char *x, int async, int max_sweeps,
                           int first, int count, dam_rng *rng)
{
    int sweep, k, mu, changed = 1, N, *order;
    signed char *next;
    if (!net || !net->xi || !x) return DAM_ERR_ARGUMENT;
    N = net->N;
    if (count == 0) first = 0, count = N;
    if (first < 0 || count < 0 || first > N - count)
        return dam__why(net->why, DAM_ERR_MASK, "neurons [%d, %lld) outside 0..%d", first, (long long)first + count, N);
    if (max_sweeps < 1) return dam__why(net->why, DAM_ERR_SWEEPS, "max_sweeps = %d: need >= 1", max_sweeps);
    if (async && !rng) return dam__why(net->why, DAM_ERR_ARGUMENT, "asynchronous updates need an rng");
    order = net->order, next = net->next; /* the network's own N-entry buffers */
    for (sweep = 0; sweep < max_sweeps && changed; sweep++) {
        changed = 0;
        dam__scores(net, x, net->s);
        if (async) {
            /* a fresh random order every sweep, so a sweep without a change visited
               every neuron: a fixed point. s is kept current after every flip: O(K). */
            dam_rng_permutation(rng, order, count);
            for (k = 0; k < count; k++) {
                int i = first + order[k];
                signed char v = dam__delta_from_scores(net, net->s, x, i) > 0 ? 1 : -1;
                if (v != x[i]) {
                    for (mu = 0; mu < net->K; mu++) net->s[mu] += net->xi[(size_t)mu * N + i] * (v - x[i]);
                    x[i] = v;
                    changed = 1;
                }
            }
        } else {
            /* every neuron decides from the same old state: deltas first, then flips */
            for (k = 0; k < count; k++)
                next[k] = dam__delta_from_scores(net, net->s, x, first + k) > 0 ? 1 : -1;
            for (k = 0; k < count; k++)
                if (next[k] != x[first + k]) x[first + k] = next[k], changed = 1;
        }
    }
    return sweep;
}

/* ====================================================================================
   >>dam:dense.loss  The masked training objective and its exact gradient
   Paper: training the DAM as a classifier (Krotov & Hopfield 2016; McAlister et al.)
   Book: 03-training-the-dam.md
   Each training item x is its own target. For every masked (label) neuron i the net
   is shown two probes p^(i+), p^(i-) that differ only at i, and answers
       Y_i = tanh(Delta_i),  Delta_i = sum_mu F(a xi_mu . p^(i+)) - F(a xi_mu . p^(i-)).
   The other label neurons of the probes are -1 ("off" convention, the state used to
   classify) or the item's own values ("target" convention). Loss per item:
       l(x) = sum_{i in S} (Y_i - x_i)^(2m).
   Gradient (chain rule; A = F'(a xi.p^(i+)), B = F'(a xi.p^(i-))):
       c_i = 2m (Y_i - x_i)^(2m-1) (1 - Y_i^2)
       dl/dxi_mu = a sum_i c_i [A_mu,i p^(i+) - B_mu,i p^(i-)].
   Cheap form. Let b be the base state (pixels of x, label neurons as the convention
   says). Then p^(i+) = b + (1 - b_i) e_i and p^(i-) = b - (1 + b_i) e_i, and exactly one
   of the two probes equals b. Call the other one the shifted probe, with F' value D1:
       A p^(i+) - B p^(i-) = (A - B) b + 2 D1 e_i.
   So, with w_mu = sum_i c_i (A_mu,i - B_mu,i) for each item,
       G = a * sum_items w (outer) b           -- ONE (K x B)(B x N) product
         + on the masked columns i: a * sum_items 2 c_i D1_mu,i   -- O(K C B).
   And the forward side needs only s = xi . b (ONE (B x K) = (B x N)(N x K) product):
   the shifted probe's argument is a (s_mu +- 2 xi_mu,i).
   Numerics: c_i uses 1 - tanh^2(D) = 1/cosh^2(D), exact where tanh rounds to +-1, and
   powers (Y - x)^(2m-1) are taken in double (|Y - x| <= 2, so 2^127 at most: no
   overflow for m <= 64).
   ==================================================================================== */

#define DAM__CHUNK 16 /* least items per work chunk: the unit of parallel work */
#define DAM__CHUNKS 16 /* at most this many chunks per batch (bounds the C x K sums kept) */

/* items per chunk for a batch of B: a function of B only, never of the thread count,
   so the order of every sum is fixed */
static int dam__chunk(int B)
{
    int per = (B + DAM__CHUNKS - 1) / DAM__CHUNKS;
    return per > DAM__CHUNK ? per : DAM__CHUNK;
}

static double dam__wtime(void)
{
#if defined(_OPENMP)
    return omp_get_wtime();
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L && defined(TIME_UTC)
    struct timespec ts;
    timespec_get(&ts, TIME_UTC);
    return (double)ts.tv_sec + 1e-9 * ts.tv_nsec;
#else
    return 0.0;
#endif
}

static int dam__max_threads(void)
{
#ifdef _OPENMP
    return omp_get_max_threads();
#else
    return 1;
#endif
}

static int dam__thread_id(void)
{
#ifdef _OPENMP
    return omp_get_thread_num();
#else
    return 0;
#endif
}

static double dam__powi(double v, int e)
{
    double r = 1.0;
    for (; e; e >>= 1, v *= v)
        if (e & 1) r *= v;
    return r;
}

/* One item's scratch: DAM__ITEM_ROWS(C) rows of K reals of one thread (the trainer's
   tr->priv.scratch, pseudorehearsal's relax), carved into named rows by dam__item_carve:
     work   the interaction's scratch (dam__interact)
     F0     F(a s) of the base state
     dF0    F'(a s) of the base state (the gradient's B term)
     w      dam_trainer_importance: w_mu = sum_c k1_c (D1_c - dF0)_mu
     F1     F of one shifted probe
     row    a free row: the scores of a pixel state (dam__seq_off_answer)
     D1     C rows: F' of every shifted probe, row c (D1 + c K) for label neuron c */
#define DAM__ITEM_ROWS(C) (6 + (C))
typedef struct dam__item_scratch {
    dam_real *work, *F0, *dF0, *w, *F1, *row, *D1;
} dam__item_scratch;

static dam__item_scratch dam__item_carve(dam_real *scr, int K)
{
    dam__item_scratch t;
    t.work = scr, t.F0 = scr + K, t.dF0 = scr + 2 * (size_t)K, t.w = scr + 3 * (size_t)K;
    t.F1 = scr + 4 * (size_t)K, t.row = scr + 5 * (size_t)K, t.D1 = scr + 6 * (size_t)K;
    return t;
}

/* One item: its scores s (K), the C base values of its label neurons bl, and its
   scratch sc. Computes D[c] = Delta_c for every masked neuron, and leaves in sc what
   the gradient needs: dF0 and the shifted probes' F' values D1. */
static void dam__item_deltas(const dam_dense *net, dam_real a, const dam_real *s,
                             const dam_real *bl, const dam__item_scratch *sc, double *D)
{
    int K = net->K, C = net->mask_count, c;
    /* the base state: z_mu = a s_mu */
    dam__interact(net->f, net->n, net->eps, s, a, NULL, 0, sc->F0, sc->dF0, sc->work, K);
    for (c = 0; c < C; c++) {
        /* base value -1: the shifted probe is p^(i+), argument a(s + 2 xi_mu,i);
           base value +1: the shifted probe is p^(i-), argument a(s - 2 xi_mu,i). */
        dam_real *D1 = sc->D1 + (size_t)c * K;
        double sum;
        dam__interact(net->f, net->n, net->eps, s, a, net->xis + (size_t)c * K, bl[c] < 0 ? 2 * a : -2 * a,
                      sc->F1, D1, sc->work, K);
        sum = dam__sum_diff(sc->F1, sc->F0, K);
        D[c] = bl[c] < 0 ? sum : -sum;
    }
}

/* Loss and gradient pieces of items [b0, b1) of the batch whose scores are in tr->priv.S.
   rows: the items (targets). Writes tr->priv.Wc rows (over the used S rows), tr->priv.item_loss,
   and adds the masked corrections into the chunk's Q (C x K). */
static void dam__batch_items(dam_trainer *tr, const signed char *const *rows, int b0, int b1,
                             dam_real a, dam_real *Q, dam_real *scr, int want_grad)
{
    dam_dense *net = tr->net;
    int K = net->K, C = net->mask_count, ms = net->mask_start, m = tr->d.loss_power;
    int b, c, mu;
    dam__item_scratch sc = dam__item_carve(scr, K);
    double D[DAM_MAX_CLASSES], cc[DAM_MAX_CLASSES];
    dam_real bl[DAM_MAX_CLASSES];
    for (b = b0; b < b1; b++) {
        const signed char *x = rows[b];
        const dam_real *s = tr->priv.S + (size_t)b * K;
        double loss = 0;
        dam_real *w = tr->priv.Wc + (size_t)b * K;
        const dam_real *dF0 = sc.dF0;
        for (c = 0; c < C; c++) bl[c] = tr->d.probe == DAM_PROBE_OFF ? -1 : x[ms + c];
        dam__item_deltas(net, a, s, bl, &sc, D); /* s is read here, and not after */
        if (tr->priv.soft_count > 0 &&
            (uintptr_t)x - (uintptr_t)tr->priv.soft_rows < (uintptr_t)((size_t)tr->priv.soft_count * net->N)) {
            /* a soft-target item: w (Y_c - t_c)^2, derivative 2 w (Y_c - t_c) / cosh^2 */
            const dam_real *tg = tr->priv.soft_target + (size_t)((x - tr->priv.soft_rows) / net->N) * C;
            for (c = 0; c < C; c++) {
                double Y = tanh(D[c]), err = Y - tg[c], ch = cosh(D[c]);
                loss += tr->priv.soft_weight * err * err;
                cc[c] = 2.0 * tr->priv.soft_weight * err / (ch * ch);
            }
        } else
            for (c = 0; c < C; c++) {
                double Y = tanh(D[c]), err = Y - x[ms + c], ch = cosh(D[c]);
                loss += dam__powi(err, 2 * m);
                cc[c] = 2.0 * m * dam__powi(err, 2 * m - 1) / (ch * ch); /* 1/cosh^2 = 1 - Y^2 */
            }
        tr->priv.item_loss[b] = loss;
        if (!want_grad) continue;
        for (mu = 0; mu < K; mu++) w[mu] = 0;
        for (c = 0; c < C; c++) {
            const dam_real *D1 = sc.D1 + (size_t)c * K;
            /* A - B = D1 - dF0 when the shifted probe is p^(i+), dF0 - D1 otherwise */
            dam_real k1 = (dam_real)(bl[c] < 0 ? cc[c] : -cc[c]);
            dam_real k2 = (dam_real)(2.0 * a * cc[c]);
            dam_real *q = Q + (size_t)c * K;
            for (mu = 0; mu < K; mu++) {
                w[mu] += k1 * (D1[mu] - dF0[mu]);
                q[mu] += k2 * D1[mu];
            }
        }
    }
}

/* Steps 1-2 of a batch, shared by the loss, the gradient and the importances: the base
   states b (pixels of x; label neurons -1 for "off", x's own for "target"), the route of
   the products, and the scores S (B x K) = b xi^T, the forward product. */
static void dam__forward(dam_trainer *tr, const signed char *const *rows, int B, dam__states *st)
{
    dam_dense *net = tr->net;
    memset(st, 0, sizeof *st);
    st->rows = rows;
    st->B = B, st->N = net->N, st->ms = net->mask_start, st->C = net->mask_count;
    st->off = tr->d.probe == DAM_PROBE_OFF;
    st->idx = tr->priv.list_idx, st->start = tr->priv.list_start, st->sign = tr->priv.list_sign;
    st->inv = tr->priv.list_inv, st->inv_start = tr->priv.list_inv + (size_t)tr->priv.max_batch * (net->N / 2 + 1);
    st->ws = tr->priv.prod_ws;
    dam__states_prepare(st, tr->d.product, tr->priv.threads);
    dam__states_scores(st, net->xi, net->K, tr->priv.S, tr->priv.threads);
}

/* Loss (summed) and, if G, gradient (accumulated into G when accumulate != 0) of up to
   max_batch items. */
static void dam__batch(dam_trainer *tr, const signed char *const *rows, int B,
                             dam_real *G, int accumulate, double *loss)
{
    dam_dense *net = tr->net;
    int K = net->K, N = net->N, C = net->mask_count, ms = net->mask_start;
    int chunk = dam__chunk(B), nchunks = (B + chunk - 1) / chunk, ch, b, c, mu;
    dam_real a = (dam_real)dam__scale(net);
    double total = 0;
    dam__states st;
    /* 1-2. base states and scores */
    dam__forward(tr, rows, B, &st);
    /* 3. per item: Delta, loss, c_i, w_mu and the masked corrections, by fixed chunks */
DAM__OMP(omp parallel for schedule(static) num_threads(tr->priv.threads))
    for (ch = 0; ch < nchunks; ch++) {
        dam_real *Q = tr->priv.Q + (size_t)ch * C * K;
        dam_real *scr = tr->priv.scratch + (size_t)dam__thread_id() * DAM__ITEM_ROWS(C) * K;
        int b1 = (ch + 1) * chunk < B ? (ch + 1) * chunk : B;
        memset(Q, 0, (size_t)C * K * sizeof(dam_real));
        dam__batch_items(tr, rows, ch * chunk, b1, a, Q, scr, G != NULL);
    }
    for (b = 0; b < B; b++) total += tr->priv.item_loss[b];
    if (loss) *loss = total;
    if (!G) return;
    /* 4. G (K x N) = a * Wc^T (K x B) * b (B x N): the backward product */
    dam__states_grad(&st, tr->priv.Wc, K, a, accumulate, G, tr->priv.threads);
    /* 5. the masked columns, chunk sums added in a fixed order */
    for (ch = 0; ch < nchunks; ch++)
        for (c = 0; c < C; c++) {
            const dam_real *q = tr->priv.Q + ((size_t)ch * C + c) * K;
            for (mu = 0; mu < K; mu++) G[(size_t)mu * N + ms + c] += q[mu];
        }
}

DAMDEF dam_result dam_trainer_loss_grad(dam_trainer *tr, const signed char *const *rows,
                                        int count, dam_real *G, double *loss)
{
    int k;
    double total = 0, part;
    if (!tr || !tr->net || !rows) return DAM_ERR_ARGUMENT;
    if (count < 1) return dam__why(tr->why, DAM_ERR_EMPTY, "no items");
    for (k = 0; k < count; k += tr->priv.max_batch) {
        int nb = count - k < tr->priv.max_batch ? count - k : tr->priv.max_batch;
        dam__batch(tr, rows + k, nb, G, k > 0, &part);
        total += part;
    }
    if (loss) *loss = total;
    return DAM_OK;
}

/* ====================================================================================
   >>dam:dense.train  The optimiser and the training loop
   Paper: training (Krotov & Hopfield's notebook; the authors' engine)
   Book: 03-training-the-dam.md
   Per minibatch, with G the gradient of the summed batch loss (plus any technique's
   penalty gradient, or projected by GEM/A-GEM, through tr->grad_hook):
       V <- rho V + G                                  (momentum)
       g_mu = max(max_j |V_mu,j|, 1e-30)               (per-memory max norm)
       xi_mu <- clamp(xi_mu - eta_e V_mu / g_mu, -1, 1)
   so each memory moves by at most eta_e per entry per step, whatever the loss scale:
   the loss power m can be large (30) without exploding steps. Per epoch e of E:
       eta_e = eta_0 d^e,   T_e = T_start + (T_end - T_start) e / E,
   and the items are shuffled. dam_trainer_reset (a new task) zeroes V and restarts
   eta and T. The temperature is the network's (net->T, see TEMPERATURE at the top):
   T_start 0 is the network's T when the trainer is made, T_end 0 is T_start, and
   without a ramp (the default) training never writes net->T.
   Defaults (dam_train_defaults; measured, see book chapter 03): epochs 40, batch 1000,
   eta_0 0.04, d 0.998, rho 0.6, m 30, probe "off", no ramp (T from the network, whose
   default is dam_dense_default_temperature(n, f)). A zero in epochs, batch, lr,
   lr_decay, loss_power, T_start or T_end means its default (dam__train_filled).
   ==================================================================================== */

DAMDEF dam_train_desc dam_train_defaults(int n)
{
    dam_train_desc d;
    memset(&d, 0, sizeof d);
    d.epochs = 40;
    d.batch = 1000;
    d.lr = 0.04;
    d.lr_decay = 0.998;
    d.momentum = 0.6;
    d.T_start = d.T_end = 0; /* no ramp: the network's temperature */
    d.loss_power = 30;
    (void)n;
    d.probe = DAM_PROBE_OFF;
    return d;
}

/* A train desc with its zeros filled in: epochs, batch, lr, lr_decay and loss_power
   0 take dam_train_defaults' values; T_start 0 is the network's temperature now and
   T_end 0 is T_start (no ramp). */
static dam_train_desc dam__train_filled(const dam_train_desc *desc, const dam_dense *net)
{
    dam_train_desc d = *desc, z = dam_train_defaults(0);
    if (d.epochs == 0) d.epochs = z.epochs;
    if (d.batch == 0) d.batch = z.batch;
    if (d.lr == 0) d.lr = z.lr;
    if (d.lr_decay == 0) d.lr_decay = z.lr_decay;
    if (d.loss_power == 0) d.loss_power = z.loss_power;
    if (d.T_start == 0) d.T_start = (double)net->T;
    if (d.T_end == 0) d.T_end = d.T_start;
    return d;
}

static dam_result dam__check_train(char *why, const dam_train_desc *d, const dam_dense *net)
{
    dam_result r;
    if (d->epochs < 1) return dam__why(why, DAM_ERR_EPOCHS, "epochs = %d: need >= 1", d->epochs);
    if (d->batch < 1) return dam__why(why, DAM_ERR_BATCH, "batch = %d: need >= 1", d->batch);
    if (d->batch > (1 << 20)) return dam__why(why, DAM_ERR_BATCH, "batch = %d: at most 2^20", d->batch);
    if (!dam__finite(d->lr) || !dam__finite(d->lr_decay) || !dam__finite(d->momentum))
        return dam__why(why, DAM_ERR_NOT_FINITE, "lr, lr_decay or momentum is NaN or infinite");
    if (d->lr <= 0) return dam__why(why, DAM_ERR_RATE, "lr = %g: need > 0", d->lr);
    if (d->lr_decay <= 0 || d->lr_decay > 1) return dam__why(why, DAM_ERR_RATE, "lr_decay = %g: need (0, 1]", d->lr_decay);
    if (d->momentum < 0 || d->momentum >= 1) return dam__why(why, DAM_ERR_RATE, "momentum = %g: need [0, 1)", d->momentum);
    if ((r = dam__check_T(why, d->T_start, net->f)) != DAM_OK) return r;
    if ((r = dam__check_T(why, d->T_end, net->f)) != DAM_OK) return r;
    if (d->loss_power < 1 || d->loss_power > 64) return dam__why(why, DAM_ERR_LOSS_POWER, "m = %d: need 1..64", d->loss_power);
    if ((int)d->probe != DAM_PROBE_OFF && (int)d->probe != DAM_PROBE_TARGET)
        return dam__why(why, DAM_ERR_PROBE, "probe convention %d unknown", (int)d->probe);
    if ((int)d->product < DAM_PRODUCT_AUTO || (int)d->product > DAM_PRODUCT_SIGNED)
        return dam__why(why, DAM_ERR_PRODUCT, "product route %d unknown", (int)d->product);
    if (net->mask_count < 1 || net->mask_count > DAM_MAX_CLASSES)
        return dam__why(why, DAM_ERR_MASK, "training needs 1..%d masked (label) neurons, the net has %d", DAM_MAX_CLASSES, net->mask_count);
    return DAM_OK;
}

DAMDEF dam_result dam_trainer_init(dam_trainer *tr, dam_dense *net, const dam_train_desc *desc,
                                   int max_items, const dam_allocator *al)
{
    size_t K, N, B, C, T, chunks;
    dam_result r;
    dam_train_desc filled;
    if (!tr) return DAM_ERR_ARGUMENT;
    memset(tr, 0, sizeof *tr);
    tr->al = dam__allocator(al);
    if (!net || !net->xi || !desc) return dam__why(tr->why, DAM_ERR_ARGUMENT, "no network or desc");
    filled = dam__train_filled(desc, net);
    desc = &filled;
    if ((r = dam__check_train(tr->why, desc, net)) != DAM_OK) return r;
    if (max_items < 1) return dam__why(tr->why, DAM_ERR_EMPTY, "max_items = %d", max_items);
    if ((double)(desc->batch < max_items ? desc->batch : max_items) * (net->N / 2 + 1) > (double)INT_MAX - net->N)
        return dam__why(tr->why, DAM_ERR_TOO_LARGE, "batch x N/2 = %g list entries: at most 2^31 per batch",
                        (double)desc->batch * (net->N / 2 + 1));
    tr->net = net;
    tr->d = *desc;
    tr->priv.ramp = desc->T_start != (double)net->T || desc->T_end != (double)net->T;
    K = (size_t)net->K, N = (size_t)net->N, C = (size_t)net->mask_count;
    B = (size_t)desc->batch;
    if (B > (size_t)max_items) B = (size_t)max_items; /* no batch can be larger */
    T = (size_t)dam__max_threads();
    chunks = (B + dam__chunk((int)B) - 1) / dam__chunk((int)B);
    tr->priv.max_batch = (int)B;
    tr->priv.threads = (int)T;
    tr->priv.V = (dam_real *)dam__alloc(&tr->al, K * N, sizeof(dam_real));
    tr->priv.G = (dam_real *)dam__alloc(&tr->al, K * N, sizeof(dam_real));
    if (desc->keep_step) tr->priv.dtheta = (dam_real *)dam__alloc(&tr->al, K * N, sizeof(dam_real));
    tr->priv.list_idx = (int *)dam__alloc(&tr->al, B * (N / 2 + 1), sizeof(int));
    tr->priv.list_start = (int *)dam__alloc(&tr->al, B + 1, sizeof(int));
    tr->priv.list_sign = (signed char *)dam__alloc(&tr->al, B, 1);
    tr->priv.list_inv = (int *)dam__alloc(&tr->al, B * (N / 2 + 1) + N + 1, sizeof(int));
    tr->priv.S = tr->priv.Wc = (dam_real *)dam__alloc(&tr->al, B * K, sizeof(dam_real));
    tr->priv.Q = (dam_real *)dam__alloc(&tr->al, chunks * C * K, sizeof(dam_real));
    tr->priv.scratch = (dam_real *)dam__alloc(&tr->al, T * DAM__ITEM_ROWS(C) * K, sizeof(dam_real));
    tr->priv.prod_ws = (dam_real *)dam__alloc(&tr->al, dam__states_ws(net->N, net->K), sizeof(dam_real));
    tr->priv.item_loss = (double *)dam__alloc(&tr->al, B, sizeof(double));
    tr->priv.rows = (const signed char **)dam__alloc(&tr->al, (size_t)max_items, sizeof(*tr->priv.rows));
    if (!tr->priv.V || !tr->priv.G || (desc->keep_step && !tr->priv.dtheta) || !tr->priv.list_idx || !tr->priv.list_start ||
        !tr->priv.list_sign || !tr->priv.list_inv || !tr->priv.S || !tr->priv.Q || !tr->priv.scratch || !tr->priv.prod_ws ||
        !tr->priv.item_loss || !tr->priv.rows) {
        dam_trainer_free(tr);
        return dam__why(tr->why, DAM_ERR_NOMEM, "no memory for a trainer of K = %d, N = %d, batch %d",
                        net->K, net->N, (int)B);
    }
    tr->priv.rows_cap = max_items;
    dam_trainer_reset(tr);
    return DAM_OK;
}

DAMDEF void dam_trainer_free(dam_trainer *tr)
{
    if (!tr) return;
    dam__free(&tr->al, tr->priv.V);
    dam__free(&tr->al, tr->priv.G);
    dam__free(&tr->al, tr->priv.dtheta);
    dam__free(&tr->al, tr->priv.list_idx);
    dam__free(&tr->al, tr->priv.list_start);
    dam__free(&tr->al, tr->priv.list_sign);
    dam__free(&tr->al, tr->priv.list_inv);
    dam__free(&tr->al, tr->priv.S); /* Wc is the same buffer */
    dam__free(&tr->al, tr->priv.Q);
    dam__free(&tr->al, tr->priv.scratch);
    dam__free(&tr->al, tr->priv.prod_ws);
    dam__free(&tr->al, tr->priv.item_loss);
    dam__free(&tr->al, (void *)tr->priv.rows);
    tr->priv.V = tr->priv.G = tr->priv.dtheta = tr->priv.S = tr->priv.Wc = tr->priv.Q = tr->priv.scratch = tr->priv.prod_ws = NULL;
    tr->priv.list_idx = tr->priv.list_start = tr->priv.list_inv = NULL;
    tr->priv.list_sign = NULL;
    tr->priv.item_loss = NULL;
    tr->priv.rows = NULL;
    tr->net = NULL;
}

DAMDEF void dam_trainer_reset(dam_trainer *tr)
{
    if (!tr || !tr->priv.V || !tr->net) return;
    memset(tr->priv.V, 0, (size_t)tr->net->K * tr->net->N * sizeof(dam_real));
    tr->epoch = 0;
    if (tr->priv.ramp) tr->net->T = (dam_real)tr->d.T_start; /* else T is the network's own */
}

/* One optimiser step with gradient G at learning rate lr. Refuses (before touching
   anything) a gradient that is not finite. */
static dam_result dam__step(dam_trainer *tr, const dam_real *G, double lr)
{
    dam_dense *net = tr->net;
    int K = net->K, N = net->N, mu, bad = 0;
    dam_real rho = (dam_real)tr->d.momentum;
    int want_dtheta = tr->step_hook != NULL && tr->priv.dtheta != NULL;
    /* every entry of G finite? (checked before anything changes) */
DAM__OMP(omp parallel for schedule(static) num_threads(tr->priv.threads) reduction(+ : bad))
    for (mu = 0; mu < K; mu++) bad += !dam__finite_all(G + (size_t)mu * N, N);
    if (bad) return DAM_ERR_DIVERGED;
DAM__OMP(omp parallel for schedule(static) num_threads(tr->priv.threads))
    for (mu = 0; mu < K; mu++) {
        dam_real *v = tr->priv.V + (size_t)mu * N, *xm = net->xi + (size_t)mu * N;
        const dam_real *g = G + (size_t)mu * N;
        dam_real *dt = want_dtheta ? tr->priv.dtheta + (size_t)mu * N : NULL;
        dam_real gmax = (dam_real)1e-30, scale;
        int j;
        for (j = 0; j < N; j++) {
            dam_real vj = rho * v[j] + g[j];
            dam_real av = vj < 0 ? -vj : vj;
            v[j] = vj;
            gmax = av > gmax ? av : gmax;
        }
        scale = (dam_real)lr / gmax;
        for (j = 0; j < N; j++) {
            dam_real old = xm[j], nv = old - scale * v[j];
            nv = nv > 1 ? 1 : nv < -1 ? -1 : nv;
            if (want_dtheta) dt[j] = nv - old;
            xm[j] = nv;
        }
    }
    dam_dense_sync(net);
    return DAM_OK;
}

DAMDEF dam_result dam_trainer_epoch(dam_trainer *tr, const dam_dataset *const *sets,
                                    int nsets, dam_rng *rng, double *loss)
{
    int total = 0, k, i, e;
    double lr, frac, sum = 0, part, t0 = dam__wtime();
    dam_dense *net;
    dam_result r;
    if (!tr || !tr->net || !sets || nsets < 1 || !rng) return DAM_ERR_ARGUMENT;
    net = tr->net;
    for (k = 0; k < nsets; k++) {
        if (!sets[k] || !sets[k]->x) return dam__why(tr->why, DAM_ERR_ARGUMENT, "data set %d missing", k);
        if (sets[k]->N != net->N)
            return dam__why(tr->why, DAM_ERR_SHAPE, "data set %d has N = %d, the net N = %d", k, sets[k]->N, net->N);
        if (sets[k]->pixels != net->mask_start || sets[k]->classes != net->mask_count)
            return dam__why(tr->why, DAM_ERR_MASK, "data set %d: labels at [%d, %d), the net's mask [%d, %d)", k,
                            sets[k]->pixels, sets[k]->N, net->mask_start, net->mask_start + net->mask_count);
        if (sets[k]->count > tr->priv.rows_cap - total)
            return dam__why(tr->why, DAM_ERR_SHAPE, "more than the %d items the trainer was made for", tr->priv.rows_cap);
        for (i = 0; i < sets[k]->count; i++) tr->priv.rows[total + i] = sets[k]->x + (size_t)i * sets[k]->N;
        total += sets[k]->count;
    }
    if (total < 1) return dam__why(tr->why, DAM_ERR_EMPTY, "no items to train on");
    dam_rng_shuffle_ptr(rng, (const void **)tr->priv.rows, total);
    e = tr->epoch;
    lr = tr->d.lr * pow(tr->d.lr_decay, e);
    frac = e >= tr->d.epochs ? 1.0 : (double)e / tr->d.epochs;
    if (tr->priv.ramp) net->T = (dam_real)(tr->d.T_start + (tr->d.T_end - tr->d.T_start) * frac);
    for (k = 0; k < total; k += tr->priv.max_batch) {
        int nb = total - k < tr->priv.max_batch ? total - k : tr->priv.max_batch;
        dam__batch(tr, tr->priv.rows + k, nb, tr->priv.G, 0, &part);
        if (!dam__finite(part))
            return dam__why(tr->why, DAM_ERR_DIVERGED, "epoch %d, items %d..%d: the loss is %g", e, k, k + nb - 1, part);
        sum += part;
        if (tr->grad_hook && (r = tr->grad_hook(tr, tr->priv.G, tr->grad_user)) != DAM_OK) return r;
        if (dam__step(tr, tr->priv.G, lr) != DAM_OK)
            return dam__why(tr->why, DAM_ERR_DIVERGED, "epoch %d, items %d..%d: the gradient is not finite", e, k, k + nb - 1);
        if (tr->step_hook) tr->step_hook(tr, tr->priv.G, tr->priv.dtheta, tr->step_user);
    }
    tr->epoch++;
    if (loss) *loss = sum / total;
    if (tr->d.progress) {
        dam_progress p;
        p.task = tr->task;
        p.epoch = e;
        p.epochs = tr->d.epochs;
        p.loss = sum / total;
        p.seconds = dam__wtime() - t0;
        p.T = net->T;
        p.lr = lr;
        if (tr->d.progress(&p, tr->d.user) != 0)
            return dam__why(tr->why, DAM_ERR_CANCELLED, "stopped by the progress callback after epoch %d", e);
    }
    return DAM_OK;
}

DAMDEF dam_result dam_train(dam_dense *net, const dam_train_desc *desc, const dam_dataset *ds,
                            dam_rng *rng)
{
    dam_trainer tr;
    dam_result r;
    int e;
    if (!net) return DAM_ERR_ARGUMENT;
    if (!ds || !ds->x || !rng) return dam__why(net->why, DAM_ERR_ARGUMENT, "no data set or rng");
    r = dam_trainer_init(&tr, net, desc, ds->count, &net->al);
    if (r != DAM_OK) {
        memcpy(net->why, tr.why, DAM_WHY_SIZE);
        return r;
    }
    for (e = 0; e < desc->epochs && r == DAM_OK; e++) r = dam_trainer_epoch(&tr, &ds, 1, rng, NULL);
    if (r != DAM_OK) memcpy(net->why, tr.why, DAM_WHY_SIZE);
    dam_trainer_free(&tr);
    return r;
}

/* ====================================================================================
   >>dam:dense.classify  Classification and accuracy
   Paper: classification accuracy (Krotov & Hopfield 2016)
   Book: 03-training-the-dam.md
   Put the image in the pixel neurons and every label neuron at -1 (the "off" state),
   compute Delta_c for each label neuron c, and predict argmax_c Delta_c: the class
   whose neuron gains the most energy by switching on. The network's own a = 1/(T N) is
   used. A tie for the top score (several classes exactly equal, as when every
   memory's label entries are -1 and F vanishes) counts as wrong, and is reported.
   A test set may carry allowed-class flags (dam_dataset_set_allowed): the argmax then
   runs over those classes only, the task-incremental test of a split sequence (the
   task is known, so only its classes are candidates). The scores are the same; only
   the candidates differ.
   ==================================================================================== */

/* argmax of C scores over the classes with allowed[c] != 0 (allowed NULL: all), or
   DAM_CLASSIFY_TIE when the top score is shared; DAM_ERR_ARGUMENT if none is allowed. */
static int dam__argmax(const double *D, int C, const unsigned char *allowed)
{
    int c, best = -1, tie = 0;
    for (c = 0; c < C; c++) {
        if (allowed && !allowed[c]) continue;
        if (best < 0 || D[c] > D[best]) best = c, tie = 0;
        else if (D[c] == D[best]) tie = 1;
    }
    return best < 0 ? (int)DAM_ERR_ARGUMENT : tie ? DAM_CLASSIFY_TIE : best;
}

DAMDEF int dam_dense_classify(dam_dense *net, const signed char *x, double *scores)
{
    return dam_dense_classify_among(net, x, NULL, scores);
}

DAMDEF int dam_dense_classify_among(dam_dense *net, const signed char *x, const unsigned char *allowed,
                                    double *scores)
{
    int C, K, N, c, mu, j, ms;
    double D[DAM_MAX_CLASSES];
    dam_real bl[DAM_MAX_CLASSES], a;
    if (!net || !net->xi || !x || net->mask_count < 1 || net->mask_count > DAM_MAX_CLASSES) return (int)DAM_ERR_ARGUMENT;
    C = net->mask_count, K = net->K, N = net->N, ms = net->mask_start;
    /* scores of the "off" state: the item's pixels, every label neuron at -1 */
    for (mu = 0; mu < K; mu++) {
        const dam_real *xm = net->xi + (size_t)mu * N;
        dam_real sum = 0;
        for (j = 0; j < N; j++) sum += xm[j] * (j >= ms && j < ms + C ? -1 : x[j]);
        net->s[mu] = sum;
    }
    for (c = 0; c < C; c++) bl[c] = -1;
    a = (dam_real)dam__scale(net);
    {
        dam__item_scratch sc = dam__item_carve(net->s + K, K); /* after the scores row */
        dam__item_deltas(net, a, net->s, bl, &sc, D);
    }
    if (scores)
        for (c = 0; c < C; c++) scores[c] = D[c];
    return dam__argmax(D, C, allowed);
}

/* The batched classification loop, in buffers the caller owns (so a training run can
   evaluate inside its own trainer's memory): st's lists and workspace (st->rows NULL:
   the items are ds's rows), S (B x K), scr (threads x DAM__ITEM_ROWS(C) x K) and pred (B). Per
   block of B items: the "off" states, the scores S = b xi^T (either route), then
   Delta_c and argmax per item. */
static void dam__accuracy_in(const dam_dense *net, const dam_dataset *ds, int B, int threads, dam_product product,
                             dam__states *st, dam_real *S, dam_real *scr, double *pred, int *right, int *ties)
{
    int K = net->K, N = net->N, C = net->mask_count, k;
    dam_real a = (dam_real)dam__scale(net);
    *right = *ties = 0;
    st->rows = NULL;
    st->N = N, st->ms = net->mask_start, st->C = C, st->off = 1;
    for (k = 0; k < ds->count; k += B) {
        int nb = ds->count - k < B ? ds->count - k : B, b;
        st->x0 = ds->x + (size_t)k * N;
        st->B = nb;
        dam__states_prepare(st, product, threads);
        dam__states_scores(st, net->xi, K, S, threads);
DAM__OMP(omp parallel for schedule(static) num_threads(threads))
        for (b = 0; b < nb; b++) {
            double D[DAM_MAX_CLASSES];
            dam_real bl[DAM_MAX_CLASSES];
            int c;
            dam__item_scratch sc = dam__item_carve(scr + (size_t)dam__thread_id() * DAM__ITEM_ROWS(C) * K, K);
            for (c = 0; c < C; c++) bl[c] = -1;
            dam__item_deltas(net, a, S + (size_t)b * K, bl, &sc, D);
            pred[b] = dam__argmax(D, C, ds->allowed);
        }
        for (b = 0; b < nb; b++) {
            if (pred[b] < 0) ++*ties;
            else *right += (int)pred[b] == ds->label[k + b];
        }
    }
}

static dam_result dam__check_classify(dam_dense *net, const dam_dataset *ds, char *why)
{
    if (!ds || !ds->x) return dam__why(why, DAM_ERR_ARGUMENT, "no data set");
    if (ds->N != net->N || ds->pixels != net->mask_start || ds->classes != net->mask_count)
        return dam__why(why, DAM_ERR_SHAPE, "data set N = %d with %d labels, net N = %d with mask [%d, %d)",
                        ds->N, ds->classes, net->N, net->mask_start, net->mask_start + net->mask_count);
    if (net->mask_count < 2 || net->mask_count > DAM_MAX_CLASSES) return dam__why(why, DAM_ERR_MASK, "classification needs 2..%d label neurons", DAM_MAX_CLASSES);
    return DAM_OK;
}

static void dam__score(dam_score *score, int right, int ties, int count)
{
    score->right = right;
    score->ties = ties;
    score->count = count;
    score->accuracy = (double)right / count;
}

DAMDEF dam_result dam_dense_accuracy(dam_dense *net, const dam_dataset *ds, dam_score *score)
{
    enum { BB = 256 };
    int K, N, C, T, right = 0, ties = 0;
    dam_real *S, *scr;
    double *pred;
    dam__states st;
    dam_result r;
    if (!net || !net->xi || !score) return DAM_ERR_ARGUMENT;
    memset(score, 0, sizeof *score);
    if ((r = dam__check_classify(net, ds, net->why)) != DAM_OK) return r;
    K = net->K, N = net->N, C = net->mask_count, T = dam__max_threads();
    memset(&st, 0, sizeof st);
    st.idx = (int *)dam__alloc(&net->al, (size_t)BB * (N / 2 + 1), sizeof(int));
    st.start = (int *)dam__alloc(&net->al, BB + 1, sizeof(int));
    st.sign = (signed char *)dam__alloc(&net->al, BB, 1);
    st.ws = (dam_real *)dam__alloc(&net->al, dam__states_ws(N, K), sizeof(dam_real));
    S = (dam_real *)dam__alloc(&net->al, (size_t)BB * K, sizeof(dam_real));
    scr = (dam_real *)dam__alloc(&net->al, (size_t)T * DAM__ITEM_ROWS(C) * K, sizeof(dam_real));
    pred = (double *)dam__alloc(&net->al, BB, sizeof(double));
    if (st.idx && st.start && st.sign && st.ws && S && scr && pred)
        dam__accuracy_in(net, ds, BB, T, DAM_PRODUCT_AUTO, &st, S, scr, pred, &right, &ties);
    dam__free(&net->al, st.idx); dam__free(&net->al, st.start); dam__free(&net->al, st.sign);
    dam__free(&net->al, st.ws); dam__free(&net->al, S); dam__free(&net->al, scr); dam__free(&net->al, pred);
    if (!st.idx || !st.start || !st.sign || !st.ws || !S || !scr || !pred)
        return dam__why(net->why, DAM_ERR_NOMEM, "no memory to classify");
    dam__score(score, right, ties, ds->count);
    return DAM_OK;
}

DAMDEF dam_result dam_trainer_accuracy(dam_trainer *tr, const dam_dataset *ds, dam_score *score)
{
    dam__states st;
    int right, ties;
    dam_result r;
    if (!tr || !tr->net || !tr->priv.S || !score) return DAM_ERR_ARGUMENT;
    memset(score, 0, sizeof *score);
    if ((r = dam__check_classify(tr->net, ds, tr->why)) != DAM_OK) return r;
    memset(&st, 0, sizeof st);
    st.idx = tr->priv.list_idx, st.start = tr->priv.list_start, st.sign = tr->priv.list_sign, st.ws = tr->priv.prod_ws;
    dam__accuracy_in(tr->net, ds, tr->priv.max_batch, tr->priv.threads, tr->d.product, &st, tr->priv.S, tr->priv.scratch,
                     tr->priv.item_loss, &right, &ties);
    dam__score(score, right, ties, ds->count);
    return DAM_OK;
}

/* ====================================================================================
   >>dam:gemm  The dense matrix products (the hot loop of training)
   Paper: -
   Book: 10-making-it-fast.md
   Training is two matrix products per minibatch: the scores S = X xi^T (B x K) and the
   gradient G = a Wc^T X (K x N). The reference loops (dam_gemm_ref_*) say what is
   computed; the fast route says how to do it near the machine's peak:
     1. Blocking (Goto & van de Geijn 2008): C is built from a KC-deep slice of A and B at
        a time; B's slice (KC x NC) is copied ("packed") into NR-wide column panels that
        stay in L2/L3, A's slice (MC x KC) into MR-tall row panels that stay in L1/L2.
     2. A micro-kernel keeps an MR x NR tile of C in vector registers and streams the
        two panels through it: per k, one broadcast of A per row times NR entries of B.
        With AVX2 and doubles: 6 x 8 tile = 12 registers of 4 accumulators.
     3. OpenMP splits the micro-tiles of C between threads. The sum over k is never split,
        so every element of C is summed in the same order whatever the thread count:
        results are bit-identical for 1 or 2 threads.
   Packing also hides the transposes: NT and TN differ only in how the packers index.
   The second half of this section ("Products with a bipolar operand") is the faster
   route training and classification take on sparse +-1 states such as MNIST: it does
   less arithmetic rather than faster arithmetic.
   ==================================================================================== */

#ifdef DAM_TESTING /* the reference loops: for the tests (and the book) only */

DAMDEF void dam_gemm_ref_nt(int M, int Nc, int Kd, dam_real alpha, const dam_real *A, int lda,
                            const dam_real *B, int ldb, dam_real beta, dam_real *C, int ldc)
{
    int i, j, k;
    for (i = 0; i < M; i++)
        for (j = 0; j < Nc; j++) {
            dam_real sum = 0;
            for (k = 0; k < Kd; k++) sum += A[(size_t)i * lda + k] * B[(size_t)j * ldb + k];
            C[(size_t)i * ldc + j] = alpha * sum + (beta == 0 ? 0 : beta * C[(size_t)i * ldc + j]);
        }
}

DAMDEF void dam_gemm_ref_tn(int M, int Nc, int Kd, dam_real alpha, const dam_real *A, int lda,
                            const dam_real *B, int ldb, dam_real beta, dam_real *C, int ldc)
{
    int i, j, k;
    for (i = 0; i < M; i++)
        for (j = 0; j < Nc; j++) {
            dam_real sum = 0;
            for (k = 0; k < Kd; k++) sum += A[(size_t)k * lda + i] * B[(size_t)k * ldb + j];
            C[(size_t)i * ldc + j] = alpha * sum + (beta == 0 ? 0 : beta * C[(size_t)i * ldc + j]);
        }
}
#endif /* DAM_TESTING */

/* Vector width: the widest the compiler was told the CPU has. */
#if defined(__AVX512F__)
#define DAM__VBYTES 64
#elif defined(__AVX__)
#define DAM__VBYTES 32
#else
#define DAM__VBYTES 16
#endif
#define DAM__VL ((int)(DAM__VBYTES / sizeof(dam_real))) /* reals per vector            */
#define DAM__MR 6                                       /* rows of a micro-tile         */
#define DAM__NR (2 * DAM__VL)                           /* columns of a micro-tile      */
#define DAM__KC 256                                     /* depth of a packed slice      */
#define DAM__MC 192                                     /* rows of a packed A block     */
#define DAM__NC 512                                     /* columns of a packed B block  */
/* reals of packing workspace one product needs */
#define DAM__GEMM_WS ((size_t)DAM__KC * (DAM__NC + DAM__MC) + 64)

#if (defined(__GNUC__) || defined(__clang__)) && !defined(DAM_NO_VECTOR_EXT)
typedef dam_real dam__vec __attribute__((vector_size(DAM__VBYTES)));
#define DAM__HAVE_VEC 1
#endif

/* C tile (MR x NR, leading dimension NR) = sum_k ap[k][r] * bp[k][c]. ap: kc x MR, bp:
   kc x NR, both packed contiguously. */
DAM__HOT
static void dam__micro(int kc, const dam_real *ap, const dam_real *bp, dam_real *tile)
{
#ifdef DAM__HAVE_VEC
    dam__vec c0a = {0}, c0b = {0}, c1a = {0}, c1b = {0}, c2a = {0}, c2b = {0};
    dam__vec c3a = {0}, c3b = {0}, c4a = {0}, c4b = {0}, c5a = {0}, c5b = {0};
    int k;
    for (k = 0; k < kc; k++) {
        dam__vec b0, b1;
        const dam_real *a = ap + (size_t)k * DAM__MR;
        memcpy(&b0, bp + (size_t)k * DAM__NR, sizeof b0);
        memcpy(&b1, bp + (size_t)k * DAM__NR + DAM__VL, sizeof b1);
        c0a += a[0] * b0; c0b += a[0] * b1;
        c1a += a[1] * b0; c1b += a[1] * b1;
        c2a += a[2] * b0; c2b += a[2] * b1;
        c3a += a[3] * b0; c3b += a[3] * b1;
        c4a += a[4] * b0; c4b += a[4] * b1;
        c5a += a[5] * b0; c5b += a[5] * b1;
    }
#define DAM__STORE(r, va, vb)                                                         \
    memcpy(tile + (r) * DAM__NR, &va, sizeof va);                                     \
    memcpy(tile + (r) * DAM__NR + DAM__VL, &vb, sizeof vb);
    DAM__STORE(0, c0a, c0b) DAM__STORE(1, c1a, c1b) DAM__STORE(2, c2a, c2b)
    DAM__STORE(3, c3a, c3b) DAM__STORE(4, c4a, c4b) DAM__STORE(5, c5a, c5b)
#undef DAM__STORE
#else
    int k, r, c;
    for (r = 0; r < DAM__MR * DAM__NR; r++) tile[r] = 0;
    for (k = 0; k < kc; k++)
        for (r = 0; r < DAM__MR; r++)
            for (c = 0; c < DAM__NR; c++)
                tile[r * DAM__NR + c] += ap[(size_t)k * DAM__MR + r] * bp[(size_t)k * DAM__NR + c];
#endif
}

/* op(A)(i,k) is A[i*lda+k] (ta = 0) or A[k*lda+i] (ta = 1); op(B)(k,j) is B[j*ldb+k]
   (tb = 1, i.e. B^T) or B[k*ldb+j] (tb = 0). C = alpha op(A) op(B) + beta C. */
static void dam__gemm(dam_real *ws, int ta, int tb, int M, int Nc, int Kd, dam_real alpha,
                      const dam_real *A, int lda, const dam_real *B, int ldb, dam_real beta,
                      dam_real *C, int ldc)
{
    /* panels start on a 64-byte boundary so no vector load straddles two cache lines */
    dam_real *bpack = (dam_real *)(void *)(((uintptr_t)ws + 63) & ~(uintptr_t)63);
    dam_real *apack = bpack + (size_t)DAM__KC * DAM__NC;  /* MC x KC, MR-tall panels */
    int jc, pc, ic;
    if (M <= 0 || Nc <= 0) return;
    if (Kd <= 0) { /* empty sum: C = beta*C */
        int i, j;
        for (i = 0; i < M; i++)
            for (j = 0; j < Nc; j++)
                C[(size_t)i * ldc + j] = beta == 0 ? 0 : beta * C[(size_t)i * ldc + j];
        return;
    }
    for (jc = 0; jc < Nc; jc += DAM__NC) {
        int nc = Nc - jc < DAM__NC ? Nc - jc : DAM__NC;
        int npanels = (nc + DAM__NR - 1) / DAM__NR;
        for (pc = 0; pc < Kd; pc += DAM__KC) {
            int kc = Kd - pc < DAM__KC ? Kd - pc : DAM__KC;
            dam_real b_beta = pc == 0 ? beta : (dam_real)1;
            int q;
            /* pack op(B)[pc:pc+kc, jc:jc+nc] into panels bpack[q][k][c], zero-padded */
DAM__OMP(omp parallel for schedule(static))
            for (q = 0; q < npanels; q++) {
                dam_real *dst = bpack + (size_t)q * kc * DAM__NR;
                int k, c;
                for (k = 0; k < kc; k++)
                    for (c = 0; c < DAM__NR; c++) {
                        int j = jc + q * DAM__NR + c;
                        dst[(size_t)k * DAM__NR + c] =
                            j >= jc + nc ? 0
                            : tb ? B[(size_t)j * ldb + pc + k] : B[(size_t)(pc + k) * ldb + j];
                    }
            }
            for (ic = 0; ic < M; ic += DAM__MC) {
                int mc = M - ic < DAM__MC ? M - ic : DAM__MC;
                int mpanels = (mc + DAM__MR - 1) / DAM__MR;
                int p, tiles = mpanels * npanels, t;
                /* pack op(A)[ic:ic+mc, pc:pc+kc] into panels apack[p][k][r], zero-padded */
DAM__OMP(omp parallel for schedule(static))
                for (p = 0; p < mpanels; p++) {
                    dam_real *dst = apack + (size_t)p * kc * DAM__MR;
                    int k, r;
                    for (r = 0; r < DAM__MR; r++) {
                        int i = ic + p * DAM__MR + r;
                        for (k = 0; k < kc; k++)
                            dst[(size_t)k * DAM__MR + r] =
                                i >= ic + mc ? 0
                                : ta ? A[(size_t)(pc + k) * lda + i] : A[(size_t)i * lda + pc + k];
                    }
                }
                /* every micro-tile of C once; one thread owns a tile for the whole k sum */
DAM__OMP(omp parallel for schedule(static))
                for (t = 0; t < tiles; t++) {
                    dam_real tile[DAM__MR * DAM__NR];
                    int pm = t % mpanels, pn = t / mpanels;
                    int i0 = ic + pm * DAM__MR, j0 = jc + pn * DAM__NR;
                    int rows = M - i0 < DAM__MR ? M - i0 : DAM__MR;
                    int cols = jc + nc - j0 < DAM__NR ? jc + nc - j0 : DAM__NR;
                    int r, c;
                    dam__micro(kc, apack + (size_t)pm * kc * DAM__MR,
                               bpack + (size_t)pn * kc * DAM__NR, tile);
                    for (r = 0; r < rows; r++) {
                        dam_real *crow = C + (size_t)(i0 + r) * ldc + j0;
                        if (b_beta == 0)
                            for (c = 0; c < cols; c++) crow[c] = alpha * tile[r * DAM__NR + c];
                        else
                            for (c = 0; c < cols; c++)
                                crow[c] = alpha * tile[r * DAM__NR + c] + b_beta * crow[c];
                    }
                }
            }
        }
    }
}

#ifdef DAM_USE_CBLAS
static void dam__cblas(int ta, int tb, int M, int Nc, int Kd, dam_real alpha, const dam_real *A,
                       int lda, const dam_real *B, int ldb, dam_real beta, dam_real *C, int ldc)
{
    /* our tb = 1 means op(B) = B^T as stored (Nc x Kd): CblasTrans */
    if (sizeof(dam_real) == sizeof(double))
        cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    M, Nc, Kd, (double)alpha, (const double *)(const void *)A, lda,
                    (const double *)(const void *)B, ldb, (double)beta, (double *)(void *)C, ldc);
    else
        cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans,
                    M, Nc, Kd, (float)alpha, (const float *)(const void *)A, lda,
                    (const float *)(const void *)B, ldb, (float)beta, (float *)(void *)C, ldc);
}
#endif

/* The product every caller inside the library uses: BLAS when asked for, else ours. */
static void dam__product(dam_real *ws, int ta, int tb, int M, int Nc, int Kd, dam_real alpha,
                         const dam_real *A, int lda, const dam_real *B, int ldb, dam_real beta,
                         dam_real *C, int ldc)
{
#ifdef DAM_USE_CBLAS
    (void)ws;
    (void)dam__gemm; /* kept compiled: the book and the tests read it */
    dam__cblas(ta, tb, M, Nc, Kd, alpha, A, lda, B, ldb, beta, C, ldc);
#else
    dam__gemm(ws, ta, tb, M, Nc, Kd, alpha, A, lda, B, ldb, beta, C, ldc);
#endif
}

#ifdef DAM_TESTING
/* The testing products take their workspace from DAM_MALLOC; if that fails they fall
   back to the reference loops (same result, slower). ta = 0: NT, ta = 1: TN. */
static void dam__gemm_public(int ta, int M, int Nc, int Kd, dam_real alpha, const dam_real *A, int lda,
                             const dam_real *B, int ldb, dam_real beta, dam_real *C, int ldc)
{
    dam_real *ws = (dam_real *)DAM_MALLOC(DAM__GEMM_WS * sizeof(dam_real));
    if (!ws) {
        if (ta) dam_gemm_ref_tn(M, Nc, Kd, alpha, A, lda, B, ldb, beta, C, ldc);
        else dam_gemm_ref_nt(M, Nc, Kd, alpha, A, lda, B, ldb, beta, C, ldc);
        return;
    }
    dam__product(ws, ta, !ta, M, Nc, Kd, alpha, A, lda, B, ldb, beta, C, ldc);
    DAM_FREE(ws);
}

DAMDEF void dam_gemm_nt(int M, int Nc, int Kd, dam_real alpha, const dam_real *A, int lda,
                        const dam_real *B, int ldb, dam_real beta, dam_real *C, int ldc)
{
    dam__gemm_public(0, M, Nc, Kd, alpha, A, lda, B, ldb, beta, C, ldc);
}

DAMDEF void dam_gemm_tn(int M, int Nc, int Kd, dam_real alpha, const dam_real *A, int lda,
                        const dam_real *B, int ldb, dam_real beta, dam_real *C, int ldc)
{
    dam__gemm_public(1, M, Nc, Kd, alpha, A, lda, B, ldb, beta, C, ldc);
}
#endif /* DAM_TESTING */

/* ---- Products with a bipolar operand -----------------------------------------------
   Both products of training have the batch's base states as one operand, and a base
   state is bipolar: b_j = +-1. A dot product with a +-1 vector needs no multiplications.
   With L the positions where b_j = +1 and r_mu = sum_j xi_mu,j,
       xi_mu . b = sum_{j in L} xi_mu,j - sum_{j not in L} xi_mu,j = 2 sum_{j in L} xi_mu,j - r_mu,
   or, listing the -1 positions instead, r_mu - 2 sum_{j in L} xi_mu,j. Taking the rarer
   sign, a list holds at most N/2 positions; on MNIST about 1 pixel in 7 is on, so the
   scores cost 1/7 of the dense product's multiply-adds - adds of whole rows of xi^T
   (N x K), which stream from cache. Written b_j = sigma (2 [j in L] - 1), with sigma = +1
   for a list of +1s and -1 for a list of -1s, the gradient's product is the same trick
   backwards:
       sum_b w_b,mu b_j = 2 sum_{b: j in L_b} sigma_b w_b,mu - sum_b sigma_b w_b,mu.
   Dense states (about half the pixels on: Fashion-MNIST, most photographs) make long
   lists; at half the two routes take about the same time (`make bench`, crossover
   table, two runs: signed / dense = 0.43 at 13% on-pixels, 0.81-0.85 at 40%, 0.91-1.01
   at 50%, double and float alike). dam_train_desc.product chooses; DAM_PRODUCT_AUTO takes the signed route
   while the lists hold at most DAM_SIGNED_MAX_FRACTION of the batch's N x B entries
   (define it before including dam.h to move it).
   Determinism: every score is one item's sum in list order, every gradient entry one
   column's sum in item order, whichever thread computes it. */
#ifndef DAM_SIGNED_MAX_FRACTION
#define DAM_SIGNED_MAX_FRACTION 0.4
#endif
#define DAM__SLAB 128 /* base states made real at a time by the dense route */

/* reals of workspace the two routes need: xi^T or G^T plus a row of sums (signed), or the
   packing buffers plus a slab of real base states (dense) */
static size_t dam__states_ws(int N, int K)
{
    size_t sgn = ((size_t)N + 1) * (size_t)K, dense = DAM__GEMM_WS + (size_t)DAM__SLAB * N;
    return (sgn > dense ? sgn : dense) + 64;
}

static const signed char *dam__state_row(const dam__states *st, int b)
{
    return st->rows ? st->rows[b] : st->x0 + (size_t)b * st->N;
}

/* Items [b0, b0 + nb) as reals into X (nb x N): the dense route's operand. */
static void dam__states_real(const dam__states *st, int b0, int nb, dam_real *X)
{
    int b, j, c;
    for (b = 0; b < nb; b++) {
        const signed char *x = dam__state_row(st, b0 + b);
        dam_real *xb = X + (size_t)b * st->N;
        for (j = 0; j < st->N; j++) xb[j] = x[j];
        if (st->off)
            for (c = 0; c < st->C; c++) xb[st->ms + c] = -1;
    }
}

DAMDEF int dam_product_from_name(const char *name)
{
    static const char *const names[] = {"auto", "dense", "signed"};
    int k;
    for (k = 0; name && k < 3; k++)
        if (strcmp(name, names[k]) == 0) return k; /* the enum's values, in order */
    return -1;
}

/* Build the lists (unless the route is forced dense) and choose the route. */
static void dam__states_prepare(dam__states *st, dam_product product, int threads)
{
    long total = 0;
    int b;
    (void)threads;
    st->use_signed = 0;
    if (product == DAM_PRODUCT_DENSE) return;
    /* 1. each state's sign count and rarer sign, so the lists can be packed */
DAM__OMP(omp parallel for schedule(static) num_threads(threads))
    for (b = 0; b < st->B; b++) {
        const signed char *x = dam__state_row(st, b);
        int N = st->N, plus = 0, j;
        for (j = 0; j < N; j++) plus += x[j] > 0;
        if (st->off)
            for (j = st->ms; j < st->ms + st->C; j++) plus -= x[j] > 0; /* "off" labels are -1 */
        st->sign[b] = plus <= N - plus ? 1 : -1;
        st->start[b + 1] = plus <= N - plus ? plus : N - plus;
    }
    st->start[0] = 0;
    for (b = 0; b < st->B; b++) st->start[b + 1] += st->start[b];
    total = st->start[st->B];
    /* 2. the lists, each in its own stretch of idx */
DAM__OMP(omp parallel for schedule(static) num_threads(threads))
    for (b = 0; b < st->B; b++) {
        const signed char *x = dam__state_row(st, b);
        int N = st->N, lo = st->off ? st->ms : N, hi = st->off ? st->ms + st->C : N, j;
        int *L = st->idx + st->start[b], n = 0, len = st->start[b + 1] - st->start[b];
        signed char want = st->sign[b];
        /* branch-free append (write, then count it if it belongs); the loops stop when
           the list is full, so no write lands past it. A value other than +-1 (outside
           the contract) counts by its sign, 0 as -1, the same as in the count above. */
        for (j = 0; j < lo && n < len; j++) L[n] = j, n += (x[j] > 0 ? 1 : -1) == want;
        if (want < 0)
            for (j = lo; j < hi; j++) L[n++] = j;
        for (j = hi; j < N && n < len; j++) L[n] = j, n += (x[j] > 0 ? 1 : -1) == want;
    }
    st->use_signed = product == DAM_PRODUCT_SIGNED ||
                     (double)total <= DAM_SIGNED_MAX_FRACTION * (double)st->B * st->N;
}

/* s += the rows of xT (ld K) listed in L, four at a time */
DAM__HOT
static void dam__add_rows(dam_real *DAM__RESTRICT s, const dam_real *DAM__RESTRICT xT, const int *L, int n, int K)
{
    int t = 0, mu;
    for (; t + 4 <= n; t += 4) {
        const dam_real *r0 = xT + (size_t)L[t] * K, *r1 = xT + (size_t)L[t + 1] * K;
        const dam_real *r2 = xT + (size_t)L[t + 2] * K, *r3 = xT + (size_t)L[t + 3] * K;
        for (mu = 0; mu < K; mu++) s[mu] += (r0[mu] + r1[mu]) + (r2[mu] + r3[mu]);
    }
    for (; t < n; t++) {
        const dam_real *r0 = xT + (size_t)L[t] * K;
        for (mu = 0; mu < K; mu++) s[mu] += r0[mu];
    }
}

/* S (B x K) = base states x xi^T, the forward product */
static void dam__states_scores(const dam__states *st, const dam_real *xi, int K, dam_real *S, int threads)
{
    int N = st->N, B = st->B, b;
    (void)threads;
    if (!st->use_signed) {
        dam_real *X = st->ws + DAM__GEMM_WS;
        for (b = 0; b < B; b += DAM__SLAB) {
            int nb = B - b < DAM__SLAB ? B - b : DAM__SLAB;
            dam__states_real(st, b, nb, X);
            dam__product(st->ws, 0, 1, nb, K, N, 1, X, N, xi, N, 0, S + (size_t)b * K, K);
        }
        return;
    }
    {
        dam_real *xT = st->ws, *r = st->ws + (size_t)N * K;
        int mu;
        /* xi^T (N x K) and r_mu = sum_j xi_mu,j (j in order), eight rows of xi at a time
           so every line of xi^T is written whole */
DAM__OMP(omp parallel for schedule(static) num_threads(threads))
        for (mu = 0; mu < K; mu += 8) {
            int m1 = mu + 8 < K ? mu + 8 : K, m, j;
            for (m = mu; m < m1; m++) r[m] = 0;
            for (j = 0; j < N; j++)
                for (m = mu; m < m1; m++) {
                    dam_real v = xi[(size_t)m * N + j];
                    xT[(size_t)j * K + m] = v;
                    r[m] += v;
                }
        }
DAM__OMP(omp parallel for schedule(static) num_threads(threads))
        for (b = 0; b < B; b++) {
            dam_real *s = S + (size_t)b * K, sg = st->sign[b];
            int k;
            for (k = 0; k < K; k++) s[k] = 0;
            dam__add_rows(s, xT, st->idx + st->start[b], st->start[b + 1] - st->start[b], K);
            for (k = 0; k < K; k++) s[k] = sg * (2 * s[k] - r[k]);
        }
    }
}

/* G (K x N) = alpha * W^T x base states (+ G when accumulate), the backward product;
   W is B x K (the signed route negates the rows of items whose list holds -1s). */
static void dam__states_grad(const dam__states *st, dam_real *W, int K, dam_real alpha,
                             int accumulate, dam_real *G, int threads)
{
    int N = st->N, B = st->B, b;
    (void)threads;
    if (!st->use_signed) {
        dam_real *X = st->ws + DAM__GEMM_WS;
        for (b = 0; b < B; b += DAM__SLAB) { /* the k-sum in slabs, added in order */
            int nb = B - b < DAM__SLAB ? B - b : DAM__SLAB;
            dam__states_real(st, b, nb, X);
            dam__product(st->ws, 1, 0, K, N, nb, alpha, W + (size_t)b * K, K, X, N,
                         accumulate || b > 0 ? 1 : 0, G, N);
        }
        return;
    }
    {
        /* the lists turned around: for each neuron j, the items whose list holds j (in
           item order), so each row of G^T is summed in cache like a score */
        dam_real *GT = st->ws, *u = st->ws + (size_t)N * K;
        int *start = st->inv_start, j, i, t, mu;
        for (j = 0; j <= N; j++) start[j] = 0;
        for (i = 0; i < B; i++)
            for (t = st->start[i]; t < st->start[i + 1]; t++) start[st->idx[t] + 1]++;
        for (j = 0; j < N; j++) start[j + 1] += start[j];
        for (i = 0; i < B; i++)
            for (t = st->start[i]; t < st->start[i + 1]; t++) st->inv[start[st->idx[t]]++] = i;
        for (j = N; j > 0; j--) start[j] = start[j - 1]; /* the fill moved each start to the next */
        start[0] = 0;
        /* sigma_b w_b in place of w_b, and u = sum_b sigma_b w_b */
        for (mu = 0; mu < K; mu++) u[mu] = 0;
        for (i = 0; i < B; i++) {
            dam_real *w = W + (size_t)i * K;
            if (st->sign[i] < 0)
                for (mu = 0; mu < K; mu++) w[mu] = -w[mu];
            for (mu = 0; mu < K; mu++) u[mu] += w[mu];
        }
        /* G^T row j = sum over neuron j's items of sigma_b w_b */
DAM__OMP(omp parallel for schedule(dynamic, 16) num_threads(threads))
        for (j = 0; j < N; j++) {
            dam_real *g = GT + (size_t)j * K;
            int k;
            for (k = 0; k < K; k++) g[k] = 0;
            dam__add_rows(g, W, st->inv + start[j], start[j + 1] - start[j], K);
        }
        /* back to K x N: G_mu,j = alpha (2 G^T_j,mu - u_mu) (+ G_mu,j) */
DAM__OMP(omp parallel for schedule(static) num_threads(threads))
        for (mu = 0; mu < K; mu += 8) {
            int m1 = mu + 8 < K ? mu + 8 : K, m, j;
            for (j = 0; j < N; j++)
                for (m = mu; m < m1; m++) {
                    dam_real v = alpha * (2 * GT[(size_t)j * K + m] - u[m]);
                    G[(size_t)m * N + j] = accumulate ? G[(size_t)m * N + j] + v : v;
                }
        }
    }
}

/* ====================================================================================
   >>dam:seq.metrics  The accuracy matrix and its summaries
   Paper: the sequential-learning metrics (Lopez-Paz & Ranzato 2017, as used by
          McAlister, Robins & Szymanski for five permuted-MNIST tasks)
   Book: 05-forgetting-and-metrics.md
   T tasks are learned in turn. After task i the network is tested on every task j:
       R[i][j] = test accuracy on task j after training task i     (T x T)
       b_j     = test accuracy on task j of the untrained network   (T)
   and a run is summarised by
       A    = 1/T     sum_j        R[T-1][j]               average final accuracy
       BWT  = 1/(T-1) sum_{j<T-1} (R[T-1][j] - R[j][j])     backward transfer (< 0:
                                                             forgetting of old tasks)
       FWT  = 1/(T-1) sum_{j>0}   (R[j-1][j] - b_j)         forward transfer (what
                                                             earlier tasks give a task
                                                             not yet seen)
       f_j  = max_{l<T-1} R[l][j] - R[T-1][j]               forgetting of task j
   Hand-worked (T = 3, tests/test_sequence.c):
       R = | .9 .1 .2 |   b = (.1 .1 .1)   A = (.5+.6+.8)/3 = .6333
           | .7 .8 .2 |                    BWT = ((.5-.9) + (.6-.8))/2 = -.3
           | .5 .6 .8 |                    FWT = ((.1-.1) + (.2-.1))/2 = .05
                                           f = (.4, .2, 0)
   ==================================================================================== */

/* Average incremental accuracy: after task i the network has seen tasks 0..i, and
   A_i = mean_{j<=i} R[i][j] is its accuracy on them (in a class-incremental split
   sequence: on every class seen so far, when the tasks have equally many test items);
   the run's curve A_0, A_1, ... is summarised by its mean. Hand-worked on the R below:
   A_0 = .9, A_1 = (.7+.8)/2 = .75, A_2 = .6333, mean = .7611. */
DAMDEF double dam_seq_incremental_accuracy(const double *R, int T)
{
    double sum = 0;
    int i, j;
    if (!R || T < 1) return 0;
    for (i = 0; i < T; i++) {
        double Ai = 0;
        for (j = 0; j <= i; j++) Ai += R[(size_t)i * T + j];
        sum += Ai / (i + 1);
    }
    return sum / T;
}

DAMDEF void dam_seq_metrics(const double *R, const double *b, int T, double *forgetting,
                            double *acc, double *bwt, double *fwt)
{
    double A = 0, B = 0, Fw = 0;
    int j, l;
    if (!R || T < 1) {
        if (acc) *acc = 0;
        if (bwt) *bwt = 0;
        if (fwt) *fwt = 0;
        return;
    }
    for (j = 0; j < T; j++) A += R[(size_t)(T - 1) * T + j];
    A /= T;
    if (T > 1) {
        for (j = 0; j < T - 1; j++) B += R[(size_t)(T - 1) * T + j] - R[(size_t)j * T + j];
        B /= T - 1;
        if (b) {
            for (j = 1; j < T; j++) Fw += R[(size_t)(j - 1) * T + j] - b[j];
            Fw /= T - 1;
        }
    }
    if (forgetting)
        for (j = 0; j < T; j++) {
            double best = -1e300;
            for (l = 0; l < T - 1; l++)
                if (R[(size_t)l * T + j] > best) best = R[(size_t)l * T + j];
            forgetting[j] = T > 1 && j < T - 1 ? best - R[(size_t)(T - 1) * T + j] : 0.0;
        }
    if (acc) *acc = A;
    if (bwt) *bwt = B;
    if (fwt) *fwt = Fw;
}

/* ====================================================================================
   >>dam:seq.runner  The task-sequence runner
   Paper: the five-task permuted-MNIST protocol of McAlister, Robins & Szymanski
   Book: 05-forgetting-and-metrics.md
   A run holds a list of technique tables (dam_technique_ops): the built-in one of
   d.technique (vanilla's table has no hooks), then d.extra. The runner loops over the
   list and never names a technique. dam_seq_init takes every byte a sequence needs
   (the trainer for the largest epoch: max_t count_t + the sum of the tables' rows; each
   table's setup; R, b and forgetting); dam_seq_run then allocates nothing. Per task t:
     1. prepare:   every table's prepare (pseudo-items for t > 0; SI's theta* at t = 0)
     2. train:     dam_trainer_reset (momentum, eta and T restart), train.epochs epochs
                   over task t's items plus every table's sets (a rehearsal buffer,
                   pseudo-items), the tables' grad and step hooks acting on every step
     3. consolidate (t < T-1): every table's consolidate (a buffer, an importance, an
                   episodic memory)
     4. evaluate:  R[t][j] for every j (batched, in the trainer's buffers)
   The trainer's grad_hook calls, from task 1 on, every penalty's grad (in list order),
   then the one projection; its step_hook calls every table's step.
   Combining. Penalties add, and any number of them combine with rehearsal, pseudo-items
   and one projection (e.g. rehearsal + EWC, or EWC + GEM: GEM then projects the
   penalised gradient, so its guarantee holds for the loss the step follows). Two
   projections do not combine: the second would undo the first's constraints (A-GEM's
   z . g_ref >= 0 after GEM's Gm z >= 0 holds neither), and dam_seq_init refuses them
   with DAM_ERR_TECHNIQUE. SI's step hook takes the task's loss gradient as G minus its
   own penalty: with other penalties in the run their gradients count as the task's.
   ==================================================================================== */

/* A technique's name is its table's (dam:seq.tables). */
DAMDEF const char *dam_technique_name(dam_technique t)
{
    const dam_technique_ops *o = dam_technique_table(t);
    return o ? o->name : "unknown";
}

DAMDEF int dam_technique_from_name(const char *name)
{
    int k;
    if (!name) return -1;
    for (k = 0; k < DAM_TECH_COUNT; k++)
        if (strcmp(name, dam_technique_table((dam_technique)k)->name) == 0) return k;
    return -1;
}

/* 1 if o is one of the built-in tables (their desc hooks run in every run). */
static int dam__seq_builtin(const dam_technique_ops *o)
{
    int k;
    for (k = 0; k < DAM_TECH_COUNT; k++)
        if (dam_technique_table((dam_technique)k) == o) return 1;
    return 0;
}

DAMDEF dam_seq_desc dam_seq_defaults(dam_technique t, int n)
{
    dam_seq_desc d;
    int k;
    memset(&d, 0, sizeof d);
    d.technique = t;
    d.train = dam_train_defaults(n);
    for (k = 0; k < DAM_TECH_COUNT; k++) { /* every built-in table's fields */
        const dam_technique_ops *o = dam_technique_table((dam_technique)k);
        if (o->defaults) o->defaults(&d);
    }
    return d;
}


/* Test accuracy of the network on ds, in the trainer's buffers (no allocation). Ties
   count as wrong, as in dam_dense_accuracy, whose result this equals. */
static double dam__seq_accuracy(dam_seq *s, const dam_dataset *ds)
{
    dam_score sc;
    sc.accuracy = 0;
    dam_trainer_accuracy(&s->tr, ds, &sc); /* the runner checked the shapes */
    return sc.accuracy;                    /* ties count as wrong */
}

DAMDEF void *dam_seq_state(const dam_seq *s, const char *name)
{
    int k;
    if (!s || !name) return NULL;
    for (k = 0; k < s->techniques; k++)
        if (strcmp(s->ops[k]->name, name) == 0) return s->state[k];
    return NULL;
}

/* The trainer's grad_hook: penalties first, then the projection (from task 1 on). */
static dam_result dam__seq_grad_hook(dam_trainer *tr, dam_real *G, void *user)
{
    dam_seq *s = (dam_seq *)user;
    int pass, k;
    s->steps++;
    if (s->done == 0) return DAM_OK;
    for (pass = 0; pass < 2; pass++)
        for (k = 0; k < s->techniques; k++) {
            const dam_technique_ops *o = s->ops[k];
            dam_result r;
            if (!o->grad || (o->projects != 0) != (pass == 1)) continue;
            if ((r = o->grad(s, s->state[k], G)) != DAM_OK) {
                memcpy(tr->why, s->why, DAM_WHY_SIZE); /* the trainer reports it */
                return r;
            }
        }
    return DAM_OK;
}

static void dam__seq_step_hook(dam_trainer *tr, const dam_real *G, const dam_real *dtheta, void *user)
{
    dam_seq *s = (dam_seq *)user;
    int k;
    (void)tr;
    for (k = 0; k < s->techniques; k++)
        if (s->ops[k]->step) s->ops[k]->step(s, s->state[k], G, dtheta);
}

DAMDEF double dam_seq_penalty(dam_seq *s, dam_real *G)
{
    double value = 0;
    int k;
    if (!s || !s->net || !s->R) return 0.0;
    for (k = 0; k < s->techniques; k++) {
        const dam_technique_ops *o = s->ops[k];
        if (!o->value) continue;
        value += o->value(s, s->state[k]);
        if (G && o->grad) o->grad(s, s->state[k], G);
    }
    return value;
}

/* The run's list of tables (s->ops): the built-in one, then d->extra. */
static dam_result dam__seq_list(dam_seq *s, const dam_seq_desc *d)
{
    int k, j, projections = 0;
    s->ops[0] = dam_technique_table(d->technique); /* dam:seq.tables */
    s->techniques = 1;
    for (k = 0; k < DAM_SEQ_MAX_TECHNIQUES - 1; k++)
        if (d->extra[k]) s->ops[s->techniques++] = d->extra[k];
    for (k = 0; k < s->techniques; k++) {
        const char *name = s->ops[k]->name;
        size_t c;
        if (!name || !name[0]) return dam__why(s->why, DAM_ERR_TECHNIQUE, "technique table %d has no name", k);
        for (c = 0; name[c]; c++)
            if (!((name[c] >= 'a' && name[c] <= 'z') || (name[c] >= 'A' && name[c] <= 'Z') || (name[c] >= '0' && name[c] <= '9') ||
                  name[c] == '_' || name[c] == '-') || c >= 40)
                return dam__why(s->why, DAM_ERR_TECHNIQUE, "technique name '%.40s': need 1..40 letters, digits, _ or -", name);
        for (j = 0; j < k; j++)
            if (strcmp(s->ops[j]->name, name) == 0) return dam__why(s->why, DAM_ERR_TECHNIQUE, "technique %.40s listed twice", name);
        projections += s->ops[k]->projects != 0;
    }
    if (projections > 1)
        return dam__why(s->why, DAM_ERR_TECHNIQUE, "%d gradient projections in one run: the second would undo the first's constraints",
                        projections);
    return DAM_OK;
}

/* Check the sequence's shapes and every setting; *filled receives the desc with the
   zeros that mean a default filled in (by each table's check hook). */
static dam_result dam__seq_check(dam_seq *s, dam_dense *net, const dam_seq_desc *d, dam_seq_desc *filled,
                                 const dam_dataset *const *train, const dam_dataset *const *test, int T)
{
    int k, q;
    dam_result r;
    if (!net || !net->xi || !d) return dam__why(s->why, DAM_ERR_ARGUMENT, "no network or desc");
    if (T < 1 || T > DAM_SEQ_MAX_TASKS)
        return dam__why(s->why, DAM_ERR_TASKS, "T = %d tasks: need 1..%d", T, DAM_SEQ_MAX_TASKS);
    if (!train || !test) return dam__why(s->why, DAM_ERR_TASKS, "no training or test sets");
    for (q = 0; q < 2; q++)
        for (k = 0; k < T; k++) {
            const dam_dataset *ds = q == 0 ? train[k] : test[k];
            const char *what = q == 0 ? "training" : "test";
            if (!ds || !ds->x || ds->count < 1)
                return dam__why(s->why, DAM_ERR_TASKS, "the %s set of task %d is missing or empty", what, k);
            if (ds->N != net->N || ds->pixels != net->mask_start || ds->classes != net->mask_count)
                return dam__why(s->why, DAM_ERR_SHAPE, "the %s set of task %d (N = %d, %d labels) does not fit the net (N = %d, mask [%d, %d))",
                                what, k, ds->N, ds->classes, net->N, net->mask_start, net->mask_start + net->mask_count);
        }
    if ((int)d->technique < 0 || (int)d->technique >= DAM_TECH_COUNT)
        return dam__why(s->why, DAM_ERR_TECHNIQUE, "technique %d unknown (0..%d)", (int)d->technique, DAM_TECH_COUNT - 1);
    *filled = *d;
    for (k = 0; k < DAM_TECH_COUNT; k++) { /* every built-in table's fields, whatever the technique */
        const dam_technique_ops *o = dam_technique_table((dam_technique)k);
        if (o->check && (r = o->check(filled, o, s->why)) != DAM_OK) return r;
    }
    for (k = 0; k < DAM_SEQ_MAX_TECHNIQUES - 1; k++) { /* a program's own tables */
        const dam_technique_ops *o = d->extra[k];
        if (o && !dam__seq_builtin(o) && o->check && (r = o->check(filled, o, s->why)) != DAM_OK) return r;
    }
    return DAM_OK;
}

DAMDEF dam_result dam_seq_init(dam_seq *s, dam_dense *net, const dam_seq_desc *desc,
                               const dam_dataset *const *train, const dam_dataset *const *test,
                               int T, const dam_allocator *al)
{
    dam_result r;
    int k, maxc = 0, rows = 0, keep_step = 0;
    dam_seq_desc filled;
    if (!s) return DAM_ERR_ARGUMENT;
    memset(s, 0, sizeof *s);
    s->al = dam__allocator(al);
    if ((r = dam__seq_check(s, net, desc, &filled, train, test, T)) != DAM_OK) return r;
    s->d = filled;
    s->d.train = dam__train_filled(&desc->train, net); /* the key holds what training uses */
    s->net = net;
    s->T = T;
    s->train = train;
    s->test = test;
    if ((r = dam__seq_list(s, desc)) != DAM_OK) return r;
    for (k = 0; k < T; k++) maxc = train[k]->count > maxc ? train[k]->count : maxc;
    for (k = 0; k < s->techniques; k++) {
        if (s->ops[k]->rows) rows += s->ops[k]->rows(s, s->ops[k]);
        keep_step |= s->ops[k]->step != NULL;
    }
    /* the trainer: the largest epoch is a task's items + what the tables add */
    {
        dam_train_desc td = s->d.train;
        td.keep_step = keep_step; /* a step hook (SI) integrates over dtheta */
        r = dam_trainer_init(&s->tr, net, &td, maxc + rows, &s->al);
    }
    if (r != DAM_OK) {
        memcpy(s->why, s->tr.why, DAM_WHY_SIZE);
        return r;
    }
    s->R = (double *)dam__alloc(&s->al, (size_t)T * T, sizeof(double));
    s->b = (double *)dam__alloc(&s->al, (size_t)T, sizeof(double));
    s->forgetting = (double *)dam__alloc(&s->al, (size_t)T, sizeof(double));
    s->index = (int *)dam__alloc(&s->al, (size_t)maxc, sizeof(int));
    s->rows = (const signed char **)dam__alloc(&s->al, (size_t)maxc, sizeof(*s->rows));
    s->rows_cap = maxc;
    s->bytes = (size_t)T * T * 8 + 2 * (size_t)T * 8 + (size_t)maxc * (sizeof(int) + sizeof(*s->rows));
    if (!s->R || !s->b || !s->forgetting || !s->index || !s->rows) {
        r = DAM_ERR_NOMEM;
        goto fail;
    }
    /* rows of R not yet measured read as 0 (a checkpoint writes the whole matrix) */
    memset(s->R, 0, (size_t)T * T * sizeof(double));
    memset(s->b, 0, (size_t)T * sizeof(double));
    memset(s->forgetting, 0, (size_t)T * sizeof(double));
    for (k = 0; k < s->techniques; k++) {
        s->why[0] = 0;
        if (s->ops[k]->setup && (r = s->ops[k]->setup(s, s->ops[k], &s->state[k])) != DAM_OK) goto fail;
    }
    s->tr.grad_hook = dam__seq_grad_hook;
    s->tr.grad_user = s;
    if (keep_step) {
        s->tr.step_hook = dam__seq_step_hook;
        s->tr.step_user = s;
    }
    return DAM_OK;
fail:
    {
        char why[DAM_WHY_SIZE];
        memcpy(why, s->why, sizeof why);
        dam_seq_free(s);
        if (r == DAM_ERR_NOMEM) return dam__why(s->why, DAM_ERR_NOMEM, "no memory for the %.40s state of %d tasks", k < s->techniques ? s->ops[k]->name : "sequence", T);
        if (!why[0]) return dam__why(s->why, r, "the setup of technique %.40s failed", s->ops[k]->name);
        memcpy(s->why, why, sizeof why);
        return r;
    }
}

DAMDEF void dam_seq_free(dam_seq *s)
{
    int k;
    if (!s) return;
    for (k = s->techniques - 1; k >= 0; k--)
        if (s->ops[k] && s->ops[k]->free && s->state[k]) s->ops[k]->free(s, s->state[k]);
    for (k = 0; k < DAM_SEQ_MAX_TECHNIQUES; k++) s->state[k] = NULL;
    dam_trainer_free(&s->tr);
    dam__free(&s->al, s->R);
    dam__free(&s->al, s->b);
    dam__free(&s->al, s->forgetting);
    dam__free(&s->al, s->index);
    dam__free(&s->al, (void *)s->rows);
    s->R = s->b = s->forgetting = NULL;
    s->index = NULL;
    s->rows = NULL;
    s->net = NULL;
}

DAMDEF dam_result dam_seq_baseline(dam_seq *s)
{
    int j;
    if (!s || !s->net || !s->R) return DAM_ERR_ARGUMENT;
    for (j = 0; j < s->T; j++) s->b[j] = dam__seq_accuracy(s, s->test[j]);
    return DAM_OK;
}

static void dam__seq_take_start(const dam_seq *s, const dam_rng *rng, dam_seq_start *st);
static void dam__seq_hash_items(const dam_seq *s, dam_seq_start *st);

/* A hook failed in task t: keep its reason behind the task's number. */
static dam_result dam__seq_fail(dam_seq *s, dam_result r, int t, const char *why)
{
    char w[DAM_WHY_SIZE];
    memcpy(w, why, sizeof w);
    s->rng = NULL;
    return dam__why(s->why, r, "task %d: %.140s", t, w);
}

DAMDEF dam_result dam_seq_learn_task(dam_seq *s, dam_rng *rng)
{
    const dam_dataset *sets[1 + 2 * DAM_SEQ_MAX_TECHNIQUES];
    int t, nsets = 0, e, j, k;
    dam_result r = DAM_OK;
    if (!s || !s->net || !s->R || !rng) return DAM_ERR_ARGUMENT;
    t = s->done;
    if (t >= s->T) return dam__why(s->why, DAM_ERR_TASKS, "all %d tasks are learned", s->T);
    s->rng = rng;
    /* 0. the run's start for the checkpoint key (dam:checkpoint), once */
    if (!s->start.taken) dam__seq_take_start(s, rng, &s->start);
    if (s->checkpoint && !s->start.hashed) dam__seq_hash_items(s, &s->start);
    /* 1. prepare (not again when a checkpoint resumed the task midway) */
    if (s->epoch_done == 0) {
        for (k = 0; k < s->techniques; k++)
            if (s->ops[k]->prepare && (r = s->ops[k]->prepare(s, s->state[k], t, rng)) != DAM_OK) return dam__seq_fail(s, r, t, s->why);
        dam_trainer_reset(&s->tr);
    }
    /* 2. train */
    sets[nsets++] = s->train[t];
    for (k = 0; k < s->techniques; k++)
        if (s->ops[k]->sets) nsets += s->ops[k]->sets(s, s->state[k], t, sets + nsets);
    s->tr.task = t;
    for (e = s->epoch_done; e < s->d.train.epochs && r == DAM_OK; e++) {
        r = dam_trainer_epoch(&s->tr, sets, nsets, rng, NULL);
        if (r != DAM_OK) break;
        s->epoch_done = e + 1;
        if (s->checkpoint && e + 1 < s->d.train.epochs && (r = dam_seq_save(s, rng, s->checkpoint)) != DAM_OK)
            return dam__seq_fail(s, r, t, s->why);
    }
    if (r != DAM_OK) return dam__seq_fail(s, r, t, s->tr.why);
    /* 3. consolidate: only what a later task will use */
    if (t < s->T - 1)
        for (k = 0; k < s->techniques; k++)
            if (s->ops[k]->consolidate && (r = s->ops[k]->consolidate(s, s->state[k], t, rng)) != DAM_OK) return dam__seq_fail(s, r, t, s->why);
    s->rng = NULL;
    /* 4. evaluate */
    for (j = 0; j < s->T; j++) s->R[(size_t)t * s->T + j] = dam__seq_accuracy(s, s->test[j]);
    s->done++;
    s->epoch_done = 0;
    if (s->checkpoint && (r = dam_seq_save(s, rng, s->checkpoint)) != DAM_OK) return dam__seq_fail(s, r, t, s->why);
    return DAM_OK;
}

DAMDEF dam_result dam_seq_run(dam_seq *s, dam_rng *rng)
{
    double t0 = dam__wtime();
    dam_result r;
    if (!s || !s->net || !s->R || !rng) return DAM_ERR_ARGUMENT;
    /* a resumed sequence (dam_seq_resume) already has its baselines and goes on */
    if (!s->started) {
        if (s->done != 0) return dam__why(s->why, DAM_ERR_TASKS, "the sequence has already started (%d tasks done)", s->done);
        if ((r = dam_seq_baseline(s)) != DAM_OK) return r;
        s->started = 1;
    }
    while (s->done < s->T)
        if ((r = dam_seq_learn_task(s, rng)) != DAM_OK) return r;
    dam_seq_metrics(s->R, s->b, s->T, s->forgetting, &s->acc, &s->bwt, &s->fwt);
    s->seconds = dam__wtime() - t0;
    return DAM_OK;
}

/* ====================================================================================
   >>dam:seq.rehearsal  Naive rehearsal and pseudorehearsal
   Paper: rehearsal and pseudorehearsal in the DAM (Robins 1995; Robins & McCallum 1998)
   Book: 06-rehearsal.md
   Naive rehearsal. After task k a random fraction r of its training items (round(r *
   count_k) of them, drawn without replacement) is copied into a buffer; task t trains
   on its own items plus the whole buffer, shuffled together every epoch.
       memory: sum_{k<T-1} round(r count_k) items of N bytes (+ an int label each)
   Pseudorehearsal. The old items are gone; the network itself says what it knew.
   Before task t > 0, P pseudo-items are made from the current network:
     1. a probe, its label neurons -1, its pixels by pseudo_probe:
          class (default): the probes are split evenly over the (finished task k,
            class c) cells, item i in cell i mod cells; pixel j is +1 with probability
            q[k][c][j], the fraction of task k's training items of class c with pixel
            j on, kept as a byte when task k ended (cells with no items are skipped);
          random: every pixel +1 with probability p (default: task 0's mean pixel
            density);
          relaxed: a random probe whose whole state (pixels and labels) then relaxes
            to an attractor by asynchronous sweeps x_i <- sign(Delta_i) (at most
            pseudo_sweeps);
     2. its label neurons are set to the one-hot code of the network's answer,
        argmax_c Delta_c from the pixels with all labels off (the classification rule;
        among tied maxima the lowest class).
   Task t trains on its items plus the P pseudo-items (remade before every task).
   Why "random" fails in the DAM: noise is nothing like a digit, the network's answer on
   it is a near-tie (a Delta margin about ten times smaller than on real items) and it
   comes out as the SAME class for almost every probe; rehearsing those items teaches
   "anything unfamiliar is that class" and pulls old items into it. "relaxed" reaches
   over-confident saturated states instead. "class" stores a small statistic of every
   finished task (C x pixels bytes), so it is generative replay with the simplest
   generator (independent pixels per class), not Robins' pure pseudorehearsal; its
   probes look enough like each class that the network's labels spread over the
   classes and carry what it knew.
   The guard (every variant): the label histogram of each pseudo-item set, the mean
   Delta margin of its items and of real items of the task just finished, and a flag
   when one label takes more than 3/C of the items (s->pseudo_hist, pseudo_margin,
   real_margin, pseudo_skewed, pseudo_warnings).
       memory: P items of N bytes, P seeds and margins, (T-1) C (pixels + 8) bytes of
               densities and counts, threads x ((6 + C) K reals + N ints)
       cost:   O(P K N) to label, O(min(P, count) K N) for the real items' margins;
               relaxing adds O(sweeps N K log n) per probe; O(count N) per density table
   Every probe has its own generator seeded from the run's rng in a fixed order, so
   probes are made in parallel and still bit-identical for any number of threads.
   ==================================================================================== */

/* The first `keep` entries of idx become a uniform sample without replacement of
   0..count-1 (a partial Fisher-Yates shuffle: entry i is swapped with a random one of
   i..count-1). idx: count ints. The one sampler of rehearsal, GEM and A-GEM. */
static void dam__seq_sample(dam_rng *rng, int *idx, int count, int keep)
{
    int i;
    for (i = 0; i < count; i++) idx[i] = i;
    for (i = 0; i < keep; i++) {
        int j = i + (int)dam_rng_below(rng, (uint64_t)(count - i)), tmp = idx[i];
        idx[i] = idx[j];
        idx[j] = tmp;
    }
}

/* Append `keep` random items of data set src to dst (s->index is the sampling scratch). */
static void dam__seq_keep_items(dam_seq *s, dam_dataset *dst, const dam_dataset *src, int keep,
                                dam_rng *rng)
{
    int i, N = src->N;
    dam__seq_sample(rng, s->index, src->count, keep);
    for (i = 0; i < keep; i++) {
        memcpy(dst->x + (size_t)(dst->count + i) * N, src->x + (size_t)s->index[i] * N, (size_t)N);
        dst->label[dst->count + i] = src->label[s->index[i]];
    }
    dst->count += keep;
}

static int dam__seq_rehearsal_keep(double r, int count) { return (int)(r * count + 0.5); }

/* Its setting: rehearsal_fraction r in [0, 1] (default 0.1; 0 keeps nothing, so a zero
   is a setting, not the default). */
static void dam__rehearsal_defaults(dam_seq_desc *d) { d->rehearsal_fraction = 0.1; }

static dam_result dam__rehearsal_check(dam_seq_desc *d, const dam_technique_ops *self, char *why)
{
    (void)self;
    if (!dam__finite(d->rehearsal_fraction)) return dam__why(why, DAM_ERR_NOT_FINITE, "rehearsal_fraction is NaN or infinite");
    if (d->rehearsal_fraction < 0 || d->rehearsal_fraction > 1)
        return dam__why(why, DAM_ERR_FRACTION, "rehearsal_fraction = %g: need [0, 1]", d->rehearsal_fraction);
    return DAM_OK;
}

static void dam__rehearsal_key(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    (void)state;
    dam_checkpoint_key_real(w, "rehearsal_fraction", s->d.rehearsal_fraction);
}

/* ----- naive rehearsal as a table: its state is the buffer ----- */
static int dam__rehearsal_rows(const dam_seq *s, const dam_technique_ops *self)
{
    int k, cap = 0;
    (void)self;
    for (k = 0; k < s->T - 1; k++) cap += dam__seq_rehearsal_keep(s->d.rehearsal_fraction, s->train[k]->count);
    return cap;
}

static dam_result dam__rehearsal_setup(dam_seq *s, const dam_technique_ops *self, void **state)
{
    int cap = dam__rehearsal_rows(s, self);
    dam_dataset *buf = (dam_dataset *)dam__alloc(&s->al, 1, sizeof(dam_dataset));
    if (!buf) return DAM_ERR_NOMEM;
    memset(buf, 0, sizeof *buf);
    *state = buf;
    if (cap == 0) return DAM_OK;
    if (dam_dataset_init(buf, cap, s->train[0]->pixels, s->train[0]->classes, &s->al) != DAM_OK) return DAM_ERR_NOMEM;
    buf->count = 0;
    s->bytes += (size_t)cap * (s->net->N + sizeof(int));
    return DAM_OK;
}

static void dam__rehearsal_free(dam_seq *s, void *state)
{
    dam_dataset_free((dam_dataset *)state);
    dam__free(&s->al, state);
}

static int dam__rehearsal_sets(dam_seq *s, void *state, int t, const dam_dataset **out)
{
    dam_dataset *buf = (dam_dataset *)state;
    (void)s, (void)t;
    if (buf->count == 0) return 0;
    out[0] = buf;
    return 1;
}

static dam_result dam__rehearsal_consolidate(dam_seq *s, void *state, int t, dam_rng *rng)
{
    dam__seq_keep_items(s, (dam_dataset *)state, s->train[t], dam__seq_rehearsal_keep(s->d.rehearsal_fraction, s->train[t]->count), rng);
    return DAM_OK;
}

static void dam__rehearsal_save(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    (void)s;
    dam_checkpoint_put_set(w, (const dam_dataset *)state);
}

static dam_result dam__rehearsal_load(dam_seq *s, void *state, dam_checkpoint_reader *r)
{
    dam_dataset *buf = (dam_dataset *)state;
    return dam_checkpoint_get_set(r, buf, buf->x ? dam__rehearsal_rows(s, NULL) : 0) ? DAM_OK : DAM_ERR_SHAPE;
}

static const dam_technique_ops dam__rehearsal_ops = {
    "rehearsal", 0, dam__rehearsal_rows, dam__rehearsal_setup, dam__rehearsal_free, NULL, dam__rehearsal_sets,
    NULL, NULL, NULL, dam__rehearsal_consolidate, dam__rehearsal_key, dam__rehearsal_save, dam__rehearsal_load, NULL,
    dam__rehearsal_defaults, dam__rehearsal_check};

/* Asynchronous relaxation of x (all N neurons) in an item scratch scr (dam__item_carve):
   s = xi . x is kept current, F0 = F(a s) is recomputed after every flip, and for
   neuron i only the probe that differs from x is evaluated:
       x_i = -1: Delta_i = sum_mu F(a (s_mu + 2 xi_mu,i)) - F0_mu
       x_i = +1: Delta_i = sum_mu F0_mu - F(a (s_mu - 2 xi_mu,i)).   O(K log n) per neuron. */
static void dam__seq_relax(const dam_dense *net, signed char *x, int sweeps, int *order,
                           dam_real *scr, dam_rng *rng)
{
    int K = net->K, N = net->N, sweep, k, mu, changed = 1;
    dam_real a = (dam_real)dam__scale(net);
    dam__item_scratch sc = dam__item_carve(scr, K); /* its rows, under their own names: */
    dam_real *s = sc.row, *z = sc.w, *F0 = sc.F0, *F1 = sc.F1, *dF = sc.dF0, *work = sc.work;
    dam__scores(net, x, s);
    dam__interact(net->f, net->n, net->eps, s, a, NULL, 0, F0, dF, work, K);
    for (sweep = 0; sweep < sweeps && changed; sweep++) {
        changed = 0;
        dam_rng_permutation(rng, order, N);
        for (k = 0; k < N; k++) {
            int i = order[k];
            dam_real shift = x[i] < 0 ? 2 : -2;
            double sum;
            signed char v;
            for (mu = 0; mu < K; mu++) z[mu] = s[mu] + shift * net->xi[(size_t)mu * N + i];
            dam__interact(net->f, net->n, net->eps, z, a, NULL, 0, F1, dF, work, K);
            sum = dam__sum_diff(F1, F0, K);
            v = (x[i] < 0 ? sum : -sum) > 0 ? 1 : -1;
            if (v != x[i]) {
                for (mu = 0; mu < K; mu++) s[mu] += net->xi[(size_t)mu * N + i] * (dam_real)(v - x[i]);
                x[i] = v;
                changed = 1;
                dam__interact(net->f, net->n, net->eps, s, a, NULL, 0, F0, dF, work, K);
            }
        }
    }
}

/* Pseudorehearsal's state (all allocated by its setup; P = pseudo_items when T > 1). */
typedef struct dam__pseudo {
    dam_dataset items;        /* P pseudo-items                                          */
    dam_real *relax;          /* threads x DAM__ITEM_ROWS(C) K reals: relaxation and labelling scratch */
    int *order;               /* threads x N ints: relaxation order of each thread        */
    uint64_t *seeds;          /* P per-probe seeds: probes relax in parallel, reproducibly */
    double *margins;          /* P scratch: the Delta margin of each pseudo- or real item  */
    dam_real *soft;           /* pseudo_soft > 0: P x C soft targets Y*_c of the pseudo-items */
    unsigned char *q;         /* (T-1) x C x pixels class-conditional densities of the
                                 finished tasks, byte = round(255 P(pixel = +1 | class))  */
    int *q_count;             /* (T-1) x C training items of each class and task          */
    int *cells;               /* (T-1) x C + C x pixels scratch: the (task, class) cells in
                                 use; the counts of dam__seq_keep_densities               */
    int q_tasks;              /* finished tasks whose densities are kept in q             */
    int *hist;                /* T x C, double *pmargin, *rmargin (T), int *skewed (T): the
                                 guard, published as s->pseudo_hist ... s->pseudo_skewed  */
    double *pmargin, *rmargin;
    int *skewed;
} dam__pseudo;

/* Keep the class-conditional pixel densities of task t's training items in q[t]
   (C x pixels bytes, byte = round(255 * ones / count)) and the class counts. */
static void dam__seq_keep_densities(dam_seq *s, dam__pseudo *ps, int t)
{
    const dam_dataset *ds = s->train[t];
    int C = s->net->mask_count, px = s->net->mask_start, c, i, j;
    unsigned char *q = ps->q + (size_t)t * C * px;
    int *count = ps->q_count + (size_t)t * C, *ones = ps->cells; /* C x px ints of scratch */
    memset(ones, 0, (size_t)C * px * sizeof(int));
    for (c = 0; c < C; c++) count[c] = 0;
    for (i = 0; i < ds->count; i++) { /* one pass: O(count * pixels) */
        const signed char *x = ds->x + (size_t)i * ds->N;
        int *o = ones + (size_t)ds->label[i] * px;
        count[ds->label[i]]++;
        for (j = 0; j < px; j++) o[j] += x[j] > 0;
    }
    for (c = 0; c < C; c++)
        for (j = 0; j < px; j++)
            q[(size_t)c * px + j] = (unsigned char)(count[c] ? (255 * ones[(size_t)c * px + j] + count[c] / 2) / count[c] : 0);
    ps->q_tasks = t + 1;
}

/* Delta_c of x's pixels with every label neuron off (the classification rule), in
   scr (DAM__ITEM_ROWS(C) rows of K reals; the scores in its free row): returns the argmax (lowest class among ties) and *margin =
   the top Delta_c minus the runner-up; Y (C, may be NULL) receives tanh(Delta_c). */
static int dam__seq_off_answer(const dam_dense *net, const signed char *x, dam_real *scr, double *margin, dam_real *Y)
{
    int K = net->K, N = net->N, C = net->mask_count, ms = net->mask_start, c, mu, j, best = 0;
    dam__item_scratch is = dam__item_carve(scr, K);
    dam_real a = (dam_real)dam__scale(net), bl[DAM_MAX_CLASSES], *sc = is.row;
    double D[DAM_MAX_CLASSES], second = -1e300;
    for (mu = 0; mu < K; mu++) {
        const dam_real *xm = net->xi + (size_t)mu * N;
        dam_real sum = 0;
        for (j = 0; j < N; j++) sum += xm[j] * (j >= ms && j < ms + C ? -1 : x[j]);
        sc[mu] = sum;
    }
    for (c = 0; c < DAM_MAX_CLASSES; c++) bl[c] = -1; /* all of them: the compiler cannot see C <= DAM_MAX_CLASSES */
    dam__item_deltas(net, a, sc, bl, &is, D);
    for (c = 1; c < C; c++)
        if (D[c] > D[best]) best = c;
    for (c = 0; c < C; c++)
        if (c != best && D[c] > second) second = D[c];
    *margin = C > 1 ? D[best] - second : 0.0;
    if (Y)
        for (c = 0; c < C; c++) Y[c] = (dam_real)tanh(D[c]); /* the network's outputs */
    return best;
}

/* Make the P pseudo-items of ps->items from the current network (steps 1-2 above)
   before task t, and fill the guard's entries of task t. */
static void dam__seq_make_pseudo(dam_seq *s, dam__pseudo *ps, int t, dam_rng *rng)
{
    dam_dense *net = s->net;
    int P = ps->items.count, N = net->N, K = net->K, C = net->mask_count, ms = net->mask_start;
    int ncells = 0, i, c, k, nreal, top = 0;
    const dam_dataset *last = s->train[t - 1];
    dam_pseudo_probe probe = s->d.pseudo_probe;
    double p = s->d.pseudo_density, sum;
    if (p == -1) p = dam_dataset_density(s->train[0]);
    if (probe == DAM_PSEUDO_CLASS) {
        for (k = 0; k < ps->q_tasks && k < t; k++)
            for (c = 0; c < C; c++)
                if (ps->q_count[(size_t)k * C + c] > 0) ps->cells[ncells++] = k * C + c;
        if (ncells == 0) probe = DAM_PSEUDO_RANDOM; /* nothing stored (cannot happen after a task) */
    }
    for (i = 0; i < P; i++) ps->seeds[i] = dam_rng_next(rng);
DAM__OMP(omp parallel for schedule(static) num_threads(s->tr.priv.threads))
    for (i = 0; i < P; i++) {
        int th = dam__thread_id(), j;
        dam_real *scr = ps->relax + (size_t)th * DAM__ITEM_ROWS(C) * K;
        signed char *x = ps->items.x + (size_t)i * N;
        dam_rng r;
        int best;
        dam_rng_seed(&r, ps->seeds[i]);
        if (probe == DAM_PSEUDO_CLASS) {
            const unsigned char *q = ps->q + (size_t)ps->cells[i % ncells] * ms;
            /* u < q/255 with u uniform in [0,1): +1 with probability q/255 */
            for (j = 0; j < N; j++) x[j] = j < ms && dam_rng_uniform(&r) * 255.0 < q[j] ? 1 : -1;
        } else {
            for (j = 0; j < N; j++) x[j] = (j < ms || j >= ms + C) && dam_rng_uniform(&r) < p ? 1 : -1;
            if (probe == DAM_PSEUDO_RELAXED) dam__seq_relax(net, x, s->d.pseudo_sweeps, ps->order + (size_t)th * N, scr, &r);
        }
        /* label by the classification rule: labels off, argmax_c Delta_c */
        best = dam__seq_off_answer(net, x, scr, &ps->margins[i], ps->soft ? ps->soft + (size_t)i * C : NULL);
        for (j = 0; j < C; j++) x[ms + j] = -1;
        x[ms + best] = 1;
        ps->items.label[i] = best;
    }
    /* the guard: label histogram and margins (summed in item order: reproducible) */
    for (c = 0; c < C; c++) ps->hist[(size_t)t * C + c] = 0;
    for (i = 0, sum = 0; i < P; i++) ps->hist[(size_t)t * C + ps->items.label[i]]++, sum += ps->margins[i];
    ps->pmargin[t] = P ? sum / P : 0.0;
    for (c = 1; c < C; c++)
        if (ps->hist[(size_t)t * C + c] > ps->hist[(size_t)t * C + top]) top = c;
    ps->skewed[t] = (double)ps->hist[(size_t)t * C + top] * C > 3.0 * P;
    s->pseudo_warnings += ps->skewed[t];
    nreal = last->count < P ? last->count : P;
DAM__OMP(omp parallel for schedule(static) num_threads(s->tr.priv.threads))
    for (i = 0; i < nreal; i++) {
        int th = dam__thread_id();
        (void)dam__seq_off_answer(net, last->x + (size_t)i * N, ps->relax + (size_t)th * DAM__ITEM_ROWS(C) * K, &ps->margins[i], NULL);
    }
    for (i = 0, sum = 0; i < nreal; i++) sum += ps->margins[i];
    ps->rmargin[t] = nreal ? sum / nreal : 0.0;
}

/* ----- pseudorehearsal as a table ----- */
static const char *const dam__probe_names[DAM_PSEUDO_COUNT] = {"class", "random", "relaxed"};

DAMDEF const char *dam_pseudo_probe_name(dam_pseudo_probe p)
{
    return (int)p >= 0 && (int)p < DAM_PSEUDO_COUNT ? dam__probe_names[p] : "unknown";
}

DAMDEF int dam_pseudo_probe_from_name(const char *name)
{
    int k;
    if (!name) return -1;
    for (k = 0; k < DAM_PSEUDO_COUNT; k++)
        if (strcmp(name, dam__probe_names[k]) == 0) return k;
    return -1;
}

/* Its settings: P = pseudo_items (default 1000; 0 makes none), the probe (class), the
   density of random probes (-1: task 0's mean, so 0 is a density, not the default),
   the sweep cap of relaxed probes (default 10, also for a 0) and the soft weight
   (default 0: one-hot labels). */
static void dam__pseudo_defaults(dam_seq_desc *d)
{
    d->pseudo_items = 1000;
    d->pseudo_probe = DAM_PSEUDO_CLASS;
    d->pseudo_density = -1;
    d->pseudo_sweeps = 10;
    d->pseudo_soft = 0;
}

static dam_result dam__pseudo_check(dam_seq_desc *d, const dam_technique_ops *self, char *why)
{
    (void)self;
    if (!dam__finite(d->pseudo_density)) return dam__why(why, DAM_ERR_NOT_FINITE, "pseudo_density is NaN or infinite");
    if (d->pseudo_density != -1 && (d->pseudo_density < 0 || d->pseudo_density > 1))
        return dam__why(why, DAM_ERR_FRACTION, "pseudo_density = %g: need [0, 1] (or -1 for the data's density)", d->pseudo_density);
    if (d->pseudo_items < 0 || d->pseudo_items > (1 << 22))
        return dam__why(why, DAM_ERR_ARGUMENT, "pseudo_items = %d: need 0..%d", d->pseudo_items, 1 << 22);
    if ((int)d->pseudo_probe < 0 || (int)d->pseudo_probe >= DAM_PSEUDO_COUNT)
        return dam__why(why, DAM_ERR_ARGUMENT, "pseudo_probe = %d: need 0 (class), 1 (random) or 2 (relaxed)", (int)d->pseudo_probe);
    if (!dam__finite(d->pseudo_soft) || d->pseudo_soft < 0)
        return dam__why(why, DAM_ERR_STRENGTH, "pseudo_soft = %g: need a finite weight >= 0", d->pseudo_soft);
    if (d->pseudo_sweeps == 0) { /* the default, from the one place that states it */
        dam_seq_desc z;
        dam__pseudo_defaults(&z);
        d->pseudo_sweeps = z.pseudo_sweeps;
    }
    if (d->pseudo_sweeps < 1) return dam__why(why, DAM_ERR_ARGUMENT, "pseudo_sweeps = %d: need >= 1 (0: the default)", d->pseudo_sweeps);
    return DAM_OK;
}

static void dam__pseudo_key(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    (void)state;
    dam_checkpoint_key_real(w, "pseudo_density", s->d.pseudo_density);
    dam_checkpoint_key_int(w, "pseudo_items", s->d.pseudo_items);
    dam_checkpoint_key_text(w, "pseudo_probe", dam_pseudo_probe_name(s->d.pseudo_probe));
    dam_checkpoint_key_real(w, "pseudo_soft", s->d.pseudo_soft);
    dam_checkpoint_key_int(w, "pseudo_sweeps", s->d.pseudo_sweeps);
}

static int dam__pseudo_rows(const dam_seq *s, const dam_technique_ops *self)
{
    (void)self;
    return s->T > 1 ? s->d.pseudo_items : 0;
}

static void dam__pseudo_free(dam_seq *s, void *state)
{
    dam__pseudo *ps = (dam__pseudo *)state;
    if (!ps) return;
    dam_dataset_free(&ps->items);
    dam__free(&s->al, ps->seeds);
    dam__free(&s->al, ps->relax);
    dam__free(&s->al, ps->order);
    dam__free(&s->al, ps->margins);
    dam__free(&s->al, ps->soft);
    dam__free(&s->al, ps->q);
    dam__free(&s->al, ps->q_count);
    dam__free(&s->al, ps->cells);
    dam__free(&s->al, ps->hist);
    dam__free(&s->al, ps->pmargin);
    dam__free(&s->al, ps->rmargin);
    dam__free(&s->al, ps->skewed);
    dam__free(&s->al, ps);
    s->pseudo_hist = s->pseudo_skewed = NULL;
    s->pseudo_margin = s->real_margin = NULL;
}

static dam_result dam__pseudo_setup(dam_seq *s, const dam_technique_ops *self, void **state)
{
    dam_dense *net = s->net;
    int P = dam__pseudo_rows(s, self), C = net->mask_count, T = s->T, threads = s->tr.priv.threads;
    dam__pseudo *ps = (dam__pseudo *)dam__alloc(&s->al, 1, sizeof(dam__pseudo));
    if (!ps) return DAM_ERR_NOMEM;
    memset(ps, 0, sizeof *ps);
    *state = ps;
    if (P == 0) return DAM_OK;
    if (dam_dataset_init(&ps->items, P, s->train[0]->pixels, s->train[0]->classes, &s->al) != DAM_OK) return DAM_ERR_NOMEM;
    ps->seeds = (uint64_t *)dam__alloc(&s->al, (size_t)P, sizeof(uint64_t));
    ps->relax = (dam_real *)dam__alloc(&s->al, (size_t)threads * DAM__ITEM_ROWS(C) * net->K, sizeof(dam_real));
    ps->order = (int *)dam__alloc(&s->al, (size_t)threads * net->N, sizeof(int));
    ps->margins = (double *)dam__alloc(&s->al, (size_t)P, sizeof(double));
    ps->q = (unsigned char *)dam__alloc(&s->al, (size_t)(T - 1) * C * net->mask_start, 1);
    ps->q_count = (int *)dam__alloc(&s->al, (size_t)(T - 1) * C, sizeof(int));
    /* cells doubles as the C x pixels counting scratch of dam__seq_keep_densities */
    ps->cells = (int *)dam__alloc(&s->al, (size_t)(T - 1) * C + (size_t)C * net->mask_start, sizeof(int));
    ps->hist = (int *)dam__alloc(&s->al, (size_t)T * C, sizeof(int));
    ps->pmargin = (double *)dam__alloc(&s->al, (size_t)T, sizeof(double));
    ps->rmargin = (double *)dam__alloc(&s->al, (size_t)T, sizeof(double));
    ps->skewed = (int *)dam__alloc(&s->al, (size_t)T, sizeof(int));
    if (!ps->seeds || !ps->relax || !ps->order || !ps->margins || !ps->q || !ps->q_count || !ps->cells || !ps->hist ||
        !ps->pmargin || !ps->rmargin || !ps->skewed)
        return DAM_ERR_NOMEM;
    memset(ps->q, 0, (size_t)(T - 1) * C * net->mask_start);
    memset(ps->q_count, 0, (size_t)(T - 1) * C * sizeof(int));
    memset(ps->hist, 0, (size_t)T * C * sizeof(int));
    memset(ps->pmargin, 0, (size_t)T * sizeof(double));
    memset(ps->rmargin, 0, (size_t)T * sizeof(double));
    memset(ps->skewed, 0, (size_t)T * sizeof(int));
    if (s->d.pseudo_soft > 0) {
        ps->soft = (dam_real *)dam__alloc(&s->al, (size_t)P * C, sizeof(dam_real));
        if (!ps->soft) return DAM_ERR_NOMEM;
        memset(ps->soft, 0, (size_t)P * C * sizeof(dam_real));
        s->bytes += (size_t)P * C * sizeof(dam_real);
        /* the trainer scores rows inside ps->items by the soft loss */
        s->tr.priv.soft_rows = ps->items.x;
        s->tr.priv.soft_count = P;
        s->tr.priv.soft_target = ps->soft;
        s->tr.priv.soft_weight = s->d.pseudo_soft;
    }
    s->bytes += (size_t)P * (net->N + sizeof(int) + 16) + (size_t)threads * (DAM__ITEM_ROWS(C) * net->K * sizeof(dam_real) + net->N * sizeof(int)) +
                (size_t)(T - 1) * C * (net->mask_start + 2 * sizeof(int)) + (size_t)C * net->mask_start * sizeof(int) + (size_t)T * (C * sizeof(int) + 16 + sizeof(int));
    s->pseudo_hist = ps->hist, s->pseudo_margin = ps->pmargin, s->real_margin = ps->rmargin, s->pseudo_skewed = ps->skewed;
    return DAM_OK;
}

static dam_result dam__pseudo_prepare(dam_seq *s, void *state, int t, dam_rng *rng)
{
    dam__pseudo *ps = (dam__pseudo *)state;
    if (t > 0 && ps->items.count > 0) dam__seq_make_pseudo(s, ps, t, rng);
    return DAM_OK;
}

static int dam__pseudo_sets(dam_seq *s, void *state, int t, const dam_dataset **out)
{
    dam__pseudo *ps = (dam__pseudo *)state;
    (void)s;
    if (t == 0 || ps->items.count == 0) return 0;
    out[0] = &ps->items;
    return 1;
}

static dam_result dam__pseudo_consolidate(dam_seq *s, void *state, int t, dam_rng *rng)
{
    dam__pseudo *ps = (dam__pseudo *)state;
    (void)rng;
    if (ps->q) dam__seq_keep_densities(s, ps, t);
    return DAM_OK;
}

/* The block: the pseudo-items (a set), u32 has (1 when the densities are kept); then
   u32 q_tasks, u32 pseudo_warnings, (T-1) C pixels bytes of densities q, u32 q_count ((T-1) C), u32 hist (T C), f64
   pmargin (T), f64 rmargin (T), u32 skewed (T), u32 has soft targets, then P C f64. */
static void dam__pseudo_save(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    const dam__pseudo *ps = (const dam__pseudo *)state;
    int C = s->net->mask_count, T = s->T, k;
    size_t qb = (size_t)(T - 1) * C * s->net->mask_start;
    dam_checkpoint_put_set(w, &ps->items);
    dam_checkpoint_put_u32(w, ps->q != NULL);
    if (!ps->q) return;
    dam_checkpoint_put_u32(w, (uint32_t)ps->q_tasks);
    dam_checkpoint_put_u32(w, (uint32_t)s->pseudo_warnings);
    dam_checkpoint_put_bytes(w, ps->q, qb);
    for (k = 0; k < (T - 1) * C; k++) dam_checkpoint_put_u32(w, (uint32_t)ps->q_count[k]);
    for (k = 0; k < T * C; k++) dam_checkpoint_put_u32(w, (uint32_t)ps->hist[k]);
    for (k = 0; k < T; k++) dam_checkpoint_put_f64(w, ps->pmargin[k]);
    for (k = 0; k < T; k++) dam_checkpoint_put_f64(w, ps->rmargin[k]);
    for (k = 0; k < T; k++) dam_checkpoint_put_u32(w, (uint32_t)ps->skewed[k]);
    dam_checkpoint_put_u32(w, ps->soft != NULL);
    if (ps->soft) dam_checkpoint_put_reals(w, ps->soft, (size_t)ps->items.count * C);
}

static dam_result dam__pseudo_load(dam_seq *s, void *state, dam_checkpoint_reader *r)
{
    dam__pseudo *ps = (dam__pseudo *)state;
    int C = s->net->mask_count, T = s->T, k, apply = dam_checkpoint_applying(r), P = ps->items.x ? ps->items.count : 0;
    size_t qb = (size_t)(T - 1) * C * s->net->mask_start;
    uint32_t qt, warn, v;
    if (!dam_checkpoint_get_set(r, &ps->items, P)) return DAM_ERR_SHAPE;
    if (dam_checkpoint_get_u32(r) != (uint32_t)(ps->q != NULL)) return DAM_ERR_SHAPE;
    if (!ps->q) return DAM_OK;
    qt = dam_checkpoint_get_u32(r), warn = dam_checkpoint_get_u32(r);
    if (qt > (uint32_t)T) return DAM_ERR_SHAPE;
    dam_checkpoint_get_bytes(r, ps->q, qb);
    for (k = 0; k < (T - 1) * C; k++) v = dam_checkpoint_get_u32(r), apply ? (void)(ps->q_count[k] = (int)v) : (void)0;
    for (k = 0; k < T * C; k++) v = dam_checkpoint_get_u32(r), apply ? (void)(ps->hist[k] = (int)v) : (void)0;
    for (k = 0; k < T; k++) {
        double m = dam_checkpoint_get_f64(r);
        if (apply) ps->pmargin[k] = m;
    }
    for (k = 0; k < T; k++) {
        double m = dam_checkpoint_get_f64(r);
        if (apply) ps->rmargin[k] = m;
    }
    for (k = 0; k < T; k++) v = dam_checkpoint_get_u32(r), apply ? (void)(ps->skewed[k] = (int)v) : (void)0;
    if (dam_checkpoint_get_u32(r) != (uint32_t)(ps->soft != NULL)) return DAM_ERR_SHAPE;
    if (ps->soft) dam_checkpoint_get_reals(r, ps->soft, (size_t)P * C);
    if (!dam_checkpoint_ok(r)) return DAM_ERR_SHAPE;
    if (apply) ps->q_tasks = (int)qt, s->pseudo_warnings = (int)warn;
    return DAM_OK;
}

static const dam_technique_ops dam__pseudo_ops = {
    "pseudorehearsal", 0, dam__pseudo_rows, dam__pseudo_setup, dam__pseudo_free, dam__pseudo_prepare,
    dam__pseudo_sets, NULL, NULL, NULL, dam__pseudo_consolidate, dam__pseudo_key, dam__pseudo_save, dam__pseudo_load, NULL,
    dam__pseudo_defaults, dam__pseudo_check};

/* ====================================================================================
   >>dam:seq.ewc  Elastic weight consolidation and the per-item importance shortcut
   Paper: EWC (Kirkpatrick et al. 2017) applied to the DAM's memories
   Book: 07-regularisation.md
   After task k the empirical Fisher of every memory entry is taken from task k's items,
       F_k,j = mean_x (dl(x)/dtheta_j)^2,
   and while later tasks train, the trainer's grad_hook adds the gradient of
       (lambda/2) sum_k sum_j F_k,j (theta_j - theta*_k,j)^2,
       d/dtheta_j = lambda (A_j theta_j - B_j),  A = sum_k F_k,  B = sum_k F_k theta*_k,
   to G (the gradient of the SUMMED loss of a minibatch, so lambda is relative to B
   items' loss). Keeping only A and B (and the scalar sum_k sum_j F_k,j theta*_k,j^2
   that makes the value exact) costs 3 K N reals for any number of tasks instead of
   2 (T-1) K N for every F_k and theta*_k.
   The per-item shortcut. From dam:dense.loss one item's gradient is
       g_mu,j = a w_mu b_j                   (j not a label neuron)
       g_mu,j = a w_mu b_j + q_mu,c          (j = label neuron c, q_mu,c = 2 a c_c D1_mu,c)
   with w_mu = sum_c c_c (A_mu,c - B_mu,c) and b the item's bipolar base state. Since
   b_j^2 = 1, every unmasked column of a memory has the SAME squared gradient
   a^2 w_mu^2: the Fisher of an item needs K (C + 1) numbers, not K N. So
       dam_trainer_importance costs O(count (K N + K C log n)): one forward product per
       batch and O(K C) per item, and needs no per-item K x N gradient (which would be
       O(count K N) extra work and a B x K x N buffer: 1.6 GB for B = 1000 at MNIST size).
   Scale. The DAM's outputs saturate (tanh of a large Delta) and the loss power m
   sharpens the loss, so a trained task's raw Fisher is tiny and its size swings over
   tens of decades with n and m (measured on the synthetic tasks of the tests: mean
   3e-5 at m = 30, 8e-26 at m = 1), while the batch gradient G it competes with runs
   from about 1e18 (m = 30, a new task) down to nothing. With importance_normalise = 1
   (the default) each task's F_k, SI's Omega increment and MAS's Omega increment are
   divided by their mean over the K N entries before they are added: the SHAPE of the
   importance is the technique's, and lambda (or c) is the penalty gradient per unit
   displacement of an entry of average importance, comparable between techniques,
   n and m. importance_normalise = 0 keeps the raw values of the papers.
   MAS (dam:seq.mas) uses the same structure with c_c of the output norm ||Y||^2:
       d(Y_c^2)/dDelta_c = 2 Y_c (1 - Y_c^2),  importance |g| instead of g^2.
   ==================================================================================== */

DAMDEF dam_result dam_trainer_importance(dam_trainer *tr, const signed char *const *rows,
                                         int count, int kind, dam_real *out)
{
    dam_dense *net;
    int K, N, C, ms, m, u, k, b, c, mu, j;
    dam_real a;
    if (!tr || !tr->net || !rows || !out || (kind != 0 && kind != 1)) return DAM_ERR_ARGUMENT;
    if (count < 1) return dam__why(tr->why, DAM_ERR_EMPTY, "no items for the importance");
    net = tr->net;
    K = net->K, N = net->N, C = net->mask_count, ms = net->mask_start, m = tr->d.loss_power;
    a = (dam_real)dam__scale(net);
    u = ms > 0 ? 0 : ms + C; /* one unmasked column collects the shared value (u == N: none) */
    memset(out, 0, (size_t)K * N * sizeof(dam_real));
    for (k = 0; k < count; k += tr->priv.max_batch) {
        int nb = count - k < tr->priv.max_batch ? count - k : tr->priv.max_batch;
        dam__states st;
        dam__forward(tr, rows + k, nb, &st); /* base states and scores, as in dam__batch */
        for (b = 0; b < nb; b++) { /* serial over items: the sums keep one order */
            const signed char *x = rows[k + b];
            dam__item_scratch sc = dam__item_carve(tr->priv.scratch, K);
            dam_real *w = sc.w, *dF0 = sc.dF0, bl[DAM_MAX_CLASSES];
            double D[DAM_MAX_CLASSES], cc[DAM_MAX_CLASSES];
            for (c = 0; c < C; c++) bl[c] = tr->d.probe == DAM_PROBE_OFF ? -1 : x[ms + c];
            dam__item_deltas(net, a, tr->priv.S + (size_t)b * K, bl, &sc, D);
            for (c = 0; c < C; c++) {
                double Y = tanh(D[c]), ch = cosh(D[c]);
                cc[c] = kind == 0 ? 2.0 * m * dam__powi(Y - x[ms + c], 2 * m - 1) / (ch * ch)
                                  : 2.0 * Y / (ch * ch);
            }
            for (mu = 0; mu < K; mu++) w[mu] = 0;
            for (c = 0; c < C; c++) {
                const dam_real *D1 = sc.D1 + (size_t)c * K;
                dam_real k1 = (dam_real)(bl[c] < 0 ? cc[c] : -cc[c]);
                for (mu = 0; mu < K; mu++) w[mu] += k1 * (D1[mu] - dF0[mu]);
            }
            if (u < N)
                for (mu = 0; mu < K; mu++) {
                    dam_real g = a * w[mu];
                    out[(size_t)mu * N + u] += kind == 0 ? g * g : (g < 0 ? -g : g);
                }
            for (c = 0; c < C; c++) {
                const dam_real *D1 = sc.D1 + (size_t)c * K;
                dam_real q = (dam_real)(2.0 * a * cc[c]);
                for (mu = 0; mu < K; mu++) {
                    dam_real g = a * w[mu] * bl[c] + q * D1[mu];
                    out[(size_t)mu * N + ms + c] += kind == 0 ? g * g : (g < 0 ? -g : g);
                }
            }
        }
    }
    /* means, and the shared value copied to every unmasked column */
    for (mu = 0; mu < K; mu++) {
        dam_real *o = out + (size_t)mu * N;
        dam_real shared = u < N ? o[u] / (dam_real)count : 0;
        for (j = 0; j < N; j++) o[j] = j >= ms && j < ms + C ? o[j] / (dam_real)count : shared;
    }
    return DAM_OK;
}

/* The state of a quadratic penalty (EWC, SI, MAS), 3 K N reals and a constant:
     imp    K x N: EWC A = sum_k F_k; SI, MAS Omega
     anchor K x N: EWC B = sum_k F_k theta*_k; SI, MAS theta*
     path   K x N: SI's running omega; EWC, MAS one task's importance
     ewc_const    EWC: sum_k sum_j F_k,j theta*_k,j^2 (makes the value exact) */
typedef struct dam__penalty {
    dam_real *imp, *anchor, *path;
    double ewc_const;
} dam__penalty;

/* EWC's settings and the importance's, which SI and MAS share: importance_items (0:
   all), importance_normalise (1; 0 is "raw", a setting) and lambda (1; 0 is a
   setting: no penalty). */
static void dam__ewc_defaults(dam_seq_desc *d)
{
    d->importance_items = 0;
    d->importance_normalise = 1;
    d->ewc_lambda = 1;
}

static dam_result dam__ewc_check(dam_seq_desc *d, const dam_technique_ops *self, char *why)
{
    (void)self;
    if (d->importance_items < 0) return dam__why(why, DAM_ERR_ARGUMENT, "importance_items = %d: need >= 0 (0: all)", d->importance_items);
    if (d->importance_normalise != 0 && d->importance_normalise != 1)
        return dam__why(why, DAM_ERR_ARGUMENT, "importance_normalise = %d: need 0 or 1", d->importance_normalise);
    if (!dam__finite(d->ewc_lambda)) return dam__why(why, DAM_ERR_NOT_FINITE, "ewc_lambda is NaN or infinite");
    if (d->ewc_lambda < 0) return dam__why(why, DAM_ERR_STRENGTH, "ewc_lambda = %g: need >= 0", d->ewc_lambda);
    return DAM_OK;
}

static void dam__ewc_key(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    (void)state;
    dam_checkpoint_key_int(w, "importance_items", s->d.importance_items);
    dam_checkpoint_key_int(w, "importance_normalise", s->d.importance_normalise);
    dam_checkpoint_key_real(w, "ewc_lambda", s->d.ewc_lambda);
}

static dam_result dam__penalty_setup(dam_seq *s, const dam_technique_ops *self, void **state)
{
    size_t KN = (size_t)s->net->K * s->net->N;
    dam__penalty *p = (dam__penalty *)dam__alloc(&s->al, 1, sizeof(dam__penalty));
    (void)self;
    if (!p) return DAM_ERR_NOMEM;
    memset(p, 0, sizeof *p);
    *state = p;
    p->imp = (dam_real *)dam__alloc(&s->al, KN, sizeof(dam_real));
    p->anchor = (dam_real *)dam__alloc(&s->al, KN, sizeof(dam_real));
    p->path = (dam_real *)dam__alloc(&s->al, KN, sizeof(dam_real));
    if (!p->imp || !p->anchor || !p->path) return DAM_ERR_NOMEM;
    memset(p->imp, 0, KN * sizeof(dam_real));
    memset(p->anchor, 0, KN * sizeof(dam_real));
    memset(p->path, 0, KN * sizeof(dam_real));
    s->bytes += 3 * KN * sizeof(dam_real);
    return DAM_OK;
}

static void dam__penalty_free(dam_seq *s, void *state)
{
    dam__penalty *p = (dam__penalty *)state;
    if (!p) return;
    dam__free(&s->al, p->imp);
    dam__free(&s->al, p->anchor);
    dam__free(&s->al, p->path);
    dam__free(&s->al, p);
}

/* The block: f64 ewc_const, then imp, anchor, path (K N reals each). */
static void dam__penalty_save(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    const dam__penalty *p = (const dam__penalty *)state;
    size_t KN = (size_t)s->net->K * s->net->N;
    dam_checkpoint_put_f64(w, p->ewc_const);
    dam_checkpoint_put_reals(w, p->imp, KN);
    dam_checkpoint_put_reals(w, p->anchor, KN);
    dam_checkpoint_put_reals(w, p->path, KN);
}

static dam_result dam__penalty_load(dam_seq *s, void *state, dam_checkpoint_reader *r)
{
    dam__penalty *p = (dam__penalty *)state;
    size_t KN = (size_t)s->net->K * s->net->N;
    double c = dam_checkpoint_get_f64(r);
    if (!dam__finite(c)) return DAM_ERR_SHAPE;
    dam_checkpoint_get_reals(r, p->imp, KN);
    dam_checkpoint_get_reals(r, p->anchor, KN);
    dam_checkpoint_get_reals(r, p->path, KN);
    if (!dam_checkpoint_ok(r)) return DAM_ERR_SHAPE;
    if (dam_checkpoint_applying(r)) p->ewc_const = c;
    return DAM_OK;
}

/* The penalty's gradient, ADDED to G (K x N), with strength l:
     EWC (ewc = 1):  l (A_j theta_j - B_j)
     SI, MAS:        2 l Omega_j (theta_j - theta*_j)                  O(K N) */
static void dam__penalty_grad(dam_seq *s, const dam__penalty *p, dam_real *G, int ewc, double lam)
{
    int K = s->net->K, N = s->net->N, mu;
    dam_real l = (dam_real)lam;
DAM__OMP(omp parallel for schedule(static) num_threads(s->tr.priv.threads))
    for (mu = 0; mu < K; mu++) {
        size_t o = (size_t)mu * N;
        int j;
        if (ewc)
            for (j = 0; j < N; j++) G[o + j] += l * (p->imp[o + j] * s->net->xi[o + j] - p->anchor[o + j]);
        else
            for (j = 0; j < N; j++) G[o + j] += 2 * l * p->imp[o + j] * (s->net->xi[o + j] - p->anchor[o + j]);
    }
}

/* Its value, in one fixed order:
     EWC:      (l/2) (sum_j A_j theta_j^2 - 2 B_j theta_j + const)
     SI, MAS:  l sum_j Omega_j (theta_j - theta*_j)^2 */
static double dam__penalty_value(dam_seq *s, const dam__penalty *p, int ewc, double lam)
{
    size_t e, KN = (size_t)s->net->K * s->net->N;
    double value = 0;
    for (e = 0; e < KN; e++) {
        double th = s->net->xi[e], A = p->imp[e], B = p->anchor[e];
        if (ewc) value += A * th * th - 2 * B * th;
        else value += A * (th - B) * (th - B);
    }
    return ewc ? 0.5 * lam * (value + p->ewc_const) : lam * value;
}

/* The importance of task t's first importance_items items into out (K x N). */
static dam_result dam__seq_importance(dam_seq *s, int t, int kind, dam_real *out)
{
    const dam_dataset *ds = s->train[t];
    int count = ds->count, i;
    dam_result r;
    if (s->d.importance_items > 0 && s->d.importance_items < count) count = s->d.importance_items;
    for (i = 0; i < count; i++) s->rows[i] = ds->x + (size_t)i * ds->N;
    r = dam_trainer_importance(&s->tr, s->rows, count, kind, out);
    if (r != DAM_OK) memcpy(s->why, s->tr.why, DAM_WHY_SIZE);
    return r;
}

/* Divide one task's importance (v, K x N) by its mean when importance_normalise is on
   (a zero importance stays zero). */
static void dam__seq_normalise(dam_seq *s, dam_real *v)
{
    size_t KN = (size_t)s->net->K * s->net->N, j;
    double mean = 0;
    dam_real f;
    if (!s->d.importance_normalise) return;
    for (j = 0; j < KN; j++) mean += v[j];
    mean /= (double)KN;
    if (!(mean > 0) || !dam__finite(1.0 / mean)) return;
    f = (dam_real)(1.0 / mean);
    for (j = 0; j < KN; j++) v[j] *= f;
}

/* ----- EWC as a table ----- */
/* At the end of task t: A += F_t, B += F_t theta*, const += sum F_t theta*^2. */
static dam_result dam__ewc_consolidate(dam_seq *s, void *state, int t, dam_rng *rng)
{
    dam__penalty *p = (dam__penalty *)state;
    size_t KN = (size_t)s->net->K * s->net->N, j;
    dam_result r = dam__seq_importance(s, t, 0, p->path);
    double cst = 0;
    (void)rng;
    if (r != DAM_OK) return r;
    dam__seq_normalise(s, p->path);
    for (j = 0; j < KN; j++) {
        dam_real F = p->path[j], th = s->net->xi[j];
        p->imp[j] += F;
        p->anchor[j] += F * th;
        cst += (double)F * th * th;
    }
    p->ewc_const += cst;
    return DAM_OK;
}

static dam_result dam__ewc_grad(dam_seq *s, void *state, dam_real *G)
{
    dam__penalty_grad(s, (const dam__penalty *)state, G, 1, s->d.ewc_lambda);
    return DAM_OK;
}

static double dam__ewc_value(dam_seq *s, void *state) { return dam__penalty_value(s, (const dam__penalty *)state, 1, s->d.ewc_lambda); }

static const dam_technique_ops dam__ewc_ops = {
    "ewc", 0, NULL, dam__penalty_setup, dam__penalty_free, NULL, NULL, dam__ewc_grad, dam__ewc_value, NULL,
    dam__ewc_consolidate, dam__ewc_key, dam__penalty_save, dam__penalty_load, NULL, dam__ewc_defaults, dam__ewc_check};

/* ====================================================================================
   >>dam:seq.si  Synaptic intelligence
   Paper: SI (Zenke, Poole & Ganguli 2017) applied to the DAM's memories
   Book: 07-regularisation.md
   During every task, after each optimiser step (the trainer's step_hook):
       omega_j += -g_j * dtheta_j,
   g the gradient of the task's loss alone (the step's G minus the penalty gradient,
   which is recomputed from theta_old = theta - dtheta: no copy of G is kept) and dtheta
   the change the step made. At the end of the task:
       Omega_j += max(omega_j, 0) / ((theta_j(end) - theta_j(start))^2 + xi),  omega <- 0
   (then divided by its mean over the K N entries when importance_normalise = 1, the
   default; see dam:seq.ewc)
   (xi the damping, default 0.1; a negative omega, a step that on balance went uphill for
   this task, is clipped to 0 so that the penalty stays convex). theta* = theta(end). The
   grad_hook adds the gradient of  c sum_j Omega_j (theta_j - theta*_j)^2 :
       2 c Omega_j (theta_j - theta*_j).
   memory: 3 K N reals (Omega, theta*, omega); cost O(K N) per step.
   ==================================================================================== */

static void dam__si_step(dam_seq *s, void *state, const dam_real *G, const dam_real *dtheta)
{
    dam__penalty *p = (dam__penalty *)state;
    int K = s->net->K, N = s->net->N, mu;
    dam_real twoc = (dam_real)(2.0 * s->d.si_c);
    int penalised = s->done > 0;
DAM__OMP(omp parallel for schedule(static) num_threads(s->tr.priv.threads))
    for (mu = 0; mu < K; mu++) {
        size_t o = (size_t)mu * N;
        int j;
        for (j = 0; j < N; j++) {
            dam_real g = G[o + j];
            if (penalised) g -= twoc * p->imp[o + j] * (s->net->xi[o + j] - dtheta[o + j] - p->anchor[o + j]);
            p->path[o + j] -= g * dtheta[o + j];
        }
    }
}

/* theta* <- theta when the first task starts (omega starts at 0). */
/* SI's settings: c (1; 0 is a setting) and the damping xi (0.1, also for a 0: it must
   be > 0). */
static void dam__si_defaults(dam_seq_desc *d) { d->si_c = 1, d->si_damping = 0.1; }

static dam_result dam__si_check(dam_seq_desc *d, const dam_technique_ops *self, char *why)
{
    (void)self;
    if (!dam__finite(d->si_c) || !dam__finite(d->si_damping)) return dam__why(why, DAM_ERR_NOT_FINITE, "si_c or si_damping is NaN or infinite");
    if (d->si_c < 0) return dam__why(why, DAM_ERR_STRENGTH, "si_c = %g: need >= 0", d->si_c);
    if (d->si_damping == 0) {
        dam_seq_desc z;
        dam__si_defaults(&z);
        d->si_damping = z.si_damping;
    }
    if (d->si_damping < 0) return dam__why(why, DAM_ERR_STRENGTH, "si_damping = %g: need > 0 (0: the default)", d->si_damping);
    return DAM_OK;
}

static void dam__si_key(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    (void)state;
    dam_checkpoint_key_real(w, "si_c", s->d.si_c);
    dam_checkpoint_key_real(w, "si_damping", s->d.si_damping);
}

static dam_result dam__si_prepare(dam_seq *s, void *state, int t, dam_rng *rng)
{
    dam__penalty *p = (dam__penalty *)state;
    (void)rng;
    if (t == 0) memcpy(p->anchor, s->net->xi, (size_t)s->net->K * s->net->N * sizeof(dam_real));
    return DAM_OK;
}

static dam_result dam__si_consolidate(dam_seq *s, void *state, int t, dam_rng *rng)
{
    dam__penalty *p = (dam__penalty *)state;
    size_t KN = (size_t)s->net->K * s->net->N, j;
    dam_real damp = (dam_real)s->d.si_damping;
    (void)t, (void)rng;
    for (j = 0; j < KN; j++) { /* this task's increment, in place of omega */
        dam_real d = s->net->xi[j] - p->anchor[j], w = p->path[j];
        p->path[j] = (w > 0 ? w : 0) / (d * d + damp);
    }
    dam__seq_normalise(s, p->path);
    for (j = 0; j < KN; j++) {
        p->imp[j] += p->path[j];
        p->anchor[j] = s->net->xi[j];
        p->path[j] = 0;
    }
    return DAM_OK;
}

static dam_result dam__si_grad(dam_seq *s, void *state, dam_real *G)
{
    dam__penalty_grad(s, (const dam__penalty *)state, G, 0, s->d.si_c);
    return DAM_OK;
}

static double dam__si_value(dam_seq *s, void *state) { return dam__penalty_value(s, (const dam__penalty *)state, 0, s->d.si_c); }

static const dam_technique_ops dam__si_ops = {
    "si", 0, NULL, dam__penalty_setup, dam__penalty_free, dam__si_prepare, NULL, dam__si_grad, dam__si_value,
    dam__si_step, dam__si_consolidate, dam__si_key, dam__penalty_save, dam__penalty_load, NULL, dam__si_defaults, dam__si_check};

/* ====================================================================================
   >>dam:seq.mas  Memory-aware synapses
   Paper: MAS (Aljundi et al. 2018) applied to the DAM's memories
   Book: 07-regularisation.md
   At the end of task k, with Y(x) the vector of label outputs Y_c = tanh(Delta_c):
       Omega_j += mean over task k's items of |d ||Y(x)||^2 / dtheta_j|,  theta* = theta,
   needing no labels (the network's own output is the target). The grad_hook adds the
   gradient of  lambda sum_j Omega_j (theta_j - theta*_j)^2 :  2 lambda Omega_j (theta_j -
   theta*_j). The per-item derivative has the structure of dam:seq.ewc, with
   c_c = 2 Y_c (1 - Y_c^2), so it costs O(K N + K C log n) per item and no K x N buffer.
   memory: 3 K N reals (Omega, theta*, one task's Omega).
   ==================================================================================== */

static dam_result dam__mas_consolidate(dam_seq *s, void *state, int t, dam_rng *rng)
{
    dam__penalty *p = (dam__penalty *)state;
    size_t KN = (size_t)s->net->K * s->net->N, j;
    dam_result r = dam__seq_importance(s, t, 1, p->path);
    (void)rng;
    if (r != DAM_OK) return r;
    dam__seq_normalise(s, p->path);
    for (j = 0; j < KN; j++) {
        p->imp[j] += p->path[j];
        p->anchor[j] = s->net->xi[j];
    }
    return DAM_OK;
}

/* MAS's setting: lambda (1; 0 is a setting). */
static void dam__mas_defaults(dam_seq_desc *d) { d->mas_lambda = 1; }

static dam_result dam__mas_check(dam_seq_desc *d, const dam_technique_ops *self, char *why)
{
    (void)self;
    if (!dam__finite(d->mas_lambda)) return dam__why(why, DAM_ERR_NOT_FINITE, "mas_lambda is NaN or infinite");
    if (d->mas_lambda < 0) return dam__why(why, DAM_ERR_STRENGTH, "mas_lambda = %g: need >= 0", d->mas_lambda);
    return DAM_OK;
}

static void dam__mas_key(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    (void)state;
    dam_checkpoint_key_real(w, "mas_lambda", s->d.mas_lambda);
}

static dam_result dam__mas_grad(dam_seq *s, void *state, dam_real *G)
{
    dam__penalty_grad(s, (const dam__penalty *)state, G, 0, s->d.mas_lambda);
    return DAM_OK;
}

static double dam__mas_value(dam_seq *s, void *state) { return dam__penalty_value(s, (const dam__penalty *)state, 0, s->d.mas_lambda); }

static const dam_technique_ops dam__mas_ops = {
    "mas", 0, NULL, dam__penalty_setup, dam__penalty_free, NULL, NULL, dam__mas_grad, dam__mas_value, NULL,
    dam__mas_consolidate, dam__mas_key, dam__penalty_save, dam__penalty_load, NULL, dam__mas_defaults, dam__mas_check};

/* ====================================================================================
   >>dam:seq.gem  Gradient episodic memory and averaged GEM
   Paper: GEM (Lopez-Paz & Ranzato 2017), A-GEM (Chaudhry et al. 2019); the paper's
          finding: both are unstable at intermediate n
   Book: 08-gradient-projection.md
   GEM keeps M random items of every finished task (its episodic memory). At each step
   of task t, g = G (the batch gradient) and g_k = the gradient of the loss on memory k
   (k < t; scaled to a full batch: (B / M_k) * summed gradient). If some g . g_k < 0
   the step would raise an old task's loss, and g is replaced by the closest z with
   z . g_k >= 0 for all k:
       minimise 1/2 ||z - g||^2  subject to  Gm z >= 0     (Gm: t x KN, rows g_k).
   Its dual has only t variables:
       minimise 1/2 v' P v + c' v  subject to  v >= gamma,   P = Gm Gm', c = Gm g,
       z = g + Gm' v.
   gamma = 0 gives the exact Euclidean projection; GEM's code uses gamma = 0.5 (its
   `margin`), which also pulls z towards every memory's gradient. Either way the KKT
   conditions give Gm z = P v + c = lambda >= 0: every constraint holds.
   The dual is solved exactly by an active-set method (Lawson & Hanson's NNLS scheme
   for a general positive semidefinite P): with u = v - gamma >= 0 and d = c + gamma P 1,
     free set F = {}, u = 0;  repeat: w = P u + d; stop when w_k >= 0 for k not in F;
     add the most negative k to F; solve P_FF y = -d_F; while some y_k <= 0, move u
     towards y until the first one hits 0 and drop it from F.
   Each pass strictly lowers the objective, so it ends in at most 2^t passes (in
   practice about t). P is Jacobi-scaled first (unit diagonal); a memory whose gradient
   is zero has P_kk = 0 and c_k = 0 and its dual variable stays at gamma.
   A-GEM replaces the t constraints by one: g_ref = the gradient on a random sample of
   the union of the episodic memories (agem_sample items, fresh every step), and
       if g . g_ref < 0:  g <- g - (g . g_ref / g_ref . g_ref) g_ref,
   the closed-form projection onto {z : z . g_ref >= 0}.
   memory: (T-1) M items of N bytes; GEM (T-1) K N reals for the g_k, A-GEM K N.
   cost per step: GEM t M items of forward + backward products + O(t^2 K N); A-GEM
   agem_sample items + O(K N).
   ==================================================================================== */

static double dam__dot(const dam_real *x, const dam_real *y, size_t len)
{
    double s = 0;
    size_t i;
    for (i = 0; i < len; i++) s += (double)x[i] * y[i];
    return s;
}

/* Solve P_FF y_F = -d_F by Cholesky (P_FF is the Jacobi-scaled, unit-diagonal block).
   free: t flags. L: t*t scratch. Returns 0, or -1 when P_FF is singular. */
static int dam__gem_solve(int t, const double *P, const double *d, const int *free_, double *L,
                          double *y)
{
    int F[64], f = 0, i, j, k;
    for (i = 0; i < t; i++)
        if (free_[i] != 0) F[f++] = i;
    for (i = 0; i < f; i++)
        for (j = 0; j <= i; j++) {
            double sum = P[F[i] * t + F[j]];
            for (k = 0; k < j; k++) sum -= L[i * t + k] * L[j * t + k];
            if (i == j) {
                if (sum <= 1e-13) return -1;
                L[i * t + i] = sqrt(sum);
            } else
                L[i * t + j] = sum / L[j * t + j];
        }
    /* forward: L z = -d_F, backward: L' y = z */
    for (i = 0; i < f; i++) {
        double sum = -d[F[i]];
        for (k = 0; k < i; k++) sum -= L[i * t + k] * y[F[k]];
        y[F[i]] = sum / L[i * t + i];
    }
    for (i = f - 1; i >= 0; i--) {
        double sum = y[F[i]];
        for (k = i + 1; k < f; k++) sum -= L[k * t + i] * y[F[k]];
        y[F[i]] = sum / L[i * t + i];
    }
    for (i = 0; i < t; i++)
        if (free_[i] == 0) y[i] = 0;
    return 0;
}

/* The dual with the scaled P written to P (which may be P0 itself: scaled in place).
   work: L (t x t, the Cholesky factor on the free set), u, y, w, d, sc (t each): t*t +
   5t doubles; the free set as int flags on the stack. */
static dam_result dam__gem_dual(int t, const double *P0, double *P, const double *c, double margin, double *v,
                                double *work)
{
    double *L = work, *u = L + (size_t)t * t, *y = u + t, *w = y + t, *d = w + t, *sc = d + t;
    int fr[64], i, j, pass, inner, converged = 0;
    /* Jacobi scaling: P_ij / sqrt(P_ii P_jj); zero-gradient memories are frozen at u = 0 */
    for (i = 0; i < t; i++) sc[i] = P0[i * t + i] > 0 ? 1.0 / sqrt(P0[i * t + i]) : 0.0;
    for (i = 0; i < t; i++) {
        double Pm = 0;
        for (j = 0; j < t; j++) {
            Pm += P0[i * t + j]; /* before P_ij is scaled (P may be P0) */
            P[i * t + j] = P0[i * t + j] * sc[i] * sc[j];
        }
        d[i] = (c[i] + margin * Pm) * sc[i]; /* d = c + gamma P 1, scaled */
        u[i] = 0;
        fr[i] = 0;
    }
    for (pass = 0; pass < 4 * t + 16; pass++) {
        int best = -1;
        double most = 0, tol;
        double dmax = 0;
        for (i = 0; i < t; i++) {
            double sum = d[i];
            for (j = 0; j < t; j++) sum += P[i * t + j] * u[j];
            w[i] = sum;
            if (fabs(d[i]) > dmax) dmax = fabs(d[i]);
        }
        tol = 1e-12 * (1 + dmax);
        for (i = 0; i < t; i++)
            if (fr[i] == 0 && sc[i] > 0 && w[i] < -tol && w[i] < most) most = w[i], best = i;
        if (best < 0) { /* KKT: w >= 0 off the free set, w = 0 on it */
            converged = 1;
            break;
        }
        fr[best] = 1;
        for (inner = 0; inner <= t; inner++) {
            double alpha = 1;
            int ok = 1;
            if (dam__gem_solve(t, P, d, fr, L, y) != 0) return DAM_ERR_DIVERGED;
            for (i = 0; i < t; i++)
                if (fr[i] != 0 && y[i] <= 0) {
                    double al = u[i] / (u[i] - y[i]);
                    ok = 0;
                    if (al < alpha) alpha = al;
                }
            if (ok) {
                for (i = 0; i < t; i++) u[i] = y[i];
                break;
            }
            for (i = 0; i < t; i++) {
                u[i] += alpha * (y[i] - u[i]);
                if (fr[i] != 0 && u[i] <= 1e-15) fr[i] = 0, u[i] = 0;
            }
        }
    }
    for (i = 0; i < t; i++) v[i] = margin + u[i] * sc[i];
    return converged ? DAM_OK : DAM_ERR_NOT_CONVERGED;
}

DAMDEF dam_result dam_gem_dual(int t, const double *P0, const double *c, double margin, double *v,
                               double *work)
{
    if (t < 1 || t > 64 || !P0 || !c || !v || !work) return DAM_ERR_ARGUMENT;
    if (!dam__finite(margin) || margin < 0) return DAM_ERR_STRENGTH;
    return dam__gem_dual(t, P0, work, c, margin, v, work + (size_t)t * t); /* P scaled into work */
}

DAMDEF int dam_gem_project(dam_real *g, const dam_real *gk, int t, size_t len, double margin,
                           double *work)
{
    double *P = work, *c = work + (size_t)t * t, *v = c + t;
    int k, l, violated = 0;
    size_t i;
    dam_result r;
    if (!g || !gk || !work || t < 1 || t > 64) return DAM_ERR_ARGUMENT;
    for (k = 0; k < t; k++) {
        c[k] = dam__dot(gk + (size_t)k * len, g, len);
        violated |= c[k] < 0;
    }
    if (!violated) return 0;
    for (k = 0; k < t; k++)
        for (l = 0; l <= k; l++)
            P[k * t + l] = P[l * t + k] = dam__dot(gk + (size_t)k * len, gk + (size_t)l * len, len);
    if (!dam__finite(margin) || margin < 0) return DAM_ERR_STRENGTH;
    r = dam__gem_dual(t, P, P, c, margin, v, v + t); /* P is ours: scaled in place */
    if (r != DAM_OK) return r;
    for (k = 0; k < t; k++) {
        dam_real vk = (dam_real)v[k];
        const dam_real *row = gk + (size_t)k * len;
        for (i = 0; i < len; i++) g[i] += vk * row[i];
    }
    return 1;
}

DAMDEF int dam_agem_project(dam_real *g, const dam_real *gref, size_t len)
{
    double dot, nn;
    dam_real f;
    size_t i;
    if (!g || !gref) return DAM_ERR_ARGUMENT;
    dot = dam__dot(g, gref, len);
    if (!(dot < 0)) return 0;
    nn = dam__dot(gref, gref, len);
    if (!(nn > 0)) return 0;
    f = (dam_real)(dot / nn);
    for (i = 0; i < len; i++) g[i] -= f * gref[i];
    return 1;
}

/* GEM's and A-GEM's state: the episodic memory and the gradients on it. */
typedef struct dam__episodic {
    dam_dataset items;        /* (T-1) M items, task k at rows [sum_{l<k} count_l, ...)  */
    int *count;               /* T-1: items actually kept of each task (<= M)             */
    dam_real *gk;             /* GEM: (T-1) x K x N memory gradients; A-GEM: K x N g_ref  */
    double *qp;               /* GEM: 2(T-1)^2 + 8(T-1) doubles: dual QP workspace       */
    int *index;               /* (T-1) M ints: A-GEM's sampling scratch                  */
    const signed char **rows; /* (T-1) M row pointers of a memory or a sample            */
    int gem;                  /* 1: GEM, 0: A-GEM                                        */
} dam__episodic;

static void dam__episodic_free(dam_seq *s, void *state)
{
    dam__episodic *ep = (dam__episodic *)state;
    if (!ep) return;
    dam_dataset_free(&ep->items);
    dam__free(&s->al, ep->count);
    dam__free(&s->al, ep->gk);
    dam__free(&s->al, ep->qp);
    dam__free(&s->al, ep->index);
    dam__free(&s->al, (void *)ep->rows);
    dam__free(&s->al, ep);
}

static dam_result dam__episodic_setup(dam_seq *s, void **state, int gem)
{
    int t1 = s->T - 1, M = s->d.memory_per_task;
    size_t KN = (size_t)s->net->K * s->net->N, ng = gem ? (size_t)t1 : 1;
    dam__episodic *ep = (dam__episodic *)dam__alloc(&s->al, 1, sizeof(dam__episodic));
    if (!ep) return DAM_ERR_NOMEM;
    memset(ep, 0, sizeof *ep);
    *state = ep;
    ep->gem = gem;
    if (t1 == 0) return DAM_OK;
    if (dam_dataset_init(&ep->items, t1 * M, s->train[0]->pixels, s->train[0]->classes, &s->al) != DAM_OK) return DAM_ERR_NOMEM;
    ep->items.count = 0;
    ep->count = (int *)dam__alloc(&s->al, (size_t)t1, sizeof(int));
    ep->gk = (dam_real *)dam__alloc(&s->al, ng * KN, sizeof(dam_real));
    ep->index = (int *)dam__alloc(&s->al, (size_t)t1 * M, sizeof(int));
    ep->rows = (const signed char **)dam__alloc(&s->al, (size_t)t1 * M, sizeof(*ep->rows));
    if (!ep->count || !ep->gk || !ep->index || !ep->rows) return DAM_ERR_NOMEM;
    memset(ep->count, 0, (size_t)t1 * sizeof(int));
    s->bytes += (size_t)t1 * M * (s->net->N + sizeof(int) + sizeof(int) + sizeof(*ep->rows)) + (size_t)t1 * sizeof(int) + ng * KN * sizeof(dam_real);
    if (gem) {
        ep->qp = (double *)dam__alloc(&s->al, (size_t)2 * t1 * t1 + 8 * (size_t)t1, sizeof(double));
        if (!ep->qp) return DAM_ERR_NOMEM;
        s->bytes += ((size_t)2 * t1 * t1 + 8 * (size_t)t1) * sizeof(double);
    }
    return DAM_OK;
}

/* The settings: M = memory_per_task (256, also for a 0), which GEM and A-GEM share
   (GEM's table owns it), GEM's margin gamma (0.5; 0 is plain GEM, a setting) and
   A-GEM's reference sample (256, also for a 0). */
static void dam__gem_defaults(dam_seq_desc *d) { d->memory_per_task = 256, d->gem_margin = 0.5; }
static void dam__agem_defaults(dam_seq_desc *d) { d->agem_sample = 256; }

static dam_result dam__gem_check(dam_seq_desc *d, const dam_technique_ops *self, char *why)
{
    (void)self;
    if (!dam__finite(d->gem_margin)) return dam__why(why, DAM_ERR_NOT_FINITE, "gem_margin is NaN or infinite");
    if (d->gem_margin < 0) return dam__why(why, DAM_ERR_STRENGTH, "gem_margin = %g: need >= 0", d->gem_margin);
    if (d->memory_per_task == 0) {
        dam_seq_desc z;
        dam__gem_defaults(&z);
        d->memory_per_task = z.memory_per_task;
    }
    if (d->memory_per_task < 1 || d->memory_per_task > (1 << 20))
        return dam__why(why, DAM_ERR_ARGUMENT, "memory_per_task = %d: need 1..%d (0: the default)", d->memory_per_task, 1 << 20);
    return DAM_OK;
}

static dam_result dam__agem_check(dam_seq_desc *d, const dam_technique_ops *self, char *why)
{
    (void)self;
    if (d->agem_sample == 0) {
        dam_seq_desc z;
        dam__agem_defaults(&z);
        d->agem_sample = z.agem_sample;
    }
    if (d->agem_sample < 1 || d->agem_sample > (1 << 24))
        return dam__why(why, DAM_ERR_ARGUMENT, "agem_sample = %d: need 1..%d (0: the default)", d->agem_sample, 1 << 24);
    return DAM_OK;
}

static void dam__gem_key(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    (void)state;
    dam_checkpoint_key_real(w, "gem_margin", s->d.gem_margin);
    dam_checkpoint_key_int(w, "memory_per_task", s->d.memory_per_task);
}

static void dam__agem_key(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    (void)state;
    dam_checkpoint_key_int(w, "agem_sample", s->d.agem_sample);
}

static dam_result dam__gem_setup(dam_seq *s, const dam_technique_ops *self, void **state)
{
    (void)self;
    return dam__episodic_setup(s, state, 1);
}

static dam_result dam__agem_setup(dam_seq *s, const dam_technique_ops *self, void **state)
{
    (void)self;
    return dam__episodic_setup(s, state, 0);
}

/* Keep M random items of task t in the episodic memory (appended after task t-1's). */
static dam_result dam__episodic_consolidate(dam_seq *s, void *state, int t, dam_rng *rng)
{
    dam__episodic *ep = (dam__episodic *)state;
    const dam_dataset *ds = s->train[t];
    int keep = s->d.memory_per_task < ds->count ? s->d.memory_per_task : ds->count;
    ep->count[t] = keep;
    dam__seq_keep_items(s, &ep->items, ds, keep, rng);
    return DAM_OK;
}

/* GEM / A-GEM inside the grad_hook: t = s->done finished tasks have memories. */
static dam_result dam__episodic_grad(dam_seq *s, void *state, dam_real *G)
{
    dam__episodic *ep = (dam__episodic *)state;
    dam_trainer *tr = &s->tr;
    size_t KN = (size_t)s->net->K * s->net->N, i;
    int t = s->done, k, first = 0, pr, N = ep->items.N;
    dam_result r;
    if (ep->gem) {
        for (k = 0; k < t; k++) {
            int cnt = ep->count[k], j;
            dam_real scale = (dam_real)tr->priv.max_batch / (dam_real)cnt, *gk = ep->gk + (size_t)k * KN;
            for (j = 0; j < cnt; j++) ep->rows[j] = ep->items.x + (size_t)(first + j) * N;
            first += cnt;
            if ((r = dam_trainer_loss_grad(tr, ep->rows, cnt, gk, NULL)) != DAM_OK) {
                memcpy(s->why, tr->why, DAM_WHY_SIZE);
                return r;
            }
            for (i = 0; i < KN; i++) gk[i] *= scale;
        }
        pr = dam_gem_project(G, ep->gk, t, KN, s->d.gem_margin, ep->qp);
    } else {
        int U = 0, S, j;
        for (k = 0; k < t; k++) U += ep->count[k];
        S = s->d.agem_sample < U ? s->d.agem_sample : U;
        dam__seq_sample(s->rng, ep->index, U, S);
        for (j = 0; j < S; j++) ep->rows[j] = ep->items.x + (size_t)ep->index[j] * N;
        if ((r = dam_trainer_loss_grad(tr, ep->rows, S, ep->gk, NULL)) != DAM_OK) {
            memcpy(s->why, tr->why, DAM_WHY_SIZE);
            return r;
        }
        pr = dam_agem_project(G, ep->gk, KN);
    }
    if (pr < 0)
        return dam__why(s->why, (dam_result)pr, pr == DAM_ERR_NOT_CONVERGED ? "the GEM dual did not converge within its pass limit"
                                                                          : "the GEM dual could not be solved (parallel memory gradients)");
    s->projections += pr;
    return DAM_OK;
}

/* The block: the episodic items (a set), then u32 count (T-1) when they exist. */
static void dam__episodic_save(const dam_seq *s, const void *state, dam_checkpoint_writer *w)
{
    const dam__episodic *ep = (const dam__episodic *)state;
    int k;
    dam_checkpoint_put_set(w, &ep->items);
    if (ep->count)
        for (k = 0; k < s->T - 1; k++) dam_checkpoint_put_u32(w, (uint32_t)ep->count[k]);
}

static dam_result dam__episodic_load(dam_seq *s, void *state, dam_checkpoint_reader *r)
{
    dam__episodic *ep = (dam__episodic *)state;
    int k, M = s->d.memory_per_task;
    if (!dam_checkpoint_get_set(r, &ep->items, ep->items.x ? (s->T - 1) * M : 0)) return DAM_ERR_SHAPE;
    if (ep->count)
        for (k = 0; k < s->T - 1; k++) {
            uint32_t c = dam_checkpoint_get_u32(r);
            if (c > (uint32_t)M) return DAM_ERR_SHAPE;
            if (dam_checkpoint_applying(r)) ep->count[k] = (int)c;
        }
    return dam_checkpoint_ok(r) ? DAM_OK : DAM_ERR_SHAPE;
}

static const dam_technique_ops dam__gem_ops = {
    "gem", 1, NULL, dam__gem_setup, dam__episodic_free, NULL, NULL, dam__episodic_grad, NULL, NULL,
    dam__episodic_consolidate, dam__gem_key, dam__episodic_save, dam__episodic_load, NULL, dam__gem_defaults, dam__gem_check};
static const dam_technique_ops dam__agem_ops = {
    "agem", 1, NULL, dam__agem_setup, dam__episodic_free, NULL, NULL, dam__episodic_grad, NULL, NULL,
    dam__episodic_consolidate, dam__agem_key, dam__episodic_save, dam__episodic_load, NULL, dam__agem_defaults, dam__agem_check};

/* ====================================================================================
   >>dam:seq.tables  The built-in technique tables
   Paper: -
   Book: 11-appendix.md
   The list dam_seq_defaults and dam_technique_table choose from: one dam_technique_ops
   per dam_technique, each defined in its own section above (vanilla, which adds
   nothing, has no hooks). A technique of a program's own needs no entry here: it goes
   into dam_seq_desc.extra (book chapter 11, section D).
   ==================================================================================== */

static const dam_technique_ops dam__vanilla_ops = {"vanilla", 0, NULL, NULL, NULL, NULL, NULL, NULL,
                                                   NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL};

/* The built-in tables, in dam_technique order. */
static const dam_technique_ops *const dam__tech_tables[DAM_TECH_COUNT] = {
    &dam__vanilla_ops, &dam__rehearsal_ops, &dam__pseudo_ops, &dam__ewc_ops,
    &dam__si_ops,      &dam__mas_ops,       &dam__gem_ops,    &dam__agem_ops};

DAMDEF const dam_technique_ops *dam_technique_table(dam_technique t)
{
    return (int)t >= 0 && (int)t < DAM_TECH_COUNT ? dam__tech_tables[t] : NULL;
}

/* ====================================================================================
   >>dam:hopfield.sequence  Sequential learning in the classical Hopfield network
   Paper: the parallels the paper draws with the classical network (Robins & McCallum
          1998: catastrophic forgetting and pseudorehearsal in Hopfield-type networks)
   Book: 01-hopfield.md
   T tasks of P random bipolar patterns are learned one after another into the same W:
     Hebbian: W += (1/N) sum_p xi_p xi_p^T over the task's training patterns. Learning is
       additive, so nothing is overwritten; a new task hurts the old ones through
       crosstalk, and past about 0.14 N patterns in all, recall of everything collapses.
       Replaying items under Hebb adds them again: it only adds load, so no replay can
       save the old tasks (it is the baseline, not a method).
     Delta with margin kappa: perceptron steps until xi_i h_i > kappa for every neuron
       of every training pattern of the task (or max_epochs; the task then counts as
       unconverged): a new task moves W only as far as it must, and old patterns in the
       way are overwritten (the classical catastrophic forgetting). kappa = 0 stores
       patterns with tiny basins (a few flipped bits leave them); a margin widens the
       basins, and it is what makes replay pay off in recall.
   Replay (what the training patterns of task t > 0 are besides the task's own):
     rehearsal:       round-up(r P) random patterns of every finished task (kept in a
                      buffer when the task ended)
     pseudorehearsal (Robins & McCallum 1998): after each task, pseudo_probes random
                      probes (each bit +1 with probability p) relax asynchronously in
                      the current W; only fixed points count, x and -x are one
                      attractor, and the pseudo_keep most visited attractors not yet in
                      the buffer join a persistent pseudo-buffer; every later task
                      trains on its patterns plus the whole buffer. The most visited
                      attractors of a network trained to a margin are mostly the stored
                      patterns themselves (spurious mixtures have small basins), and
                      keeping them, instead of remaking pseudo-items from a network
                      already bent by earlier pseudo-items, stops the drift.
   After every task i each task j is measured: the fraction of its patterns that are
   fixed points, and the fraction recalled from probes with `flip` of the bits flipped
   (at most tolerance*N bits wrong after relaxation).
   memory: one block of (P + 2 (T-1) (ceil(r P) + pseudo_keep)) N bytes + P ints,
           taken once; dam_hopfield_attractors takes pseudo_probes (N + 4) bytes per call.
   ==================================================================================== */

DAMDEF dam_hopfield_seq_desc dam_hopfield_seq_defaults(void)
{
    dam_hopfield_seq_desc d;
    memset(&d, 0, sizeof d);
    d.rule = DAM_HOPFIELD_HEBBIAN;
    d.replay = DAM_REPLAY_NONE;
    d.rehearsal_fraction = 0.5;
    d.pseudo_probes = 300;
    d.pseudo_keep = 3;
    d.pseudo_density = 0.5;
    d.eta = 0.1;
    d.kappa = 0;
    d.max_epochs = 100;
    d.symmetric = 1;
    d.flip = 0.1;
    d.tolerance = 0.02;
    d.max_sweeps = 20;
    return d;
}

DAMDEF dam_result dam_hopfield_sequence(dam_hopfield *h, const signed char *patterns, int T,
                                        int P, const dam_hopfield_seq_desc *d,
                                        dam_rng *rng, double *stable, double *recall,
                                        dam_hopfield_seq_info *info)
{
    int N, keep, t, i, j, nbuf = 0, ntrain, cap, pcap, npse = 0, ep, unst;
    signed char *block, *train, *buf, *pseudo;
    int *index;
    dam_result r = DAM_OK;
    if (info) {
        signed char *keep_out = info->pseudo;
        memset(info, 0, sizeof *info);
        info->pseudo = keep_out;
    }
    if (!h || !h->W) return DAM_ERR_ARGUMENT;
    if (!patterns || !d || !rng) return dam__why(h->why, DAM_ERR_ARGUMENT, "no patterns, desc or rng");
    if (T < 1 || T > DAM_SEQ_MAX_TASKS) return dam__why(h->why, DAM_ERR_TASKS, "T = %d tasks: need 1..%d", T, DAM_SEQ_MAX_TASKS);
    if (P < 1) return dam__why(h->why, DAM_ERR_EMPTY, "P = %d patterns per task", P);
    if ((int)d->rule != DAM_HOPFIELD_HEBBIAN && (int)d->rule != DAM_HOPFIELD_DELTA)
        return dam__why(h->why, DAM_ERR_ARGUMENT, "rule %d unknown (0 Hebbian, 1 Delta)", (int)d->rule);
    if ((int)d->replay < DAM_REPLAY_NONE || (int)d->replay > DAM_REPLAY_PSEUDO)
        return dam__why(h->why, DAM_ERR_ARGUMENT, "replay %d unknown (0 none, 1 rehearsal, 2 pseudo)", (int)d->replay);
    if (!dam__finite(d->rehearsal_fraction) || !dam__finite(d->pseudo_density) || !dam__finite(d->flip) ||
        !dam__finite(d->tolerance) || !dam__finite(d->eta) || !dam__finite(d->kappa))
        return dam__why(h->why, DAM_ERR_NOT_FINITE, "a fraction, eta or kappa is NaN or infinite");
    if (d->rehearsal_fraction < 0 || d->rehearsal_fraction > 1 || d->pseudo_density < 0 || d->pseudo_density > 1 ||
        d->flip < 0 || d->flip > 1 || d->tolerance < 0 || d->tolerance > 1)
        return dam__why(h->why, DAM_ERR_FRACTION, "rehearsal_fraction %g, pseudo_density %g, flip %g, tolerance %g: each in [0, 1]",
                        d->rehearsal_fraction, d->pseudo_density, d->flip, d->tolerance);
    if (d->pseudo_probes < 1 || d->pseudo_probes > (1 << 20) || d->pseudo_keep < 0 || d->pseudo_keep > 4096)
        return dam__why(h->why, DAM_ERR_ARGUMENT, "pseudo_probes = %d (need 1..%d), pseudo_keep = %d (need 0..4096)",
                        d->pseudo_probes, 1 << 20, d->pseudo_keep);
    if (d->rule == DAM_HOPFIELD_DELTA && d->eta <= 0) return dam__why(h->why, DAM_ERR_RATE, "eta = %g: need > 0", d->eta);
    if (d->rule == DAM_HOPFIELD_DELTA && d->kappa < 0) return dam__why(h->why, DAM_ERR_STRENGTH, "kappa = %g: need >= 0", d->kappa);
    if (d->rule == DAM_HOPFIELD_DELTA && d->max_epochs < 1) return dam__why(h->why, DAM_ERR_EPOCHS, "max_epochs = %d", d->max_epochs);
    if (d->max_sweeps < 1) return dam__why(h->why, DAM_ERR_SWEEPS, "max_sweeps = %d: need >= 1", d->max_sweeps);
    N = h->N;
    keep = d->replay == DAM_REPLAY_REHEARSAL ? (int)ceil(d->rehearsal_fraction * P) : 0;
    if (keep > P) keep = P;
    pcap = d->replay == DAM_REPLAY_PSEUDO ? (T - 1) * d->pseudo_keep : 0;
    cap = P + (T - 1) * keep + pcap;
    block = (signed char *)dam__alloc(&h->al, (size_t)(cap + (T - 1) * keep + pcap) * N, 1);
    index = (int *)dam__alloc(&h->al, (size_t)P, sizeof(int));
    if (!block || !index) {
        dam__free(&h->al, block);
        dam__free(&h->al, index);
        return dam__why(h->why, DAM_ERR_NOMEM, "no memory for %d training patterns of N = %d", cap, N);
    }
    train = block;                               /* cap x N: what one task learns      */
    buf = train + (size_t)cap * N;               /* (T-1) keep x N: rehearsal buffer    */
    pseudo = buf + (size_t)(T - 1) * keep * N;   /* (T-1) pseudo_keep x N: attractors   */
    for (t = 0; t < T && r == DAM_OK; t++) {
        const signed char *task = patterns + (size_t)t * P * N;
        memcpy(train, task, (size_t)P * N);
        ntrain = P;
        if (t > 0 && d->replay == DAM_REPLAY_REHEARSAL) {
            memcpy(train + (size_t)ntrain * N, buf, (size_t)nbuf * N);
            ntrain += nbuf;
        }
        if (t > 0 && npse > 0) {
            memcpy(train + (size_t)ntrain * N, pseudo, (size_t)npse * N);
            ntrain += npse;
        }
        if (d->rule == DAM_HOPFIELD_HEBBIAN) r = dam_hopfield_hebbian(h, train, ntrain);
        else {
            r = dam_hopfield_delta_margin(h, train, ntrain, d->eta, d->kappa, d->max_epochs, d->symmetric, &ep, &unst);
            if (info) info->epochs += ep, info->unconverged += unst > 0;
        }
        if (r != DAM_OK) break;
        if (t < T - 1 && keep > 0) { /* keep a random ceil(r P) of this task */
            for (i = 0; i < P; i++) index[i] = i;
            for (i = 0; i < keep; i++) {
                int o = i + (int)dam_rng_below(rng, (uint64_t)(P - i)), tmp = index[i];
                index[i] = index[o];
                index[o] = tmp;
                memcpy(buf + (size_t)(nbuf + i) * N, task + (size_t)index[i] * N, (size_t)N);
            }
            nbuf += keep;
        }
        if (t < T - 1 && pcap > 0) { /* the most visited new attractors join the buffer */
            int got = dam_hopfield_attractors(h, d->pseudo_probes, d->pseudo_density, d->max_sweeps, pseudo, npse,
                                              pseudo + (size_t)npse * N, d->pseudo_keep, rng);
            if (got < 0) { r = (dam_result)got; break; }
            npse += got;
        }
        for (j = 0; j < T; j++) {
            const signed char *tj = patterns + (size_t)j * P * N;
            if (stable) stable[(size_t)t * T + j] = dam_hopfield_stable_fraction(h, tj, P);
            if (recall) recall[(size_t)t * T + j] = dam_hopfield_recall_fraction(h, tj, P, d->flip, d->tolerance, d->max_sweeps, rng);
        }
    }
    if (info) {
        info->pseudo_count = npse;
        for (i = 0; i < npse; i++) {
            int k, seen = 0;
            for (k = 0; k < (T - 1) * P && !seen; k++) seen = dam__same_up_to_sign(pseudo + (size_t)i * N, patterns + (size_t)k * N, N);
            info->pseudo_stored += seen;
        }
        if (info->pseudo && npse) memcpy(info->pseudo, pseudo, (size_t)npse * N);
    }
    dam__free(&h->al, block);
    dam__free(&h->al, index);
    return r;
}

/* ====================================================================================
   >>dam:checkpoint  Checkpoints: save and resume without losing anything
   Paper: -
   Book: 11-appendix.md
   Layout (all integers little-endian, whatever the machine):
       "DAMCKPT\n"            8 bytes of magic
       u32 version            DAM_CHECKPOINT_VERSION (3; a version-2 network is read, a
                              version-2 sequence refused: it predates the tables)
       u32 byte-order mark    0x01020304, written with the same little-endian rule: a
                              reader that gets anything else is reading it wrong
       u32 kind               1 Hopfield network, 2 DAM, 3 sequence
       u64 payload bytes
       payload                (DAM, sequence) u32 key bytes, then the settings key;
                              then dimensions, then the numbers (reals as float64)
       u64 checksum           FNV-1a 64 of every byte before it
   The settings key is text: one "name=value\n" line per setting that changes results,
   sorted by name (bytewise), no NUL. Integers are written as integers, reals with
   %.17g (which reads back to the same double), hashes as 0x + 16 hex digits, enums by
   name. A DAM's key (dam__dense_key) holds every dam_dense_desc field but init_mean and
   init_std (they only draw the first memories, which the file replaces):
       net.K net.N net.eps net.function net.mask_count net.mask_start net.n
       net.temperature (T)
   A sequence's key (dam__seq_key) holds these (net.temperature: T when task 0 started),
   every dam_seq_desc field by its own name (agem_sample ... si_damping), every
   dam_train_desc field as train.<field> (not progress and user, which cannot change
   results, nor keep_step, which dam_seq sets from the tables), technique (the names of
   the run's tables joined by '+', e.g. "rehearsal+ewc"), the lines of every table's
   key hook (a user's technique: "l2pull.lambda=1"; the key is sorted after they are
   written and a line two tables both write is kept once), tasks,
   real (float64 or float32: a run resumed in the other build would finish like
   neither), and per task t (two digits, so the names sort in task order)
   tasks.tt.train and tasks.tt.test = "<count> items 0x<FNV-1a of the items' N bytes
   each, then their labels as u32>". The seed: dam_seq never sees it (the caller seeds
   its own dam_rng and draws the task permutations and the first memories from it
   before the run), so it enters twice. dam_seq_desc.seed (default 0) is the seed as
   the caller states it, for a refusal in words ("seed=1 ... seed=99"); start.rng and
   start.memories are FNV-1a hashes of the generator state and of the memories when
   task 0 started (s->start), which catch another seed, or other draws before the run,
   or other init_mean and init_std, even when seed is left 0. A resume compares the
   file's key with the one the sequence would write, line by line; the first name or
   value that differs is the one the refusal names. Hashing the items costs about 1 s
   per GB, once per run (when task 0 starts with s->checkpoint set, or at the resume).
   Why these choices: fixed little-endian and float64 make a file portable between
   machines and between the double and float builds; the checksum catches a torn or
   corrupted file before a single value is trusted; the temporary file plus rename is
   the one way POSIX and Windows offer to replace a file all at once; the key as text
   makes a refusal say in words what differs, and `strings file.ck` shows how a
   checkpoint was made.
   ==================================================================================== */


#define DAM__CK_MAGIC "DAMCKPT\n"
#define DAM__CK_HEADER 28 /* magic 8 + version 4 + bom 4 + kind 4 + payload size 8 */
enum { DAM__CK_HOPFIELD = 1, DAM__CK_DENSE = 2, DAM__CK_SEQUENCE = 3 };

/* A growing byte buffer: the whole file is built in memory, then written at once. */
typedef struct dam__buf {
    unsigned char *p;
    size_t len, cap;
    int failed;          /* an allocation failed: everything after is dropped */
    dam_allocator al;
} dam__buf;

static void dam__buf_put(dam__buf *b, const void *data, size_t n)
{
    if (b->failed) return;
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        unsigned char *q;
        while (cap < b->len + n) cap *= 2;
        q = (unsigned char *)dam__alloc(&b->al, cap, 1);
        if (!q) { b->failed = 1; return; }
        if (b->len) memcpy(q, b->p, b->len);
        dam__free(&b->al, b->p);
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, data, n);
    b->len += n;
}

/* An integer of `bytes` bytes, least significant first (little-endian on every machine). */
static void dam__put_le(dam__buf *b, uint64_t v, int bytes)
{
    unsigned char x[8];
    int k;
    for (k = 0; k < bytes; k++) x[k] = (unsigned char)(v >> (8 * k));
    dam__buf_put(b, x, (size_t)bytes);
}

static void dam__put_u32(dam__buf *b, uint32_t v) { dam__put_le(b, v, 4); }
static void dam__put_u64(dam__buf *b, uint64_t v) { dam__put_le(b, v, 8); }

static void dam__put_f64(dam__buf *b, double v)
{
    uint64_t u;
    memcpy(&u, &v, 8);
    dam__put_u64(b, u);
}

static void dam__put_reals(dam__buf *b, const dam_real *v, size_t n)
{
    size_t k;
    for (k = 0; k < n; k++) dam__put_f64(b, (double)v[k]);
}

/* FNV-1a 64: h = (h XOR byte) * 1099511628211 for every byte, from the offset basis. */
#define DAM__FNV_BASIS 0xcbf29ce484222325ULL
static uint64_t dam__fnv1a_add(uint64_t h, const unsigned char *p, size_t n)
{
    size_t k;
    for (k = 0; k < n; k++) h = (h ^ p[k]) * 0x100000001b3ULL;
    return h;
}

static uint64_t dam__fnv1a(const unsigned char *p, size_t n) { return dam__fnv1a_add(DAM__FNV_BASIS, p, n); }

/* Hash an integer of `bytes` bytes, or a real as float64, as a checkpoint writes it. */
static uint64_t dam__fnv1a_le(uint64_t h, uint64_t v, int bytes)
{
    int k;
    for (k = 0; k < bytes; k++) h = (h ^ (unsigned char)(v >> (8 * k))) * 0x100000001b3ULL;
    return h;
}

static uint64_t dam__fnv1a_f64(uint64_t h, double v)
{
    uint64_t u;
    memcpy(&u, &v, 8);
    return dam__fnv1a_le(h, u, 8);
}

/* ----- the settings key (see the layout above) ----- */
static void dam__key_put(dam__buf *b, const char *name, const char *value)
{
    dam__buf_put(b, name, strlen(name));
    dam__buf_put(b, "=", 1);
    dam__buf_put(b, value, strlen(value));
    dam__buf_put(b, "\n", 1);
}

static void dam__key_int(dam__buf *b, const char *name, long long v)
{
    char t[32];
    snprintf(t, sizeof t, "%lld", v);
    dam__key_put(b, name, t);
}

static void dam__key_real(dam__buf *b, const char *name, double v)
{
    char t[40];
    snprintf(t, sizeof t, "%.17g", v);
    dam__key_put(b, name, t);
}

static void dam__key_hash(dam__buf *b, const char *name, uint64_t v)
{
    char t[24];
    snprintf(t, sizeof t, "0x%016llx", (unsigned long long)v);
    dam__key_put(b, name, t);
}

static const char *const dam__function_names[] = {"poly", "rectified", "leaky", "exp"};

/* A network's settings: every dam_dense_desc field but init_mean and init_std. */
static void dam__dense_key(dam__buf *b, const dam_dense *net, double T)
{
    dam__key_int(b, "net.K", net->K);
    dam__key_int(b, "net.N", net->N);
    dam__key_real(b, "net.eps", (double)net->eps);
    dam__key_put(b, "net.function", (unsigned)net->f < 4 ? dam__function_names[net->f] : "unknown");
    dam__key_int(b, "net.mask_count", net->mask_count);
    dam__key_int(b, "net.mask_start", net->mask_start);
    dam__key_int(b, "net.n", net->n);
    dam__key_real(b, "net.temperature", T); /* dam_dense_desc.T */
}

/* The hash of a data set's items: the N bytes of every item, then the labels as u32. */
static uint64_t dam__set_hash(const dam_dataset *ds)
{
    uint64_t h = DAM__FNV_BASIS;
    int i;
    if (!ds->x) return h;
    h = dam__fnv1a_add(h, (const unsigned char *)ds->x, (size_t)ds->count * ds->N);
    for (i = 0; i < ds->count; i++) h = dam__fnv1a_le(h, (uint32_t)ds->label[i], 4);
    if (ds->allowed) h = dam__fnv1a_add(h, ds->allowed, (size_t)ds->classes); /* task-incremental flags */
    return h;
}

/* How the run begins: the generator, the memories (as float64) and the temperature. */
static void dam__seq_take_start(const dam_seq *s, const dam_rng *rng, dam_seq_start *st)
{
    uint64_t h = DAM__FNV_BASIS;
    size_t k, KN = (size_t)s->net->K * s->net->N;
    for (k = 0; k < 4; k++) h = dam__fnv1a_le(h, rng->s[k], 8);
    h = dam__fnv1a_f64(h, rng->spare);
    st->rng = dam__fnv1a_le(h, (uint32_t)rng->has_spare, 4);
    h = DAM__FNV_BASIS;
    for (k = 0; k < KN; k++) h = dam__fnv1a_f64(h, (double)s->net->xi[k]);
    st->memories = h;
    st->T = (double)s->net->T;
    st->taken = 1;
}

static void dam__seq_hash_items(const dam_seq *s, dam_seq_start *st)
{
    int t;
    for (t = 0; t < s->T; t++) {
        st->items[2 * t] = dam__set_hash(s->train[t]);
        st->items[2 * t + 1] = dam__set_hash(s->test[t]);
    }
    st->hashed = 1;
}

/* The start this run's key records: what s->start holds, the rest from now (before
   task 0 the generator and memories now ARE the start; the items do not change). */
static void dam__seq_current_start(const dam_seq *s, const dam_rng *rng, dam_seq_start *st)
{
    *st = s->start;
    if (!st->taken) dam__seq_take_start(s, rng, st);
    if (!st->hashed) dam__seq_hash_items(s, st);
}

/* A sequence's key: every line in name order (checked by tests/test_checkpoint.c). */
/* Sort the key lines written from b->p + from on by name (then value) and drop
   repeated lines: the tables' own lines may come in any order. O(lines^2), a few
   dozen lines. */
static void dam__key_sort(dam__buf *b, size_t from)
{
    size_t at, n = 0, i, j, len;
    size_t *line;
    unsigned char *copy;
    if (b->failed || b->len <= from) return;
    for (at = from; at < b->len; at++) n += b->p[at] == '\n';
    len = b->len - from;
    line = (size_t *)dam__alloc(&b->al, n + 1, sizeof(size_t));
    copy = (unsigned char *)dam__alloc(&b->al, len, 1);
    if (!line || !copy) {
        dam__free(&b->al, line);
        dam__free(&b->al, copy);
        b->failed = 1;
        return;
    }
    memcpy(copy, b->p + from, len);
    for (at = 0, i = 0; at < len && i < n; i++) { /* line starts (every line ends in \n) */
        line[i] = at;
        while (copy[at] != '\n') at++;
        at++;
    }
    for (i = 1; i < n; i++) /* insertion sort, by name first ('=' before any name byte) */
        for (j = i; j > 0; j--) {
            const unsigned char *x = copy + line[j - 1], *y = copy + line[j];
            size_t k = 0;
            int c;
            while (x[k] == y[k] && x[k] != '\n') k++;
            c = x[k] == y[k] ? 0 : x[k] == '=' ? -1 : y[k] == '=' ? 1 : x[k] == '\n' ? -1 : y[k] == '\n' ? 1 : x[k] < y[k] ? -1 : 1;
            if (c <= 0) break;
            at = line[j - 1], line[j - 1] = line[j], line[j] = at;
        }
    b->len = from;
    for (i = 0; i < n; i++) {
        size_t e = line[i];
        while (copy[e] != '\n') e++;
        if (i > 0) { /* a repeated line (two tables writing one setting) once */
            size_t p = line[i - 1], q = line[i];
            while (copy[p] == copy[q] && copy[p] != '\n') p++, q++;
            if (copy[p] == '\n' && copy[q] == '\n') continue;
        }
        dam__buf_put(b, copy + line[i], e - line[i] + 1);
    }
    dam__free(&b->al, line);
    dam__free(&b->al, copy);
}

static void dam__seq_key(dam__buf *b, const dam_seq *s, const dam_seq_start *st)
{
    size_t from = b->len;
    static const char *const probes[] = {"off", "target"}, *const products[] = {"auto", "dense", "signed"};
    const dam_seq_desc *d = &s->d;
    const dam_train_desc *td = &s->d.train;
    char name[32], value[64];
    int t;
    dam__dense_key(b, s->net, st->T);
    dam__key_put(b, "real", sizeof(dam_real) == sizeof(double) ? "float64" : "float32");
    snprintf(value, sizeof value, "%llu", (unsigned long long)d->seed);
    dam__key_put(b, "seed", value);
    dam__key_hash(b, "start.memories", st->memories);
    dam__key_hash(b, "start.rng", st->rng);
    dam__key_int(b, "tasks", s->T);
    for (t = 0; t < s->T; t++) {
        snprintf(name, sizeof name, "tasks.%02d.test", t);
        snprintf(value, sizeof value, "%d items 0x%016llx", s->test[t]->count, (unsigned long long)st->items[2 * t + 1]);
        dam__key_put(b, name, value);
        snprintf(name, sizeof name, "tasks.%02d.train", t);
        snprintf(value, sizeof value, "%d items 0x%016llx", s->train[t]->count, (unsigned long long)st->items[2 * t]);
        dam__key_put(b, name, value);
    }
    {
        char names[DAM_SEQ_MAX_TECHNIQUES * 42] = "";
        int k;
        for (k = 0; k < s->techniques; k++) { /* the run's tables, e.g. rehearsal+ewc */
            if (k) strcat(names, "+");
            strncat(names, s->ops[k]->name, 40);
        }
        dam__key_put(b, "technique", names);
    }
    dam__key_real(b, "train.T_end", td->T_end);
    dam__key_real(b, "train.T_start", td->T_start);
    dam__key_int(b, "train.batch", td->batch);
    dam__key_int(b, "train.epochs", td->epochs);
    dam__key_int(b, "train.loss_power", td->loss_power);
    dam__key_real(b, "train.lr", td->lr);
    dam__key_real(b, "train.lr_decay", td->lr_decay);
    dam__key_real(b, "train.momentum", td->momentum);
    dam__key_put(b, "train.probe", (unsigned)td->probe < 2 ? probes[td->probe] : "unknown");
    dam__key_put(b, "train.product", (unsigned)td->product < 3 ? products[td->product] : "unknown");
    for (t = 0; t < DAM_TECH_COUNT; t++) { /* the built-in tables' desc fields, in every run */
        const dam_technique_ops *o = dam_technique_table((dam_technique)t);
        const void *state = NULL;
        int k;
        for (k = 0; k < s->techniques; k++)
            if (s->ops[k] == o) state = s->state[k];
        if (o->key) o->key(s, state, b);
    }
    for (t = 0; t < s->techniques; t++) /* a program's tables: their own lines */
        if (!dam__seq_builtin(s->ops[t]) && s->ops[t]->key) s->ops[t]->key(s, s->state[t], b);
    dam__key_sort(b, from);
}

/* Reserve the u32 length of a key about to be written at b->len; dam__key_close
   fills it in once the key's lines are written. */
static size_t dam__key_open(dam__buf *b)
{
    size_t at = b->len;
    dam__put_u32(b, 0);
    return at;
}

static void dam__key_close(dam__buf *b, size_t at)
{
    uint64_t n = b->len - at - 4;
    int k;
    if (b->failed) return;
    for (k = 0; k < 4; k++) b->p[at + k] = (unsigned char)(n >> (8 * k));
}

/* One line of a key: its length (without the newline) and the length of its name. */
static size_t dam__key_line(const char *p, size_t len, size_t *name)
{
    size_t k = 0;
    while (k < len && p[k] != '\n') k++;
    *name = 0;
    while (*name < k && p[*name] != '=') (*name)++;
    return k;
}

/* Compare the file's key with the run's (both sorted by name): 0 if they are equal, else
   1 with why naming the first setting that differs and both values. */
static int dam__key_differs(const char *file, size_t flen, const char *run, size_t rlen, char *why)
{
    size_t i = 0, j = 0;
    while (i < flen || j < rlen) {
        size_t fn = 0, rn = 0, fl = i < flen ? dam__key_line(file + i, flen - i, &fn) : 0;
        size_t rl = j < rlen ? dam__key_line(run + j, rlen - j, &rn) : 0;
        int c;
        if (i >= flen) c = 1;
        else if (j >= rlen) c = -1;
        else {
            c = memcmp(file + i, run + j, fn < rn ? fn : rn);
            if (c == 0) c = fn < rn ? -1 : fn > rn ? 1 : 0;
        }
        if (c == 0 && fl == rl && memcmp(file + i, run + j, fl) == 0) {
            i += fl + 1, j += rl + 1;
            continue;
        }
        if (c == 0)
            dam__why(why, DAM_ERR_CHECKPOINT_MISMATCH, "checkpoint was made with %.*s, this run has %.*s",
                     (int)(fl < 64 ? fl : 64), file + i, (int)(rl < 64 ? rl : 64), run + j);
        else if (c < 0)
            dam__why(why, DAM_ERR_CHECKPOINT_MISMATCH, "checkpoint was made with %.*s, this run has no %.*s",
                     (int)(fl < 64 ? fl : 64), file + i, (int)(fn < 40 ? fn : 40), file + i);
        else
            dam__why(why, DAM_ERR_CHECKPOINT_MISMATCH, "checkpoint was made without %.*s, this run has %.*s",
                     (int)(rn < 40 ? rn : 40), run + j, (int)(rl < 64 ? rl : 64), run + j);
        return 1;
    }
    return 0;
}

/* Start a checkpoint of the given kind: the header with a placeholder payload size. */
static void dam__ck_begin(dam__buf *b, uint32_t kind, const dam_allocator *al)
{
    memset(b, 0, sizeof *b);
    b->al = dam__allocator(al);
    dam__buf_put(b, DAM__CK_MAGIC, 8);
    dam__put_u32(b, DAM_CHECKPOINT_VERSION);
    dam__put_u32(b, 0x01020304u);
    dam__put_u32(b, kind);
    dam__put_u64(b, 0);
}

/* Finish (payload size, checksum) and write atomically. Frees the buffer. */
static dam_result dam__ck_write(dam__buf *b, const char *path, char *why)
{
#ifndef DAM_NO_STDIO
    char tmp[1024];
    FILE *f;
    size_t plen;
    int ok, k;
    uint64_t payload = b->len >= DAM__CK_HEADER ? b->len - DAM__CK_HEADER : 0;
    if (b->failed) {
        dam__free(&b->al, b->p);
        return dam__why(why, DAM_ERR_NOMEM, "no memory to build the checkpoint");
    }
    for (k = 0; k < 8; k++) b->p[20 + k] = (unsigned char)(payload >> (8 * k));
    dam__put_u64(b, dam__fnv1a(b->p, b->len));
    if (b->failed) {
        dam__free(&b->al, b->p);
        return dam__why(why, DAM_ERR_NOMEM, "no memory to build the checkpoint");
    }
    plen = path ? strlen(path) : 0;
    if (!path || plen + 5 > sizeof tmp) {
        dam__free(&b->al, b->p);
        return dam__why(why, DAM_ERR_ARGUMENT, "no path, or a path too long");
    }
    memcpy(tmp, path, plen);
    memcpy(tmp + plen, ".tmp", 5);
    f = fopen(tmp, "wb");
    ok = f && fwrite(b->p, 1, b->len, f) == b->len;
    if (f) {
        ok = fflush(f) == 0 && ok;
#if DAM__HAVE_FDATASYNC
        ok = fdatasync(fileno(f)) == 0 && ok; /* the bytes are on disk before the rename */
#endif
        ok = fclose(f) == 0 && ok;
    }
    dam__free(&b->al, b->p);
    if (!ok || rename(tmp, path) != 0) {
        remove(tmp);
        return dam__why(why, DAM_ERR_IO, "cannot write '%.120s'", path);
    }
    return DAM_OK;
#else
    dam__free(&b->al, b->p);
    (void)path;
    return dam__why(why, DAM_ERR_UNSUPPORTED, "built with DAM_NO_STDIO");
#endif
}

/* A reader over a verified payload (apply: the second pass of a resume, see
   dam_checkpoint_get_reals). */
typedef struct dam__rd {
    const unsigned char *p;
    size_t len, at;
    int apply;
} dam__rd;

/* Read a little-endian integer of `bytes` bytes; past the end it returns 0 and marks
   the reader as overrun (at > len), which the loaders check. */
static uint64_t dam__get_le(dam__rd *r, int bytes)
{
    uint64_t v = 0;
    int k;
    if (r->at + (size_t)bytes > r->len) { r->at = r->len + 1; return 0; }
    for (k = 0; k < bytes; k++) v |= (uint64_t)r->p[r->at + k] << (8 * k);
    r->at += (size_t)bytes;
    return v;
}

static uint32_t dam__get_u32(dam__rd *r) { return (uint32_t)dam__get_le(r, 4); }
static uint64_t dam__get_u64(dam__rd *r) { return dam__get_le(r, 8); }

static double dam__get_f64(dam__rd *r)
{
    uint64_t u = dam__get_u64(r);
    double v;
    memcpy(&v, &u, 8);
    return v;
}

static void dam__get_reals(dam__rd *r, dam_real *v, size_t n)
{
    size_t k;
    if (r->at + 8 * n > r->len || r->at + 8 * n < r->at) { r->at = r->len + 1; return; }
    for (k = 0; k < n; k++) v[k] = (dam_real)dam__get_f64(r);
}

/* Check a whole file in memory: magic, version, byte order, kind, sizes, checksum.
   On success *rd reads the payload. */
static dam_result dam__ck_open(const unsigned char *bytes, size_t len, uint32_t kind, dam__rd *rd, char *why)
{
    dam__rd h;
    uint32_t version, bom, k;
    uint64_t payload, sum;
    if (len < 8 || memcmp(bytes, DAM__CK_MAGIC, 8) != 0)
        return dam__why(why, len < 8 ? DAM_ERR_TRUNCATED : DAM_ERR_MAGIC, "not a dam.h checkpoint (magic)");
    if (len < DAM__CK_HEADER + 8) return dam__why(why, DAM_ERR_TRUNCATED, "the checkpoint ends inside its header");
    h.p = bytes, h.len = len, h.at = 8;
    version = dam__get_u32(&h);
    bom = dam__get_u32(&h);
    k = dam__get_u32(&h);
    payload = dam__get_u64(&h);
    if (version == 1)
        return dam__why(why, DAM_ERR_VERSION, "format version 1 predates settings keys (this dam.h reads %d): rerun to make it again",
                        DAM_CHECKPOINT_VERSION);
    if (version == 2 && k == DAM__CK_SEQUENCE)
        return dam__why(why, DAM_ERR_VERSION, "a format version 2 sequence predates technique tables (this dam.h reads %d): rerun to make it again",
                        DAM_CHECKPOINT_VERSION);
    /* a network's layout is the same in versions 2 and 3 */
    if (version != DAM_CHECKPOINT_VERSION && !(version == 2 && k != DAM__CK_SEQUENCE))
        return dam__why(why, DAM_ERR_VERSION, "checkpoint format version %u, this dam.h reads %d", version, DAM_CHECKPOINT_VERSION);
    if (bom != 0x01020304u) return dam__why(why, DAM_ERR_VERSION, "byte-order mark 0x%08x: not a little-endian dam.h checkpoint", bom);
    if (payload > len || len - DAM__CK_HEADER - 8 < payload)
        return dam__why(why, DAM_ERR_TRUNCATED, "the checkpoint announces %lu payload bytes, the file holds %lu",
                        (unsigned long)payload, (unsigned long)(len - DAM__CK_HEADER - 8));
    h.at = DAM__CK_HEADER + (size_t)payload;
    sum = dam__get_u64(&h);
#ifndef DAM_FUZZING /* the fuzz harness skips the checksum to reach the parser behind it */
    if (sum != dam__fnv1a(bytes, DAM__CK_HEADER + (size_t)payload))
        return dam__why(why, DAM_ERR_CHECKSUM, "checksum mismatch: the checkpoint is corrupted");
#else
    (void)sum;
#endif
    if (k != kind) return dam__why(why, DAM_ERR_KIND, "a checkpoint of kind %u, expected kind %u", k, kind);
    rd->p = bytes + DAM__CK_HEADER;
    rd->len = (size_t)payload;
    rd->at = 0;
    return DAM_OK;
}

/* The settings key at the start of a verified payload: *key (klen bytes) points into
   it; the reader moves past it. Refused: a length past the payload, a byte that is
   neither printable ASCII nor a newline. */
static dam_result dam__ck_get_key(dam__rd *rd, const char **key, size_t *klen, char *why)
{
    uint32_t n = dam__get_u32(rd);
    size_t k;
    if (rd->at > rd->len || n > rd->len - rd->at)
        return dam__why(why, DAM_ERR_TRUNCATED, "the settings key (%lu bytes) runs past the payload", (unsigned long)n);
    for (k = 0; k < n; k++) {
        unsigned char c = rd->p[rd->at + k];
        if ((c < 0x20 || c > 0x7e) && c != '\n') return dam__why(why, DAM_ERR_SHAPE, "the settings key is not text");
    }
    *key = (const char *)rd->p + rd->at;
    *klen = n;
    rd->at += n;
    return DAM_OK;
}

#ifndef DAM_NO_STDIO
/* Read a checkpoint file and check it (magic ... checksum, kind): on success *bytes
   holds the file (free it with a) and *rd reads its payload. */
static dam_result dam__ck_read(const char *path, const dam_allocator *a, uint32_t kind, unsigned char **bytes,
                               dam__rd *rd, char *why_out)
{
    size_t len;
    dam_result r;
    char why[DAM_WHY_SIZE];
    if ((r = dam__read_file(path, a, bytes, &len, (size_t)1 << 36, why_out)) != DAM_OK) return r;
    if ((r = dam__ck_open(*bytes, len, kind, rd, why)) != DAM_OK) {
        dam__free(a, *bytes);
        *bytes = NULL;
        return dam__why(why_out, r, "%.60s: %.95s", path, why);
    }
    return DAM_OK;
}
#endif

DAMDEF dam_result dam_dense_save(dam_dense *net, const char *path)
{
    dam__buf b;
    size_t key;
    if (!net) return DAM_ERR_ARGUMENT;
    if (!net->xi) return dam__why(net->why, DAM_ERR_ARGUMENT, "no network (not made, or freed)");
    dam__ck_begin(&b, DAM__CK_DENSE, &net->al);
    key = dam__key_open(&b);
    dam__dense_key(&b, net, (double)net->T);
    dam__key_close(&b, key);
    dam__put_u32(&b, (uint32_t)net->N);
    dam__put_u32(&b, (uint32_t)net->K);
    dam__put_u32(&b, (uint32_t)net->n);
    dam__put_u32(&b, (uint32_t)net->f);
    dam__put_u32(&b, (uint32_t)net->mask_start);
    dam__put_u32(&b, (uint32_t)net->mask_count);
    dam__put_f64(&b, (double)net->eps);
    dam__put_f64(&b, (double)net->T);
    dam__put_reals(&b, net->xi, (size_t)net->K * net->N);
    return dam__ck_write(&b, path, net->why);
}

DAMDEF dam_result dam_dense_load(dam_dense *net, const char *path, const dam_allocator *al)
{
    return dam_dense_load_matching(net, path, NULL, al);
}

DAMDEF dam_result dam_dense_load_matching(dam_dense *net, const char *path, const dam_dense_desc *expect,
                                          const dam_allocator *al)
{
#ifndef DAM_NO_STDIO
    unsigned char *bytes;
    dam__rd rd;
    dam_dense_desc d;
    dam_result r;
    dam_allocator a = dam__allocator(al);
    char why[DAM_WHY_SIZE];
    const char *key;
    size_t klen;
    if (!net) return DAM_ERR_ARGUMENT;
    memset(net, 0, sizeof *net);
    net->al = a;
    if ((r = dam__ck_read(path, &a, DAM__CK_DENSE, &bytes, &rd, net->why)) != DAM_OK) return r;
    if ((r = dam__ck_get_key(&rd, &key, &klen, why)) != DAM_OK) {
        dam__free(&a, bytes);
        return dam__why(net->why, r, "%.60s: %.95s", path, why);
    }
    if (expect) {
        /* the key a network made from *expect would have (its eps and T as dam_real) */
        dam_dense e;
        dam__buf b;
        int differs;
        memset(&e, 0, sizeof e);
        e.N = expect->N, e.K = expect->K, e.n = expect->n, e.f = expect->f;
        e.eps = (dam_real)expect->eps, e.T = (dam_real)dam__dense_T(expect);
        e.mask_start = expect->mask_start, e.mask_count = expect->mask_count;
        memset(&b, 0, sizeof b);
        b.al = a;
        dam__dense_key(&b, &e, (double)e.T);
        differs = b.failed ? -1 : dam__key_differs(key, klen, (const char *)b.p, b.len, why);
        dam__free(&a, b.p);
        if (differs) {
            dam__free(&a, bytes);
            if (differs < 0) return dam__why(net->why, DAM_ERR_NOMEM, "no memory to check '%.60s'", path);
            memcpy(net->why, why, sizeof why);
            return DAM_ERR_CHECKPOINT_MISMATCH;
        }
    }
    memset(&d, 0, sizeof d);
    d.N = (int)dam__get_u32(&rd);
    d.K = (int)dam__get_u32(&rd);
    d.n = (int)dam__get_u32(&rd);
    d.f = (dam_function)dam__get_u32(&rd);
    d.mask_start = (int)dam__get_u32(&rd);
    d.mask_count = (int)dam__get_u32(&rd);
    d.eps = dam__get_f64(&rd);
    d.T = dam__get_f64(&rd);
    d.init_std = 0;
    if (!(d.T > 0)) { /* 0 would mean "the default" to dam_dense_init: not from a file */
        dam__free(&a, bytes);
        return dam__why(net->why, DAM_ERR_TEMPERATURE, "%.60s: temperature %g", path, d.T);
    }
    if (rd.at > rd.len || (double)d.K * d.N * 8 > (double)(rd.len - rd.at) + 0.5) {
        dam__free(&a, bytes);
        return dam__why(net->why, DAM_ERR_SHAPE, "%.60s: dimensions K = %d, N = %d do not fit the payload", path, d.K, d.N);
    }
    if ((r = dam_dense_init(net, &d, NULL, &a)) != DAM_OK) {
        memcpy(why, net->why, sizeof why);
        dam__free(&a, bytes);
        return dam__why(net->why, r, "%.60s: %.95s", path, why);
    }
    dam__get_reals(&rd, net->xi, (size_t)d.K * d.N);
    dam__free(&a, bytes);
    dam_dense_sync(net);
    return DAM_OK;
#else
    (void)path; (void)al;
    if (net) memset(net, 0, sizeof *net);
    return DAM_ERR_UNSUPPORTED;
#endif
}

DAMDEF dam_result dam_hopfield_save(dam_hopfield *h, const char *path)
{
    dam__buf b;
    if (!h) return DAM_ERR_ARGUMENT;
    if (!h->W) return dam__why(h->why, DAM_ERR_ARGUMENT, "no network (not made, or freed)");
    dam__ck_begin(&b, DAM__CK_HOPFIELD, &h->al);
    dam__put_u32(&b, (uint32_t)h->N);
    dam__put_reals(&b, h->W, (size_t)h->N * h->N);
    return dam__ck_write(&b, path, h->why);
}

DAMDEF dam_result dam_hopfield_load(dam_hopfield *h, const char *path, const dam_allocator *al)
{
#ifndef DAM_NO_STDIO
    unsigned char *bytes;
    dam__rd rd;
    dam_result r;
    int N;
    dam_allocator a = dam__allocator(al);
    if (!h) return DAM_ERR_ARGUMENT;
    memset(h, 0, sizeof *h);
    h->al = a;
    if ((r = dam__ck_read(path, &a, DAM__CK_HOPFIELD, &bytes, &rd, h->why)) != DAM_OK) return r;
    N = (int)dam__get_u32(&rd);
    if (N < 2 || N > 65536 || (double)N * N * 8 != (double)(rd.len - rd.at)) {
        dam__free(&a, bytes);
        return dam__why(h->why, DAM_ERR_SHAPE, "%.60s: N = %d does not fit the payload", path, N);
    }
    if ((r = dam_hopfield_init(h, N, &a)) != DAM_OK) {
        dam__free(&a, bytes);
        return r;
    }
    dam__get_reals(&rd, h->W, (size_t)N * N);
    dam__free(&a, bytes);
    return DAM_OK;
#else
    (void)path; (void)al;
    if (h) memset(h, 0, sizeof *h);
    return DAM_ERR_UNSUPPORTED;
#endif
}

/* ----- the writer and reader of a technique's block (public: a user's table uses them) ----- */
DAMDEF void dam_checkpoint_put_u32(dam_checkpoint_writer *w, uint32_t v) { dam__put_u32(w, v); }
DAMDEF void dam_checkpoint_put_f64(dam_checkpoint_writer *w, double v) { dam__put_f64(w, v); }
DAMDEF void dam_checkpoint_put_reals(dam_checkpoint_writer *w, const dam_real *v, size_t n) { dam__put_reals(w, v, n); }
DAMDEF void dam_checkpoint_put_bytes(dam_checkpoint_writer *w, const void *v, size_t n) { dam__buf_put(w, v, n); }

/* A data set: u32 count, then count*N bytes and count u32 labels (count 0 without items). */
DAMDEF void dam_checkpoint_put_set(dam_checkpoint_writer *w, const dam_dataset *ds)
{
    int i;
    dam__put_u32(w, (uint32_t)(ds->x ? ds->count : 0));
    if (!ds->x) return;
    dam__buf_put(w, ds->x, (size_t)ds->count * ds->N);
    for (i = 0; i < ds->count; i++) dam__put_u32(w, (uint32_t)ds->label[i]);
}

DAMDEF void dam_checkpoint_key_int(dam_checkpoint_writer *w, const char *name, long long v) { dam__key_int(w, name, v); }
DAMDEF void dam_checkpoint_key_real(dam_checkpoint_writer *w, const char *name, double v) { dam__key_real(w, name, v); }
DAMDEF void dam_checkpoint_key_text(dam_checkpoint_writer *w, const char *name, const char *value) { dam__key_put(w, name, value); }
DAMDEF uint32_t dam_checkpoint_get_u32(dam_checkpoint_reader *r) { return dam__get_u32(r); }
DAMDEF double dam_checkpoint_get_f64(dam_checkpoint_reader *r) { return dam__get_f64(r); }
DAMDEF int dam_checkpoint_applying(const dam_checkpoint_reader *r) { return r->apply; }
DAMDEF int dam_checkpoint_ok(const dam_checkpoint_reader *r) { return r->at <= r->len; }

DAMDEF void dam_checkpoint_get_reals(dam_checkpoint_reader *r, dam_real *dst, size_t n)
{
    if (r->at > r->len || n > (r->len - r->at) / 8) {
        r->at = r->len + 1;
        return;
    }
    if (r->apply && dst) dam__get_reals(r, dst, n);
    else r->at += 8 * n;
}

DAMDEF void dam_checkpoint_get_bytes(dam_checkpoint_reader *r, void *dst, size_t n)
{
    if (r->at > r->len || n > r->len - r->at) {
        r->at = r->len + 1;
        return;
    }
    if (r->apply && dst && n) memcpy(dst, r->p + r->at, n);
    r->at += n;
}

DAMDEF int dam_checkpoint_get_set(dam_checkpoint_reader *r, dam_dataset *ds, int cap)
{
    uint32_t count = dam__get_u32(r), i;
    size_t N = ds->x ? (size_t)ds->N : 0;
    if (r->at > r->len || count > (uint32_t)cap || (count && !ds->x)) return 0;
    if (count * (N + 4) > r->len - r->at) return 0;
    if (r->apply && ds->x) {
        if (count) memcpy(ds->x, r->p + r->at, count * N);
        ds->count = (int)count;
    }
    r->at += count * N;
    for (i = 0; i < count; i++) {
        uint32_t lab = dam__get_u32(r);
        if (r->apply) ds->label[i] = (int)lab;
    }
    return 1;
}

/* The sequence checkpoint (kind 3). Payload, in this order:
     u32 key bytes, the settings key (dam__seq_key)
     u32 T, K, N, done, epoch_done, started, trainer epoch
     rng: 4 x u64 state, f64 spare, u32 has_spare
     f64 T_current, steps, projections
     reals xi (K*N), V (K*N)
     f64 R (T*T), b (T)
     u32 number of technique tables, then per table in the run's order: u32 name
     length, the name, u64 block bytes, the block its save hook wrote (dam:seq.*) */
DAMDEF dam_result dam_seq_save(dam_seq *s, const dam_rng *rng, const char *path)
{
    dam__buf b;
    dam_seq_start st;
    size_t KN, key;
    int k;
    if (!s) return DAM_ERR_ARGUMENT;
    if (!s->net || !s->R || !rng) return dam__why(s->why, DAM_ERR_ARGUMENT, "no sequence (not made, or freed) or no rng");
    KN = (size_t)s->net->K * s->net->N;
    dam__seq_current_start(s, rng, &st);
    dam__ck_begin(&b, DAM__CK_SEQUENCE, &s->al);
    key = dam__key_open(&b);
    dam__seq_key(&b, s, &st);
    dam__key_close(&b, key);
    dam__put_u32(&b, (uint32_t)s->T);
    dam__put_u32(&b, (uint32_t)s->net->K);
    dam__put_u32(&b, (uint32_t)s->net->N);
    dam__put_u32(&b, (uint32_t)s->done);
    dam__put_u32(&b, (uint32_t)s->epoch_done);
    dam__put_u32(&b, (uint32_t)s->started);
    dam__put_u32(&b, (uint32_t)s->tr.epoch);
    for (k = 0; k < 4; k++) dam__put_u64(&b, rng->s[k]);
    dam__put_f64(&b, rng->spare);
    dam__put_u32(&b, (uint32_t)rng->has_spare);
    dam__put_f64(&b, (double)s->net->T);
    dam__put_f64(&b, (double)s->steps);
    dam__put_f64(&b, (double)s->projections);
    dam__put_reals(&b, s->net->xi, KN);
    dam__put_reals(&b, s->tr.priv.V, KN);
    for (k = 0; k < s->T * s->T; k++) dam__put_f64(&b, s->R[k]);
    for (k = 0; k < s->T; k++) dam__put_f64(&b, s->b[k]);
    dam__put_u32(&b, (uint32_t)s->techniques);
    for (k = 0; k < s->techniques; k++) {
        size_t at, n = strlen(s->ops[k]->name), blen;
        int q;
        dam__put_u32(&b, (uint32_t)n);
        dam__buf_put(&b, s->ops[k]->name, n);
        at = b.len;
        dam__put_u64(&b, 0);
        if (s->ops[k]->save) s->ops[k]->save(s, s->state[k], &b);
        if (b.failed) continue;
        blen = b.len - at - 8;
        for (q = 0; q < 8; q++) b.p[at + q] = (unsigned char)((uint64_t)blen >> (8 * q));
    }
    return dam__ck_write(&b, path, s->why);
}

DAMDEF dam_result dam_seq_resume(dam_seq *s, dam_rng *rng, const char *path)
{
#ifndef DAM_NO_STDIO
    unsigned char *bytes;
    size_t KN, klen;
    dam__rd rd, start;
    dam_result r = DAM_OK;
    dam_seq_start st;
    dam__buf b;
    const char *key;
    char why[DAM_WHY_SIZE];
    int pass, k, differs;
    if (!s || !s->net || !s->R || !rng) return DAM_ERR_ARGUMENT;
    KN = (size_t)s->net->K * s->net->N;
    if ((r = dam__ck_read(path, &s->al, DAM__CK_SEQUENCE, &bytes, &start, s->why)) != DAM_OK) return r;
    if ((r = dam__ck_get_key(&start, &key, &klen, why)) != DAM_OK) {
        dam__free(&s->al, bytes);
        return dam__why(s->why, r, "%.60s: %.95s", path, why);
    }
    /* the key this sequence would write, from its start (before task 0: from now) */
    dam__seq_current_start(s, rng, &st);
    memset(&b, 0, sizeof b);
    b.al = s->al;
    dam__seq_key(&b, s, &st);
    differs = b.failed ? -1 : dam__key_differs(key, klen, (const char *)b.p, b.len, why);
    dam__free(&s->al, b.p);
    if (differs) {
        dam__free(&s->al, bytes);
        if (differs < 0) return dam__why(s->why, DAM_ERR_NOMEM, "no memory to check '%.60s'", path);
        memcpy(s->why, why, sizeof why);
        return DAM_ERR_CHECKPOINT_MISMATCH;
    }
    /* pass 0 checks every count and size against this sequence; pass 1 applies. Nothing
       is changed unless the whole file fits. */
    for (pass = 0; pass < 2 && r == DAM_OK; pass++) {
        uint32_t T, K, N, done, edone, started, epoch, ntech;
        uint64_t st4[4];
        double spare, Tc, steps, proj;
        int has_spare;
        rd = start;
        rd.apply = 0;
        T = dam__get_u32(&rd), K = dam__get_u32(&rd), N = dam__get_u32(&rd);
        done = dam__get_u32(&rd), edone = dam__get_u32(&rd), started = dam__get_u32(&rd), epoch = dam__get_u32(&rd);
        for (k = 0; k < 4; k++) st4[k] = dam__get_u64(&rd);
        spare = dam__get_f64(&rd);
        has_spare = (int)dam__get_u32(&rd);
        Tc = dam__get_f64(&rd), steps = dam__get_f64(&rd), proj = dam__get_f64(&rd);
        if (T != (uint32_t)s->T || K != (uint32_t)s->net->K || N != (uint32_t)s->net->N || done > T ||
            edone > (uint32_t)s->d.train.epochs) {
            r = dam__why(s->why, DAM_ERR_SHAPE, "%.60s: a checkpoint of another sequence (T %u, K %u, N %u)", path, T, K, N);
            break;
        }
        /* the counters become ints and T the network's: out of range is a corrupt file */
        if (!(steps >= 0 && steps <= INT_MAX) || !(proj >= 0 && proj <= steps) || !(Tc > 0 && dam__finite((double)(dam_real)Tc)) ||
            epoch > (uint32_t)s->d.train.epochs) {
            r = dam__why(s->why, DAM_ERR_SHAPE, "%.60s: a step count, epoch or temperature out of range", path);
            break;
        }
        if (pass == 1) {
            for (k = 0; k < 4; k++) rng->s[k] = st4[k];
            rng->spare = spare;
            rng->has_spare = has_spare;
            s->done = (int)done, s->epoch_done = (int)edone, s->started = (int)started;
            s->tr.epoch = (int)epoch;
            s->net->T = (dam_real)Tc;
            s->steps = (int)steps, s->projections = (int)proj;
            dam__get_reals(&rd, s->net->xi, KN);
            dam__get_reals(&rd, s->tr.priv.V, KN);
            for (k = 0; k < s->T * s->T; k++) s->R[k] = dam__get_f64(&rd);
            for (k = 0; k < s->T; k++) s->b[k] = dam__get_f64(&rd);
            dam_dense_sync(s->net);
        } else
            rd.at += 2 * KN * 8 + ((size_t)T * T + T) * 8;
        /* the techniques' blocks: the same tables in the same order, each block read
           exactly by its table's load */
        ntech = dam__get_u32(&rd);
        if (rd.at > rd.len || ntech != (uint32_t)s->techniques) {
            r = dam__why(s->why, DAM_ERR_SHAPE, "%.60s: %u technique blocks, this run has %d tables", path, ntech, s->techniques);
            break;
        }
        for (k = 0; k < s->techniques && r == DAM_OK; k++) {
            const dam_technique_ops *o = s->ops[k];
            uint32_t n = dam__get_u32(&rd);
            uint64_t blen;
            dam__rd sub;
            dam_result lr;
            if (rd.at > rd.len || n != strlen(o->name) || n > rd.len - rd.at || memcmp(rd.p + rd.at, o->name, n) != 0) {
                r = dam__why(s->why, DAM_ERR_SHAPE, "%.60s: technique block %d is not %.40s's", path, k, o->name);
                break;
            }
            rd.at += n;
            blen = dam__get_u64(&rd);
            if (rd.at > rd.len || blen > rd.len - rd.at) {
                r = dam__why(s->why, DAM_ERR_SHAPE, "%.60s: %.40s's block runs past the file", path, o->name);
                break;
            }
            sub.p = rd.p + rd.at, sub.len = (size_t)blen, sub.at = 0, sub.apply = pass;
            s->why[0] = 0;
            lr = o->load ? o->load(s, s->state[k], &sub) : DAM_OK;
            if (lr != DAM_OK || sub.at != sub.len) {
                char w[DAM_WHY_SIZE];
                memcpy(w, s->why, sizeof w);
                r = dam__why(s->why, DAM_ERR_SHAPE, "%.60s: %.40s's state does not fit this sequence%s%.60s", path, o->name, w[0] ? ": " : "", w);
            }
            rd.at += (size_t)blen;
        }
        if (r == DAM_OK && rd.at != rd.len) r = dam__why(s->why, DAM_ERR_SHAPE, "%.60s: bytes after the technique blocks", path);
    }
    if (r == DAM_OK) s->start = st; /* the run goes on from the start the file records */
    dam__free(&s->al, bytes);
    return r;
#else
    (void)s; (void)rng; (void)path;
    return DAM_ERR_UNSUPPORTED;
#endif
}

#ifdef __cplusplus
}
#endif
#endif /* DAM_IMPLEMENTATION_DONE */
#endif /* DAM_IMPLEMENTATION */

/*
   REVISION HISTORY
     0.1.0 (2026-12)  first release: the classical Hopfield network, the Dense
                      Associative Memory and its training, eight sequential-learning
                      techniques as tables of hooks (dam_technique_ops: a program adds
                      its own), checkpoints (format 3: one block per technique table).
                      Renamed to dam_<object>_<verb>: dam_write_grid, dam_task_permutations,
                      dam_default_temperature, dam_interaction and
                      dam_hopfield_sequence_defaults stay as deprecated macros for
                      this version only. dam_dense_save, dam_hopfield_save and
                      dam_seq_save lost their `char *why` argument (the reason is
                      in the object's why, the one channel of ERRORS); C has no
                      overloading, so the old calls fail to compile instead of
                      being kept by a macro. A zero in a desc field whose zero was
                      invalid means its default; the temperature lives in the
                      network (TEMPERATURE).

   ------------------------------------------------------------------------------------
   This software is available under 2 licenses -- choose whichever you prefer.
   ------------------------------------------------------------------------------------
   ALTERNATIVE A - MIT License
   Copyright (c) 2026 the dam.h authors
   Permission is hereby granted, free of charge, to any person obtaining a copy of this
   software and associated documentation files (the "Software"), to deal in the Software
   without restriction, including without limitation the rights to use, copy, modify,
   merge, publish, distribute, sublicense, and/or sell copies of the Software, and to
   permit persons to whom the Software is furnished to do so, subject to the following
   conditions:
   The above copyright notice and this permission notice shall be included in all copies
   or substantial portions of the Software.
   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
   INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
   PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
   HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
   CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE
   OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
   ------------------------------------------------------------------------------------
   ALTERNATIVE B - Public Domain (www.unlicense.org)
   This is free and unencumbered software released into the public domain. Anyone is
   free to copy, modify, publish, use, compile, sell, or distribute this software, either
   in source code form or as a compiled binary, for any purpose, commercial or
   non-commercial, and by any means.
   In jurisdictions that recognize copyright laws, the author or authors of this
   software dedicate any and all copyright interest in the software to the public
   domain. We make this dedication for the benefit of the public at large and to the
   detriment of our heirs and successors. We intend this dedication to be an overt act
   of relinquishment in perpetuity of all present and future rights to this software
   under copyright law.
   THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
   INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A
   PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS BE LIABLE FOR
   ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
   OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR
   OTHER DEALINGS IN THE SOFTWARE.
*/
