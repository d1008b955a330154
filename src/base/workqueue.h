/* workqueue.h - run one function over N independent items on a fixed set
 * of threads. Workers take the next index from an atomic counter, so long
 * and short items balance themselves; each worker has its own context slot
 * (its arena, its findings) so nothing is shared while items run. Results
 * are combined by the caller after workqueue_run returns, in item order,
 * which keeps output identical for any number of threads. */
#ifndef KRAIT_WORKQUEUE_H
#define KRAIT_WORKQUEUE_H

#include <stddef.h>

/* Processes item `index` with the worker's own context. */
typedef void (*WorkFn)(size_t index, void *worker_ctx, void *shared);

/* Runs fn for every index in [0, n_items) on n_threads threads (1 runs
 * inline on the caller's thread). worker_ctxs[i] is handed to worker i. */
void workqueue_run(size_t n_items, unsigned n_threads, WorkFn fn, void **worker_ctxs, void *shared);

/* The number of online processors (at least 1). */
unsigned workqueue_default_threads(void);

#endif
