/*
 * One connection's life in a worker: read, write back, hold what the client cannot take yet, close.
 * The seed read once per EPOLLET event and ignored short writes; this file is where that is fixed.
 */
#define _GNU_SOURCE
#include "echo_server.h"
#include "message_work.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

/*
 * Reads one event may do before the connection goes to the back of the line. Without a cap, a
 * client that keeps sending could hold the worker forever, since reading until EAGAIN never ends.
 */
enum { READS_PER_EVENT = 16 };

enum outcome { DONE, WAITING, CLOSED };

static void close_connection(struct worker *worker, struct connection *connection)
{
    /* Clear the slot before close(): once closed, accept() may hand out the same number again. */
    atomic_store_explicit(&worker->server->connections[connection->fd], NULL, memory_order_release);
    close(connection->fd);
    free(connection->pending);
    free(connection->message);
    free(connection);
}

/*
 * What a connection is registered for. Under ET: both directions, once, never modified; an edge comes
 * only when something changes, so EPOLLOUT costs nothing while writes succeed, and no epoll_ctl is
 * needed when one falls short. Under LT, EPOLLOUT would be reported on every wait while the socket is
 * writable, so it is asked for only while bytes are held, instead of EPOLLIN (the backpressure).
 * EPOLLRDHUP is for ET's sake (see serve_readable); under LT it would be reported on every wait
 * after the client's FIN while bytes are held.
 * Both follow from the trigger flag, which stays the only difference between the two servers.
 */
static uint32_t interest(const struct server *server, bool holding_bytes)
{
    if (server->trigger_flag != 0) return EPOLLIN | EPOLLOUT | EPOLLRDHUP | server->trigger_flag;
    return holding_bytes ? EPOLLOUT : EPOLLIN;
}

/* Re-registers the connection (EPOLL_CTL_MOD, which also re-checks readiness and queues an event). */
static enum outcome reregister(struct worker *worker, struct connection *connection)
{
    struct epoll_event event = {
        .events = interest(worker->server, connection->pending != NULL),
        .data.ptr = connection,
    };
    if (epoll_ctl(worker->epoll_fd, EPOLL_CTL_MOD, connection->fd, &event) == 0) return WAITING;
    close_connection(worker, connection);
    return CLOSED;
}

/* LT only: the interest changes when bytes start or stop being held; under ET it never does. */
static enum outcome holding_changed(struct worker *worker, struct connection *connection)
{
    return worker->server->trigger_flag != 0 ? WAITING : reregister(worker, connection);
}

int connection_register(struct server *server, int epoll_fd, struct connection *connection)
{
    struct epoll_event event = {
        .events = interest(server, false),
        .data.ptr = connection,
    };
    return epoll_ctl(epoll_fd, EPOLL_CTL_ADD, connection->fd, &event);
}

/* Writes as much as the socket takes; returns the count, or -1 when the connection is broken. */
static ssize_t write_some(int fd, const char *bytes, size_t length)
{
    size_t written = 0;
    while (written < length) {
        ssize_t n = send(fd, bytes + written, length - written, MSG_NOSIGNAL);
        if (n > 0) {
            written += (size_t)n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else {
            return -1;
        }
    }
    return (ssize_t)written;
}

/*
 * Writes back what was just read (or a whole message). What the socket does not take is kept (at
 * most one read or message) and the connection stops reading until it is gone: backpressure instead
 * of a queue that grows with a slow reader.
 */
static enum outcome echo(struct worker *worker, struct connection *connection, const char *bytes, size_t length)
{
    ssize_t written = write_some(connection->fd, bytes, length);
    if (written < 0) {
        close_connection(worker, connection);
        return CLOSED;
    }
    if ((size_t)written == length) return DONE;
    size_t unsent = length - (size_t)written;
    connection->pending = malloc(unsent);
    if (connection->pending == NULL) {
        close_connection(worker, connection);
        return CLOSED;
    }
    memcpy(connection->pending, bytes + written, unsent);
    connection->pending_length = unsent;
    connection->pending_offset = 0;
    return holding_changed(worker, connection);
}

/* The client shut its side: everything it sent has been echoed, so finish ours the same way. */
static void finish(struct worker *worker, struct connection *connection)
{
    shutdown(connection->fd, SHUT_WR);
    close_connection(worker, connection);
}

/*
 * Reads and echoes until the socket is empty, the client falls behind, or it hangs up. A read that
 * does not fill the buffer has emptied the socket (TCP hands over all it has, up to the size asked):
 * stopping there saves the read that would only say EAGAIN, a third of the syscalls of a ping-pong
 * echo. Under ET this is safe too: bytes arriving after that read raise a new edge. The exception is
 * the client's FIN: read reports it only once the data before it is taken, so when the event says
 * the client shut its side (EPOLLRDHUP, registered under ET) we read on until end-of-file. (Under LT
 * the next wait reports a socket still readable, end-of-file included.)
 */
static void serve_readable(struct worker *worker, struct connection *connection, uint32_t events)
{
    bool drained_by_short_read = !(events & EPOLLRDHUP);
    size_t capacity = worker->server->buffer_bytes;
    for (int reads = 0; reads < READS_PER_EVENT; reads++) {
        ssize_t n = read(connection->fd, worker->scratch, capacity);
        if (n > 0) {
            if (echo(worker, connection, worker->scratch, (size_t)n) != DONE || ((size_t)n < capacity && drained_by_short_read)) return;
        } else if (n == 0) {
            finish(worker, connection);   /* nothing is pending: we never read while bytes are */
            return;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return;
        } else if (errno != EINTR) {
            close_connection(worker, connection);   /* ECONNRESET and the like: quietly */
            return;
        }
    }
    /*
     * Out of turns with bytes possibly still waiting. Under ET no new edge would ever report them,
     * so re-register: EPOLL_CTL_MOD re-checks readiness and queues an event if data is there, which
     * puts this connection behind the others already ready. Under LT the next wait reports it anyway.
     */
    if (worker->server->trigger_flag != 0) reregister(worker, connection);
}

/* The message received so far, worked on (inline: CPU work is the event loop's to do) and echoed. */
static enum outcome echo_message(struct worker *worker, struct connection *connection)
{
    size_t length = connection->message_filled;
    connection->message_filled = 0;
    message_work_perform(worker->server->work_passes, connection->message, length);
    return echo(worker, connection, connection->message, length);
}

/*
 * serve_readable with work per message: reads into the connection's own message buffer until it
 * holds a whole message, works on it, echoes it and reads the next, so work is done per message
 * whatever the reads return. The client's EOF makes what came before it the last, shorter message;
 * if its echo is held, the EOF is read again once it is out (read keeps returning 0).
 */
static void serve_messages(struct worker *worker, struct connection *connection, uint32_t events)
{
    bool drained_by_short_read = !(events & EPOLLRDHUP);
    size_t message_bytes = worker->server->message_bytes;
    if (connection->message == NULL && (connection->message = malloc(message_bytes)) == NULL) {
        close_connection(worker, connection);
        return;
    }
    for (int reads = 0; reads < READS_PER_EVENT; reads++) {
        size_t wanted = message_bytes - connection->message_filled;
        ssize_t n = read(connection->fd, connection->message + connection->message_filled, wanted);
        if (n > 0) {
            connection->message_filled += (size_t)n;
            if (connection->message_filled == message_bytes && echo_message(worker, connection) != DONE) return;
            if ((size_t)n < wanted && drained_by_short_read) return;
        } else if (n == 0) {
            if (connection->message_filled > 0 && echo_message(worker, connection) != DONE) return;
            finish(worker, connection);
            return;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            return;
        } else if (errno != EINTR) {
            close_connection(worker, connection);
            return;
        }
    }
    if (worker->server->trigger_flag != 0) reregister(worker, connection);   /* as in serve_readable */
}

/* Sends held bytes. DONE: all gone and reading resumed; WAITING: socket full again; CLOSED. */
static enum outcome flush_pending(struct worker *worker, struct connection *connection)
{
    const char *rest = connection->pending + connection->pending_offset;
    size_t remaining = connection->pending_length - connection->pending_offset;
    ssize_t written = write_some(connection->fd, rest, remaining);
    if (written < 0) {
        close_connection(worker, connection);
        return CLOSED;
    }
    connection->pending_offset += (size_t)written;
    if ((size_t)written < remaining) return WAITING;
    free(connection->pending);
    connection->pending = NULL;
    connection->pending_length = connection->pending_offset = 0;
    return holding_changed(worker, connection) == WAITING ? DONE : CLOSED;
}

void connection_ready(struct worker *worker, struct connection *connection, uint32_t events)
{
    /*
     * `events` is the socket's readiness now. Under ET both directions are registered, so an event
     * may concern only the one we are not waiting for: skip it rather than spend a syscall on it.
     * Errors and hang-ups surface from the read or write below, where they are handled.
     */
    const uint32_t broken = EPOLLERR | EPOLLHUP;
    if (connection->pending != NULL) {
        if (!(events & (EPOLLOUT | broken))) return;   /* more bytes came; still no room to write */
        if (flush_pending(worker, connection) != DONE) return;
        /*
         * Reading stopped while bytes were held. Data that arrived meanwhile raised its edge back
         * then; under ET it will not be reported again, so read now rather than wait for an event.
         */
    } else if (!(events & (EPOLLIN | EPOLLRDHUP | broken))) {
        return;   /* only writability changed, and nothing is held to write */
    }
    if (worker->server->work_passes > 0) serve_messages(worker, connection, events);
    else serve_readable(worker, connection, events);
}
