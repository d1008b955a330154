/* test_workqueue.c - every item is processed exactly once, by some worker,
 * for thread counts from 1 to more than there are items. */
#include "unit.h"

#include "base/workqueue.h"

#include <stdatomic.h>
#include <stdlib.h>

typedef struct Counts {
    atomic_int *seen;
} Counts;

typedef struct Slot {
    size_t done;
} Slot;

static void mark(size_t index, void *worker_ctx, void *shared)
{
    Counts *c = shared;
    atomic_fetch_add(&c->seen[index], 1);
    ((Slot *)worker_ctx)->done++;
}

static void test_each_item_once(UnitContext *t)
{
    enum { N = 5000 };
    unsigned thread_counts[] = {1, 2, 3, 8, 64};
    for (size_t k = 0; k < sizeof thread_counts / sizeof thread_counts[0]; k++) {
        unsigned nt = thread_counts[k];
        Counts c = {calloc(N, sizeof(atomic_int))};
        Slot *slots = calloc(nt, sizeof *slots);
        void **ctxs = calloc(nt, sizeof *ctxs);
        for (unsigned i = 0; i < nt; i++) ctxs[i] = &slots[i];
        workqueue_run(N, nt, mark, ctxs, &c);
        size_t total = 0;
        for (unsigned i = 0; i < nt; i++) total += slots[i].done;
        CHECK_INT(t, total, N);
        int bad = 0;
        for (size_t i = 0; i < N; i++) bad += atomic_load(&c.seen[i]) != 1;
        CHECK_INT(t, bad, 0);
        free(c.seen);
        free(slots);
        free(ctxs);
    }
    CHECK(t, workqueue_default_threads() >= 1);
}

int main(int argc, char **argv)
{
    static const UnitTest tests[] = {
        {"each_item_once", test_each_item_once},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
