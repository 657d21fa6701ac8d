/* The server's command line, identical to the Java servers' (org.iobench.api.ServerArgs). */
#ifndef IOBENCH_SERVER_OPTIONS_H
#define IOBENCH_SERVER_OPTIONS_H

#include "cli.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/socket.h>

enum { NATIVE_IMPL_COUNT = 2 };
extern const char *const NATIVE_IMPL_IDS[NATIVE_IMPL_COUNT];

struct server_options {
    const char *impl_id;
    bool edge_triggered;
    struct sockaddr_storage bind_address;   /* with the port filled in */
    socklen_t bind_length;
    const char *bind_text;                  /* as given, for error messages */
    int port;
    int threads;
    size_t buffer_bytes;
    bool exit_with_stdin;                   /* stop when standard input ends (the launcher is gone) */
    bool list;
    bool help;
};

/* 0 when the options are usable, EXIT_USAGE after a one-line message otherwise. */
int parse_server_options(int argc, char **argv, struct server_options *options);

void print_server_usage(FILE *out);

#endif
