#!/usr/bin/env python3
"""cpu: work per message keeps the echo byte-exact, also when the client reads late.

    work_test.py BIN_DIR

For native-epoll-et and -lt (native-io-uring and block: work are refused, checked here too): a client
writes 8 MiB in odd-sized chunks (reads hold parts of messages and several at once) plus a shorter
last message, reads nothing for a second (the server's writes fall short and it holds the rest),
then reads everything back: it must be byte-exact, followed by end-of-file. Exit 0 when all pass.
"""
import os
import socket
import subprocess
import sys
import threading
import time

MESSAGE_BYTES = 3000
STREAM_BYTES = 8 * 1024 * 1024 + 1234   # not a whole number of messages: the last one is shorter
CHUNK_BYTES = 7001
TIMEOUT_SECONDS = 20


def start(server, impl, *work):
    process = subprocess.Popen([server, "--impl", impl, "--threads", "1", *work],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    return process, (int(line.rsplit(":", 1)[1]) if "listening on" in line else None)


def late_reader_round_trip(port):
    data = os.urandom(STREAM_BYTES)
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_SECONDS) as sock:
        def write():
            for offset in range(0, len(data), CHUNK_BYTES):
                sock.sendall(data[offset:offset + CHUNK_BYTES])
            sock.shutdown(socket.SHUT_WR)
        writer = threading.Thread(target=write)
        writer.start()
        time.sleep(1)
        echoed = bytearray()
        while chunk := sock.recv(65536):
            echoed += chunk
        writer.join()
    return bytes(echoed) == data


def main():
    server = os.path.join(sys.argv[1], "iobench-echo-server")
    failures = 0
    for impl in ("native-epoll-et", "native-epoll-lt"):
        process, port = start(server, impl, "--work", "cpu:5", "--message-bytes", str(MESSAGE_BYTES))
        exact = port is not None and late_reader_round_trip(port)
        process.terminate()
        _, errors = process.communicate(timeout=10)
        ok = exact and process.returncode == 0 and "CRC32C passes" in errors
        failures += not ok
        print(f"work_test: {impl} cpu:5: {'ok' if ok else 'FAILED: ' + errors.strip()}")
    for impl, work in (("native-epoll-et", "block:1"), ("native-io-uring", "cpu:5")):
        refused = subprocess.run([server, "--impl", impl, "--work", work, "--message-bytes", "64"],
                                 capture_output=True, text=True, timeout=10)
        ok = refused.returncode == 2 and f"{impl}: {work.split(':')[0]} work is not available:" in refused.stderr
        failures += not ok
        print(f"work_test: {impl} {work} refused in one line: {'ok' if ok else 'FAILED: ' + refused.stderr.strip()}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
