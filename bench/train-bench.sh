#!/usr/bin/env bash
# Training and generation throughput (tiny and random-weight gpt2) on the first GPU, else the CPU, against the
# same device's GEMM FLOP/s; generation with and without the KV cache: see docs/training.md.
# Usage: bench/train-bench.sh [presets=tiny,gpt2] [seqLen=64] [batch=4] [steps=6] [newTokens=200]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
export OPT_OUT_TRACKING=true DJL_CACHE_DIR="${DJL_CACHE_DIR:-$PWD/target/djl-cache}"
# BENCH_THREADS: PyTorch intra-op threads (default: the engine's choice, one per core)
THREADS=()
if [[ -n "${BENCH_THREADS:-}" ]]; then
  THREADS=(-Dai.djl.pytorch.num_threads="$BENCH_THREADS" -Dai.djl.pytorch.num_interop_threads=1)
fi
exec java -Xmx8g -Dai.djl.offline=true "${THREADS[@]}" -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" \
  io.caitune.training.TrainingBenchmark "$@"
