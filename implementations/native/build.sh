#!/usr/bin/env bash
# Builds the native echo server and load client into OUTPUT_DIR (Maven calls this in the compile
# phase with target/bin). Without a C compiler the build is not failed: OUTPUT_DIR/UNAVAILABLE gets
# the reason, and the native servers are then reported unavailable (never silently replaced).
# A compile error in our sources, though, is a bug and fails the build.
#   build.sh OUTPUT_DIR        (CC=... picks the compiler; default gcc, else cc)
set -euo pipefail
out=${1:?usage: build.sh OUTPUT_DIR}
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/src"
mkdir -p "$out"

flags=(-O2 -std=c11 -Wall -Wextra -pthread)
server_sources=(echo_server.c stop_wait.c server_options.c listener.c echo_worker.c echo_accept.c echo_connection.c cli.c)
client_sources=(load_client.c load_options.c load_connect.c load_connection.c cli.c)

# A binary is stale when missing or older than any source, header or this script.
stale() {
  local binary=$1
  [ -x "$binary" ] || return 0
  [ -n "$(find "$src" "${BASH_SOURCE[0]}" -newer "$binary" -print -quit)" ]
}

compiler=${CC:-}
if [ -z "$compiler" ]; then
  for candidate in gcc cc; do
    if command -v "$candidate" >/dev/null 2>&1; then compiler=$candidate; break; fi
  done
fi
if [ -z "$compiler" ] || ! command -v "$compiler" >/dev/null 2>&1; then
  if ! stale "$out/iobench-echo-server" && ! stale "$out/iobench-load-client"; then
    rm -f "$out/UNAVAILABLE"   # built earlier and still current: nothing needs a compiler
    exit 0
  fi
  reason="no C compiler (gcc/cc) found; install gcc to build the native servers"
  echo "$reason" > "$out/UNAVAILABLE"
  echo "iobench-native: $reason" >&2
  exit 0
fi

# Compiles only what is stale (keeps the Maven build quick); the rename keeps running copies intact.
build() {
  local binary=$1; shift
  if stale "$out/$binary"; then
    (cd "$src" && "$compiler" "${flags[@]}" -o "$out/$binary.tmp" "$@")
    mv -f "$out/$binary.tmp" "$out/$binary"
  fi
}

build iobench-echo-server "${server_sources[@]}"
build iobench-load-client "${client_sources[@]}"
rm -f "$out/UNAVAILABLE"   # a note left from an earlier build without a compiler
