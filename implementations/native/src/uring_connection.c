/*
 * One native-io-uring connection: a multishot receive into provided buffers, each arrival sent
 * straight from its buffer, what arrives during a send held (bounded), and close.
 *
 * Backpressure: while a connection's unsent bytes exceed server->buffer_bytes, its receive is
 * cancelled and not re-armed until they are back under the bound; what the kernel had already
 * received when the cancel lands (one loop turn at most) is kept. A provided buffer is held only
 * while its send completes at once: arrivals during a send are copied into `pending`, and a send the
 * socket cannot take whole is copied out (keep_unsent_in_copy), each buffer returned at once, so
 * slow readers cannot drain the ring that every connection of the worker receives into.
 */
#define _GNU_SOURCE
#include "uring_server.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static size_t unsent(const struct uring_connection *connection)
{
    size_t in_flight = connection->sending ? connection->send_length - connection->send_offset : 0;
    return in_flight + connection->pending.length;
}

static bool wants_to_receive(const struct uring_worker *worker, const struct uring_connection *connection)
{
    return !connection->read_closed && !connection->closing && !connection->receiving && !connection->starved &&
           unsent(connection) <= worker->server->buffer_bytes;
}

static void arm_receive(struct uring_worker *worker, struct uring_connection *connection)
{
    struct io_uring_sqe *sqe = uring_next_sqe(worker);
    if (sqe == NULL) return;
    io_uring_prep_recv_multishot(sqe, connection->fd, NULL, 0, 0);
    sqe->flags |= IOSQE_BUFFER_SELECT;
    sqe->buf_group = 0;
    io_uring_sqe_set_data64(sqe, tagged(connection, TAG_RECV));
    connection->receiving = true;
}

static void cancel_receive(struct uring_worker *worker, struct uring_connection *connection)
{
    if (!connection->receiving || connection->cancelling) return;
    struct io_uring_sqe *sqe = uring_next_sqe(worker);
    if (sqe == NULL) return;
    io_uring_prep_cancel64(sqe, tagged(connection, TAG_RECV), 0);
    /* Its completion is awaited (no CQE_SKIP_SUCCESS): the connection must outlive the cancel. */
    io_uring_sqe_set_data64(sqe, tagged(connection, TAG_CANCEL));
    connection->cancelling = true;
}

/*
 * A send from a provided buffer must not wait for a slow reader: the buffer belongs to the ring every
 * connection receives into. So it is MSG_DONTWAIT, and what the socket does not take at once is
 * copied out (keep_unsent_in_copy) and sent from the copy, which may wait.
 */
static void submit_send(struct uring_worker *worker, struct uring_connection *connection)
{
    struct io_uring_sqe *sqe = uring_next_sqe(worker);
    if (sqe == NULL) return;
    int flags = MSG_NOSIGNAL | (connection->send_buffer_id >= 0 ? MSG_DONTWAIT : 0);
    io_uring_prep_send(sqe, connection->fd, connection->send_base + connection->send_offset,
                       connection->send_length - connection->send_offset, flags);
    io_uring_sqe_set_data64(sqe, tagged(connection, TAG_SEND));
}

static void start_send(struct uring_worker *worker, struct uring_connection *connection, const char *base,
                       size_t length, int buffer_id)
{
    connection->sending = true;
    connection->send_base = base;
    connection->send_offset = 0;
    connection->send_length = length;
    connection->send_buffer_id = buffer_id;
    submit_send(worker, connection);
}

static bool hold(struct held_bytes *held, const char *bytes, size_t length)
{
    if (held->length + length > held->capacity) {
        size_t capacity = held->capacity == 0 ? length : held->capacity;
        while (capacity < held->length + length) capacity *= 2;
        char *grown = realloc(held->data, capacity);   /* never the buffer in flight: that is `copy` */
        if (grown == NULL) return false;
        held->data = grown;
        held->capacity = capacity;
    }
    memcpy(held->data + held->length, bytes, length);
    held->length += length;
    return true;
}

/* A broken connection: shutting it down ends the receive and any send at once, with their CQEs. */
static void break_connection(struct uring_worker *worker, struct uring_connection *connection)
{
    if (connection->closing) return;
    connection->closing = connection->read_closed = true;
    shutdown(connection->fd, SHUT_RDWR);
    cancel_receive(worker, connection);
}

static void unlink_starved(struct uring_worker *worker, struct uring_connection *connection)
{
    for (struct uring_connection **link = &worker->starved; *link != NULL; link = &(*link)->next_starved) {
        if (*link == connection) {
            *link = connection->next_starved;
            break;
        }
    }
    connection->starved = false;
}

static void release(struct uring_worker *worker, struct uring_connection *connection)
{
    if (connection->starved) unlink_starved(worker, connection);
    if (connection->prev != NULL) connection->prev->next = connection->next;
    else worker->connections = connection->next;
    if (connection->next != NULL) connection->next->prev = connection->prev;
    close(connection->fd);
    free(connection->copy.data);
    free(connection->pending.data);
    free(connection);
}

/*
 * After every completion: resume receiving if the bound allows, and close once the client has shut
 * its side and everything is echoed (or the connection broke) and no request still refers to it.
 */
static void settle(struct uring_worker *worker, struct uring_connection *connection)
{
    if (wants_to_receive(worker, connection)) arm_receive(worker, connection);
    if (connection->read_closed && !connection->sending) connection->closing = true;
    if (connection->closing && !connection->receiving && !connection->sending && !connection->cancelling) {
        release(worker, connection);
    }
}

static void received(struct uring_worker *worker, struct uring_connection *connection, const struct io_uring_cqe *cqe)
{
    if (!(cqe->flags & IORING_CQE_F_MORE)) connection->receiving = false;
    if (cqe->res > 0) {
        unsigned buffer_id = cqe->flags >> IORING_CQE_BUFFER_SHIFT;
        worker->buffers_held++;
        const char *bytes = worker->buffers + buffer_id * worker->server->buffer_bytes;
        if (!connection->sending && !connection->closing) {
            start_send(worker, connection, bytes, (size_t)cqe->res, (int)buffer_id);   /* the usual case: no copy */
        } else {
            bool kept = connection->closing || hold(&connection->pending, bytes, (size_t)cqe->res);
            uring_return_buffer(worker, buffer_id);
            if (!kept) break_connection(worker, connection);   /* out of memory: drop this client, not the server */
        }
        if (unsent(connection) > worker->server->buffer_bytes) cancel_receive(worker, connection);
    } else if (cqe->res == 0) {
        connection->read_closed = true;   /* the client shut its side: finish echoing, then close */
    } else if (cqe->res == -ENOBUFS) {
        /* Every buffer is in use: wait on the starved list until some come back (uring_rearm_starved). */
        if (!connection->receiving && !connection->closing) {
            connection->starved = true;
            connection->next_starved = worker->starved;
            worker->starved = connection;
        }
    } else if (cqe->res != -ECANCELED) {
        break_connection(worker, connection);   /* ECONNRESET and the like: quietly */
    }
    settle(worker, connection);
}

/* The socket is full: the rest of a provided buffer moves to `copy` and the buffer goes back. */
static bool keep_unsent_in_copy(struct uring_worker *worker, struct uring_connection *connection)
{
    const char *rest = connection->send_base + connection->send_offset;
    size_t length = connection->send_length - connection->send_offset;
    if (!hold(&connection->copy, rest, length)) return false;
    uring_return_buffer(worker, (unsigned)connection->send_buffer_id);
    connection->send_buffer_id = -1;
    connection->send_base = connection->copy.data;
    connection->send_offset = 0;
    connection->send_length = length;
    return true;
}

static void sent(struct uring_worker *worker, struct uring_connection *connection, const struct io_uring_cqe *cqe)
{
    bool from_buffer = connection->send_buffer_id >= 0;
    if (cqe->res == -EAGAIN && from_buffer && !connection->closing) {
        if (keep_unsent_in_copy(worker, connection)) {
            submit_send(worker, connection);
            return;
        }
        break_connection(worker, connection);   /* out of memory: drop this client, not the server */
    } else if (cqe->res <= 0) {
        break_connection(worker, connection);   /* EPIPE, ECONNRESET; 0 would never progress */
    } else {
        connection->send_offset += (size_t)cqe->res;
        if (connection->send_offset < connection->send_length && !connection->closing) {
            /* A short send: the rest, in order, before anything else (from a copy if from a buffer). */
            if (!from_buffer || keep_unsent_in_copy(worker, connection)) {
                submit_send(worker, connection);
                return;
            }
            break_connection(worker, connection);
        }
    }
    if (connection->send_buffer_id >= 0) uring_return_buffer(worker, (unsigned)connection->send_buffer_id);
    else connection->copy.length = 0;
    connection->sending = false;
    if (connection->pending.length > 0 && !connection->closing) {
        struct held_bytes next = connection->pending;
        connection->pending = connection->copy;   /* the emptied copy takes the next arrivals */
        connection->copy = next;
        start_send(worker, connection, connection->copy.data, connection->copy.length, -1);
    }
    settle(worker, connection);
}

void uring_connection_complete(struct uring_worker *worker, struct uring_connection *connection, enum uring_tag tag,
                               const struct io_uring_cqe *cqe)
{
    if (tag == TAG_RECV) {
        received(worker, connection, cqe);
    } else if (tag == TAG_SEND) {
        sent(worker, connection, cqe);
    } else {   /* TAG_CANCEL: done, or found the receive already over; try again if it still runs */
        connection->cancelling = false;
        if (connection->receiving && (connection->closing || unsent(connection) > worker->server->buffer_bytes)) {
            cancel_receive(worker, connection);
        }
        settle(worker, connection);
    }
}

void uring_connection_adopt(struct uring_worker *worker, int fd)
{
    struct uring_connection *connection = calloc(1, sizeof *connection);
    if (connection == NULL) {
        close(fd);
        return;
    }
    connection->fd = fd;
    connection->send_buffer_id = -1;
    connection->next = worker->connections;
    if (worker->connections != NULL) worker->connections->prev = connection;
    worker->connections = connection;
    arm_receive(worker, connection);
}

void uring_rearm_starved(struct uring_worker *worker)
{
    unsigned available = worker->buffer_count - worker->buffers_held;
    while (worker->starved != NULL && available > 0) {
        struct uring_connection *connection = worker->starved;
        worker->starved = connection->next_starved;
        connection->starved = false;
        if (wants_to_receive(worker, connection)) {
            arm_receive(worker, connection);
            available--;
        }
    }
}

void uring_close_all(struct uring_worker *worker)
{
    while (worker->connections != NULL) {
        struct uring_connection *connection = worker->connections;
        worker->connections = connection->next;
        close(connection->fd);
        free(connection->copy.data);
        free(connection->pending.data);
        free(connection);
    }
    worker->starved = NULL;
}
