/* osvmatch.c - see osvmatch.h. Each call parses the advisory's versions
 * once into an arena; advisories per package are few (tens), so this costs
 * microseconds and keeps the database free of derived data. */
#include "deps/osvmatch.h"

#include <stdlib.h>
#include <string.h>

typedef struct ParsedEvent {
    OsvEventKind kind;
    bool from_start;          /* introduced "0" */
    Pep440Version version;
} ParsedEvent;

typedef struct ParsedRange {
    ParsedEvent *events;
    size_t n;
} ParsedRange;

struct OsvMatcher {
    ParsedRange *ranges;
    size_t n_ranges;
    Pep440Version *listed;
    size_t n_listed;
    Pep440Version *fixed;     /* sorted ascending, unique */
    size_t n_fixed;
    const char **fixed_text;  /* canonical text of fixed[], same order */
};
typedef struct OsvMatcher Parsed;

static bool parse_version(const char *text, Pep440Version *out)
{
    return pep440_parse(text, strlen(text), out, NULL) == 0;
}

static int event_cmp(const ParsedEvent *a, const ParsedEvent *b)
{
    if (a->from_start || b->from_start) return (int)b->from_start - (int)a->from_start;
    return pep440_compare(&a->version, &b->version);
}

/* Insertion sort: stable (ties keep file order) and ranges are short. */
static void sort_events(ParsedEvent *ev, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        ParsedEvent key = ev[i];
        size_t j = i;
        while (j > 0 && event_cmp(&ev[j - 1], &key) > 0) {
            ev[j] = ev[j - 1];
            j--;
        }
        ev[j] = key;
    }
}

static void add_fixed(Parsed *p, const Pep440Version *v)
{
    size_t i = 0;
    while (i < p->n_fixed && pep440_compare(&p->fixed[i], v) < 0) i++;
    if (i < p->n_fixed && pep440_compare(&p->fixed[i], v) == 0) return;
    memmove(&p->fixed[i + 1], &p->fixed[i], (p->n_fixed - i) * sizeof *p->fixed);
    p->fixed[i] = *v;
    p->n_fixed++;
}

static int compare_versions(const void *a, const void *b) { return pep440_compare(a, b); }

static void parse_affected(const OsvAffected *aff, Arena *arena, Parsed *p)
{
    memset(p, 0, sizeof *p);
    size_t total_events = 0;
    for (size_t r = 0; r < aff->n_ranges; r++) total_events += aff->ranges[r].n_events;
    p->ranges = ARENA_ARRAY(arena, ParsedRange, aff->n_ranges ? aff->n_ranges : 1);
    p->fixed = ARENA_ARRAY(arena, Pep440Version, total_events ? total_events : 1);
    for (size_t r = 0; r < aff->n_ranges; r++) {
        const OsvRange *src = &aff->ranges[r];
        ParsedRange *dst = &p->ranges[p->n_ranges++];
        dst->events = ARENA_ARRAY(arena, ParsedEvent, src->n_events ? src->n_events : 1);
        dst->n = 0;
        for (size_t e = 0; e < src->n_events; e++) {
            ParsedEvent pe = {.kind = src->events[e].kind};
            const char *text = src->events[e].version;
            if (pe.kind == OSV_EVENT_INTRODUCED && strcmp(text, "0") == 0) pe.from_start = true;
            else if (!parse_version(text, &pe.version)) continue;
            dst->events[dst->n++] = pe;
            if (pe.kind == OSV_EVENT_FIXED) add_fixed(p, &pe.version);
        }
        sort_events(dst->events, dst->n);
    }
    p->listed = ARENA_ARRAY(arena, Pep440Version, aff->n_versions ? aff->n_versions : 1);
    for (size_t i = 0; i < aff->n_versions; i++)
        if (parse_version(aff->versions[i], &p->listed[p->n_listed])) p->n_listed++;
    qsort(p->listed, p->n_listed, sizeof *p->listed, compare_versions);
}

static bool range_contains(const ParsedRange *r, const Pep440Version *v)
{
    bool affected = false;
    for (size_t i = 0; i < r->n; i++) {
        const ParsedEvent *e = &r->events[i];
        switch (e->kind) {
        case OSV_EVENT_INTRODUCED:
            if (e->from_start || pep440_compare(v, &e->version) >= 0) affected = true;
            break;
        case OSV_EVENT_FIXED:
            if (pep440_compare(v, &e->version) >= 0) affected = false;
            break;
        case OSV_EVENT_LAST_AFFECTED:
            if (pep440_compare(v, &e->version) > 0) affected = false;
            break;
        case OSV_EVENT_LIMIT:
            if (pep440_compare(v, &e->version) >= 0) return false;
            break;
        }
    }
    return affected;
}

static bool parsed_affects(const Parsed *p, const Pep440Version *v)
{
    if (p->n_listed && bsearch(v, p->listed, p->n_listed, sizeof *p->listed, compare_versions)) return true;
    for (size_t r = 0; r < p->n_ranges; r++)
        if (range_contains(&p->ranges[r], v)) return true;
    return false;
}

static const char *format_version(Arena *arena, const Pep440Version *v)
{
    char buf[PEP440_VERSION_STR_MAX];
    pep440_format(v, buf, sizeof buf);
    return arena_strndup(arena, buf, strlen(buf));
}

/* Fills fixed[] and fixed_in: the smallest fixed version above `above`
 * (NULL: any) that is itself not affected. */
static void fill_fixes(const Parsed *p, const Pep440Version *above, Arena *arena, OsvVerdict *out)
{
    (void)arena;
    out->n_fixed = p->n_fixed;
    out->fixed = p->fixed_text;
    out->fixed_in = NULL;
    for (size_t i = 0; i < p->n_fixed; i++) {
        if (out->fixed_in) continue;
        if (above && pep440_compare(&p->fixed[i], above) <= 0) continue;
        if (!parsed_affects(p, &p->fixed[i])) out->fixed_in = out->fixed[i];
    }
}

const OsvMatcher *osvmatch_prepare(const OsvAffected *aff, Arena *arena)
{
    Parsed *p = ARENA_NEW(arena, Parsed);
    parse_affected(aff, arena, p);
    p->fixed_text = ARENA_ARRAY(arena, const char *, p->n_fixed ? p->n_fixed : 1);
    for (size_t i = 0; i < p->n_fixed; i++) p->fixed_text[i] = format_version(arena, &p->fixed[i]);
    return p;
}

void osvmatch_prepared_version(const OsvMatcher *m, const Pep440Version *v, Arena *arena, OsvVerdict *out)
{
    memset(out, 0, sizeof *out);
    out->affected = parsed_affects(m, v);
    if (out->affected) fill_fixes(m, v, arena, out);
}

void osvmatch_version(const OsvAffected *aff, const Pep440Version *v, Arena *arena, OsvVerdict *out)
{
    osvmatch_prepared_version(osvmatch_prepare(aff, arena), v, arena, out);
}

static void consider(const Parsed *p, const Pep440SpecSet *set, const Pep440Version *c, const Pep440Version **worst)
{
    if (!pep440_specset_contains_version(set, c, PEP440_PRE_AUTO, false)) return;
    if (!parsed_affects(p, c)) return;
    if (!*worst || pep440_compare(c, *worst) > 0) *worst = c;
}

void osvmatch_specset(const OsvAffected *aff, const Pep440SpecSet *set, Arena *arena, OsvVerdict *out)
{
    osvmatch_prepared_specset(osvmatch_prepare(aff, arena), set, arena, out);
}

void osvmatch_prepared_specset(const OsvMatcher *m, const Pep440SpecSet *set, Arena *arena, OsvVerdict *out)
{
    const Parsed p = *m;
    memset(out, 0, sizeof *out);
    const Pep440Version *worst = NULL;
    for (size_t i = 0; i < p.n_listed; i++) consider(&p, set, &p.listed[i], &worst);
    for (size_t r = 0; r < p.n_ranges; r++)
        for (size_t e = 0; e < p.ranges[r].n; e++) {
            const ParsedEvent *ev = &p.ranges[r].events[e];
            if (ev->from_start) continue;
            if (ev->kind == OSV_EVENT_INTRODUCED || ev->kind == OSV_EVENT_LAST_AFFECTED)
                consider(&p, set, &ev->version, &worst);
        }
    out->affected = worst != NULL;
    fill_fixes(&p, worst, arena, out);
}
