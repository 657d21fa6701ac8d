#!/usr/bin/env bash
# Builds the native echo server, the load client and the core-distance probe into OUTPUT_DIR (Maven calls this in the compile
# phase with target/bin). Without a C compiler the build is not failed: OUTPUT_DIR/UNAVAILABLE gets
# the reason, and the native servers are then reported unavailable (never silently replaced).
# Without liburing (Debian: liburing-dev) the server is built without native-io-uring, which it
# then lists as unavailable with that reason. A compile error in our sources is a bug and fails.
#   build.sh OUTPUT_DIR        (CC=... picks the compiler; default gcc, else cc)
set -euo pipefail
out=${1:?usage: build.sh OUTPUT_DIR}
src="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/src"
mkdir -p "$out"

flags=(-O2 -std=c11 -Wall -Wextra -pthread)
server_sources=(echo_server.c message_work.c stop_wait.c server_options.c listener.c echo_worker.c echo_accept.c echo_connection.c cli.c)
uring_sources=(uring_server.c uring_setup.c uring_worker.c uring_connection.c)
client_sources=(load_client.c load_connect.c load_connection.c load_options.c cli.c)
distance_sources=(core_distance.c cli.c)

compiler=${CC:-}
if [ -z "$compiler" ]; then
  for candidate in gcc cc; do
    if command -v "$candidate" >/dev/null 2>&1; then compiler=$candidate; break; fi
  done
fi

# liburing, linked statically when its archive is there (the binary then runs without the library).
# 2.2+ is needed for io_uring_register_buf_ring; the test program uses it so an older one is refused.
uring_link=()
if [ -n "$compiler" ] && command -v "$compiler" >/dev/null 2>&1; then
  probe=$(mktemp -d)
  printf '#include <liburing.h>\nint main(void) { struct io_uring r; struct io_uring_buf_reg g = {0};\n%s\n}\n' \
    'return io_uring_queue_init(1, &r, 0) + io_uring_register_buf_ring(&r, &g, 0);' > "$probe/uring.c"
  for link in -l:liburing.a -luring; do
    if "$compiler" -o "$probe/uring" "$probe/uring.c" "$link" >/dev/null 2>&1; then uring_link=("$link"); break; fi
  done
  rm -rf "$probe"
fi
# What the server binary was built with: a change (liburing installed later) makes it stale.
config="server with liburing: ${uring_link[*]:-no}"

# A binary is stale when missing, older than any source, header or this script, or built otherwise.
stale() {
  local binary=$1
  [ -x "$binary" ] || return 0
  [ "$binary" != "$out/iobench-echo-server" ] || [ "$(cat "$out/BUILT_WITH" 2>/dev/null)" = "$config" ] || return 0
  [ -n "$(find "$src" "${BASH_SOURCE[0]}" -newer "$binary" -print -quit)" ]
}

if [ -z "$compiler" ] || ! command -v "$compiler" >/dev/null 2>&1; then
  if ! stale "$out/iobench-echo-server" && ! stale "$out/iobench-load-client" && ! stale "$out/iobench-core-distance"; then
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

if [ ${#uring_link[@]} -gt 0 ]; then
  build iobench-echo-server -DIOBENCH_WITH_LIBURING "${server_sources[@]}" "${uring_sources[@]}" "${uring_link[@]}"
else
  echo "iobench-native: liburing not found (apt-get install liburing-dev): native-io-uring will be unavailable" >&2
  build iobench-echo-server "${server_sources[@]}"
fi
echo "$config" > "$out/BUILT_WITH"
build iobench-load-client "${client_sources[@]}"
build iobench-core-distance "${distance_sources[@]}"
rm -f "$out/UNAVAILABLE"   # a note left from an earlier build without a compiler
