/*
 * native-io-uring: the echo server on io_uring, shared declarations.
 *
 * One ring and one thread per worker; worker 0 owns a multishot accept on the listening socket and
 * deals connections round-robin to every ring (IORING_OP_MSG_RING), as the epoll server deals them
 * to epoll sets. Each connection has one multishot receive drawing from its worker's provided
 * buffer ring; what arrives is sent straight from that buffer. Each loop turn ends in one
 * io_uring_submit_and_wait, which carries every send, re-arm and buffer return of the turn.
 * No SQPOLL: a kernel polling thread would burn a core the other servers do not get.
 */
#ifndef IOBENCH_URING_SERVER_H
#define IOBENCH_URING_SERVER_H

#include "server_options.h"
#include "uring_entry.h"   /* uring_serve, uring_unavailable_reason */

#include <liburing.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct uring_server;

/* Bytes of a connection held back while a send is in flight (the client reads slower than it writes). */
struct held_bytes {
    char *data;
    size_t length;
    size_t capacity;
};

/* One accepted client, owned by one worker (only its thread touches it). */
struct uring_connection {
    int fd;
    struct uring_connection *prev, *next;   /* the worker's list, for closing all at shutdown */
    struct uring_connection *next_starved;  /* the worker's list of receives waiting for a buffer */

    /* The one send in flight (sends on one socket are serialised to keep the byte order). */
    bool sending;
    int send_buffer_id;        /* the provided buffer being sent, or -1 when sending from `copy` */
    const char *send_base;
    size_t send_offset, send_length;
    struct held_bytes copy;    /* held bytes now being sent */
    struct held_bytes pending; /* arrived while a send was in flight; sent next */

    bool receiving;            /* the multishot receive is armed */
    bool cancelling;           /* a cancel for it is on its way */
    bool starved;              /* on the starved list */
    bool read_closed;          /* the client shut its side (or the connection broke) */
    bool closing;
};

struct uring_worker {
    struct uring_server *server;
    int index;
    pthread_t thread;
    struct io_uring ring;
    bool ring_ready;
    unsigned setup_flags;      /* what the kernel accepted (see uring_setup.c) */

    /* The provided buffer ring: `buffer_count` buffers of server->buffer_bytes each. */
    struct io_uring_buf_ring *buffer_ring;
    size_t buffer_ring_bytes;
    char *buffers;
    unsigned buffer_count;
    unsigned buffers_held;     /* taken by the kernel for a receive and not yet given back */
    unsigned buffers_returned; /* given back this turn, published to the kernel before submitting */

    struct uring_connection *connections;   /* every open connection of this worker */
    struct uring_connection *starved;
    unsigned next_worker;      /* worker 0: round-robin hand-off */
    bool accepting;            /* worker 0: the multishot accept is armed */
};

struct uring_server {
    const char *impl_id;
    size_t buffer_bytes;       /* receive size and the bound on a connection's unsent bytes */
    int thread_count;
    int listen_fd;
    int wake_fd;               /* eventfd, made readable once to stop every worker */
    int reserve_fd;            /* a spare descriptor, given up to shed a connection at EMFILE */
    struct uring_worker *workers;
    /* Start-up: every ring exists (MSG_RING needs its descriptor) before worker 0 hands out connections. */
    pthread_mutex_t start_lock;
    pthread_cond_t start_changed;
    int rings_set_up;          /* workers done setting up, successfully or not */
    bool start_decided;        /* every started worker is set up: go on (or stop, if one failed) */
    atomic_bool setup_failed;
    atomic_bool stopping;
    atomic_bool failed;        /* a worker hit an unexpected error: exit 1 instead of 0 */
};

/* user_data of every request: a connection (or nothing) in the high bits, what it was in the low 3. */
enum uring_tag {
    TAG_RECV = 0, TAG_SEND = 1, TAG_CANCEL = 2, TAG_ACCEPT = 3, TAG_HANDOFF = 4, TAG_HANDOFF_FAILED = 5, TAG_WAKE = 6, TAG_CANCEL_ALL = 7,
};
enum { TAG_BITS = 3, TAG_MASK = (1 << TAG_BITS) - 1 };

static inline uint64_t tagged(const void *pointer, enum uring_tag tag)
{
    return (uint64_t)(uintptr_t)pointer | tag;
}

/* Creates the worker's ring (best setup flags the kernel takes) and its provided buffer ring. */
int uring_worker_setup(struct uring_worker *worker);
void uring_worker_teardown(struct uring_worker *worker);

/* The worker thread's body (uring_worker.c). */
void *uring_worker_run(void *worker);

/* An SQE, submitting what is queued first if the submission queue is full; NULL only on failure. */
struct io_uring_sqe *uring_next_sqe(struct uring_worker *worker);

/* Gives a buffer back to the kernel; published in one store at the end of the turn. */
void uring_return_buffer(struct uring_worker *worker, unsigned buffer_id);

/* Connections (uring_connection.c). */
void uring_connection_adopt(struct uring_worker *worker, int fd);
void uring_connection_complete(struct uring_worker *worker, struct uring_connection *connection,
                               enum uring_tag tag, const struct io_uring_cqe *cqe);
/* Re-arms receives that found the buffer ring empty, now that buffers came back. */
void uring_rearm_starved(struct uring_worker *worker);
/* Closes every connection left; only after the worker's thread has ended. */
void uring_close_all(struct uring_worker *worker);

#endif
