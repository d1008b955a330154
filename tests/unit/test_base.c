/* test_base.c - arena, string builder, error record and file helpers. */
#include "unit.h"

#include "base/arena.h"
#include "base/error.h"
#include "base/file.h"
#include "base/strbuf.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

static void test_arena_alignment_and_growth(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    for (int i = 0; i < 10000; i++) {
        void *p = arena_alloc(&a, (size_t)(i % 97) + 1);
        CHECK(t, ((uintptr_t)p & 15) == 0);
    }
    void *big = arena_alloc(&a, 10 << 20);   /* larger than any block so far */
    CHECK(t, big != NULL);
    memset(big, 1, 10 << 20);
    CHECK(t, a.total >= (size_t)(10 << 20));
    arena_free(&a);
    CHECK(t, a.head == NULL);
}

static void test_arena_realloc_extends_last(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    char *p = arena_alloc(&a, 16);
    memcpy(p, "0123456789abcdef", 16);
    char *q = arena_realloc(&a, p, 16, 64);
    CHECK(t, q == p);                         /* grown in place */
    (void)arena_alloc(&a, 8);
    char *r = arena_realloc(&a, q, 64, 128);  /* no longer last: copied */
    CHECK(t, r != q);
    CHECK(t, memcmp(r, "0123456789abcdef", 16) == 0);
    arena_free(&a);
}

static void test_arena_reset_reuses_blocks(UnitContext *t)
{
    Arena a;
    arena_init(&a);
    for (int i = 0; i < 100; i++) (void)arena_alloc(&a, 100000);
    size_t grown = a.total;
    arena_reset(&a);
    CHECK(t, a.head == NULL && a.spare != NULL);
    char *s = arena_strndup(&a, "abc", 3);
    CHECK_STR(t, s, "abc");
    /* the same work again takes nothing new from malloc */
    for (int i = 0; i < 100; i++) (void)arena_alloc(&a, 100000);
    CHECK(t, a.total == grown);
    /* and a bigger allocation than any kept block still works */
    char *big = arena_alloc(&a, grown * 2);
    memset(big, 1, grown * 2);
    CHECK(t, a.total > grown);
    arena_free(&a);
    CHECK(t, a.head == NULL && a.spare == NULL);
}

static void test_strbuf_printf(UnitContext *t)
{
    StrBuf sb;
    strbuf_init(&sb);
    for (int i = 0; i < 1000; i++) strbuf_printf(&sb, "%d,", i);
    CHECK(t, sb.len == strlen(sb.data));
    CHECK(t, strncmp(sb.data, "0,1,2,", 6) == 0);
    char *s = strbuf_detach(&sb);
    CHECK(t, sb.data == NULL);
    free(s);
}

static void test_error_set_returns_negative(UnitContext *t)
{
    KraitError err;
    error_clear(&err);
    CHECK_INT(t, error_set(&err, "a.py", 3, 7, "bad %s", "thing"), -1);
    CHECK_STR(t, err.message, "bad thing");
    CHECK_INT(t, err.line, 3);
}

static void test_file_round_trip_atomic(UnitContext *t)
{
    char path[] = "/tmp/krait-unit-XXXXXX";
    int fd = mkstemp(path);
    CHECK(t, fd >= 0);
    close(fd);
    KraitError err;
    CHECK_INT(t, file_write_atomic(path, "hello\n", 6, &err), 0);
    FileData fdata;
    CHECK_INT(t, file_read_all(path, 1000, &fdata, &err), 0);
    CHECK_STR(t, fdata.data, "hello\n");
    file_data_free(&fdata);
    CHECK_INT(t, file_read_all(path, 3, &fdata, &err), -1);   /* over the limit */
    unlink(path);
    CHECK_INT(t, file_read_all(path, 1000, &fdata, &err), -1);
    CHECK(t, strstr(err.message, "cannot open") != NULL);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"arena_alignment_and_growth", test_arena_alignment_and_growth},
        {"arena_realloc_extends_last", test_arena_realloc_extends_last},
        {"arena_reset_reuses_blocks", test_arena_reset_reuses_blocks},
        {"strbuf_printf", test_strbuf_printf},
        {"error_set_returns_negative", test_error_set_returns_negative},
        {"file_round_trip_atomic", test_file_round_trip_atomic},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
