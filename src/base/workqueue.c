/* workqueue.c - see workqueue.h. */
#include "base/workqueue.h"
#include "base/die.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct Queue {
    atomic_size_t next;
    size_t n_items;
    WorkFn fn;
    void *shared;
} Queue;

typedef struct Worker {
    Queue *queue;
    void *ctx;
} Worker;

static void *worker_main(void *arg)
{
    Worker *w = arg;
    Queue *q = w->queue;
    for (;;) {
        size_t i = atomic_fetch_add(&q->next, 1);
        if (i >= q->n_items) break;
        q->fn(i, w->ctx, q->shared);
    }
    return NULL;
}

void workqueue_run(size_t n_items, unsigned n_threads, WorkFn fn, void **worker_ctxs, void *shared)
{
    Queue q = {.n_items = n_items, .fn = fn, .shared = shared};
    atomic_init(&q.next, 0);
    if (n_threads <= 1 || n_items <= 1) {
        Worker w = {&q, worker_ctxs[0]};
        worker_main(&w);
        return;
    }
    if (n_threads > n_items) n_threads = (unsigned)n_items;
    Worker *workers = calloc(n_threads, sizeof *workers);
    pthread_t *threads = calloc(n_threads, sizeof *threads);
    if (!workers || !threads) die_out_of_memory();
    unsigned started = 0;
    for (unsigned i = 1; i < n_threads; i++) {
        workers[i] = (Worker){&q, worker_ctxs[i]};
        if (pthread_create(&threads[i], NULL, worker_main, &workers[i]) != 0) break;
        started = i;
    }
    workers[0] = (Worker){&q, worker_ctxs[0]};
    worker_main(&workers[0]);   /* the caller works too */
    for (unsigned i = 1; i <= started; i++) pthread_join(threads[i], NULL);
    free(workers);
    free(threads);
}

unsigned workqueue_default_threads(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}
