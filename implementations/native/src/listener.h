/* The listening side shared by every native server: socket, ready line, descriptor limit. */
#ifndef IOBENCH_LISTENER_H
#define IOBENCH_LISTENER_H

#include "server_options.h"

#include <stddef.h>

/* Binds and listens (non-blocking); 0, or EXIT_RUNTIME after a one-line message (port in use...). */
int open_listener(const struct server_options *options, int *listen_fd);

/* "iobench: <id> listening on <addr>:<port>" with the real port, flushed: the launcher waits for it. */
void print_ready_line(const char *impl_id, int listen_fd);

/* Raises the soft descriptor limit to the hard one; returns the (finite) limit now in force. */
size_t raise_descriptor_limit(void);

/*
 * Out of descriptors (EMFILE/ENFILE): a pending connection would stay queued and keep the listening
 * socket ready, so the server would spin. Gives up the spare descriptor *reserve_fd, accepts one
 * connection and closes it at once (the client sees it refused), then takes a spare back. Warns
 * once. Returns 0 if a connection was shed, -1 if not (no spare, or nothing to accept).
 */
int shed_one_connection(int listen_fd, int *reserve_fd);

#endif
