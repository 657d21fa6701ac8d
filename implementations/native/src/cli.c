#define _GNU_SOURCE
#include "cli.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int usage_error(const char *program, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, "%s: ", program);
    vfprintf(stderr, format, args);
    fprintf(stderr, " (see --help)\n");
    va_end(args);
    return EXIT_USAGE;
}

const char *option_value(int argc, char **argv, int *index)
{
    if (*index + 1 >= argc || strncmp(argv[*index + 1], "--", 2) == 0) return NULL;
    return argv[++*index];
}

bool parse_number(const char *program, const char *flag, const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0') {
        usage_error(program, "%s takes a whole number, got '%s'", flag, text);
        return false;
    }
    if (value < min || value > max) {
        usage_error(program, "%s must be %ld..%ld, got %ld", flag, min, max, value);
        return false;
    }
    *out = value;
    return true;
}

bool resolve_address(const char *program, const char *flag, const char *host, int port,
                     struct sockaddr_storage *address, socklen_t *length)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM };
    struct addrinfo *found = NULL;
    if (getaddrinfo(host, NULL, &hints, &found) != 0 || found == NULL) {
        usage_error(program, "%s: cannot resolve address '%s'", flag, host);
        return false;
    }
    memcpy(address, found->ai_addr, found->ai_addrlen);
    *length = found->ai_addrlen;
    freeaddrinfo(found);
    if (address->ss_family == AF_INET6) {
        ((struct sockaddr_in6 *)address)->sin6_port = htons((uint16_t)port);
    } else {
        ((struct sockaddr_in *)address)->sin_port = htons((uint16_t)port);
    }
    return true;
}

void format_address(const struct sockaddr *address, char *text, size_t capacity)
{
    char host[INET6_ADDRSTRLEN] = "?";
    if (address->sa_family == AF_INET6) {
        const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)address;
        inet_ntop(AF_INET6, &v6->sin6_addr, host, sizeof host);
        snprintf(text, capacity, "[%s]:%u", host, ntohs(v6->sin6_port));
    } else {
        const struct sockaddr_in *v4 = (const struct sockaddr_in *)address;
        inet_ntop(AF_INET, &v4->sin_addr, host, sizeof host);
        snprintf(text, capacity, "%s:%u", host, ntohs(v4->sin_port));
    }
}
