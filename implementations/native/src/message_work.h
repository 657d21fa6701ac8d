/*
 * CPU work per message, as the Java servers do it (org.iobench.api.MessageWork): CRC32C over the
 * message's bytes, pass after pass, each continuing the last one's checksum, for a pass count
 * calibrated once at start so that they take about the asked microseconds here.
 */
#ifndef IOBENCH_MESSAGE_WORK_H
#define IOBENCH_MESSAGE_WORK_H

#include <stddef.h>

/* Passes per message of `message_bytes` bytes for about `micros` µs; prints the calibration on stderr. */
long message_work_calibrate(const char *work_text, size_t message_bytes, double micros);

/* The work on one message; its result is compared with a volatile, so it cannot be optimised away. */
void message_work_perform(long passes, const char *bytes, size_t length);

#endif
