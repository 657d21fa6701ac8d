/*
 * A native-io-uring worker: one ring, one thread. Each turn submits everything the previous turn
 * queued and waits in the same io_uring_enter, then handles every completion that is there.
 */
#define _GNU_SOURCE
#include "listener.h"
#include "uring_server.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

/* Unexpected trouble in a loop: stop the whole server (the main thread waits for this signal). */
static void fail(struct uring_worker *worker, const char *what, int error)
{
    fprintf(stderr, "iobench: io_uring worker %d: %s: %s\n", worker->index, what, strerror(error));
    atomic_store(&worker->server->failed, true);
    kill(getpid(), SIGTERM);
}

struct io_uring_sqe *uring_next_sqe(struct uring_worker *worker)
{
    struct io_uring_sqe *sqe = io_uring_get_sqe(&worker->ring);
    if (sqe != NULL) return sqe;
    /* The submission queue is full (a burst of completions): an early submit, the only extra syscall. */
    int submitted = io_uring_submit(&worker->ring);
    sqe = io_uring_get_sqe(&worker->ring);
    if (sqe == NULL) fail(worker, "submission queue stays full", submitted < 0 ? -submitted : EBUSY);
    return sqe;
}

/* Once, level-triggered: the eventfd is never read, so every ring sees the stop. */
static void watch_for_stop(struct uring_worker *worker)
{
    struct io_uring_sqe *sqe = uring_next_sqe(worker);
    if (sqe == NULL) return;
    io_uring_prep_poll_add(sqe, worker->server->wake_fd, POLLIN);
    io_uring_sqe_set_data64(sqe, tagged(NULL, TAG_WAKE));
}

static void arm_accept(struct uring_worker *worker)
{
    struct io_uring_sqe *sqe = uring_next_sqe(worker);
    if (sqe == NULL) return;
    io_uring_prep_multishot_accept(sqe, worker->server->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    io_uring_sqe_set_data64(sqe, tagged(NULL, TAG_ACCEPT));
    worker->accepting = true;
}

/* Round-robin, as the epoll server deals connections: to this ring directly, to others by MSG_RING. */
static void hand_off(struct uring_worker *worker, int fd)
{
    struct uring_server *server = worker->server;
    int on = 1;
    /* An echo is small and latency matters: never let Nagle hold a reply back. */
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    struct uring_worker *owner = &server->workers[worker->next_worker++ % (unsigned)server->thread_count];
    if (owner == worker) {
        uring_connection_adopt(worker, fd);
        return;
    }
    struct io_uring_sqe *sqe = uring_next_sqe(worker);
    if (sqe == NULL) {
        close(fd);
        return;
    }
    /* The owner's completion carries the descriptor as its result; ours is posted only on failure. */
    io_uring_prep_msg_ring(sqe, owner->ring.ring_fd, (unsigned)fd, tagged(NULL, TAG_HANDOFF), 0);
    io_uring_sqe_set_data64(sqe, ((uint64_t)(unsigned)fd << TAG_BITS) | TAG_HANDOFF_FAILED);
    sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
}

static void accepted(struct uring_worker *worker, const struct io_uring_cqe *cqe)
{
    struct uring_server *server = worker->server;
    if (!(cqe->flags & IORING_CQE_F_MORE)) worker->accepting = false;
    if (cqe->res >= 0) {
        hand_off(worker, cqe->res);
    } else if (cqe->res == -EMFILE || cqe->res == -ENFILE) {
        /* The multishot accept ended; shed the connection it could not take, then re-arm (below). */
        shed_one_connection(server->listen_fd, &server->reserve_fd);
    }
    /* Other errors (ECONNABORTED: the client gave up while queued) are not ours: accept on. */
    if (!worker->accepting && !atomic_load(&server->stopping)) arm_accept(worker);
}

static void dispatch(struct uring_worker *worker, const struct io_uring_cqe *cqe)
{
    uint64_t data = io_uring_cqe_get_data64(cqe);
    enum uring_tag tag = (enum uring_tag)(data & TAG_MASK);
    switch (tag) {
    case TAG_WAKE:
        break;   /* the loop condition sees the stop */
    case TAG_ACCEPT:
        accepted(worker, cqe);
        break;
    case TAG_HANDOFF:
        uring_connection_adopt(worker, cqe->res);
        break;
    case TAG_HANDOFF_FAILED:
        close((int)(data >> TAG_BITS));
        break;
    default:
        uring_connection_complete(worker, (struct uring_connection *)(uintptr_t)(data & ~(uint64_t)TAG_MASK), tag, cqe);
    }
}

/* Everything returned this turn becomes visible to the kernel in one store. */
static void publish_returned_buffers(struct uring_worker *worker)
{
    if (worker->buffers_returned == 0) return;
    io_uring_buf_ring_advance(worker->buffer_ring, (int)worker->buffers_returned);
    worker->buffers_returned = 0;
}

/*
 * On the way out: cancels every request and waits until that is done, so that none still holds a
 * socket (a request keeps its file open past close(), and a ring torn down later lets go of its
 * files in the background: the port would stay taken after the process exits).
 */
static void cancel_everything(struct uring_worker *worker)
{
    struct io_uring_sqe *sqe = uring_next_sqe(worker);
    if (sqe == NULL) return;
    io_uring_prep_cancel64(sqe, 0, IORING_ASYNC_CANCEL_ANY | IORING_ASYNC_CANCEL_ALL);
    io_uring_sqe_set_data64(sqe, tagged(NULL, TAG_CANCEL_ALL));
    for (bool done = false; !done;) {
        int error = io_uring_submit_and_wait(&worker->ring, 1);
        if (error < 0 && error != -EINTR) return;
        unsigned head, seen = 0;
        struct io_uring_cqe *cqe;
        io_uring_for_each_cqe(&worker->ring, head, cqe) {
            done |= (io_uring_cqe_get_data64(cqe) & TAG_MASK) == TAG_CANCEL_ALL;
            seen++;
        }
        io_uring_cq_advance(&worker->ring, seen);
    }
}

/* Waits until every ring exists (or one failed); false if the server must not start. */
static bool await_all_rings(struct uring_worker *worker)
{
    struct uring_server *server = worker->server;
    pthread_mutex_lock(&server->start_lock);
    server->rings_set_up++;
    pthread_cond_broadcast(&server->start_changed);
    while (!server->start_decided) pthread_cond_wait(&server->start_changed, &server->start_lock);
    pthread_mutex_unlock(&server->start_lock);
    return !atomic_load(&server->setup_failed);
}

void *uring_worker_run(void *arg)
{
    struct uring_worker *worker = arg;
    struct uring_server *server = worker->server;
    if (uring_worker_setup(worker) != 0) {
        fprintf(stderr, "iobench: io_uring worker %d: cannot set up its ring: %s\n", worker->index, strerror(errno));
        atomic_store(&server->setup_failed, true);
    }
    if (!await_all_rings(worker)) return NULL;
    watch_for_stop(worker);
    if (worker->index == 0) arm_accept(worker);
    while (!atomic_load_explicit(&server->stopping, memory_order_acquire)) {
        publish_returned_buffers(worker);
        uring_rearm_starved(worker);
        int submitted = io_uring_submit_and_wait(&worker->ring, 1);
        if (submitted < 0 && submitted != -EINTR && submitted != -EAGAIN && submitted != -EBUSY) {
            fail(worker, "io_uring_submit_and_wait", -submitted);
            break;
        }
        unsigned head, seen = 0;
        struct io_uring_cqe *cqe;
        io_uring_for_each_cqe(&worker->ring, head, cqe) {
            dispatch(worker, cqe);
            seen++;
        }
        io_uring_cq_advance(&worker->ring, seen);
    }
    cancel_everything(worker);
    return NULL;
}
