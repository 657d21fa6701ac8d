#!/usr/bin/env bash
# Inside JMH against the native load client, paired in time: for each server, twice, the native load
# client from outside (server on CPU 1 with 1 thread, client on CPU 0, 100 connections, 64 B ping-pong,
# 3 s warm-up, 5 s measured, a CPU-placement probe before and after) and the quick preset's
# ThroughputBenchmark (3 rounds), in alternating order. Bounded: 12 servers x 2 pairs.
#   bash results/inside-vs-native-2026-11-28/pairs.sh > pairs.log   (from the checkout, JAVA_HOME set, built)
set -u
here=$(cd "$(dirname "$0")/../.." && pwd)
B=$here/implementations/native/target/bin
impls=${IMPLS:-"blocking virtual nio-selector nio2-async netty-nio netty-epoll-et netty-epoll-lt netty42-epoll netty42-io-uring native-epoll-et native-epoll-lt native-io-uring"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
outside() {
  coproc SRV { taskset -c 1 "$here/scripts/echo-server" --impl "$1" --threads 1 --port 0 --exit-with-stdin 2>&1; }
  port=""
  while read -r -t 30 line <&"${SRV[0]}"; do case "$line" in *listening*) port=${line##*:}; break;; esac; done
  d0=$("$B/iobench-core-distance" --cpus 0,1 | grep -o 'round_trip_ns=[0-9.]*' | cut -d= -f2)
  out=$(taskset -c 0 "$B/iobench-load-client" --port "$port" --connections 100 --warmup-seconds 3 --duration-seconds 5 2>&1 | tail -1)
  d1=$("$B/iobench-core-distance" --cpus 0,1 | grep -o 'round_trip_ns=[0-9.]*' | cut -d= -f2)
  echo "outside $1 $(echo "$out" | grep -o 'echoes_per_sec=[0-9.]*') dist=$d0,$d1"
  exec {SRV[1]}>&-
  wait "$SRV_PID" 2>/dev/null
}
inside() {
  rm -rf "$work"/*
  (cd "$here" && scripts/bench --preset quick --rounds 3 --impls "$1" --results-dir "$work" -- ThroughputBenchmark > "$work/log" 2>&1) || { echo "inside $1 FAILED"; return; }
  python3 - "$(ls -d "$work"/*/ | head -1)" <<'PY'
import json, sys, statistics as st
for r in json.load(open(sys.argv[1] + '/jmh.json')):
    raw = r['primaryMetric']['rawData']; dist = r['secondaryMetrics']['cpu.distance.ns']['rawData']
    print('inside', r['params']['impl'], ' '.join('echoes_per_sec=%.1f@%.1f' % (st.median(f), max(d)) for f, d in zip(raw, dist)))
PY
}
for impl in $impls; do
  outside "$impl"; inside "$impl"
  inside "$impl"; outside "$impl"
done
