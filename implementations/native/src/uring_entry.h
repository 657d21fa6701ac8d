/*
 * native-io-uring as the rest of the binary sees it. Without liburing at build time (build.sh then
 * leaves the uring_*.c files out) the server is still listed, as unavailable with the reason.
 */
#ifndef IOBENCH_URING_ENTRY_H
#define IOBENCH_URING_ENTRY_H

#include "cli.h"
#include "server_options.h"

#include <stdio.h>

#ifdef IOBENCH_WITH_LIBURING
int uring_serve(const struct server_options *options);
const char *uring_unavailable_reason(void);
#endif

static inline const char *io_uring_unavailable_reason(void)
{
#ifdef IOBENCH_WITH_LIBURING
    return uring_unavailable_reason();
#else
    return "built without liburing (liburing-dev was not found when the native servers were built: "
           "install it, e.g. apt-get install liburing-dev, and rebuild)";
#endif
}

static inline int io_uring_serve(const struct server_options *options)
{
#ifdef IOBENCH_WITH_LIBURING
    return uring_serve(options);
#else
    fprintf(stderr, "iobench: %s is unavailable here: %s\n", options->impl_id, io_uring_unavailable_reason());
    return EXIT_RUNTIME;
#endif
}

#endif
