#!/usr/bin/env python3
"""Hand check of a running echo server (any implementation), from outside, byte for byte.

    echo_check.py --port N [--pid SERVER_PID] [--connections 10000] [--stream-mib 10]

Checks: buffer-edge sizes; concurrent streams written and read at the same time; half-close (every
byte back, then EOF); a slow reader that leaves 32 MiB unsent while another client is served; N
concurrent connections each echoing. With --pid it reports the server's RSS, threads and open
descriptors. Exit 0 when every check passed. Loopback only; every wait is bounded by a timeout.
The conformance suite (implementations/conformance) is the real test; this is the quick look.
"""
import argparse
import os
import random
import socket
import sys
import threading
import time

TIMEOUT_SECONDS = 20


def connect(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT_SECONDS)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_exactly(sock, length):
    chunks, have = [], 0
    while have < length:
        chunk = sock.recv(min(1 << 20, length - have))
        if not chunk:
            raise AssertionError(f"EOF after {have} of {length} bytes")
        chunks.append(chunk)
        have += len(chunk)
    return b"".join(chunks)


def server_stats(pid):
    if pid is None:
        return "n/a"
    fields = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    fds = len(os.listdir(f"/proc/{pid}/fd"))
    return f"VmRSS={fields['VmRSS']} threads={fields['Threads']} fds={fds}"


def check_sizes(port):
    sock = connect(port)
    for size in (1, 63, 64, 65, 1023, 1024, 1025, 4095, 4096, 4097, 16383, 16384, 16385, 65535, 65536, 65537):
        data = os.urandom(size)
        sock.sendall(data)
        assert read_exactly(sock, size) == data, f"size {size} differs"
    sock.close()
    return "sizes 1..65537 around buffer edges: exact"


def stream(port, total_bytes, seed, failures):
    """Writes total_bytes in random chunks from one thread while this one reads and compares."""
    rng = random.Random(seed)
    data = rng.randbytes(total_bytes)
    sock = connect(port)

    def writer():
        offset = 0
        while offset < total_bytes:
            step = rng.randint(1, 200_000)
            sock.sendall(data[offset:offset + step])
            offset += step

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        echoed = read_exactly(sock, total_bytes)
        if echoed != data:
            first = next(i for i in range(total_bytes) if echoed[i] != data[i])
            failures.append(f"stream {seed}: first difference at byte {first}")
    except Exception as error:  # reported, not raised: the other streams still finish
        failures.append(f"stream {seed}: {error}")
    thread.join()
    sock.close()


def check_streams(port, mib, count):
    failures, started = [], time.monotonic()
    threads = [threading.Thread(target=stream, args=(port, mib << 20, seed, failures)) for seed in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    return f"{count} concurrent streams of {mib} MiB: exact ({time.monotonic() - started:.1f} s)"


def check_half_close(port):
    data = os.urandom(300_000)
    sock = connect(port)
    sock.sendall(data)
    sock.shutdown(socket.SHUT_WR)
    echoed = read_exactly(sock, len(data))
    assert sock.recv(1) == b"", "no EOF after the echo"
    sock.close()
    assert echoed == data
    return "half-close: every byte back, then EOF"


def check_slow_reader(port, pid):
    slow = connect(port)
    slow.setblocking(False)
    data = os.urandom(32 << 20)
    sent, deadline = 0, time.monotonic() + 3
    while time.monotonic() < deadline:  # write what the server accepts, read nothing, for 3 s
        try:
            sent += slow.send(data[sent:sent + 65536])
        except BlockingIOError:
            time.sleep(0.01)
        probe = connect(port)
        probe.sendall(b"ping")
        assert read_exactly(probe, 4) == b"ping", "another client was not served"
        probe.close()
    stats = server_stats(pid)
    slow.setblocking(True)
    slow.settimeout(TIMEOUT_SECONDS)
    reader = threading.Thread(target=lambda: slow.sendall(data[sent:]))
    reader.start()
    echoed = read_exactly(slow, len(data))
    reader.join()
    slow.close()
    assert echoed == data, "slow reader's bytes differ"
    return f"slow reader: {sent >> 10} KiB accepted while unread (server {stats}), then 32 MiB exact"


def check_many(port, pid, count):
    before = server_stats(pid)
    socks = []
    started = time.monotonic()
    for i in range(count):
        socks.append(connect(port))
    for i, sock in enumerate(socks):
        sock.sendall(i.to_bytes(4, "big"))
    for i, sock in enumerate(socks):
        assert read_exactly(sock, 4) == i.to_bytes(4, "big"), f"connection {i}: cross-talk"
    during = server_stats(pid)
    for sock in socks:
        sock.close()
    return (f"{count} concurrent connections, each echoed its own bytes ({time.monotonic() - started:.1f} s); "
            f"server before: {before}; with them open: {during}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--pid", type=int)
    parser.add_argument("--connections", type=int, default=10_000)
    parser.add_argument("--stream-mib", type=int, default=10)
    parser.add_argument("--streams", type=int, default=4)
    args = parser.parse_args()
    checks = [
        lambda: check_sizes(args.port),
        lambda: check_streams(args.port, args.stream_mib, args.streams),
        lambda: check_half_close(args.port),
        lambda: check_slow_reader(args.port, args.pid),
        lambda: check_many(args.port, args.pid, args.connections),
    ]
    failed = 0
    for check in checks:
        try:
            print("ok   " + check(), flush=True)
        except Exception as error:
            failed += 1
            print(f"FAIL {type(error).__name__}: {error}", flush=True)
    time.sleep(0.5)
    print(f"after all clients left: server {server_stats(args.pid)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
