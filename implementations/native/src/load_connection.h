/* One load-client connection in the closed loop: keep `depth` messages in flight, check every echo. */
#ifndef IOBENCH_LOAD_CONNECTION_H
#define IOBENCH_LOAD_CONNECTION_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Reads land in a buffer of this size; it is also the longest contiguous pattern window. */
enum { LOAD_SCRATCH_BYTES = 64 * 1024 };

struct load_plan {
    size_t payload_bytes;
    int depth;
    int64_t warmup_end_ns;      /* echoes completing before this are warm-up */
    int64_t end_ns;             /* ... and from this on are not counted either: the run is over */
    atomic_bool stop;           /* set on the first error: one error makes the whole run invalid */
};

struct load_connection {
    int fd;
    int index;
    uint32_t pattern_offset;    /* where this connection's stream starts in the shared pattern */
    bool writing;               /* EPOLLOUT registered: the socket was full */
    bool broken;
    uint64_t sent_bytes;
    uint64_t received_bytes;
    uint64_t send_limit;        /* (completed echoes + depth) * payload: the closed loop's window */
    int64_t last_progress_ns;
};

struct load_counts {
    uint64_t measured_echoes;
    uint64_t errors;
};

struct load_options;

int64_t now_ns(void);

/* Where connection `index` starts in the pattern: spread far apart, distinct for the first 65521. */
uint32_t pattern_offset_of(int index);

/* Connects every connection (load_connect.c); 0, or -1 with errno set. */
int connect_all(const struct load_options *options, struct load_connection *connections);

/* Raises the descriptor limit for `connections` sockets; -1 (after saying why) if it cannot. */
int ensure_descriptors(int connections);

/* Fills the shared pattern; once, before any connection starts. */
void pattern_init(void);

/* Prints one error line (the first few only), counts it and stops the run. */
void load_error(struct load_plan *plan, struct load_counts *counts, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Registers the connected socket with epoll and sends its first `depth` messages. */
void load_connection_start(struct load_connection *connection, int epoll_fd, struct load_plan *plan,
                           struct load_counts *counts, int64_t now);

/* An epoll event: reads and checks echoes, counts completed ones, tops the window up. */
void load_connection_ready(struct load_connection *connection, int epoll_fd, struct load_plan *plan,
                           struct load_counts *counts, char *scratch, int64_t now);

#endif
