/* arena.c - see arena.h. Blocks are malloc'd with a header; allocations are
 * carved from the newest block and never moved. */
#include "base/arena.h"
#include "base/die.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_MIN_BLOCK (64 * 1024)
/* Blocks kept for the next file: the small ones that nearly every file
 * uses. Bigger ones go back to the system, or the pages of the largest
 * files would stay resident beside whatever file comes next. */
#define ARENA_SPARE_MAX (512 * 1024)

struct ArenaBlock {
    ArenaBlock *prev;
    size_t size;          /* usable bytes after the header */
    _Alignas(16) char data[];
};

static size_t align_up(size_t n) { return (n + (ARENA_ALIGN - 1)) & ~(size_t)(ARENA_ALIGN - 1); }

void arena_init(Arena *arena) { memset(arena, 0, sizeof *arena); }

static void free_chain(ArenaBlock *b)
{
    while (b) {
        ArenaBlock *prev = b->prev;
        free(b);
        b = prev;
    }
}

void arena_free(Arena *arena)
{
    free_chain(arena->head);
    free_chain(arena->spare);
    memset(arena, 0, sizeof *arena);
}

/* Puts b into the spare list, which is kept smallest first so that the
 * next file takes blocks in the order the last one grew them. */
static void spare_insert(Arena *arena, ArenaBlock *b)
{
    ArenaBlock **at = &arena->spare;
    while (*at && (*at)->size < b->size) at = &(*at)->prev;
    b->prev = *at;
    *at = b;
}

void arena_reset(Arena *arena)
{
    ArenaBlock *b = arena->head;
    while (b) {
        ArenaBlock *prev = b->prev;
        if (b->size <= ARENA_SPARE_MAX) {
            spare_insert(arena, b);
        } else {
            arena->total -= sizeof(ArenaBlock) + b->size;
            free(b);
        }
        b = prev;
    }
    arena->head = NULL;
    arena->cursor = arena->limit = NULL;
}

static void arena_use(Arena *arena, ArenaBlock *b)
{
    b->prev = arena->head;
    arena->head = b;
    arena->cursor = b->data;
    arena->limit = b->data + b->size;
}

static void arena_grow(Arena *arena, size_t need)
{
    for (ArenaBlock **at = &arena->spare; *at; at = &(*at)->prev) {
        if ((*at)->size < need) continue;
        ArenaBlock *b = *at;
        *at = b->prev;
        arena_use(arena, b);
        return;
    }
    size_t size = arena->head ? arena->head->size * 2 : ARENA_MIN_BLOCK;
    if (size < need) size = align_up(need);
    if (size > (size_t)64 << 20 && need <= (size_t)64 << 20) size = (size_t)64 << 20;
    ArenaBlock *b = malloc(sizeof(ArenaBlock) + size);
    if (!b) die_out_of_memory();
    b->size = size;
    arena->total += sizeof(ArenaBlock) + size;
    arena_use(arena, b);
}

void *arena_alloc(Arena *arena, size_t size)
{
    size = align_up(size ? size : 1);
    /* callers that bump the cursor themselves (the parser's nodes) may
     * leave it 8-byte aligned */
    arena->cursor = (char *)(((uintptr_t)arena->cursor + (ARENA_ALIGN - 1)) & ~(uintptr_t)(ARENA_ALIGN - 1));
    if (arena->cursor > arena->limit || (size_t)(arena->limit - arena->cursor) < size) arena_grow(arena, size);
    void *p = arena->cursor;
    arena->cursor += size;
    return p;
}

void *arena_alloc_zero(Arena *arena, size_t size)
{
    void *p = arena_alloc(arena, size);
    memset(p, 0, size);
    return p;
}

char *arena_strndup(Arena *arena, const char *s, size_t len)
{
    char *p = arena_alloc(arena, len + 1);
    if (len) memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

void *arena_realloc(Arena *arena, void *old, size_t old_size, size_t new_size)
{
    if (!old) return arena_alloc(arena, new_size);
    char *end_of_old = (char *)old + align_up(old_size ? old_size : 1);
    if (end_of_old == arena->cursor) {
        size_t extra = align_up(new_size) - align_up(old_size ? old_size : 1);
        if (new_size <= old_size) return old;
        if ((size_t)(arena->limit - arena->cursor) >= extra) {
            arena->cursor += extra;
            return old;
        }
    }
    if (new_size <= old_size) return old;
    void *p = arena_alloc(arena, new_size);
    memcpy(p, old, old_size);
    return p;
}
