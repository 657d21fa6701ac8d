#define _GNU_SOURCE
#include "server_options.h"

#include <sched.h>
#include <string.h>
#include <unistd.h>

const char *const NATIVE_IMPL_IDS[NATIVE_IMPL_COUNT] = { "native-epoll-et", "native-epoll-lt" };

static const char PROGRAM[] = "iobench";
enum { DEFAULT_BUFFER_BYTES = 16 * 1024, MAX_BUFFER_BYTES = 64 << 20, MAX_THREADS = 4096 };

void print_server_usage(FILE *out)
{
    fprintf(out,
            "usage: iobench-echo-server --impl <id> [--bind ADDR] [--port N] [--threads N] [--buffer-bytes N]\n"
            "                           [--exit-with-stdin]\n"
            "       iobench-echo-server --list\n"
            "  --impl ID          native-epoll-et (edge-triggered) or native-epoll-lt (level-triggered)\n"
            "  --bind ADDR        address to listen on (default 127.0.0.1)\n"
            "  --port N           port, 0 = ephemeral (default 0); the real one is printed when ready\n"
            "  --threads N        worker threads, each with its own epoll (default: CPUs we may run on)\n"
            "  --buffer-bytes N   read size and per-connection bound on unsent bytes (default %d)\n"
            "  --exit-with-stdin  stop (as on SIGTERM) when standard input reaches end-of-file\n"
            "When ready prints: iobench: <id> listening on <addr>:<port>\n",
            DEFAULT_BUFFER_BYTES);
}

/* Like Java's availableProcessors(): the CPUs this process may use (taskset), else all online. */
static int default_threads(void)
{
    cpu_set_t cpus;
    if (sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 0) return CPU_COUNT(&cpus);
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (int)online : 1;
}

static int choose_impl(const char *id, struct server_options *options)
{
    for (int i = 0; i < NATIVE_IMPL_COUNT; i++) {
        if (strcmp(id, NATIVE_IMPL_IDS[i]) == 0) {
            options->impl_id = NATIVE_IMPL_IDS[i];
            options->edge_triggered = i == 0;
            return 0;
        }
    }
    return usage_error(PROGRAM, "unknown implementation '%s'; this binary serves %s, %s", id,
                       NATIVE_IMPL_IDS[0], NATIVE_IMPL_IDS[1]);
}

/* One flag and its value; 0 or EXIT_USAGE. */
static int parse_flag(int argc, char **argv, int *i, struct server_options *options)
{
    const char *flag = argv[*i];
    long number;
    if (strcmp(flag, "--list") == 0) {
        options->list = true;
        return 0;
    }
    if (strcmp(flag, "--exit-with-stdin") == 0) {
        options->exit_with_stdin = true;
        return 0;
    }
    bool known = strcmp(flag, "--impl") == 0 || strcmp(flag, "--bind") == 0 || strcmp(flag, "--port") == 0 ||
                 strcmp(flag, "--threads") == 0 || strcmp(flag, "--buffer-bytes") == 0;
    if (!known) return usage_error(PROGRAM, "unknown option '%s'", flag);
    const char *value = option_value(argc, argv, i);
    if (value == NULL) return usage_error(PROGRAM, "%s needs a value", flag);
    if (strcmp(flag, "--impl") == 0) return choose_impl(value, options);
    if (strcmp(flag, "--bind") == 0) {
        options->bind_text = value;
        return 0;
    }
    long max = strcmp(flag, "--port") == 0 ? 65535 : strcmp(flag, "--threads") == 0 ? MAX_THREADS : MAX_BUFFER_BYTES;
    long min = strcmp(flag, "--port") == 0 ? 0 : 1;
    if (!parse_number(PROGRAM, flag, value, min, max, &number)) return EXIT_USAGE;
    if (strcmp(flag, "--port") == 0) options->port = (int)number;
    else if (strcmp(flag, "--threads") == 0) options->threads = (int)number;
    else options->buffer_bytes = (size_t)number;
    return 0;
}

int parse_server_options(int argc, char **argv, struct server_options *options)
{
    *options = (struct server_options){
        .bind_text = "127.0.0.1",   /* loopback unless asked: never every interface by default */
        .threads = default_threads(),
        .buffer_bytes = DEFAULT_BUFFER_BYTES,
    };
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            options->help = true;
            return 0;
        }
        int status = parse_flag(argc, argv, &i, options);
        if (status != 0) return status;
    }
    if (options->list) return 0;
    if (options->impl_id == NULL) return usage_error(PROGRAM, "--impl is required");
    if (!resolve_address(PROGRAM, "--bind", options->bind_text, options->port, &options->bind_address,
                         &options->bind_length)) {
        return EXIT_USAGE;
    }
    return 0;
}
