#!/usr/bin/env bash
# Builds the seed's original, broken server (server.c) to OUTPUT_PATH, with AddressSanitizer so its
# one-byte overflow (buffer[bytes_read] = '\0') aborts the server instead of passing unnoticed.
# With --no-asan the overflow goes unnoticed (as in the seed), which lets the other bugs show alone.
# Deliberately not part of the Maven build.
#   seed-original/build.sh OUTPUT_PATH [--no-asan]      e.g. seed-original/build.sh /tmp/seed-server
set -euo pipefail
out=${1:?usage: build.sh OUTPUT_PATH}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
compiler=${CC:-$(command -v gcc || command -v cc || true)}
[ -n "$compiler" ] || { echo "seed-original: no C compiler (gcc/cc) found" >&2; exit 1; }
sanitizer=(-fsanitize=address) note="AddressSanitizer on"
if [ "${2:-}" = "--no-asan" ]; then sanitizer=() note="no sanitizer"; fi
"$compiler" -O1 -g -fno-omit-frame-pointer "${sanitizer[@]}" -o "$out" "$here/server.c"
echo "built $out (the seed's server, four bugs kept, $note)"
