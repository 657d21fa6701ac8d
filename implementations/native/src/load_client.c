/*
 * iobench-load-client: the native closed-loop load client, the yardstick the Java driver is held to.
 *
 * Opens C non-blocking connections, shares them among T threads (each with its own epoll), and
 * has every connection keep D messages of B bytes in flight. Echoes are checked byte for byte and
 * counted only in the measured window after the warm-up. It always ends by itself: after W+S
 * seconds, or 5 s after a connection last saw progress, or at the first error. Last line:
 *   iobench-load-client: echoes=<n> seconds=<f> echoes_per_sec=<f> errors=<n>
 */
#define _GNU_SOURCE
#include "cli.h"
#include "load_connection.h"
#include "load_options.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

static const int64_t NANOS_PER_SECOND = 1000000000;
static const int64_t STALL_TIMEOUT_NS = 5 * 1000000000LL;
enum { EVENTS_PER_WAIT = 512 };

struct load_thread {
    struct load_plan *plan;
    struct load_connection *connections;
    int count;
    int epoll_fd;
    pthread_t thread;
    struct load_counts counts;
};

/* A connection without progress for the stall timeout means the server stopped answering. */
static void check_stalls(struct load_thread *self, int64_t now)
{
    for (int i = 0; i < self->count; i++) {
        struct load_connection *connection = &self->connections[i];
        if (connection->broken || now - connection->last_progress_ns < STALL_TIMEOUT_NS) continue;
        load_error(self->plan, &self->counts, "connection %d: no echo for 5 s: the server stopped responding",
                   connection->index);
        return;
    }
}

static void *run_thread(void *arg)
{
    struct load_thread *self = arg;
    struct load_plan *plan = self->plan;
    char *scratch = malloc(LOAD_SCRATCH_BYTES);
    if (scratch == NULL) {
        load_error(plan, &self->counts, "out of memory");
        return NULL;
    }
    int64_t now = now_ns();
    for (int i = 0; i < self->count; i++) {
        load_connection_start(&self->connections[i], self->epoll_fd, plan, &self->counts, now);
    }
    int64_t next_stall_check = now + NANOS_PER_SECOND;
    struct epoll_event events[EVENTS_PER_WAIT];
    while (!atomic_load_explicit(&plan->stop, memory_order_relaxed) && now < plan->end_ns) {
        int64_t wake = plan->end_ns < next_stall_check ? plan->end_ns : next_stall_check;
        int timeout_ms = wake > now ? (int)((wake - now) / 1000000) + 1 : 1;   /* never -1: that waits forever */
        int ready = epoll_wait(self->epoll_fd, events, EVENTS_PER_WAIT, timeout_ms);
        if (ready < 0 && errno != EINTR) {
            load_error(plan, &self->counts, "epoll_wait: %s", strerror(errno));
            break;
        }
        now = now_ns();   /* once per batch: close enough to each echo, and cheap */
        for (int i = 0; i < ready; i++) {
            struct load_connection *connection = events[i].data.ptr;
            if (!connection->broken) {
                load_connection_ready(connection, self->epoll_fd, plan, &self->counts, scratch, now);
            }
        }
        if (now >= next_stall_check) {
            check_stalls(self, now);
            next_stall_check = now + NANOS_PER_SECOND;
        }
    }
    free(scratch);
    return NULL;
}

static void report(uint64_t echoes, double seconds, uint64_t errors)
{
    printf("iobench-load-client: echoes=%llu seconds=%.3f echoes_per_sec=%.1f errors=%llu\n",
           (unsigned long long)echoes, seconds, seconds > 0 ? (double)echoes / seconds : 0.0,
           (unsigned long long)errors);
    fflush(stdout);
}

/* Runs the threads over their shares of the connections; returns the measured seconds. */
static double run(const struct load_options *options, struct load_plan *plan, struct load_thread *threads,
                  struct load_connection *connections)
{
    int64_t start = now_ns();
    plan->warmup_end_ns = start + (int64_t)(options->warmup_seconds * NANOS_PER_SECOND);
    plan->end_ns = plan->warmup_end_ns + (int64_t)(options->duration_seconds * NANOS_PER_SECOND);
    int share = options->connections / options->threads, extra = options->connections % options->threads;
    int next = 0, started = 0;
    for (int t = 0; t < options->threads; t++) {
        struct load_thread *thread = &threads[t];
        thread->plan = plan;
        thread->connections = &connections[next];
        thread->count = share + (t < extra ? 1 : 0);
        next += thread->count;
        thread->epoll_fd = epoll_create1(EPOLL_CLOEXEC);
        if (thread->epoll_fd < 0 || pthread_create(&thread->thread, NULL, run_thread, thread) != 0) {
            load_error(plan, &thread->counts, "cannot start a load thread");
            break;
        }
        started++;
    }
    for (int t = 0; t < started; t++) pthread_join(threads[t].thread, NULL);
    int64_t stopped = now_ns();
    int64_t measured_until = stopped < plan->end_ns ? stopped : plan->end_ns;
    double seconds = (double)(measured_until - plan->warmup_end_ns) / NANOS_PER_SECOND;
    return seconds > 0 ? seconds : 0;
}

int main(int argc, char **argv)
{
    struct load_options options;
    int status = parse_load_options(argc, argv, &options);
    if (status != 0) return status;
    if (options.help) {
        print_load_usage();
        return 0;
    }
    signal(SIGPIPE, SIG_IGN);   /* a server gone mid-write is an error to count, not a death */
    pattern_init();
    struct load_plan plan = { .payload_bytes = options.payload_bytes, .depth = options.depth };
    struct load_connection *connections = calloc((size_t)options.connections, sizeof *connections);
    struct load_thread *threads = calloc((size_t)options.threads, sizeof *threads);
    for (int i = 0; connections != NULL && i < options.connections; i++) connections[i].fd = -1;
    uint64_t echoes = 0, errors = 0;
    double seconds = 0;
    if (connections == NULL || threads == NULL) {
        fprintf(stderr, "iobench-load-client: out of memory for %d connections\n", options.connections);
        errors = 1;
    } else if (ensure_descriptors(options.connections) != 0) {
        errors = 1;
    } else if (connect_all(&options, connections) != 0) {
        fprintf(stderr, "iobench-load-client: cannot connect to %s port %d: %s\n", options.host, options.port,
                strerror(errno));
        errors = 1;
    } else {
        seconds = run(&options, &plan, threads, connections);
        for (int t = 0; t < options.threads; t++) {
            echoes += threads[t].counts.measured_echoes;
            errors += threads[t].counts.errors;
            if (threads[t].epoll_fd > 0) close(threads[t].epoll_fd);
        }
        if (errors == 0 && echoes == 0) {
            fprintf(stderr, "iobench-load-client: error: no echo completed in the measured window\n");
            errors = 1;
        }
    }
    for (int i = 0; connections != NULL && i < options.connections; i++) {
        if (connections[i].fd >= 0) close(connections[i].fd);
    }
    report(echoes, seconds, errors);
    free(connections);
    free(threads);
    return errors == 0 ? 0 : EXIT_RUNTIME;
}
