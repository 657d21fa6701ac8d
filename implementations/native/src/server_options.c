#define _GNU_SOURCE
#include "server_options.h"

#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const NATIVE_IMPL_IDS[NATIVE_IMPL_COUNT] = {
    [NATIVE_EPOLL_ET] = "native-epoll-et",
    [NATIVE_EPOLL_LT] = "native-epoll-lt",
    [NATIVE_IO_URING] = "native-io-uring",
};

static const char PROGRAM[] = "iobench";
enum { DEFAULT_BUFFER_BYTES = 16 * 1024, MAX_BUFFER_BYTES = 64 << 20, MAX_THREADS = 4096, MAX_MESSAGE_BYTES = 16 << 20,
       MAX_OFFLOAD_THREADS = 4096, MAX_OFFLOAD_QUEUE = 1 << 20 };

void print_server_usage(FILE *out)
{
    fprintf(out,
            "usage: iobench-echo-server --impl <id> [--bind ADDR] [--port N] [--threads N] [--buffer-bytes N]\n"
            "                           [--work KIND --message-bytes N [--offload-threads N] [--offload-queue N]]\n"
            "                           [--exit-with-stdin]\n"
            "       iobench-echo-server --list\n"
            "  --impl ID          native-epoll-et (edge-triggered), native-epoll-lt (level-triggered)\n"
            "                     or native-io-uring (io_uring: multishot accept and receive)\n"
            "  --bind ADDR        address to listen on (default 127.0.0.1)\n"
            "  --port N           port, 0 = ephemeral (default 0); the real one is printed when ready\n"
            "  --threads N        worker threads, each with its own epoll set or ring (default: CPUs we may run on)\n"
            "  --buffer-bytes N   read size and per-connection bound on unsent bytes (default %d)\n"
            "  --work KIND        none (default) or cpu:<us>: CRC32C passes over each message, calibrated at\n"
            "                     start, inline on the epoll worker (native-epoll-*; native-io-uring refuses it);\n"
            "                     block:<ms> is refused (exit 2): these servers have no worker pool\n"
            "  --message-bytes N  the message size, required with --work: work is per message, not per read\n"
            "  --offload-threads N, --offload-queue N  accepted for the Java servers' sake; unused here\n"
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
            options->kind = (enum native_kind)i;
            return 0;
        }
    }
    return usage_error(PROGRAM, "unknown implementation '%s'; this binary serves %s, %s, %s", id,
                       NATIVE_IMPL_IDS[0], NATIVE_IMPL_IDS[1], NATIVE_IMPL_IDS[2]);
}

/* none, cpu:<µs> or block:<ms> with an amount > 0 and at most a minute (org.iobench.api.Work); 0 or EXIT_USAGE. */
static int parse_work(const char *text, struct server_options *options)
{
    options->work = text;
    if (strcmp(text, "none") == 0) return 0;
    const char *colon = strchr(text, ':');
    bool cpu = colon != NULL && strncmp(text, "cpu:", 4) == 0;
    bool block = colon != NULL && strncmp(text, "block:", 6) == 0;
    if (!cpu && !block) return usage_error(PROGRAM, "--work: '%s' is not a work kind: use none, cpu:<us> or block:<ms>", text);
    char *end;
    double amount = strtod(colon + 1, &end);
    if (end == colon + 1 || *end != '\0') return usage_error(PROGRAM, "--work: '%s' takes a number, e.g. %.*s:0.5", text, (int)(colon - text), text);
    double millis = cpu ? amount / 1000 : amount;
    if (!(amount > 0) || millis > 60000) return usage_error(PROGRAM, "--work: '%s': the amount must be > 0 and at most a minute", text);
    if (cpu) options->cpu_micros = amount;
    options->block_work = block;
    return 0;
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
                 strcmp(flag, "--threads") == 0 || strcmp(flag, "--buffer-bytes") == 0 || strcmp(flag, "--work") == 0 ||
                 strcmp(flag, "--message-bytes") == 0 || strcmp(flag, "--offload-threads") == 0 ||
                 strcmp(flag, "--offload-queue") == 0;
    if (!known) return usage_error(PROGRAM, "unknown option '%s'", flag);
    const char *value = option_value(argc, argv, i);
    if (value == NULL) return usage_error(PROGRAM, "%s needs a value", flag);
    if (strcmp(flag, "--impl") == 0) return choose_impl(value, options);
    if (strcmp(flag, "--bind") == 0) {
        options->bind_text = value;
        return 0;
    }
    if (strcmp(flag, "--work") == 0) return parse_work(value, options);
    bool offload = strncmp(flag, "--offload-", 10) == 0;
    long max = strcmp(flag, "--port") == 0 ? 65535 : strcmp(flag, "--threads") == 0 ? MAX_THREADS
             : strcmp(flag, "--message-bytes") == 0 ? MAX_MESSAGE_BYTES
             : strcmp(flag, "--offload-threads") == 0 ? MAX_OFFLOAD_THREADS
             : strcmp(flag, "--offload-queue") == 0 ? MAX_OFFLOAD_QUEUE : MAX_BUFFER_BYTES;
    long min = strcmp(flag, "--port") == 0 || offload ? 0 : 1;
    if (!parse_number(PROGRAM, flag, value, min, max, &number)) return EXIT_USAGE;
    if (offload) return 0;   /* for blocking work's pool, which these servers do not have */
    if (strcmp(flag, "--message-bytes") == 0) options->message_bytes = number;
    else if (strcmp(flag, "--port") == 0) options->port = (int)number;
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
        .work = "none",
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
    if (strcmp(options->work, "none") != 0 && options->message_bytes == 0) {
        return usage_error(PROGRAM, "--work %s needs --message-bytes N: work is per message, not per read", options->work);
    }
    /* The one-line refusals the benchmarks and the conformance suite recognise ("work is not available:"). */
    if (options->block_work) {
        fprintf(stderr, "%s: %s: block work is not available: the C servers have no worker pool to hand a"
                " blocking call to, and blocking an event loop is shown once, by a Java server\n", PROGRAM, options->impl_id);
        return EXIT_USAGE;
    }
    if (options->cpu_micros > 0 && options->kind == NATIVE_IO_URING) {
        fprintf(stderr, "%s: %s: cpu work is not available: its provided-buffer receive path frames no"
                " messages yet (native-epoll-et and -lt do cpu work)\n", PROGRAM, options->impl_id);
        return EXIT_USAGE;
    }
    if (!resolve_address(PROGRAM, "--bind", options->bind_text, options->port, &options->bind_address,
                         &options->bind_length)) {
        return EXIT_USAGE;
    }
    return 0;
}
