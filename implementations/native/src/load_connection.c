/*
 * The closed loop on one connection. Byte i of connection c's stream is
 * PATTERN[(i + offset(c)) mod PERIOD], the same scheme as the Java driver's EchoPattern: nothing sent
 * has to be kept to check its echo, and connections start at different offsets, so bytes that
 * cross from one connection to another (cross-talk) fail the check as surely as corrupted ones.
 */
#define _GNU_SOURCE
#include "load_connection.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* A prime, so windows of power-of-two sizes never line up with the period. */
enum { PERIOD = 65521, MAX_ERROR_LINES = 10 };

/* The period, continued periodically for LOAD_SCRATCH_BYTES more: every window that long is contiguous. */
static unsigned char pattern[PERIOD + LOAD_SCRATCH_BYTES];

int64_t now_ns(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}

void pattern_init(void)
{
    uint64_t state = 0x10BE4C11u;   /* xorshift64: any fixed pseudo-random sequence will do */
    for (size_t i = 0; i < PERIOD; i++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        pattern[i] = (unsigned char)(state >> 56);
    }
    /* Byte by byte, front to back: the tail is longer than the period, so it repeats what it copied. */
    for (size_t i = PERIOD; i < sizeof pattern; i++) pattern[i] = pattern[i - PERIOD];
}

uint32_t pattern_offset_of(int index)
{
    return (uint32_t)(((uint64_t)index * 7919) % PERIOD);
}

static const unsigned char *window(const struct load_connection *connection, uint64_t stream_offset)
{
    return pattern + (stream_offset + connection->pattern_offset) % PERIOD;
}

void load_error(struct load_plan *plan, struct load_counts *counts, const char *format, ...)
{
    static atomic_int printed;
    if (atomic_fetch_add(&printed, 1) < MAX_ERROR_LINES) {
        va_list args;
        va_start(args, format);
        fprintf(stderr, "iobench-load-client: error: ");
        vfprintf(stderr, format, args);
        fputc('\n', stderr);
        va_end(args);
    }
    counts->errors++;
    atomic_store(&plan->stop, true);
}

static void fail(struct load_connection *connection, struct load_plan *plan, struct load_counts *counts,
                 const char *what)
{
    load_error(plan, counts, "connection %d: %s (after %llu bytes echoed)", connection->index, what,
               (unsigned long long)connection->received_bytes);
    connection->broken = true;
    close(connection->fd);
    connection->fd = -1;
}

static bool watch(struct load_connection *connection, int epoll_fd, bool writing)
{
    struct epoll_event event = { .events = EPOLLIN | (writing ? EPOLLOUT : 0), .data.ptr = connection };
    if (epoll_ctl(epoll_fd, EPOLL_CTL_MOD, connection->fd, &event) != 0) return false;
    connection->writing = writing;
    return true;
}

/* Sends until the window is full or the socket is (then waits for EPOLLOUT). */
static void pump(struct load_connection *connection, int epoll_fd, struct load_plan *plan,
                 struct load_counts *counts)
{
    while (connection->sent_bytes < connection->send_limit) {
        uint64_t wanted = connection->send_limit - connection->sent_bytes;
        size_t length = wanted < LOAD_SCRATCH_BYTES ? (size_t)wanted : LOAD_SCRATCH_BYTES;
        ssize_t n = send(connection->fd, window(connection, connection->sent_bytes), length, MSG_NOSIGNAL);
        if (n > 0) {
            connection->sent_bytes += (uint64_t)n;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!connection->writing && !watch(connection, epoll_fd, true)) fail(connection, plan, counts, "epoll_ctl");
            return;
        } else if (n < 0 && errno != EINTR) {
            fail(connection, plan, counts, strerror(errno));
            return;
        }
    }
    if (connection->writing && !watch(connection, epoll_fd, false)) fail(connection, plan, counts, "epoll_ctl");
}

/* Checks echoed bytes against what was sent at the same stream offsets. */
static bool matches(const struct load_connection *connection, const char *bytes, size_t length)
{
    return connection->received_bytes + length <= connection->sent_bytes &&
           memcmp(bytes, window(connection, connection->received_bytes), length) == 0;
}

/* Accounts for `length` more echoed bytes: whole messages are echoes; each frees a slot in flight. */
static void complete(struct load_connection *connection, size_t length, struct load_plan *plan,
                     struct load_counts *counts, int64_t now)
{
    uint64_t before = connection->received_bytes / plan->payload_bytes;
    connection->received_bytes += length;
    uint64_t after = connection->received_bytes / plan->payload_bytes;
    if (now >= plan->warmup_end_ns && now < plan->end_ns) counts->measured_echoes += after - before;
    connection->last_progress_ns = now;
    connection->send_limit = (after + (uint64_t)plan->depth) * plan->payload_bytes;
}

void load_connection_start(struct load_connection *connection, int epoll_fd, struct load_plan *plan,
                           struct load_counts *counts, int64_t now)
{
    struct epoll_event event = { .events = EPOLLIN, .data.ptr = connection };
    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, connection->fd, &event) != 0) {
        fail(connection, plan, counts, "epoll_ctl");
        return;
    }
    connection->last_progress_ns = now;
    connection->send_limit = (uint64_t)plan->depth * plan->payload_bytes;
    pump(connection, epoll_fd, plan, counts);
}

void load_connection_ready(struct load_connection *connection, int epoll_fd, struct load_plan *plan,
                           struct load_counts *counts, char *scratch, int64_t now)
{
    for (;;) {
        /* recv, not read: read(2) on a socket adds the VFS layer (vfs_read and fdget_pos were 3.2% of
         * this client's samples at 10,000 connections, recvfrom and fdget 2.0% of the Java driver's) */
        ssize_t n = recv(connection->fd, scratch, LOAD_SCRATCH_BYTES, 0);
        if (n > 0) {
            if (!matches(connection, scratch, (size_t)n)) {
                fail(connection, plan, counts, "echo differs from what was sent");
                return;
            }
            complete(connection, (size_t)n, plan, counts, now);
            if (n < LOAD_SCRATCH_BYTES) break;   /* most likely empty now; level-triggered epoll says if not */
        } else if (n == 0) {
            fail(connection, plan, counts, "server closed the connection");
            return;
        } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
            break;
        } else if (errno != EINTR) {
            fail(connection, plan, counts, strerror(errno));
            return;
        }
    }
    pump(connection, epoll_fd, plan, counts);
}
