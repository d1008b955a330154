# krait - build, test, benchmark. Sources are found by wildcard: a new module
# is a new .c file under src/, a new unit test a new tests/unit/test_*.c.
# BUILD selects the output folder so the sanitizer build lives beside the
# normal one (make sanitize uses build/san).

BUILD    ?= build
CC       ?= cc
PKGS     := sqlite3 libcurl libarchive jansson libpcre2-8
OPT      ?= -O2
EXTRA_CFLAGS ?=
EXTRA_LDFLAGS ?=

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libcurl and libarchive are found with pkg-config for their headers but
# loaded with dlopen by the commands that download and unzip
# (src/deps/download.c, src/deps/osv.c): linked, their TLS, Kerberos, XML and
# ICU dependencies would add megabytes to every run's memory.
PKG_LIBS   := $(shell pkg-config --libs $(filter-out libcurl libarchive,$(PKGS)) 2>/dev/null) -ldl

CFLAGS  := -std=c11 $(OPT) -g -Wall -Wextra -Werror -Wmissing-prototypes \
           -Wshadow -Wstrict-prototypes -D_DEFAULT_SOURCE -D_GNU_SOURCE \
           -Isrc $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDFLAGS := $(EXTRA_LDFLAGS)
# Packed relative relocations (DT_RELR, binutils 2.38+, glibc 2.36+): the
# binary's ~18,000 pointer relocations (rule, licence and package tables)
# shrink from 440 KB of .rela.dyn, read at every start, to a few KB.
RELR_LDFLAGS := $(shell echo 'int main(void){return 0;}' | $(CC) -x c - -o /dev/null \
                  -Wl,-z,pack-relative-relocs -Wl,--fatal-warnings 2>/dev/null && echo -Wl,-z,pack-relative-relocs)
LDLIBS  := $(PKG_LIBS) -lpthread -lm
# tests may link what the binary loads on demand (fixtures write zips)
TEST_LDLIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) $(LDLIBS)

LIB_SRC  := $(filter-out src/main.c,$(shell find src -name '*.c' | sort))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:%.c=$(BUILD)/%)
DEPS     := $(LIB_OBJ:.o=.d) $(BUILD)/src/main.d $(UNIT_BIN:=.d)

.PHONY: all check sanitize bench demo deps clean units unicode-tables rules-doc

all: $(BUILD)/krait

deps:
	@./scripts/install-deps.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/libkrait.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/krait: $(BUILD)/src/main.o $(BUILD)/libkrait.a
	@echo "  LINK    $@"
	@$(CC) $(LDFLAGS) $(RELR_LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/libkrait.a tests/unit/unit.h
	@mkdir -p $(dir $@)
	@echo "  TEST-CC $<"
	@$(CC) $(CFLAGS) -Itests/unit -MMD -MP -MF $@.d $(LDFLAGS) -o $@ $< $(BUILD)/libkrait.a $(TEST_LDLIBS)

units: $(UNIT_BIN)

check: deps
	$(MAKE) all units
	./tests/run.sh $(BUILD)

sanitize: deps
	$(MAKE) BUILD=build/san OPT=-O1 \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" all units
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  KRAIT_SANITIZE=1 ./tests/run.sh build/san

bench: deps all
	@for b in bench/*.sh; do [ -x "$$b" ] && "$$b" $(BUILD)/krait || true; done

demo: deps all
	./examples/demo.sh $(BUILD)/krait

clean:
	rm -rf build

# The generated Unicode tables of src/python (see docs/python-frontend-values.md);
# tests/diff/unicode_tables.test checks that they are current.
unicode-tables:
	py=$$(./tests/lib/oracle-python313.sh) && \
	  $$py scripts/gen-unicode-names.py && $$py scripts/gen-unicode-printable.py && $$py scripts/gen-unicode-nfkc.py

-include $(DEPS)

# libFuzzer run of the lexer (needs clang): make fuzz-lexer FUZZ_TIME=60
FUZZ_TIME ?= 60
.PHONY: fuzz-lexer
fuzz-lexer:
	@mkdir -p $(BUILD)/fuzz $(BUILD)/fuzz/corpus-lexer
	clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -D_DEFAULT_SOURCE -D_GNU_SOURCE -Isrc \
	  tests/fuzz/fuzz_lexer.c src/python/lexer.c src/python/source.c src/python/unicode.c \
	  src/python/token.c src/base/arena.c src/base/error.c src/base/die.c -o $(BUILD)/fuzz/fuzz_lexer
	$(BUILD)/fuzz/fuzz_lexer -max_total_time=$(FUZZ_TIME) -max_len=4096 -timeout=5 \
	  -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/fuzz/corpus-lexer

# Regenerates the identifier tables from the oracle CPython's unicodedata.
.PHONY: gen-xid
gen-xid:
	py=$$(tests/lib/oracle-python.sh) && "$$py" scripts/gen-xid.py > src/python/unicode_xid.inc

# docs/rules-all.md is `krait rules --markdown`; tests/scan/rules.test checks it is current.
rules-doc: all
	$(BUILD)/krait rules --markdown > docs/rules-all.md
