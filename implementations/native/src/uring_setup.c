/*
 * What native-io-uring needs from the kernel, found out by trying (a version number says nothing
 * about io_uring_disabled, seccomp filters or backports), and each worker's ring and buffers.
 *
 * Required, else the server is unavailable with the reason: io_uring itself; IORING_FEAT_FAST_POLL
 * (5.7: a receive on an empty socket waits on a poll, not in a kernel worker thread);
 * IORING_FEAT_NODROP (5.5: a multishot burst that overflows the completion queue is kept, not
 * lost); the opcodes ACCEPT, RECV, SEND, ASYNC_CANCEL, POLL_ADD and MSG_RING; provided buffer rings
 * (5.19); multishot receive (6.0, tried on a socket pair; multishot accept, 5.19, comes with it).
 * Taken when the kernel accepts them, else the next best (uring_worker_setup): SINGLE_ISSUER with
 * DEFER_TASKRUN (6.1: completions are run only when the worker waits, in one batch), else
 * COOP_TASKRUN (5.19: no interrupting IPIs); SUBMIT_ALL; a registered ring descriptor (5.18).
 */
#define _GNU_SOURCE
#include "uring_server.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

enum {
    SUBMISSION_ENTRIES = 4096,
    /* Multishot requests post many completions per submission: a roomier completion queue. */
    COMPLETION_ENTRIES = 4 * SUBMISSION_ENTRIES,
    BUFFER_GROUP = 0,
    /*
     * The provided buffers of a ring. The kernel takes them in ring order, so every one is touched
     * sooner or later: the budget bounds the resident memory, not just the address space.
     */
    BUFFER_BUDGET_BYTES = 16 << 20,
    MIN_BUFFERS = 16,
    MAX_BUFFERS = 4096,
};

static const int REQUIRED_OPCODES[] = {
    IORING_OP_ACCEPT, IORING_OP_RECV, IORING_OP_SEND, IORING_OP_ASYNC_CANCEL, IORING_OP_POLL_ADD, IORING_OP_MSG_RING,
};
static const char *const REQUIRED_OPCODE_NAMES[] = {
    "ACCEPT", "RECV", "SEND", "ASYNC_CANCEL", "POLL_ADD", "MSG_RING (5.18)",
};

static char reason[256];

static const char *because(const char *format, const char *detail)
{
    snprintf(reason, sizeof reason, format, detail);
    return reason;
}

static int register_buffer_ring(struct io_uring *ring, struct io_uring_buf_ring *buffer_ring, unsigned entries)
{
    struct io_uring_buf_reg registration = {
        .ring_addr = (uint64_t)(uintptr_t)buffer_ring,
        .ring_entries = entries,
        .bgid = BUFFER_GROUP,
    };
    return io_uring_register_buf_ring(ring, &registration, 0);
}

/* A multishot receive with a provided buffer on a socket pair: -EINVAL on kernels before 6.0. */
static const char *try_multishot_receive(struct io_uring *ring)
{
    static char byte_buffer[64];
    size_t ring_bytes = (size_t)sysconf(_SC_PAGESIZE);
    struct io_uring_buf_ring *buffer_ring =
        mmap(NULL, ring_bytes, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    if (buffer_ring == MAP_FAILED) return because("cannot map a buffer ring: %s", strerror(errno));
    const char *problem = NULL;
    int pair[2] = { -1, -1 };
    io_uring_buf_ring_init(buffer_ring);
    int error = register_buffer_ring(ring, buffer_ring, 1);
    if (error < 0) {
        problem = because("provided buffer rings are not supported (Linux 5.19): %s", strerror(-error));
    } else if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0 || write(pair[1], "x", 1) != 1) {
        problem = because("cannot try a multishot receive: %s", strerror(errno));
    } else {
        io_uring_buf_ring_add(buffer_ring, byte_buffer, sizeof byte_buffer, 0, io_uring_buf_ring_mask(1), 0);
        io_uring_buf_ring_advance(buffer_ring, 1);
        struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
        io_uring_prep_recv_multishot(sqe, pair[0], NULL, 0, 0);
        sqe->flags |= IOSQE_BUFFER_SELECT;
        sqe->buf_group = BUFFER_GROUP;
        struct io_uring_cqe *cqe;
        error = io_uring_submit_and_wait(ring, 1);
        if (error >= 0) error = io_uring_peek_cqe(ring, &cqe);
        if (error < 0) {
            problem = because("cannot try a multishot receive: %s", strerror(-error));
        } else if (cqe->res < 0) {
            problem = because("multishot receive is not supported (Linux 6.0): %s", strerror(-cqe->res));
        } else if (!(cqe->flags & IORING_CQE_F_MORE) || !(cqe->flags & IORING_CQE_F_BUFFER)) {
            problem = because("%s", "multishot receive with a provided buffer ended after one completion");
        }
    }
    for (int i = 0; i < 2; i++) {
        if (pair[i] >= 0) close(pair[i]);
    }
    /* The receive still armed is cancelled by io_uring_queue_exit, before the buffer ring is unmapped. */
    io_uring_queue_exit(ring);
    munmap(buffer_ring, ring_bytes);
    return problem;
}

static const char *probe(void)
{
    struct io_uring ring;
    struct io_uring_params params = { 0 };
    int error = io_uring_queue_init_params(8, &ring, &params);
    if (error < 0) {
        return because("io_uring_setup failed: %s (no io_uring in this kernel, or disabled by "
                       "kernel.io_uring_disabled or a seccomp filter)", strerror(-error));
    }
    const char *problem = NULL;
    if (!(params.features & IORING_FEAT_FAST_POLL)) problem = "the kernel lacks IORING_FEAT_FAST_POLL (Linux 5.7)";
    if (!(params.features & IORING_FEAT_NODROP)) problem = "the kernel lacks IORING_FEAT_NODROP (Linux 5.5)";
    struct io_uring_probe *opcodes = problem == NULL ? io_uring_get_probe_ring(&ring) : NULL;
    if (problem == NULL && opcodes == NULL) problem = "cannot probe io_uring opcodes (Linux 5.6)";
    for (size_t i = 0; problem == NULL && i < sizeof REQUIRED_OPCODES / sizeof REQUIRED_OPCODES[0]; i++) {
        if (!io_uring_opcode_supported(opcodes, REQUIRED_OPCODES[i])) {
            problem = because("the kernel lacks IORING_OP_%s", REQUIRED_OPCODE_NAMES[i]);
        }
    }
    if (opcodes != NULL) io_uring_free_probe(opcodes);
    if (problem != NULL) {
        io_uring_queue_exit(&ring);
        return problem;
    }
    return try_multishot_receive(&ring);   /* closes the ring */
}

static const char *probe_result;

static void probe_once(void)
{
    probe_result = probe();
}

const char *uring_unavailable_reason(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, probe_once);
    return probe_result;
}

/* The best setup the kernel takes: each choice is tried in order until one is not refused. */
static int create_ring(struct uring_worker *worker)
{
    static const unsigned CHOICES[] = {
        IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_SUBMIT_ALL,
        IORING_SETUP_COOP_TASKRUN | IORING_SETUP_SUBMIT_ALL,
        0,
    };
    int error = -EINVAL;
    for (size_t i = 0; i < sizeof CHOICES / sizeof CHOICES[0]; i++) {
        struct io_uring_params params = {
            .flags = CHOICES[i] | IORING_SETUP_CQSIZE,
            .cq_entries = COMPLETION_ENTRIES,
        };
        error = io_uring_queue_init_params(SUBMISSION_ENTRIES, &worker->ring, &params);
        if (error == 0) {
            worker->setup_flags = params.flags;
            break;
        }
        if (error != -EINVAL) break;   /* not a flag this kernel lacks: a real failure */
    }
    if (error < 0) {
        errno = -error;
        return -1;
    }
    worker->ring_ready = true;
    /* Saves a descriptor lookup on every io_uring_enter; an optimisation only, so a refusal is fine. */
    io_uring_register_ring_fd(&worker->ring);
    return 0;
}

static unsigned buffer_count_for(size_t buffer_bytes)
{
    unsigned count = MAX_BUFFERS;
    while (count > MIN_BUFFERS && (size_t)count * buffer_bytes > BUFFER_BUDGET_BYTES) count /= 2;
    return count;
}

int uring_worker_setup(struct uring_worker *worker)
{
    if (create_ring(worker) != 0) return -1;
    size_t buffer_bytes = worker->server->buffer_bytes;
    worker->buffer_count = buffer_count_for(buffer_bytes);
    worker->buffer_ring_bytes = worker->buffer_count * sizeof(struct io_uring_buf);
    /* Anonymous maps: page-aligned as the kernel requires, and untouched buffers cost no memory. */
    worker->buffer_ring = mmap(NULL, worker->buffer_ring_bytes, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    worker->buffers = mmap(NULL, worker->buffer_count * buffer_bytes, PROT_READ | PROT_WRITE,
                           MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
    if (worker->buffer_ring == MAP_FAILED || worker->buffers == MAP_FAILED) return -1;
    io_uring_buf_ring_init(worker->buffer_ring);
    int error = register_buffer_ring(&worker->ring, worker->buffer_ring, worker->buffer_count);
    if (error < 0) {
        errno = -error;
        return -1;
    }
    int mask = io_uring_buf_ring_mask(worker->buffer_count);
    for (unsigned id = 0; id < worker->buffer_count; id++) {
        io_uring_buf_ring_add(worker->buffer_ring, worker->buffers + id * buffer_bytes, (unsigned)buffer_bytes,
                              (unsigned short)id, mask, (int)id);
    }
    io_uring_buf_ring_advance(worker->buffer_ring, (int)worker->buffer_count);
    return 0;
}

void uring_worker_teardown(struct uring_worker *worker)
{
    /* The ring first: exiting it cancels every request still using the buffers. */
    if (worker->ring_ready) io_uring_queue_exit(&worker->ring);
    worker->ring_ready = false;
    if (worker->buffer_ring != NULL && worker->buffer_ring != MAP_FAILED) {
        munmap(worker->buffer_ring, worker->buffer_ring_bytes);
    }
    if (worker->buffers != NULL && worker->buffers != MAP_FAILED) {
        munmap(worker->buffers, worker->buffer_count * worker->server->buffer_bytes);
    }
}

void uring_return_buffer(struct uring_worker *worker, unsigned buffer_id)
{
    size_t buffer_bytes = worker->server->buffer_bytes;
    io_uring_buf_ring_add(worker->buffer_ring, worker->buffers + buffer_id * buffer_bytes, (unsigned)buffer_bytes,
                          (unsigned short)buffer_id, io_uring_buf_ring_mask(worker->buffer_count),
                          (int)worker->buffers_returned);
    worker->buffers_returned++;
    worker->buffers_held--;
}
