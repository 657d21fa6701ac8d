/*
 * iobench-echo-server: the command line and lifecycle of the native echo servers.
 *
 *   iobench-echo-server --impl native-epoll-et|native-epoll-lt [--bind ADDR] [--port N]
 *                       [--threads N] [--buffer-bytes N] [--exit-with-stdin]
 *   iobench-echo-server --list | --help
 *
 * Speaks exactly the Java servers' command line (org.iobench.api.ServerArgs / ServerMain): prints
 * "iobench: <id> listening on <addr>:<port>" when ready, stops cleanly on SIGINT/SIGTERM with exit
 * status 0 (and, with --exit-with-stdin, the same way when standard input ends); usage errors exit
 * 2, runtime errors 1, each as one line on stderr.
 */
#define _GNU_SOURCE
#include "echo_server.h"
#include "listener.h"
#include "message_work.h"
#include "server_options.h"
#include "stop_wait.h"
#include "uring_entry.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

static int fail_runtime(const char *what)
{
    fprintf(stderr, "iobench: %s: %s\n", what, strerror(errno));
    return EXIT_RUNTIME;
}

/* "<id>\tavailable" or "<id>\tunavailable: <reason>" for each id, as org.iobench.api.Availability reads it. */
static void list_implementations(void)
{
    /* epoll is available when this kernel gives us an epoll instance. */
    int probe = epoll_create1(EPOLL_CLOEXEC);
    char epoll_reason[128] = "";
    if (probe < 0) snprintf(epoll_reason, sizeof epoll_reason, "epoll_create1 failed: %s", strerror(errno));
    else close(probe);
    for (int kind = 0; kind < NATIVE_IMPL_COUNT; kind++) {
        const char *reason = kind == NATIVE_IO_URING ? io_uring_unavailable_reason()
                             : probe < 0             ? epoll_reason
                                                     : NULL;
        if (reason == NULL) printf("%s\tavailable\n", NATIVE_IMPL_IDS[kind]);
        else printf("%s\tunavailable: %s\n", NATIVE_IMPL_IDS[kind], reason);
    }
}

/* Everything but the workers: descriptor table, wake eventfd, spare fd, listening socket. */
static int prepare(struct server *server, const struct server_options *options)
{
    server->impl_id = options->impl_id;
    server->trigger_flag = options->kind == NATIVE_EPOLL_ET ? EPOLLET : 0;
    server->buffer_bytes = options->buffer_bytes;
    if (options->cpu_micros > 0) {
        server->message_bytes = (size_t)options->message_bytes;
        server->work_passes = message_work_calibrate(options->work, server->message_bytes, options->cpu_micros);
        if (server->work_passes < 0) return fail_runtime("out of memory");
    }
    server->thread_count = options->threads;
    server->listen_fd = server->wake_fd = server->reserve_fd = -1;
    server->connection_slots = raise_descriptor_limit();
    server->connections = calloc(server->connection_slots, sizeof *server->connections);
    server->workers = calloc((size_t)options->threads, sizeof *server->workers);
    if (server->connections == NULL || server->workers == NULL) return fail_runtime("out of memory");
    for (int i = 0; i < options->threads; i++) server->workers[i].epoll_fd = -1;
    server->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (server->wake_fd < 0) return fail_runtime("eventfd");
    server->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (server->reserve_fd < 0) return fail_runtime("open /dev/null");
    return open_listener(options, &server->listen_fd);
}

static int start_workers(struct server *server)
{
    /*
     * Every epoll set exists before any thread runs: worker 0 accepts as soon as it starts and
     * hands connections to the others' sets.
     */
    for (int i = 0; i < server->thread_count; i++) {
        if (worker_init(&server->workers[i], server, i) != 0) return fail_runtime("cannot create an epoll worker");
    }
    for (int i = 0; i < server->thread_count; i++) {
        int error = pthread_create(&server->workers[i].thread, NULL, worker_run, &server->workers[i]);
        if (error != 0) {
            errno = error;
            return fail_runtime("cannot start a worker thread");
        }
        server->started_threads++;
    }
    return 0;
}

/* Wakes every worker, waits for them, then releases every descriptor and buffer. */
static void stop(struct server *server)
{
    atomic_store_explicit(&server->stopping, true, memory_order_release);
    if (server->wake_fd >= 0) eventfd_write(server->wake_fd, 1);
    for (int i = 0; i < server->started_threads; i++) pthread_join(server->workers[i].thread, NULL);
    if (server->connections != NULL) close_all_connections(server);
    for (int i = 0; server->workers != NULL && i < server->thread_count; i++) {
        if (server->workers[i].epoll_fd >= 0) close(server->workers[i].epoll_fd);
        free(server->workers[i].scratch);
    }
    int fds[] = { server->listen_fd, server->wake_fd, server->reserve_fd };
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++) {
        if (fds[i] >= 0) close(fds[i]);
    }
    free(server->workers);
    free(server->connections);
}

static int epoll_serve(const struct server_options *options)
{
    struct server server = { 0 };
    int status = prepare(&server, options);
    if (status == 0) status = start_workers(&server);
    if (status == 0) {
        print_ready_line(options->impl_id, server.listen_fd);
        stop_wait(options->exit_with_stdin);
        if (atomic_load(&server.failed)) status = EXIT_RUNTIME;
    }
    stop(&server);
    return status;
}

int main(int argc, char **argv)
{
    struct server_options options;
    int status = parse_server_options(argc, argv, &options);
    if (status != 0) return status;
    if (options.help) {
        print_server_usage(stdout);
        return 0;
    }
    if (options.list) {
        list_implementations();
        return 0;
    }
    /* Before any thread starts, so all inherit the blocked stop signals and only stop_wait sees them. */
    if (stop_wait_prepare() != 0) return fail_runtime("cannot block the stop signals");
    signal(SIGPIPE, SIG_IGN);   /* a client gone mid-write is an EPIPE to handle, not a death */
    return options.kind == NATIVE_IO_URING ? io_uring_serve(&options) : epoll_serve(&options);
}
