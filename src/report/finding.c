/* finding.c - see finding.h. */
#include "report/finding.h"
#include "base/die.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_or_die(const char *s)
{
    char *p = strdup(s ? s : "");
    if (!p) die_out_of_memory();
    return p;
}

void finding_list_init(FindingList *list) { memset(list, 0, sizeof *list); }

static void finding_free(Finding *f)
{
    free(f->path);
    free(f->message);
    free(f->snippet);
    free(f->fingerprint);
    for (size_t i = 0; i < f->n_props; i++) {
        free(f->props[i].key);
        free(f->props[i].value);
    }
    free(f->props);
}

void finding_list_free(FindingList *list)
{
    for (size_t i = 0; i < list->n; i++) finding_free(&list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

Finding *finding_list_add(FindingList *list, const RuleInfo *rule, const char *path, uint32_t line,
                          uint32_t col, const char *message)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 16;
        Finding *items = realloc(list->items, cap * sizeof *items);
        if (!items) die_out_of_memory();
        list->items = items;
        list->cap = cap;
    }
    Finding *f = &list->items[list->n++];
    memset(f, 0, sizeof *f);
    f->rule = rule;
    f->severity = rule->severity;
    f->confidence = rule->confidence;
    f->path = dup_or_die(path);
    f->line = line;
    f->col = col;
    f->end_line = line;
    f->end_col = col;
    f->message = dup_or_die(message);
    return f;
}

void finding_set_snippet(Finding *f, const char *text, size_t len)
{
    free(f->snippet);
    f->snippet = malloc(len + 1);
    if (!f->snippet) die_out_of_memory();
    memcpy(f->snippet, text, len);
    f->snippet[len] = '\0';
}

void finding_add_property(Finding *f, const char *key, const char *value)
{
    FindingProperty *props = realloc(f->props, (f->n_props + 1) * sizeof *props);
    if (!props) die_out_of_memory();
    f->props = props;
    f->props[f->n_props].key = dup_or_die(key);
    f->props[f->n_props].value = dup_or_die(value);
    f->n_props++;
}

const char *finding_property(const Finding *f, const char *key)
{
    for (size_t i = 0; i < f->n_props; i++)
        if (strcmp(f->props[i].key, key) == 0) return f->props[i].value;
    return NULL;
}

void finding_list_take(FindingList *dst, FindingList *src)
{
    for (size_t i = 0; i < src->n; i++) {
        if (dst->n == dst->cap) {
            size_t cap = dst->cap ? dst->cap * 2 : 16;
            while (cap < dst->n + src->n - i) cap *= 2;
            Finding *items = realloc(dst->items, cap * sizeof *items);
            if (!items) die_out_of_memory();
            dst->items = items;
            dst->cap = cap;
        }
        dst->items[dst->n++] = src->items[i];
    }
    free(src->items);
    memset(src, 0, sizeof *src);
}

static int compare_findings(const void *pa, const void *pb)
{
    const Finding *a = pa, *b = pb;
    int c = strcmp(a->path, b->path);
    if (c) return c;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->col != b->col) return a->col < b->col ? -1 : 1;
    c = strcmp(a->rule->id, b->rule->id);
    if (c) return c;
    return strcmp(a->message, b->message);
}

void finding_list_sort(FindingList *list)
{
    if (list->n > 1) qsort(list->items, list->n, sizeof *list->items, compare_findings);
}

static uint64_t fnv1a(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Hashes the text with runs of white space folded to one space and the
 * ends trimmed, so re-indenting a line keeps its fingerprint. */
static uint64_t hash_folded(uint64_t h, const char *s)
{
    bool pending_space = false, started = false;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n') {
            pending_space = started;
            continue;
        }
        if (pending_space) h = fnv1a(h, " ", 1);
        pending_space = false;
        started = true;
        h = fnv1a(h, s, 1);
    }
    return h;
}

static uint64_t finding_hash(const Finding *f)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, f->rule->id, strlen(f->rule->id) + 1);
    h = fnv1a(h, f->path, strlen(f->path) + 1);
    return hash_folded(h, f->snippet ? f->snippet : f->message);
}

typedef struct HashedIndex {
    uint64_t hash;
    size_t index;
} HashedIndex;

static int compare_hashed(const void *pa, const void *pb)
{
    const HashedIndex *a = pa, *b = pb;
    if (a->hash != b->hash) return a->hash < b->hash ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

void finding_list_fingerprint(FindingList *list)
{
    /* Sorting (hash, position) puts findings that share a hash next to
     * each other in list order, so the occurrence index is the position
     * within the run: n log n however many findings a file has. */
    HashedIndex *h = malloc((list->n ? list->n : 1) * sizeof *h);
    if (!h) die_out_of_memory();
    for (size_t i = 0; i < list->n; i++) h[i] = (HashedIndex){finding_hash(&list->items[i]), i};
    qsort(h, list->n, sizeof *h, compare_hashed);
    unsigned occurrence = 0;
    for (size_t k = 0; k < list->n; k++) {
        occurrence = (k > 0 && h[k - 1].hash == h[k].hash) ? occurrence + 1 : 0;
        Finding *f = &list->items[h[k].index];
        if (f->fingerprint) continue;
        char buf[40];
        snprintf(buf, sizeof buf, "%016llx:%u", (unsigned long long)h[k].hash, occurrence);
        f->fingerprint = dup_or_die(buf);
    }
    free(h);
}

void finding_list_retain(FindingList *list, bool (*keep)(const Finding *f, void *ctx), void *ctx)
{
    size_t n = 0;
    for (size_t i = 0; i < list->n; i++) {
        if (keep(&list->items[i], ctx)) list->items[n++] = list->items[i];
        else finding_free(&list->items[i]);
    }
    list->n = n;
}
