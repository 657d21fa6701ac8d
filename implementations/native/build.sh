#!/usr/bin/env bash
# Placeholder: the native module's build (filled in by the native work).
set -u
out=${1:?usage: build.sh OUTPUT_DIR}
mkdir -p "$out"
echo "native servers not written yet" > "$out/UNAVAILABLE"
