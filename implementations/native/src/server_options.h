/* The server's command line, identical to the Java servers' (org.iobench.api.ServerArgs). */
#ifndef IOBENCH_SERVER_OPTIONS_H
#define IOBENCH_SERVER_OPTIONS_H

#include "cli.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>

/* The ids this binary serves, indexed by kind. */
enum native_kind { NATIVE_EPOLL_ET, NATIVE_EPOLL_LT, NATIVE_IO_URING, NATIVE_IMPL_COUNT };
extern const char *const NATIVE_IMPL_IDS[NATIVE_IMPL_COUNT];

struct server_options {
    const char *impl_id;
    enum native_kind kind;
    struct sockaddr_storage bind_address;   /* with the port filled in */
    socklen_t bind_length;
    const char *bind_text;                  /* as given, for error messages */
    int port;
    int threads;
    size_t buffer_bytes;
    const char *work;                       /* "none", "cpu:<µs>" or "block:<ms>", as given */
    double cpu_micros;                      /* cpu:<µs>; 0 otherwise */
    bool block_work;                        /* block:<ms>, which these servers refuse */
    long message_bytes;                     /* 0 unless work: the size of one message */
    bool exit_with_stdin;                   /* stop when standard input ends (the launcher is gone) */
    bool list;
    bool help;
};

/* 0 when the options are usable, EXIT_USAGE after a one-line message otherwise. */
int parse_server_options(int argc, char **argv, struct server_options *options);

void print_server_usage(FILE *out);

#endif
