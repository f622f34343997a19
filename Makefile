# yusuan — GNU Make + pkg-config.
#   make            build bin/yusuan, lib/libyusuan.a and the shared lib/libyusuan.so.MAJOR
#   make demo       install dependencies, build, write the example unit's disclosure to out/
#   make check      install dependencies, banned-function check, build, run every test (also
#                   under ASan + UBSan; both runs replay the fuzz corpora and regressions)
#   make install    PREFIX=/usr/local DESTDIR= (and uninstall): docs/install.md
#   make fuzz       libFuzzer harnesses (clang), each for FUZZ_TIME seconds (tests/fuzz/README.md)
#   make deb        Debian packages with dpkg-buildpackage, into build-deb/ (docs/install.md)
#   make bench      benchmarks (bench/)
#   make recall     the audit's recall by one-digit mutation of ../shared's texts (bench/recall.py)
# -Werror is on for `make test` and `make check` only (WERROR=-Werror); a plain `make`
# (a user's build, a distribution's) never fails on a new compiler's warning.

PKGS     := jansson sqlite3 xlsxwriter libzip libxml-2.0 cairo pangocairo poppler-glib libmicrohttpd tesseract libsodium
CC       ?= cc
CFLAGS   ?= -O2 -g
# the source tree's data/, compiled in as the last place the CLI looks (src/cli/common.c)
SRCDATADIR ?= $(CURDIR)/data
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
ALL_CFLAGS = $(CPPFLAGS) $(CFLAGS) -std=c11 -Wall -Wextra $(WERROR) -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc/lib \
            -DYU_DATADIR='"$(SRCDATADIR)"' $(PKG_CFLAGS)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
BUILD    ?= build
LIB_SRC  := $(wildcard src/lib/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
SERVER_SRC := $(wildcard src/server/*.c)
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:src/%.c=$(BUILD)/%.o) $(SERVER_SRC:src/%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TESTS    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# version (include/yusuan/version.h) and the shared library's names
VERSION  := $(shell sed -n 's/.*YU_VERSION_STRING "\(.*\)"/\1/p' include/yusuan/version.h)
MAJOR    := $(firstword $(subst ., ,$(VERSION)))
SONAME   := libyusuan.so.$(MAJOR)
SHLIB    := $(BUILD)/libyusuan.so.$(VERSION)

# install layout (GNU names); DESTDIR is prepended to each for staged installs
PREFIX       ?= /usr/local
BINDIR       ?= $(PREFIX)/bin
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
DATAROOTDIR  ?= $(PREFIX)/share
PKGDATADIR   ?= $(DATAROOTDIR)/yusuan
MANDIR       ?= $(DATAROOTDIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR  ?= $(DATAROOTDIR)/bash-completion/completions
DATA_FILES   := $(shell find data -type f 2>/dev/null | LC_ALL=C sort)

# fuzzing (tests/fuzz): one harness per parser; FUZZ_NAMES must match tests/fuzz/fuzz_NAME.c
FUZZ_NAMES  := csv package layout catalog xlsx text pdf
FUZZ_CC     ?= clang
FUZZ_BUILD  ?= build-fuzz
FUZZ_TIME   ?= 60
SHARED      ?= $(CURDIR)/../shared
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(BUILD)/fuzz/replay_%)

.PHONY: all deps demo check test test-san bench clean golden install uninstall banned fuzz fuzz-bins \
        fuzz-replay deb recall

all: $(BUILD)/bin/yusuan $(BUILD)/libyusuan.a $(BUILD)/libyusuan.so

deps:
	@sh scripts/deps.sh

$(BUILD)/%.o: src/%.c $(wildcard include/yusuan/*.h src/lib/*.h src/cli/*.h src/server/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libyusuan.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

# the library's objects are position-independent: the same ones go into the archive and the shared library
$(LIB_OBJ): ALL_CFLAGS += -fPIC

# libyusuan.so.VERSION, soname libyusuan.so.MAJOR; exports only yu_* (scripts/libyusuan.map);
# -z defs: every symbol it needs comes from a library it names (a caller links -lyusuan alone)
$(SHLIB): $(LIB_OBJ) scripts/libyusuan.map
	@mkdir -p $(dir $@)
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=scripts/libyusuan.map -Wl,-z,defs \
	  -o $@ $(LIB_OBJ) $(LDFLAGS) $(LDLIBS)

$(BUILD)/libyusuan.so: $(SHLIB)
	ln -sf libyusuan.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf $(SONAME) $@

$(BUILD)/bin/yusuan: $(CLI_OBJ) $(BUILD)/libyusuan.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libyusuan.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(BUILD)/libyusuan.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libyusuan.a $(LDFLAGS) $(LDLIBS) -lcmocka

demo: deps
	$(MAKE) all
	@mkdir -p out
	$(BUILD)/bin/yusuan report examples/feco-2024 -o out/feco-2024.txt
	$(BUILD)/bin/yusuan report examples/feco-2024 -f md -o out/feco-2024.md
	$(BUILD)/bin/yusuan report examples/feco-2024 -f json -o out/feco-2024.json
	$(BUILD)/bin/yusuan report examples/feco-2024 -f csv -o out/feco-2024-csv
	$(BUILD)/bin/yusuan report examples/feco-2024 -f html -o out/feco-2024.html
	$(BUILD)/bin/yusuan report examples/feco-2024 -f pdf -o out/feco-2024.pdf
	$(BUILD)/bin/yusuan report examples/feco-2024 -f xlsx -o out/feco-2024.xlsx
	$(BUILD)/bin/yusuan template out/feco-2024-input.xlsx --from examples/feco-2024 --force
	$(BUILD)/bin/yusuan check examples/feco-2024
	@echo "demo: the disclosure is in out/ (feco-2024.txt .md .json .html .pdf .xlsx, feco-2024-csv/; the input workbook feco-2024-input.xlsx)"
	@echo "demo: to serve it: $(BUILD)/bin/yusuan db --db out/demo.db import examples/feco-2024 && $(BUILD)/bin/yusuan serve --db out/demo.db --data out/serve (then http://127.0.0.1:8080/; docs/api.md)"
	@cat out/feco-2024.txt | head -80
	$(BUILD)/bin/yusuan report examples/feco-2024 --execution -o out/feco-2024-execution.txt
	$(BUILD)/bin/yusuan report examples/feco-2024 --execution -f html -o out/feco-2024-execution.html
	$(BUILD)/bin/yusuan report examples/feco-2024 --execution -f pdf -o out/feco-2024-execution.pdf
	$(BUILD)/bin/yusuan report examples/feco-2024 --final -o out/feco-2024-final.txt
	$(BUILD)/bin/yusuan report examples/feco-2024 --final -f pdf -o out/feco-2024-final.pdf
	$(BUILD)/bin/yusuan report examples/feco-2024 --final --template shanghai-final-accounts -o out/feco-2024-final-shanghai.txt
	$(BUILD)/bin/yusuan report examples/feco-2024 --selfeval -o out/feco-2024-selfeval.txt
	$(BUILD)/bin/yusuan report examples/feco-2024 --selfeval -f html -o out/feco-2024-selfeval.html
	$(BUILD)/bin/yusuan audit out/feco-2024-final.txt
	@echo "demo: the year is in out/ too (feco-2024-execution.*, feco-2024-final*.{txt,pdf}, feco-2024-selfeval.*)"
	$(BUILD)/bin/yusuan report examples/wanli-2025 -o out/wanli-2025.txt
	$(BUILD)/bin/yusuan report examples/wanli-2025 -f pdf -o out/wanli-2025.pdf
	$(BUILD)/bin/yusuan report examples/wanli-2025 -f html -o out/wanli-2025.html
	$(BUILD)/bin/yusuan report examples/wanli-2025 -f xlsx -o out/wanli-2025.xlsx
	@echo "demo: a Shanghai 部门预算 in its published form (examples/wanli-2025, docs/examples.md) is in out/wanli-2025.{txt,pdf,html,xlsx}"

# every test, once normally and once under AddressSanitizer + UndefinedBehaviorSanitizer
check: deps
	sh scripts/banned.sh
	$(MAKE) test
	$(MAKE) test BUILD=build-san CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" LDFLAGS="-fsanitize=address,undefined"

test: WERROR ?= -Werror
test: $(BUILD)/bin/yusuan $(TESTS) $(FUZZ_REPLAY)
	@set -e; for t in $(TESTS); do echo "== $$t"; ./$$t; done
	@set -e; for s in tests/e2e/*.sh; do echo "== $$s"; YUSUAN=$(BUILD)/bin/yusuan BUILD=$(BUILD) sh $$s; done
	$(FUZZ_REPLAY_RUN)

banned:
	sh scripts/banned.sh

golden: $(BUILD)/bin/yusuan
	YUSUAN=$(BUILD)/bin/yusuan UPDATE_GOLDEN=1 sh tests/e2e/report.sh
	YUSUAN=$(BUILD)/bin/yusuan BUILD=$(BUILD) UPDATE_GOLDEN=1 sh tests/e2e/html.sh
	YUSUAN=$(BUILD)/bin/yusuan UPDATE_GOLDEN=1 sh tests/e2e/templates.sh
	YUSUAN=$(BUILD)/bin/yusuan BUILD=$(BUILD) UPDATE_GOLDEN=1 sh tests/e2e/year.sh

bench: deps
	$(MAKE) all BUILD=build-bench CFLAGS="-O2 -g"
	sh bench/run.sh build-bench/bin/yusuan
	sh bench/audit_bench.sh build-bench/bin/yusuan
	sh bench/wide_bench.sh build-bench/bin/yusuan
	sh bench/store_bench.sh build-bench/bin/yusuan
	sh bench/serve_bench.sh build-bench/bin/yusuan

# recall of `yusuan audit` by one-digit mutation of every text of $(SHARED)/corpus (docs/audit.md,
# "Measuring recall"); N mutants per document and kind, SEED; not part of check. RECALL_FLAGS=-v lists the misses.
YUSUAN ?= $(BUILD)/bin/yusuan
N      ?= 20
SEED   ?= 1
recall: $(YUSUAN)
	python3 bench/recall.py --yusuan $(YUSUAN) --shared $(SHARED) -n $(N) --seed $(SEED) -j 2 $(RECALL_FLAGS)

clean:
	rm -rf build build-san build-bench build-fuzz build-deb out

# ---- install (docs/install.md) ----
# bin/yusuan (the library linked in statically: one self-contained program), lib/libyusuan.a,
# lib/libyusuan.so.VERSION + the soname and dev links, include/yusuan/*.h, lib/pkgconfig/yusuan.pc,
# share/yusuan/ (data/), share/man/man1/yusuan.1, bash completion.
# a directory under PREFIX written as ${prefix}/… in yusuan.pc (pkg-config --define-prefix relocates it)
pc_rel = $(patsubst $(PREFIX)/%,$${prefix}/%,$(1))

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR)/yusuan $(DESTDIR)$(PKGCONFIGDIR) \
	  $(DESTDIR)$(PKGDATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BUILD)/bin/yusuan $(DESTDIR)$(BINDIR)/yusuan
	install -m 644 $(BUILD)/libyusuan.a $(DESTDIR)$(LIBDIR)/libyusuan.a
	install -m 755 $(SHLIB) $(DESTDIR)$(LIBDIR)/libyusuan.so.$(VERSION)
	ln -sf libyusuan.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libyusuan.so
	install -m 644 include/yusuan/*.h $(DESTDIR)$(INCLUDEDIR)/yusuan/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(call pc_rel,$(LIBDIR))|' \
	  -e 's|@INCLUDEDIR@|$(call pc_rel,$(INCLUDEDIR))|' -e 's|@PKGDATADIR@|$(call pc_rel,$(PKGDATADIR))|' -e 's|@VERSION@|$(VERSION)|' \
	  -e 's|@LIBS_PRIVATE@|$(strip $(LDLIBS))|' \
	  scripts/yusuan.pc.in > $(DESTDIR)$(PKGCONFIGDIR)/yusuan.pc
	@set -e; for f in $(DATA_FILES:data/%=%); do \
	  install -d "$(DESTDIR)$(PKGDATADIR)/$$(dirname $$f)"; \
	  install -m 644 "data/$$f" "$(DESTDIR)$(PKGDATADIR)/$$f"; done
	install -m 644 docs/yusuan.1 $(DESTDIR)$(MANDIR)/man1/yusuan.1
	install -m 644 scripts/yusuan.bash-completion $(DESTDIR)$(BASHCOMPDIR)/yusuan

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/yusuan $(DESTDIR)$(LIBDIR)/libyusuan.a $(DESTDIR)$(LIBDIR)/libyusuan.so \
	  $(DESTDIR)$(LIBDIR)/$(SONAME) $(DESTDIR)$(LIBDIR)/libyusuan.so.$(VERSION) $(DESTDIR)$(PKGCONFIGDIR)/yusuan.pc \
	  $(DESTDIR)$(MANDIR)/man1/yusuan.1 $(DESTDIR)$(BASHCOMPDIR)/yusuan
	rm -rf $(DESTDIR)$(INCLUDEDIR)/yusuan $(DESTDIR)$(PKGDATADIR)

# ---- Debian packages (debian/, docs/install.md): built from a copy of the tracked files ----
deb:
	sh scripts/deps.sh deb
	rm -rf build-deb && mkdir -p build-deb/yusuan-$(VERSION)
	git ls-files -z | xargs -0 cp --parents -t build-deb/yusuan-$(VERSION)
	cd build-deb/yusuan-$(VERSION) && dpkg-buildpackage -us -uc -b
	@ls -l build-deb/*.deb

# ---- fuzzing (tests/fuzz/README.md) ----
# replay: each harness built with a plain main() (tests/fuzz/driver.c) by the build's own compiler
# and flags (gcc; ASan + UBSan in build-san) runs every seed and every regression input once.
$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/driver.c tests/fuzz/fuzz.h $(BUILD)/libyusuan.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< tests/fuzz/driver.c $(BUILD)/libyusuan.a $(LDFLAGS) $(LDLIBS)

define FUZZ_REPLAY_RUN
@set -e; for n in $(FUZZ_NAMES); do echo "== fuzz replay $$n"; \
	  LSAN_OPTIONS="suppressions=$(CURDIR)/tests/lsan-cairo.supp:print_suppressions=0" \
	  ASAN_OPTIONS="fast_unwind_on_malloc=0" \
	  ./$(BUILD)/fuzz/replay_$$n tests/fuzz/corpus/$$n tests/fuzz/regress/$$n; done
endef
fuzz-replay: $(FUZZ_REPLAY)
	$(FUZZ_REPLAY_RUN)

# libFuzzer: the library built by clang with -fsanitize=fuzzer-no-link,address,undefined in $(FUZZ_BUILD)
FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(BUILD)/libyusuan.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $< $(BUILD)/libyusuan.a $(LDFLAGS) $(LDLIBS)

fuzz-bins: $(FUZZ_NAMES:%=$(BUILD)/fuzz/fuzz_%)

# each harness for FUZZ_TIME seconds; new inputs go to $(FUZZ_BUILD)/corpus/NAME, crashes to
# $(FUZZ_BUILD)/crash/ (copy one into tests/fuzz/regress/NAME/ to keep it replayed by make check);
# every harness runs, then the target fails if any found something.
# The PDF harness also starts from the smallest PDFs of ../shared (SHARED=), never committed.
fuzz:
	$(MAKE) fuzz-bins BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) CFLAGS="$(FUZZ_CFLAGS)" \
	  LDFLAGS="-fsanitize=address,undefined"
	@mkdir -p $(FUZZ_BUILD)/crash $(FUZZ_BUILD)/seeds/pdf
	@set -e; if [ -d "$(SHARED)/corpus" ]; then \
	  ls -S "$(SHARED)"/corpus/*.pdf "$(SHARED)"/corpus/wide/*.pdf | tail -n 6 | \
	    while read p; do cp -f "$$p" $(FUZZ_BUILD)/seeds/pdf/; done; \
	elif [ -z "$$YUSUAN_NO_SHARED" ]; then \
	  echo "fuzz: $(SHARED)/corpus not found (the PDF seeds); set SHARED=DIR, or YUSUAN_NO_SHARED=1 to fuzz without" >&2; \
	  exit 1; fi
	@found=""; for n in $(FUZZ_NAMES); do mkdir -p $(FUZZ_BUILD)/corpus/$$n; \
	  extra=""; [ $$n = pdf ] && extra=$(FUZZ_BUILD)/seeds/pdf; \
	  echo "== fuzz $$n ($(FUZZ_TIME) s)"; \
	  LSAN_OPTIONS="suppressions=$(CURDIR)/tests/lsan-cairo.supp:print_suppressions=0" \
	  ASAN_OPTIONS="fast_unwind_on_malloc=0" \
	  ./$(FUZZ_BUILD)/fuzz/fuzz_$$n -max_total_time=$(FUZZ_TIME) -timeout=60 -rss_limit_mb=4096 \
	    -print_final_stats=1 -artifact_prefix=$(FUZZ_BUILD)/crash/$$n- \
	    $(FUZZ_BUILD)/corpus/$$n tests/fuzz/corpus/$$n $$extra || found="$$found $$n"; done; \
	if [ -n "$$found" ]; then echo "fuzz: found a crash, leak or timeout in:$$found (inputs in $(FUZZ_BUILD)/crash/)" >&2; \
	  exit 1; fi
