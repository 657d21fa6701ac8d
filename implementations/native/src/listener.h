/* The listening socket and the ready line. */
#ifndef IOBENCH_LISTENER_H
#define IOBENCH_LISTENER_H

#include "server_options.h"

/* Binds and listens (non-blocking); 0, or EXIT_RUNTIME after a one-line message (port in use...). */
int open_listener(const struct server_options *options, int *listen_fd);

/* "iobench: <id> listening on <addr>:<port>" with the real port, flushed: the launcher waits for it. */
void print_ready_line(const char *impl_id, int listen_fd);

#endif
