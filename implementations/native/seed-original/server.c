// server.c -- the seed's epoll edge-triggered echo server (shared/seed/000_f13501b323cd887a.txt),
// kept WITH ITS FOUR BUGS to prove that the conformance suite catches them. NOT part of the build.
//
// The bugs, left exactly as the seed has them (search for "SEED BUG"):
//   1. EPOLLET but one read() per event: bytes left in the socket are never seen again.
//   2. write() once, result ignored: a partial write loses the rest of the echo.
//   3. buffer[bytes_read] = '\0' writes one byte past the buffer when a read fills it.
//   4. binds INADDR_ANY: every interface, whatever --bind says.
//
// Adapted only so the iobench launcher can start and stop it (every change is marked "iobench:"):
// the common server flags are accepted (--impl, --port; --bind/--threads/--buffer-bytes are
// accepted and ignored), port 0 works, the ready line is printed, SIGTERM/SIGINT exit 0, and
// SIGPIPE is ignored (see main).
// Comments translated from the Chinese original.
#include <sys/epoll.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <unistd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>

#define PORT 8080
#define MAX_EVENTS 10
#define BUFFER_SIZE 1024

void set_nonblocking(int fd) {
    int flags = fcntl(fd, F_GETFL, 0);
    fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

// iobench: a clean exit on SIGTERM/SIGINT, so a test sees the four bugs, not a killed process.
static void exit_cleanly(int signal_number) {
    (void)signal_number;
    _exit(0);
}

// iobench: the common server command line, just enough of it.
static int parse_args(int argc, char **argv, const char **impl, int *port, int *list) {
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--list") == 0) { *list = 1; continue; }
        if (i + 1 >= argc) { fprintf(stderr, "iobench: %s needs a value\n", argv[i]); return 2; }
        const char *value = argv[++i];
        if (strcmp(argv[i - 1], "--impl") == 0) *impl = value;
        else if (strcmp(argv[i - 1], "--port") == 0) *port = atoi(value);
        else if (strcmp(argv[i - 1], "--bind") != 0 && strcmp(argv[i - 1], "--threads") != 0
                 && strcmp(argv[i - 1], "--buffer-bytes") != 0) {
            fprintf(stderr, "iobench: unknown option '%s'\n", argv[i - 1]);
            return 2;
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    int server_fd, new_socket, epoll_fd;
    struct sockaddr_in address;
    struct epoll_event event, events[MAX_EVENTS];
    int addrlen = sizeof(address);

    // iobench: flags, --list, signals.
    const char *impl = "native-epoll-et";
    int port = PORT, list = 0;
    int status = parse_args(argc, argv, &impl, &port, &list);
    if (status != 0) return status;
    if (list) {
        printf("native-epoll-et\tavailable\nnative-epoll-lt\tavailable\n");
        return 0;
    }
    signal(SIGTERM, exit_cleanly);
    signal(SIGINT, exit_cleanly);
    // iobench: the seed dies of SIGPIPE when it writes to a client that has gone. That is a fifth
    // defect, not one of the four under test, and it would kill the server at the first test that
    // hangs up early, hiding which of the four a later test catches. So it is neutralised here.
    signal(SIGPIPE, SIG_IGN);

    // Create the server socket
    if ((server_fd = socket(AF_INET, SOCK_STREAM, 0)) == 0) {
        perror("socket failed");
        exit(EXIT_FAILURE);
    }

    // Server address
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = INADDR_ANY;   // SEED BUG 4: every interface, not loopback
    address.sin_port = htons(port);         // iobench: --port (0 = ephemeral) instead of PORT

    // Bind the socket to the address and port
    if (bind(server_fd, (struct sockaddr *)&address, sizeof(address)) < 0) {
        perror("bind failed");
        exit(EXIT_FAILURE);
    }

    // listen tells the OS this socket accepts connections, and how many may queue.
    if (listen(server_fd, 10) < 0) {
        perror("listen");
        exit(EXIT_FAILURE);
    }

    // Create the epoll instance
    if ((epoll_fd = epoll_create1(0)) == -1) {
        perror("epoll_create1");
        exit(EXIT_FAILURE);
    }

    // Non-blocking server socket: accept/read/write return at once instead of blocking.
    set_nonblocking(server_fd);

    // Add the server socket to the epoll instance
    event.events = EPOLLIN;
    event.data.fd = server_fd;
    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, server_fd, &event) == -1) {
        perror("epoll_ctl: server_fd");
        exit(EXIT_FAILURE);
    }

    // iobench: the ready line, with the real port (port 0 asks the kernel for any free one).
    struct sockaddr_in bound;
    socklen_t bound_length = sizeof(bound);
    getsockname(server_fd, (struct sockaddr *)&bound, &bound_length);
    char host[INET_ADDRSTRLEN];
    inet_ntop(AF_INET, &bound.sin_addr, host, sizeof(host));
    printf("iobench: %s listening on %s:%d\n", impl, host, ntohs(bound.sin_port));
    fflush(stdout);

    while (1) {
        // events: the ready events
        int nfds = epoll_wait(epoll_fd, events, MAX_EVENTS, -1);
        if (nfds == -1) {
            perror("epoll_wait");
            exit(EXIT_FAILURE);
        }

        for (int n = 0; n < nfds; ++n) {
            // Events on the server socket are new connections; on client sockets, data.
            if (events[n].data.fd == server_fd) {
                // New connections: accept takes the first one queued
                while ((new_socket = accept(server_fd, (struct sockaddr *)&address, (socklen_t *)&addrlen)) > 0) {
                    set_nonblocking(new_socket);
                    event.events = EPOLLIN | EPOLLET;
                    event.data.fd = new_socket;
                    if (epoll_ctl(epoll_fd, EPOLL_CTL_ADD, new_socket, &event) == -1) {
                        perror("epoll_ctl: new_socket");
                        exit(EXIT_FAILURE);
                    }
                    printf("New connection on socket %d\n", new_socket);
                }
                if (errno != EAGAIN && errno != EWOULDBLOCK) {
                    perror("accept");
                    exit(EXIT_FAILURE);
                }
            } else {
                // Client data
                int client_fd = events[n].data.fd;
                char buffer[BUFFER_SIZE];
                int bytes_read = read(client_fd, buffer, sizeof(buffer)); // SEED BUG 1: once per ET event
                if (bytes_read > 0) {
                    buffer[bytes_read] = '\0';      // SEED BUG 3: overflows when the read fills buffer
                    printf("Received: %s\n", buffer);
                    // Echo back to the client
                    write(client_fd, buffer, bytes_read);   // SEED BUG 2: partial writes ignored
                } else if (bytes_read == 0) {
                    // The client closed the connection
                    close(client_fd);
                    printf("Connection closed on socket %d\n", client_fd);
                } else {
                    perror("read");
                }
            }
        }
    }

    close(server_fd);
    close(epoll_fd);
    return 0;
}
