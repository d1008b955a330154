/* arena.h - bump allocator: everything of one scanned file lives in one arena
 * and is released in one call. Blocks grow geometrically; nothing is ever
 * freed individually. Out of memory aborts (a CLI cannot do better).
 * An Arena is owned by whoever called arena_init and must be arena_free'd. */
#ifndef KRAIT_ARENA_H
#define KRAIT_ARENA_H

#include <stddef.h>

typedef struct ArenaBlock ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;     /* newest block; older ones chain behind it */
    char *cursor;         /* next free byte in head */
    char *limit;          /* one past the last byte of head */
    ArenaBlock *spare;    /* blocks of earlier files, for reuse */
    size_t total;         /* bytes obtained from malloc, for statistics */
} Arena;

void arena_init(Arena *arena);
void arena_free(Arena *arena);
/* Forgets every allocation but keeps the blocks for reuse: a worker that
 * scans file after file touches fresh memory only when a file needs more
 * than every one before it, and its resident size stays that of its
 * largest file (freeing and re-growing instead costs a page fault per
 * 4 KB per file, and fragments the heap). */
void arena_reset(Arena *arena);

void *arena_alloc(Arena *arena, size_t size);          /* 16-byte aligned */
void *arena_alloc_zero(Arena *arena, size_t size);
char *arena_strndup(Arena *arena, const char *s, size_t len);
/* Grows the most recent allocation in place when it is last, else copies. */
void *arena_realloc(Arena *arena, void *old, size_t old_size, size_t new_size);

#define ARENA_NEW(arena, type) ((type *)arena_alloc_zero((arena), sizeof(type)))
#define ARENA_ARRAY(arena, type, n) ((type *)arena_alloc((arena), sizeof(type) * (n)))

#endif
