#!/usr/bin/env bash
# The --exit-with-stdin lifeline of every native server this build can run, as real processes:
#   1. with the flag, closing the server's standard input stops it: exit 0, one line saying why;
#   2. with the flag, SIGTERM still stops it with exit 0;
#   3. without the flag, standard input at end-of-file changes nothing: it serves until SIGTERM.
# Maven runs this in the test phase (BIN_DIR = target/bin). Every wait is bounded; every server
# started here is killed on the way out.
#   lifeline_test.sh BIN_DIR
set -euo pipefail
bin=${1:?usage: lifeline_test.sh BIN_DIR}
server="$bin/iobench-echo-server"
if [ -e "$bin/UNAVAILABLE" ]; then
  echo "lifeline_test: skipped: $(cat "$bin/UNAVAILABLE")"
  exit 0
fi
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
fail() { echo "lifeline_test: FAIL: $*" >&2; failures=$((failures + 1)); }

# Starts a server (extra flags in "$@") with stdin from $stdin_source; sets $pid once it is ready.
start() {
  local impl=$1; shift
  : >"$work/out"; : >"$work/err"
  "$server" --impl "$impl" --port 0 --threads 1 "$@" <"$stdin_source" >"$work/out" 2>"$work/err" &
  pid=$!
  pids+=("$pid")
}

await_ready() {
  for _ in $(seq 100); do
    grep -q "listening on" "$work/out" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  fail "$1: never printed its ready line: $(cat "$work/err")"
  return 1
}

# Sets $status to the exit status of $pid within 5 s, or "running" (not in a subshell: wait needs
# the server to be our own child).
await_exit() {
  status=running
  for _ in $(seq 100); do
    if ! kill -0 "$pid" 2>/dev/null || [ "$(ps -o stat= -p "$pid")" = Z ]; then
      status=0
      wait "$pid" || status=$?
      return
    fi
    sleep 0.05
  done
}

impls=$("$server" --list | awk -F'\t' '$2 == "available" { print $1 }')
[ -n "$impls" ] || { echo "lifeline_test: FAIL: no native server is available here" >&2; exit 1; }
for impl in $impls; do
  # 1. The launcher's end of the pipe goes away.
  mkfifo "$work/fifo"
  stdin_source="$work/fifo"
  start "$impl" --exit-with-stdin
  exec {holder}>"$work/fifo"        # the launcher holding the pipe open
  if await_ready "$impl"; then
    exec {holder}>&-
    await_exit
    [ "$status" = 0 ] || fail "$impl: stdin closed with --exit-with-stdin: status $status, expected 0"
    grep -q "standard input reached end-of-file" "$work/err" || fail "$impl: no reason on stderr: $(cat "$work/err")"
    [ "$(wc -l <"$work/err")" = 1 ] || fail "$impl: expected one line on stderr, got: $(cat "$work/err")"
  else
    exec {holder}>&-
  fi
  rm -f "$work/fifo"

  # 2. With the flag and stdin still open, SIGTERM stops it as before.
  mkfifo "$work/fifo"
  start "$impl" --exit-with-stdin
  exec {holder}>"$work/fifo"
  if await_ready "$impl"; then
    kill -TERM "$pid"
    await_exit
    [ "$status" = 0 ] || fail "$impl: SIGTERM with --exit-with-stdin: status $status, expected 0"
  fi
  exec {holder}>&-
  rm -f "$work/fifo"

  # 3. Without the flag an exhausted stdin is ignored.
  stdin_source=/dev/null
  start "$impl"
  if await_ready "$impl"; then
    sleep 0.5
    kill -0 "$pid" 2>/dev/null || fail "$impl: exited on end of stdin without --exit-with-stdin: $(cat "$work/err")"
    kill -TERM "$pid" 2>/dev/null || true
    await_exit
    [ "$status" = 0 ] || fail "$impl: SIGTERM without the flag: status $status, expected 0"
  fi
  echo "lifeline_test: $impl checked"
done
[ "$failures" = 0 ] || { echo "lifeline_test: $failures failure(s)" >&2; exit 1; }
echo "lifeline_test: ok"
