/* fuzz_lexer.c - libFuzzer entry point for the lexer (make fuzz-lexer).
 * Every input must end in ENDMARKER or an error, in both modes, with
 * tokens in source order, inside the text, and positions that agree with
 * the offsets; an error must stick. Anything else aborts. */
#include "base/arena.h"
#include "python/lexer.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_token(const Lexer *lx, const Token *t, uint32_t prev_start)
{
    size_t len = lexer_text_len(lx);
    const char *text = lexer_text(lx);
    if (t->start > t->end || t->end > len || t->start < prev_start) abort();
    if (t->col > t->start) abort();
    /* col counts back to the start of the token's line. */
    uint32_t line_start = t->start - t->col;
    if (line_start > 0 && text[line_start - 1] != '\n') abort();
    /* NEWLINE and NL end one column after their start even when the
     * newline was implied (empty text). */
    if (t->kind != TK_NEWLINE && t->kind != TK_NL) {
        if (t->end_col > t->end) abort();
        uint32_t end_line_start = t->end - t->end_col;
        if (end_line_start > 0 && text[end_line_start - 1] != '\n') abort();
    }
    if (t->end_lineno < t->lineno) abort();
}

static void lex_all(const uint8_t *data, size_t size, unsigned flags)
{
    Arena arena;
    arena_init(&arena);
    KraitError err;
    Lexer *lx;
    if (lexer_new(&arena, "fuzz.py", (const char *)data, size, flags, &err, &lx) == 0) {
        Token t;
        uint32_t prev = 0;
        size_t n = 0, limit = 4 * size + 1000;
        int rc;
        do {
            rc = lexer_next(lx, &t);
            if (rc == 0) check_token(lx, &t, prev), prev = t.start;
            if (++n > limit) abort();   /* no progress */
        } while (rc == 0 && t.kind != TK_ENDMARKER);
        if (rc < 0 && lexer_next(lx, &t) != -1) abort();
        if (rc < 0 && err.message[0] == '\0') abort();
    }
    arena_free(&arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    lex_all(data, size, 0);
    lex_all(data, size, LEXER_EMIT_TRIVIA);
    return 0;
}
