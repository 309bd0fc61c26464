#!/usr/bin/env bash
# Runs all of Parley on this machine: a Kafka broker, command-service on :8081 and query-service on :8082,
# with their data under ./data (see local-stack's StackSettings for the PARLEY_* variables that change that).
# Builds first when the jar is missing or older than any source or pom. Ctrl-C stops everything.
# JVM options: PARLEY_JAVA_OPTS (default -Xmx512m).
#
#   ./run.sh token <role> [negotiationId ...]
# prints one more token signed by the stack's local key (role: facilitator, observer or party:<id>), limited to the
# named negotiations if any; it starts nothing. Only the token goes to standard output: TOKEN=$(./run.sh token party:UA).
set -euo pipefail
cd "$(dirname "$0")"

jar=local-stack/target/local-stack.jar

# shellcheck source=.scripts/build-when-stale.sh
source .scripts/build-when-stale.sh
build_when_stale "$jar"

# exec: the JVM itself receives Ctrl-C / SIGTERM and runs its orderly shutdown.
# shellcheck disable=SC2086  # PARLEY_JAVA_OPTS holds several options on purpose
exec java ${PARLEY_JAVA_OPTS:--Xmx512m} -jar "$jar" "$@"
