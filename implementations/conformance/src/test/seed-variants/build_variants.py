#!/usr/bin/env python3
"""Builds the seed's server four times, each with exactly ONE of its four bugs, to prove that the
conformance suite catches every bug on its own (with all four at once, the overflow or the read-once
stall hides the others). Derived from implementations/native/seed-original/server.c; kept out of the
Maven build.

    implementations/conformance/src/test/seed-variants/build_variants.py OUTPUT_DIR
    ./mvnw -o -pl implementations/conformance test -Diobench.impls=native-epoll-et \
        -Diobench.native.server=OUTPUT_DIR/seed-only-<bug>
"""
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
SEED = HERE.parents[3] / "native" / "seed-original" / "server.c"

READ_ONCE = "int bytes_read = read(client_fd, buffer, sizeof(buffer)); // SEED BUG 1: once per ET event"
OVERFLOW = "buffer[bytes_read] = '\\0';      // SEED BUG 3: overflows when the read fills buffer"
PARTIAL = "write(client_fd, buffer, bytes_read);   // SEED BUG 2: partial writes ignored"
BIND_ALL = "address.sin_addr.s_addr = INADDR_ANY;   // SEED BUG 4: every interface, not loopback"
# The handler's tail, to wrap the single read in a drain-to-EAGAIN loop.
HANDLER_END = """                } else {
                    perror("read");
                }"""

FIXES = {
    # Drain to EAGAIN: loop until read() says there is nothing left (or the peer is gone).
    "read-once": [(READ_ONCE, "for (;;) { int bytes_read = read(client_fd, buffer, BUFFER_SIZE);"),
                  (HANDLER_END, """                    break;
                } else {
                    if (errno != EAGAIN && errno != EWOULDBLOCK) close(client_fd);
                    break;
                } }""")],
    # Room for the terminator: read at most BUFFER_SIZE - 1 bytes.
    "overflow": [(OVERFLOW, "buffer[bytes_read] = '\\0'; // fixed: read() leaves room for it")],
    # Write everything: on a partial write, wait until the socket is writable (blocking, but correct).
    "partial-write": [(PARTIAL, "write_all(client_fd, buffer, bytes_read);")],
    "bind-all": [(BIND_ALL, "address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);")],
}

WRITE_ALL = """#include <poll.h>
static void write_all(int fd, const char *data, int length) {
    while (length > 0) {
        ssize_t n = write(fd, data, length);
        if (n > 0) { data += n; length -= n; continue; }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd p = {.fd = fd, .events = POLLOUT};
            poll(&p, 1, 1000);
            continue;
        }
        return;
    }
}
"""


def variant(source, keep):
    for bug, replacements in FIXES.items():
        if bug == keep:
            continue
        for old, new in replacements:
            if old not in source:
                sys.exit(f"seed-original/server.c changed: cannot find {old!r}")
            source = source.replace(old, new)
    if keep != "overflow":
        # The overflow fix also needs the read to leave a byte free.
        source = source.replace("read(client_fd, buffer, BUFFER_SIZE)", "read(client_fd, buffer, BUFFER_SIZE - 1)")
        source = source.replace("read(client_fd, buffer, sizeof(buffer))", "read(client_fd, buffer, sizeof(buffer) - 1)")
    if keep != "partial-write":
        source = source.replace("int main(int argc", WRITE_ALL + "\nint main(int argc", 1)
    # Quiet: the seed prints every message it receives, which only slows the probes down.
    source = source.replace('printf("Received: %s\\n", buffer);', "")
    return source


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    seed = SEED.read_text()
    for bug in FIXES:
        c_file = out / f"seed-only-{bug}.c"
        c_file.write_text(variant(seed, bug))
        flags = ["-fsanitize=address"] if bug == "overflow" else []
        subprocess.run(["gcc", "-O1", "-g", "-fno-omit-frame-pointer", *flags, "-o", str(out / f"seed-only-{bug}"),
                        str(c_file)], check=True)
        print(f"built {out / ('seed-only-' + bug)}")


if __name__ == "__main__":
    main()
