/* The load client's command line. */
#ifndef IOBENCH_LOAD_OPTIONS_H
#define IOBENCH_LOAD_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

struct load_options {
    const char *host;
    int port;
    int connections;
    size_t payload_bytes;
    int depth;                  /* messages in flight per connection; 1 = ping-pong */
    double warmup_seconds;      /* echoes in this first stretch are not counted */
    double duration_seconds;    /* the measured window after the warm-up */
    int threads;
    bool allow_remote;          /* otherwise only loopback addresses are accepted */
    struct sockaddr_storage address;
    socklen_t address_length;
    bool help;
};

/* 0 when usable, EXIT_USAGE after a one-line message otherwise. */
int parse_load_options(int argc, char **argv, struct load_options *options);

void print_load_usage(void);

#endif
