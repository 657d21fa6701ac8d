#define _GNU_SOURCE
#include "message_work.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ROUND_NANOS = 20 * 1000 * 1000, STEADY_ROUNDS = 10, PASSES_PER_CALL = 100 };
static const long long GIVE_UP_NANOS = 2LL * 1000 * 1000 * 1000;

/* Never equal to a checksum in practice; volatile, so every comparison with it is real (JMH's Blackhole trick). */
static volatile uint32_t trap = 0xFFFFFFFFu;
static volatile unsigned long trap_hits;

/* CRC32C (Castagnoli), reflected polynomial 0x82F63B78: the same checksum as java.util.zip.CRC32C. */
static uint32_t crc32c_portable(uint32_t crc, const unsigned char *bytes, size_t length)
{
    crc = ~crc;
    while (length--) {
        crc ^= *bytes++;
        for (int bit = 0; bit < 8; bit++) crc = (crc >> 1) ^ (0x82F63B78u & (0u - (crc & 1u)));
    }
    return ~crc;
}

#if defined(__x86_64__)
/* The SSE 4.2 instruction, as the JDK's intrinsic uses on this hardware. */
__attribute__((target("sse4.2"))) static uint32_t crc32c_sse42(uint32_t crc, const unsigned char *bytes, size_t length)
{
    uint64_t c = ~crc;
    for (; length >= 8; bytes += 8, length -= 8) {
        uint64_t word;
        memcpy(&word, bytes, sizeof word);
        c = __builtin_ia32_crc32di(c, word);
    }
    uint32_t c32 = (uint32_t)c;
    while (length--) c32 = __builtin_ia32_crc32qi(c32, *bytes++);
    return ~c32;
}
#endif

typedef uint32_t (*crc32c_fn)(uint32_t, const unsigned char *, size_t);

static crc32c_fn crc32c(void)
{
#if defined(__x86_64__)
    if (__builtin_cpu_supports("sse4.2")) return crc32c_sse42;
#endif
    return crc32c_portable;
}

void message_work_perform(long passes, const char *bytes, size_t length)
{
    static crc32c_fn hash;
    if (hash == NULL) hash = crc32c();   /* the same value from every thread: a benign race */
    uint32_t crc = 0;
    for (long i = 0; i < passes; i++) crc = hash(crc, (const unsigned char *)bytes, length);
    if (crc == trap) trap_hits++;
}

static long long now_nanos(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

/*
 * The fastest 20 ms round once it stops improving by more than 2% over ten rounds (or after 2 s):
 * a busy machine only ever makes a round slower. Many passes per call, as the servers run it.
 */
long message_work_calibrate(const char *work_text, size_t message_bytes, double micros)
{
    char *message = malloc(message_bytes);
    if (message == NULL) return -1;
    for (size_t i = 0; i < message_bytes; i++) message[i] = (char)(i * 31);
    double best = 1e300;
    int rounds_without_gain = 0;
    long long give_up = now_nanos() + GIVE_UP_NANOS;
    while (rounds_without_gain < STEADY_ROUNDS && now_nanos() < give_up) {
        long long start = now_nanos(), elapsed;
        long passes = 0;
        do {
            message_work_perform(PASSES_PER_CALL, message, message_bytes);
            passes += PASSES_PER_CALL;
            elapsed = now_nanos() - start;
        } while (elapsed < ROUND_NANOS);
        double nanos_per_pass = (double)elapsed / (double)passes;
        rounds_without_gain = nanos_per_pass < best * 0.98 ? 0 : rounds_without_gain + 1;
        if (nanos_per_pass < best) best = nanos_per_pass;
    }
    free(message);
    long passes = (long)(micros * 1000 / best + 0.5);
    if (passes < 1) passes = 1;
    fprintf(stderr, "iobench: work %s = %ld CRC32C passes over each %zu-byte message (%.1f ns per pass, calibrated)\n",
            work_text, passes, message_bytes, best);
    return passes;
}
