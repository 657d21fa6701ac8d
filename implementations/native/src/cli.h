/* Command-line helpers shared by the server and the load client: every mistake is one line, exit 2. */
#ifndef IOBENCH_CLI_H
#define IOBENCH_CLI_H

#include <stdbool.h>
#include <sys/socket.h>

enum { EXIT_RUNTIME = 1, EXIT_USAGE = 2 };

/* Prints "<program>: <message> (see --help)" on stderr; returns EXIT_USAGE for `return usage_error(...)`. */
int usage_error(const char *program, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* The value after argv[*index] (advancing *index), or NULL if missing or another --flag. */
const char *option_value(int argc, char **argv, int *index);

/* A whole number in [min, max]; false (after printing why) otherwise. */
bool parse_number(const char *program, const char *flag, const char *text, long min, long max, long *out);

/* Resolves a host name or numeric address (IPv4 or IPv6); false (after printing why) otherwise. */
bool resolve_address(const char *program, const char *flag, const char *host, int port,
                     struct sockaddr_storage *address, socklen_t *length);

/* "addr:port", IPv6 in brackets, as the Java side prints it (ServerArgs.format). */
void format_address(const struct sockaddr *address, char *text, size_t capacity);

#endif
