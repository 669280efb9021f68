#!/usr/bin/env bash
# Throughput, CPU and memory of the pipeline against a stand-in model endpoint (latency L, concurrency cap C).
#   bench/throughput.sh                 # the issue's figures: N=2000 C=64 L=50ms, then memory at N=1000 vs N=100000
#   bench/throughput.sh prompts=500 cap=16 latency-ms=20   # one custom run
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q package -DskipTests
fi
./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:$(cat target/bench.classpath)"
run() { java -Xmx1g -cp "$CP" io.caitune.bench.ThroughputBenchmark "$@"; }

if [ $# -gt 0 ]; then
  run "$@"
  exit
fi
echo "== efficiency: N=2000, C=64, L=50 ms"
run prompts=2000 cap=64 latency-ms=50 sample-gc=false
echo "== memory: N=1000 vs N=100000 (C=64, L=10 ms, same heap limit)"
run prompts=1000 cap=64 latency-ms=10 | tee target/bench-small.txt
run prompts=100000 cap=64 latency-ms=10 | tee target/bench-large.txt
awk -F= '/peak_heap_used_mb|peak_heap_after_full_gc_mb|peak_rss_mb/ {
  n = split($0, kv, " "); for (i = 1; i <= n; i++) { split(kv[i], p, "="); v[FILENAME, p[1]] = p[2] } }
  END {
    for (k in v) { split(k, parts, SUBSEP); keys[parts[2]] = 1 }
    for (m in keys) if (m ~ /peak/) printf "ratio N=100000/N=1000 %s = %.2f\n", m, v["target/bench-large.txt", m] / v["target/bench-small.txt", m]
  }' target/bench-small.txt target/bench-large.txt
