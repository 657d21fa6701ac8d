#define _GNU_SOURCE
#include "stop_wait.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

static sigset_t stop_signals;

int stop_wait_prepare(void)
{
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    int error = pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    if (error != 0) {
        errno = error;
        return -1;
    }
    return 0;
}

/* Without the lifeline: nothing but the signals, taken synchronously. */
static void await_signal(void)
{
    int signal_number;
    while (sigwait(&stop_signals, &signal_number) != 0) {
    }
}

/* Standard input was readable (or hung up): true once it is over, after saying why. */
static bool stdin_is_over(void)
{
    char discard[512];
    ssize_t n = read(STDIN_FILENO, discard, sizeof discard);
    if (n > 0 || (n < 0 && (errno == EINTR || errno == EAGAIN))) return false;
    if (n == 0) {
        fprintf(stderr, "iobench: standard input reached end-of-file (--exit-with-stdin): shutting down\n");
    } else {
        fprintf(stderr, "iobench: standard input failed (--exit-with-stdin): %s: shutting down\n", strerror(errno));
    }
    return true;
}

void stop_wait(bool watch_stdin)
{
    if (!watch_stdin) {
        await_signal();
        return;
    }
    /* The signals become a readable descriptor, so one poll() waits for both causes at once. */
    int signal_fd = signalfd(-1, &stop_signals, SFD_CLOEXEC);
    if (signal_fd < 0) {
        fprintf(stderr, "iobench: signalfd: %s: watching only for signals\n", strerror(errno));
        await_signal();
        return;
    }
    struct pollfd watched[2] = {
        { .fd = signal_fd, .events = POLLIN },
        { .fd = STDIN_FILENO, .events = POLLIN },
    };
    for (;;) {
        if (poll(watched, 2, -1) < 0) {
            if (errno == EINTR) continue;
            fprintf(stderr, "iobench: poll: %s: shutting down\n", strerror(errno));
            break;
        }
        if (watched[0].revents != 0) break;   /* SIGINT or SIGTERM: the same stop as without the flag */
        if (watched[1].revents & POLLNVAL) {
            fprintf(stderr, "iobench: standard input is not open (--exit-with-stdin): shutting down\n");
            break;
        }
        if (watched[1].revents != 0 && stdin_is_over()) break;
    }
    close(signal_fd);
}
