#!/usr/bin/env python3
"""A client that sends and at once shuts its side must get every byte back, then end-of-file.

    half_close_test.py BIN_DIR

For every native server this build can run: many short connections each send a small message and
shutdown(SHUT_WR) straight away, so the data and the FIN usually reach the server together. A server
that stops reading at a short read without noticing the FIN (edge-triggered epoll) never sees the
end-of-file and the client waits forever: here, a 2 s timeout and a failure. Exit 0 when all pass.
"""
import os
import socket
import subprocess
import sys

ROUNDS = 200
TIMEOUT_SECONDS = 2


def available_impls(server):
    listing = subprocess.run([server, "--list"], capture_output=True, text=True, check=True).stdout
    return [line.split("\t")[0] for line in listing.splitlines() if line.endswith("\tavailable")]


def half_close_round(port, size):
    data = os.urandom(size)
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_SECONDS) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)
        echoed = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            echoed += chunk
    if echoed != data:
        raise AssertionError(f"{size} bytes sent, {len(echoed)} came back{' (different)' if len(echoed) == size else ''}")


def check(server, impl):
    process = subprocess.Popen([server, "--impl", impl, "--threads", "1", "--port", "0"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        port = int(process.stdout.readline().rsplit(":", 1)[1])
        for round_number in range(ROUNDS):
            size = (1, 64, 4096, 16384, 100_000)[round_number % 5]
            try:
                half_close_round(port, size)
            except (OSError, AssertionError) as problem:
                return f"round {round_number} ({size} bytes): {problem or type(problem).__name__}"
        return None
    finally:
        process.terminate()
        process.wait(10)


def main():
    server = os.path.join(sys.argv[1], "iobench-echo-server")
    failures = 0
    for impl in available_impls(server):
        problem = check(server, impl)
        print(f"half_close_test: {impl}: {'ok' if problem is None else 'FAIL: ' + problem}")
        failures += problem is not None
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
