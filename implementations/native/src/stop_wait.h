/* What the main thread waits for while the workers serve: a stop signal, or the launcher gone. */
#ifndef IOBENCH_STOP_WAIT_H
#define IOBENCH_STOP_WAIT_H

#include <stdbool.h>

/*
 * Blocks SIGINT and SIGTERM in the calling thread (and so in every thread started after it) so that
 * only stop_wait() sees them. Call before starting any thread. 0, or -1 with errno.
 */
int stop_wait_prepare(void);

/*
 * Returns when SIGINT or SIGTERM arrives or, with watch_stdin, when standard input reaches
 * end-of-file or fails (the --exit-with-stdin lifeline: the launcher holds the pipe open and its
 * death, even across ssh, closes it). Input before that is read and ignored. For the lifeline it
 * prints one line on stderr saying why the server stops; a signal needs no explanation.
 */
void stop_wait(bool watch_stdin);

#endif
