/*
 * iobench-core-distance: how far apart two CPUs are, as the round trip of one cache line between a
 * thread pinned to each. On a virtual machine the host decides where the virtual CPUs run, and it
 * moves them: on the development VM the driver's and the server's CPUs alternate, for tens of seconds
 * at a time, between ~95 ns (cores sharing a last-level cache) and ~390 ns (cores that do not), and
 * loopback ping-pong costs ~25% more CPU per echo on both sides in the far state, with nothing else
 * in the guest (steal, interrupts, context switches, softirqs per echo) telling the two apart. The
 * benchmark runs this between iterations to record which state each one ran in.
 *
 *   iobench-core-distance --cpus A,B [--round-trips N]
 * Prints: iobench-core-distance: cpus=A,B round_trip_ns=<median of the batches> min_ns=<f> max_ns=<f>
 * Exit 0; 1 when a thread cannot be pinned or the other side never answers within 2 s; 2 bad usage.
 */
#define _GNU_SOURCE
#include "cli.h"

#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *PROGRAM = "iobench-core-distance";
enum { BATCHES = 7, GIVE_UP_SECONDS = 2 };

/* The bounced line: 0 = the first CPU's turn to write 1, 1 = the second's turn to write 0, -1 = give up. */
static _Alignas(64) atomic_int line;
static long round_trips_per_batch;

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static bool pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
}

/* Spins until the line holds `expected`; false when the other side gave up or stayed away too long. */
static bool await(int expected, double deadline_ns)
{
    for (unsigned spins = 1;; spins++) {
        int seen = atomic_load_explicit(&line, memory_order_acquire);
        if (seen == expected) return true;
        if (seen < 0) return false;
        if ((spins & 0xffff) == 0 && now_ns() > deadline_ns) {
            atomic_store_explicit(&line, -1, memory_order_release);
            return false;
        }
    }
}

static void *answer(void *cpu)
{
    if (!pin((int) (long) cpu)) {
        atomic_store_explicit(&line, -1, memory_order_release);
        return NULL;
    }
    double deadline = now_ns() + GIVE_UP_SECONDS * 1e9;
    for (long i = 0; i < (BATCHES + 1) * round_trips_per_batch; i++) {
        if (!await(1, deadline)) return NULL;
        atomic_store_explicit(&line, 0, memory_order_release);
    }
    return NULL;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    long first = -1, second = -1, round_trips = 70000;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0) {
            printf("usage: %s --cpus A,B [--round-trips N]\n"
                   "Round trip of one cache line between a thread pinned to CPU A and one pinned to CPU B:\n"
                   "the median over %d batches (one more warms up), in ns. Default --round-trips 70000.\n",
                   PROGRAM, BATCHES);
            return 0;
        }
        const char *flag = argv[i];
        if (strcmp(flag, "--cpus") == 0) {
            const char *value = option_value(argc, argv, &i);
            char *comma = value == NULL ? NULL : strchr(value, ',');
            if (comma == NULL) return usage_error(PROGRAM, "--cpus needs A,B");
            *comma = '\0';
            if (!parse_number(PROGRAM, "--cpus", value, 0, CPU_SETSIZE - 1, &first)
                || !parse_number(PROGRAM, "--cpus", comma + 1, 0, CPU_SETSIZE - 1, &second)) return EXIT_USAGE;
        } else if (strcmp(flag, "--round-trips") == 0) {
            const char *value = option_value(argc, argv, &i);
            if (value == NULL) return usage_error(PROGRAM, "--round-trips needs a value");
            if (!parse_number(PROGRAM, "--round-trips", value, BATCHES, 100000000, &round_trips)) return EXIT_USAGE;
        } else {
            return usage_error(PROGRAM, "unknown option '%s'", flag);
        }
    }
    if (first < 0) return usage_error(PROGRAM, "--cpus A,B is required");
    if (first == second) return usage_error(PROGRAM, "--cpus needs two different CPUs, got %ld twice", first);
    round_trips_per_batch = round_trips / BATCHES;

    if (!pin((int) first)) {
        fprintf(stderr, "%s: cannot run on CPU %ld\n", PROGRAM, first);
        return EXIT_RUNTIME;
    }
    pthread_t other;
    if (pthread_create(&other, NULL, answer, (void *) second) != 0) {
        fprintf(stderr, "%s: cannot start the second thread\n", PROGRAM);
        return EXIT_RUNTIME;
    }
    double deadline = now_ns() + GIVE_UP_SECONDS * 1e9;
    double batch_ns[BATCHES];
    bool answered = true;
    for (int batch = -1; batch < BATCHES && answered; batch++) {   /* batch -1 warms up */
        double start = now_ns();
        for (long i = 0; i < round_trips_per_batch && answered; i++) {
            atomic_store_explicit(&line, 1, memory_order_release);
            answered = await(0, deadline);
        }
        if (batch >= 0) batch_ns[batch] = (now_ns() - start) / round_trips_per_batch;
    }
    if (!answered) atomic_store_explicit(&line, -1, memory_order_release);
    pthread_join(other, NULL);
    if (!answered) {
        fprintf(stderr, "%s: CPU %ld did not answer within %d s (not allowed to run there?)\n", PROGRAM, second,
                GIVE_UP_SECONDS);
        return EXIT_RUNTIME;
    }
    qsort(batch_ns, BATCHES, sizeof batch_ns[0], compare_doubles);
    printf("%s: cpus=%ld,%ld round_trip_ns=%.1f min_ns=%.1f max_ns=%.1f\n", PROGRAM, first, second,
           batch_ns[BATCHES / 2], batch_ns[0], batch_ns[BATCHES - 1]);
    return 0;
}
