# yusuan — GNU Make + pkg-config.
#   make            build bin/yusuan and lib/libyusuan.a
#   make demo       install dependencies, build, write the example unit's disclosure to out/
#   make check      install dependencies, build, run every test (also under ASan + UBSan)
#   make bench      benchmarks (bench/)

PKGS     := jansson sqlite3 xlsxwriter libzip libxml-2.0 cairo pangocairo poppler-glib libmicrohttpd tesseract libsodium
CC       ?= cc
CFLAGS   ?= -O2 -g
ALL_CFLAGS := $(CFLAGS) -std=c11 -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc/lib \
            -DYU_DATADIR='"$(CURDIR)/data"' $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS   += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
BUILD    ?= build
LIB_SRC  := $(wildcard src/lib/*.c)
CLI_SRC  := $(wildcard src/cli/*.c)
SERVER_SRC := $(wildcard src/server/*.c)
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:src/%.c=$(BUILD)/%.o) $(SERVER_SRC:src/%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TESTS    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all deps demo check test test-san bench clean golden

all: $(BUILD)/bin/yusuan

deps:
	@sh scripts/deps.sh

$(BUILD)/%.o: src/%.c $(wildcard include/yusuan/*.h src/lib/*.h src/cli/*.h src/server/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libyusuan.a: $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

$(BUILD)/bin/yusuan: $(CLI_OBJ) $(BUILD)/libyusuan.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libyusuan.a $(LDFLAGS) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libyusuan.a
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

# every test, once normally and once under AddressSanitizer + UndefinedBehaviorSanitizer
check: deps
	$(MAKE) test
	$(MAKE) test BUILD=build-san CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" LDFLAGS="-fsanitize=address,undefined"

test: $(BUILD)/bin/yusuan $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; ./$$t; done
	@set -e; for s in tests/e2e/*.sh; do echo "== $$s"; YUSUAN=$(BUILD)/bin/yusuan BUILD=$(BUILD) sh $$s; done

golden: $(BUILD)/bin/yusuan
	YUSUAN=$(BUILD)/bin/yusuan UPDATE_GOLDEN=1 sh tests/e2e/report.sh
	YUSUAN=$(BUILD)/bin/yusuan BUILD=$(BUILD) UPDATE_GOLDEN=1 sh tests/e2e/html.sh

bench: deps
	$(MAKE) all BUILD=build-bench CFLAGS="-O2 -g"
	sh bench/run.sh build-bench/bin/yusuan
	sh bench/audit_bench.sh build-bench/bin/yusuan
	sh bench/wide_bench.sh build-bench/bin/yusuan
	sh bench/store_bench.sh build-bench/bin/yusuan

clean:
	rm -rf build build-san build-bench out
