#!/usr/bin/env bash
# Syscalls per echo of the native servers, counted in the kernel (perf tracepoints, not strace: a
# traced server slows down and batches differently). Counts, not timing: valid on a busy machine.
# Server pinned to CPU 1 with one thread, the native load client to CPU 0; 64 B ping-pong.
#   syscalls_per_echo.sh BIN_DIR [SECONDS] [IMPLS] [CONNECTION_COUNTS]
#   e.g. syscalls_per_echo.sh implementations/native/target/bin 3 "native-epoll-et native-io-uring" "100 1000"
# Prints one row per run: syscalls per echo, total and per call. Every process started is stopped.
set -euo pipefail
bin=${1:?usage: syscalls_per_echo.sh BIN_DIR [SECONDS] [IMPLS] [CONNECTION_COUNTS]}
seconds=${2:-3}
impls=${3:-native-epoll-et native-epoll-lt native-io-uring}
counts=${4:-100 1000 10000}
calls=(read write recvfrom sendto epoll_wait epoll_pwait epoll_ctl io_uring_enter accept4 setsockopt close)
events=raw_syscalls:sys_enter
for call in "${calls[@]}"; do events+=",syscalls:sys_enter_$call"; done

work=$(mktemp -d)
server_pid=
cleanup() {
  [ -z "$server_pid" ] || kill -TERM "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

printf '%-16s %6s %9s %8s' impl conns echoes total
for call in "${calls[@]}"; do printf ' %s' "$call"; done
printf '   (per echo; accept4/setsockopt/close and one epoll_ctl per connection are set-up)\n'
for impl in $impls; do
  for connections in $counts; do
    taskset -c 1 "$bin/iobench-echo-server" --impl "$impl" --threads 1 --port 0 >"$work/ready" 2>"$work/server.err" &
    server_pid=$!
    for _ in $(seq 100); do grep -q listening "$work/ready" && break; sleep 0.05; done
    port=$(grep -o '[0-9]*$' "$work/ready")
    perf stat -x, -e "$events" -p "$server_pid" -o "$work/perf" &
    perf_pid=$!
    sleep 0.3   # perf attached before the first connection
    taskset -c 0 "$bin/iobench-load-client" --port "$port" --connections "$connections" --payload-bytes 64 \
      --warmup-seconds 0 --duration-seconds "$seconds" >"$work/client" 2>&1 || true
    kill -INT "$perf_pid"; wait "$perf_pid" || true
    kill -TERM "$server_pid"; wait "$server_pid" || true
    server_pid=
    echoes=$(grep -o "echoes=[0-9]*" "$work/client" | tail -1 | cut -d= -f2 || true)
    if [ -z "$echoes" ] || [ "$echoes" = 0 ]; then
      echo "$impl $connections: no echoes: $(tail -1 "$work/client")" >&2
      continue
    fi
    count_of() { awk -F, -v e="$1" '$3 == e { print $1 }' "$work/perf"; }
    printf '%-16s %6d %9d %8.3f' "$impl" "$connections" "$echoes" "$(echo "$(count_of raw_syscalls:sys_enter) / $echoes" | bc -l)"
    for call in "${calls[@]}"; do
      printf ' %.3f' "$(echo "$(count_of "syscalls:sys_enter_$call") / $echoes" | bc -l)"
    done
    printf '\n'
  done
done
