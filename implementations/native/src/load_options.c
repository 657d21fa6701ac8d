#define _GNU_SOURCE
#include "load_options.h"
#include "cli.h"

#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char PROGRAM[] = "iobench-load-client";

void print_load_usage(void)
{
    printf("usage: iobench-load-client --port N [--host H] [--connections C] [--payload-bytes B]\n"
           "                           [--depth D] [--warmup-seconds W] [--duration-seconds S]\n"
           "                           [--threads T] [--allow-remote]\n"
           "Closed loop: C connections, each keeping D messages of B bytes in flight (D=1: ping-pong),\n"
           "every echoed byte checked. Echoes are counted for S seconds after W seconds of warm-up.\n"
           "Defaults: --host 127.0.0.1 --connections 1 --payload-bytes 64 --depth 1 --warmup-seconds 1\n"
           "          --duration-seconds 5 --threads 1. Only loopback hosts unless --allow-remote.\n"
           "Last line: iobench-load-client: echoes=<n> seconds=<f> echoes_per_sec=<f> errors=<n>\n"
           "Exit 0 when errors=0, 1 otherwise, 2 on bad arguments.\n");
}

static bool parse_seconds(const char *flag, const char *text, double min, double *out)
{
    char *end;
    errno = 0;
    double value = strtod(text, &end);
    if (errno != 0 || end == text || *end != '\0' || !(value >= min && value <= 3600)) {
        usage_error(PROGRAM, "%s takes seconds from %g to 3600, got '%s'", flag, min, text);
        return false;
    }
    *out = value;
    return true;
}

static bool is_loopback(const struct sockaddr_storage *address)
{
    if (address->ss_family == AF_INET) {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)address;
        return (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
    }
    const struct in6_addr *v6 = &((const struct sockaddr_in6 *)address)->sin6_addr;
    return IN6_IS_ADDR_LOOPBACK(v6) || (IN6_IS_ADDR_V4MAPPED(v6) && v6->s6_addr[12] == 127);
}

/* The whole-number flags and their ranges, in the order parse_whole assigns them. */
static const struct {
    const char *flag;
    long min, max;
} WHOLE_FLAGS[] = {
    { "--port", 1, 65535 },       { "--connections", 1, 1000000 }, { "--payload-bytes", 1, 16 << 20 },
    { "--depth", 1, 1024 },       { "--threads", 1, 256 },
};
enum { WHOLE_FLAG_COUNT = sizeof WHOLE_FLAGS / sizeof WHOLE_FLAGS[0] };

static int whole_flag_index(const char *flag)
{
    for (int k = 0; k < WHOLE_FLAG_COUNT; k++) {
        if (strcmp(flag, WHOLE_FLAGS[k].flag) == 0) return k;
    }
    return -1;
}

static bool parse_whole(int k, const char *value, struct load_options *options)
{
    long n;
    if (!parse_number(PROGRAM, WHOLE_FLAGS[k].flag, value, WHOLE_FLAGS[k].min, WHOLE_FLAGS[k].max, &n)) return false;
    switch (k) {
    case 0: options->port = (int)n; break;
    case 1: options->connections = (int)n; break;
    case 2: options->payload_bytes = (size_t)n; break;
    case 3: options->depth = (int)n; break;
    default: options->threads = (int)n; break;
    }
    return true;
}

/* One flag and its value into options; false after printing why. */
static bool parse_flag(int argc, char **argv, int *i, struct load_options *options)
{
    const char *flag = argv[*i];
    if (strcmp(flag, "--allow-remote") == 0) {
        options->allow_remote = true;
        return true;
    }
    int whole = whole_flag_index(flag);
    bool text = strcmp(flag, "--host") == 0 || strcmp(flag, "--warmup-seconds") == 0 ||
                strcmp(flag, "--duration-seconds") == 0;
    if (whole < 0 && !text) {
        usage_error(PROGRAM, "unknown option '%s'", flag);
        return false;
    }
    const char *value = option_value(argc, argv, i);
    if (value == NULL) {
        usage_error(PROGRAM, "%s needs a value", flag);
        return false;
    }
    if (whole >= 0) return parse_whole(whole, value, options);
    if (strcmp(flag, "--warmup-seconds") == 0) return parse_seconds(flag, value, 0, &options->warmup_seconds);
    if (strcmp(flag, "--duration-seconds") == 0) return parse_seconds(flag, value, 0.1, &options->duration_seconds);
    options->host = value;
    return true;
}

int parse_load_options(int argc, char **argv, struct load_options *options)
{
    *options = (struct load_options){
        .host = "127.0.0.1", .connections = 1, .payload_bytes = 64, .depth = 1,
        .warmup_seconds = 1, .duration_seconds = 5, .threads = 1,
    };
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            options->help = true;
            return 0;
        }
        if (!parse_flag(argc, argv, &i, options)) return EXIT_USAGE;
    }
    if (options->port == 0) return usage_error(PROGRAM, "--port is required");
    if (options->threads > options->connections) options->threads = options->connections;
    if (!resolve_address(PROGRAM, "--host", options->host, options->port, &options->address,
                         &options->address_length)) {
        return EXIT_USAGE;
    }
    if (!options->allow_remote && !is_loopback(&options->address)) {
        return usage_error(PROGRAM, "--host %s is not a loopback address; add --allow-remote to load it", options->host);
    }
    return 0;
}
