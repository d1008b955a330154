/* fuzz_pep440.c - libFuzzer entry point for PEP 440 versions and specifier
 * sets. Properties checked on every input besides "no crash, no sanitizer
 * report": a parsed version's canonical form parses back to an equal
 * version with the same canonical form; a parsed set printed and parsed
 * again gives the same answers.
 * Build and run (not part of make check):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
 *     tests/fuzz/fuzz_pep440.c src/deps/pep440.c src/base/arena.c src/base/error.c \
 *     src/base/die.c -o build/fuzz_pep440 && build/fuzz_pep440 -max_total_time=60 */
#include "deps/pep440.h"

#include <stdlib.h>
#include <string.h>

static void check_version(const char *text, size_t len)
{
    Pep440Version v, again;
    KraitError err;
    if (pep440_parse(text, len, &v, &err) < 0) return;
    char a[PEP440_VERSION_STR_MAX], b[PEP440_VERSION_STR_MAX];
    int n = pep440_format(&v, a, sizeof a);
    if (n < 0 || (size_t)n >= sizeof a) abort();
    if (pep440_parse(a, (size_t)n, &again, &err) < 0 || pep440_compare(&v, &again) != 0) abort();
    pep440_format(&again, b, sizeof b);
    if (strcmp(a, b) != 0) abort();
}

static void check_specset(const char *text, size_t len)
{
    static const char *const probes[] = {"1.0", "1.0a1", "2!1.0", "1.0+x", "1.0.post1", "0.dev0", "junk"};
    Arena arena;
    arena_init(&arena);
    Pep440SpecSet set, again;
    KraitError err;
    char printed[4096];
    if (pep440_specset_parse(text, len, &arena, &set, &err) == 0) {
        int n = pep440_specset_format(&set, printed, sizeof printed);
        if (n >= 0 && (size_t)n < sizeof printed) {
            if (pep440_specset_parse(printed, (size_t)n, &arena, &again, &err) < 0) abort();
            for (size_t k = 0; k < sizeof probes / sizeof probes[0]; k++) {
                size_t plen = strlen(probes[k]);
                for (int pre = PEP440_PRE_AUTO; pre <= PEP440_PRE_EXCLUDE; pre++)
                    if (pep440_specset_contains(&set, probes[k], plen, (Pep440Pre)pre, false) !=
                        pep440_specset_contains(&again, probes[k], plen, (Pep440Pre)pre, false))
                        abort();
            }
            size_t keep[7];
            pep440_specset_filter(&set, probes, 7, PEP440_PRE_AUTO, keep);
        }
    }
    arena_free(&arena);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    check_version((const char *)data, size);
    check_specset((const char *)data, size);
    return 0;
}
