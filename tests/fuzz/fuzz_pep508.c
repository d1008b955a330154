/* fuzz_pep508.c - libFuzzer entry point for PEP 508 requirements and
 * markers. Besides "no crash, no sanitizer report", every error column
 * must lie within the input (or just past it), and a parsed marker printed
 * with pep508_marker_format must parse back and evaluate the same.
 * Build and run (not part of make check):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     tests/fuzz/fuzz_pep508.c src/deps/pep508.c src/deps/pep440.c src/deps/pkgname.c \
 *     src/base/arena.c src/base/error.c src/base/die.c -o build/fuzz_pep508 && \
 *   build/fuzz_pep508 -max_total_time=60 */
#include "deps/pep508.h"

#include <stdlib.h>
#include <string.h>

static int eval(const Pep508Marker *m, const Pep508Env *env)
{
    bool r;
    KraitError err;
    if (pep508_marker_evaluate(m, env, &r, &err) < 0) return -1;
    return r;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    Arena arena;
    arena_init(&arena);
    Pep508Requirement req;
    KraitError err;
    const char *text = (const char *)data;
    if (pep508_parse(text, size, &arena, &req, &err) < 0) {
        if (err.col < 1 || (size_t)err.col > size + 1) abort();
    } else if (req.marker) {
        Pep508Env env;
        pep508_env_default(&env);
        const char *extras[] = {"test"};
        env.extras = extras;
        env.n_extras = (size & 1) ? 1 : 0;
        char printed[8192];
        int n = pep508_marker_format(req.marker, printed, sizeof printed);
        if (n >= 0 && (size_t)n < sizeof printed) {
            Pep508Marker *again;
            if (pep508_marker_parse(printed, (size_t)n, &arena, &again, &err) < 0) abort();
            if (eval(req.marker, &env) != eval(again, &env)) abort();
        }
    }
    arena_free(&arena);
    return 0;
}
