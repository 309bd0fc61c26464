#!/usr/bin/env bash
# Benchmarks: ./bench.sh [--quick] [scenario ...]   (./bench.sh --help lists the scenarios)
# Prints one line per figure (value, unit, baseline, ratio, goal) and writes target/bench/results.json.
# Runs on PostgreSQL when PARLEY_BENCH_JDBC_URL (or NEGOTIATION_TEST_JDBC_URL) names one, else on an embedded one.
# Builds first when the jar is missing or older than any source or pom. JVM options: PARLEY_BENCH_JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")"

jar=bench/target/bench.jar

# shellcheck source=.scripts/build-when-stale.sh
source .scripts/build-when-stale.sh
build_when_stale "$jar"

# shellcheck disable=SC2086  # several options on purpose
exec java ${PARLEY_BENCH_JAVA_OPTS:--Xmx3g -XX:+UseG1GC} -jar "$jar" "$@"
