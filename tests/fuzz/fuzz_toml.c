/* fuzz_toml.c - libFuzzer entry point for the TOML parser. Besides crashes,
 * leaks and undefined behaviour (under the sanitizers), it checks the
 * contract: a rejected document has an error with a line, a column and a
 * message; an accepted one has positions on every value and key, and its
 * JSON dump does not fail. Build and run (from the repository root):
 *   clang -g -O1 -std=c11 -D_GNU_SOURCE -Isrc -fsanitize=fuzzer,address,undefined \
 *     tests/fuzz/fuzz_toml.c src/config/toml.c src/base/arena.c src/base/die.c \
 *     src/base/error.c src/base/file.c src/base/strbuf.c -o build/fuzz_toml
 *   build/fuzz_toml -max_total_time=300 CORPUS_DIR ../shared/toml-test/tests/valid */
#include "config/toml.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check_positions(const TomlValue *v, int depth)
{
    if (v->line < 1 || v->col < 1 || depth > 1000) abort();
    for (size_t i = 0; i < toml_table_len(v); i++) {
        const TomlEntry *e = toml_table_at(v, i);
        if (e->line < 1 || e->col < 1 || toml_table_find(v, e->key, e->key_len) != e) abort();
        check_positions(e->value, depth + 1);
    }
    for (size_t i = 0; i < toml_array_len(v); i++) check_positions(toml_array_at(v, i), depth + 1);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    /* A copy of exactly size bytes, so reads past the end are caught. */
    char *src = malloc(size ? size : 1);
    if (!src) return 0;
    memcpy(src, data, size);
    Arena arena;
    arena_init(&arena);
    TomlValue *root;
    KraitError err;
    if (toml_parse(src, size, "fuzz.toml", &arena, &root, &err) < 0) {
        if (err.line < 1 || err.col < 1 || err.message[0] == '\0' || strcmp(err.path, "fuzz.toml") != 0) abort();
    } else {
        check_positions(root, 0);
        StrBuf out;
        strbuf_init(&out);
        toml_write_tagged_json(root, &out);
        strbuf_free(&out);
    }
    arena_free(&arena);
    free(src);
    return 0;
}
