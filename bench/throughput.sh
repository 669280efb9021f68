#!/usr/bin/env bash
# Throughput, CPU and memory of the pipeline against a stand-in model endpoint (latency L, concurrency cap C).
#   bench/throughput.sh                 # the issue's figures: N=2000 C=64 L=50ms, then memory at N=1000 vs N=100000
#   bench/throughput.sh prompts=500 cap=16 latency-ms=20   # one custom run
#   bench/throughput.sh prompts=100000 latency-ms=10 warmup=0 db=postgres   # on PostgreSQL at 127.0.0.1:5432
#   bench/throughput.sh rate-limited    # 200 prompts, endpoint capacity 4 (429 + Retry-After: 1 beyond), 20% 503
#   bench/throughput.sh durability-cost # the efficiency run with H2 WRITE_DELAY=0 (the default) and 500 (H2's own)
#   bench/throughput.sh cold           # fresh processes: plain jar on Java 17, with AppCDS on Java 17, on Java 25,
#                                      # and the AOT-trained jar on Java 25
set -euo pipefail
cd "$(dirname "$0")/.."
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)/bin/java}

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ -n "${REBUILD:-}" ]; then
  ./mvnw -B -q package -DskipTests
fi
# the PostgreSQL variant (the database kind is fixed at build time), as ScaleOutIT builds it, when older than the H2 one
postgres_build() {
  [ target/postgres-app/quarkus-run.jar -nt target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q quarkus:build \
    -Dquarkus.profile=postgres -Dquarkus.package.output-directory=postgres-app -Dquarkus.kubernetes.deploy=false
}
if [[ " $* " == *" db=postgres "* ]]; then
  postgres_build
fi
[ -n "${NO_BUILD:-}" ] && [ -f target/bench.classpath ] || ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="target/test-classes:$(cat target/bench.classpath)"
run() { java -Xmx1g -cp "$CP" io.caitune.bench.ThroughputBenchmark "$@"; }

if [ "${1:-}" = rate-limited ]; then
  # the service starts at its default limit (16) and must find the endpoint's capacity (4) itself
  echo "== rate-limited endpoint: N=200, capacity 4 (429, Retry-After: 1 beyond), 20% 503, L=250 ms"
  run prompts=200 cap=4 latency-ms=250 retry-after=1 error-rate=0.2 concurrency=16 workers=20 warmup=0 sample-gc=false
  exit
fi
if [ "${1:-}" = durability-cost ]; then
  for delay in 0 500; do
    echo "== H2 WRITE_DELAY=$delay: N=2000, C=64, L=50 ms after a warm-up of 5000 prompts"
    run prompts=2000 cap=64 latency-ms=50 sample-gc=false warmup=5000 h2-write-delay=$delay
  done
  exit
fi
# cold: what a replica Knative just started does with its first N=2000 prompts, one fresh process per variant
cold() {
  # the AOT variant: the aot-jar build, its cache trained by the integration tests (PackagedPipelineIT, 3000
  # prompts) on JDK 25; rebuilt whenever the plain jar is newer
  if [ ! -f target/aot-app/app.aot ] || [ target/quarkus-app/quarkus-run.jar -nt target/aot-app/app.aot ]; then
    cp target/quarkus-artifact.properties target/quarkus-artifact.properties.main
    JAVA_HOME="$(dirname "$(dirname "$JAVA25")")" ./mvnw -B -q ${MVN_OFFLINE:-} verify -Paot -Dquarkus.package.jar.aot.enabled=true \
      -Dquarkus.package.jar.aot.type=AOT -Dquarkus.package.jar.aot.phase=INTEGRATION_TESTS -Dquarkus.package.output-directory=aot-app \
      -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PackagedPipelineIT -Dk8s.validate.skip=true -Dquarkus.test.wait-time=600
    # the main build's artifact record again, for the integration tests of a later ./mvnw verify
    mv target/quarkus-artifact.properties.main target/quarkus-artifact.properties
  fi
  # AppCDS for Java 17: the classes Quarkus' static initialisation loads, archived at build time by the same JDK
  if [ ! -f target/appcds-app/app-cds.jsa ] || [ target/quarkus-app/quarkus-run.jar -nt target/appcds-app/app-cds.jsa ]; then
    cp target/quarkus-artifact.properties target/quarkus-artifact.properties.main
    JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v "$JAVA17")")")")" ./mvnw -B -q ${MVN_OFFLINE:-} package \
      -DskipTests -Dquarkus.package.jar.appcds.enabled=true -Dquarkus.package.output-directory=appcds-app -Dk8s.validate.skip=true
    mv target/quarkus-artifact.properties.main target/quarkus-artifact.properties
  fi
  local common="prompts=${PROMPTS:-2000} cap=64 latency-ms=50 warmup=0 sample-gc=false"
  echo "== cold: fresh process, N=${PROMPTS:-2000}, C=64, L=50 ms ($(uptime))"
  local files="target/bench-cold-java17.txt target/bench-cold-appcds.txt target/bench-cold-java25.txt target/bench-cold-aot.txt"
  if [ -n "${BEFORE_JAR:-}" ]; then
    # another build of the service (e.g. an earlier commit's target/quarkus-app), run just before, for a comparison
    run $common label=java17-before java="$JAVA17" jar="$BEFORE_JAR" | tee target/bench-cold-before.txt
    files="target/bench-cold-before.txt $files"
  fi
  run $common label=java17-jar java="$JAVA17" | tee target/bench-cold-java17.txt
  # the archive names the class path as it was written (quarkus-run.jar in its directory): run from there
  run $common label=java17-appcds java="$JAVA17" dir="$PWD/target/appcds-app" jar=quarkus-run.jar \
    "jvm-args=-XX:SharedArchiveFile=app-cds.jsa" | tee target/bench-cold-appcds.txt
  run $common label=java25-jar java="$JAVA25" | tee target/bench-cold-java25.txt
  run $common label=java25-aot java="$JAVA25" jar="$PWD/target/aot-app/quarkus-run.jar" \
    "jvm-args=-XX:AOTCache=$PWD/target/aot-app/app.aot" | tee target/bench-cold-aot.txt
  echo
  echo "| fresh process | time to ready | wall (ideal) | efficiency | CPU per model call | of which JIT |"
  echo "|---|---|---|---|---|---|"
  for f in $files; do
    awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[2] != "") v[kv[1]] = kv[2] } }
      END { printf "| %s | %.2f s | %.1f s (%.1f s) | %.2f | %.2f ms | %.2f ms |\n", v["label"], v["time_to_ready_s"],
            v["wall_s"], v["ideal_s"], v["efficiency"], v["cpu_ms_per_call"], v["jit_cpu_ms_per_call"] }' "$f"
  done
}

if [ "${1:-}" = cold ]; then
  cold
  exit
fi
if [ $# -gt 0 ]; then
  run "$@"
  exit
fi
echo "== efficiency: N=2000, C=64, L=50 ms, three runs after a warm-up of 20000 prompts (the JIT settles slowly)"
run prompts=2000 cap=64 latency-ms=50 sample-gc=false repeat=3

# memory: live heap (what survives a full collection, every 5 s and at the end) at N=1000 vs N=100000, from a fresh
# process and database each, on the embedded H2 (the default) and, when it is reachable, on PostgreSQL
memory() {
  local db=$1
  echo "== memory on $db: N=1000 vs N=100000 (C=64, L=10 ms, same heap limit)"
  run prompts=1000 cap=64 latency-ms=10 warmup=0 db="$db" | tee "target/bench-small-$db.txt"
  run prompts=100000 cap=64 latency-ms=10 warmup=0 db="$db" | tee "target/bench-large-$db.txt"
  awk '/peak_heap_used_mb|peak_rss_mb/ {
    n = split($0, kv, " "); for (i = 1; i <= n; i++) { split(kv[i], p, "="); v[FILENAME, p[1]] = p[2] } }
    END {
      for (k in v) { split(k, parts, SUBSEP); keys[parts[2]] = 1 }
      for (m in keys) if (m ~ /peak/) printf "ratio N=100000/N=1000 %s = %.2f\n", m, v[ARGV[2], m] / v[ARGV[1], m]
    }' "target/bench-small-$db.txt" "target/bench-large-$db.txt"
}
memory h2
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  postgres_build
  memory postgres
fi
