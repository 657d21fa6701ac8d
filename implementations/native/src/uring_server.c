/* native-io-uring's lifecycle: probe, listen, start one ring per thread, serve, stop. */
#define _GNU_SOURCE
#include "listener.h"
#include "stop_wait.h"
#include "uring_server.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

static int fail_runtime(const char *what, int error)
{
    fprintf(stderr, "iobench: %s: %s\n", what, strerror(error));
    return EXIT_RUNTIME;
}

static int prepare(struct uring_server *server, const struct server_options *options)
{
    server->impl_id = options->impl_id;
    server->buffer_bytes = options->buffer_bytes;
    server->thread_count = options->threads;
    server->listen_fd = server->wake_fd = server->reserve_fd = -1;
    pthread_mutex_init(&server->start_lock, NULL);
    pthread_cond_init(&server->start_changed, NULL);
    raise_descriptor_limit();
    server->workers = calloc((size_t)options->threads, sizeof *server->workers);
    if (server->workers == NULL) return fail_runtime("out of memory", ENOMEM);
    for (int i = 0; i < options->threads; i++) {
        server->workers[i].server = server;
        server->workers[i].index = i;
    }
    server->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (server->wake_fd < 0) return fail_runtime("eventfd", errno);
    server->reserve_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    if (server->reserve_fd < 0) return fail_runtime("open /dev/null", errno);
    return open_listener(options, &server->listen_fd);
}

/* Starts every worker and waits until each has its ring; 0 when all are ready to serve. */
static int start_workers(struct uring_server *server, int *started)
{
    int status = 0;
    for (int i = 0; i < server->thread_count && status == 0; i++) {
        int error = pthread_create(&server->workers[i].thread, NULL, uring_worker_run, &server->workers[i]);
        if (error != 0) {
            atomic_store(&server->setup_failed, true);
            status = fail_runtime("cannot start a worker thread", error);
        } else {
            (*started)++;
        }
    }
    pthread_mutex_lock(&server->start_lock);
    while (server->rings_set_up < *started) pthread_cond_wait(&server->start_changed, &server->start_lock);
    server->start_decided = true;
    pthread_cond_broadcast(&server->start_changed);
    pthread_mutex_unlock(&server->start_lock);
    if (status == 0 && atomic_load(&server->setup_failed)) status = EXIT_RUNTIME;   /* the worker said why */
    return status;
}

static void stop(struct uring_server *server, int started)
{
    atomic_store_explicit(&server->stopping, true, memory_order_release);
    /* Leaves the listening state at once, whatever request still holds the socket: the port is free. */
    if (server->listen_fd >= 0) shutdown(server->listen_fd, SHUT_RDWR);
    if (server->wake_fd >= 0) eventfd_write(server->wake_fd, 1);
    for (int i = 0; i < started; i++) pthread_join(server->workers[i].thread, NULL);
    for (int i = 0; server->workers != NULL && i < server->thread_count; i++) {
        uring_close_all(&server->workers[i]);
        uring_worker_teardown(&server->workers[i]);
    }
    int fds[] = { server->listen_fd, server->wake_fd, server->reserve_fd };
    for (size_t i = 0; i < sizeof fds / sizeof fds[0]; i++) {
        if (fds[i] >= 0) close(fds[i]);
    }
    free(server->workers);
}

int uring_serve(const struct server_options *options)
{
    const char *unavailable = uring_unavailable_reason();
    if (unavailable != NULL) {
        fprintf(stderr, "iobench: %s is unavailable here: %s\n", options->impl_id, unavailable);
        return EXIT_RUNTIME;
    }
    struct uring_server server = { 0 };
    int started = 0;
    int status = prepare(&server, options);
    if (status == 0) status = start_workers(&server, &started);
    if (status == 0) {
        print_ready_line(options->impl_id, server.listen_fd);
        stop_wait(options->exit_with_stdin);
        if (atomic_load(&server.failed)) status = EXIT_RUNTIME;
    }
    stop(&server, started);
    return status;
}
