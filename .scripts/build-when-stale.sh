# Sourced by run.sh and bench.sh from the project's root: build_when_stale JAR builds the project (install, no tests)
# when JAR is missing or older than any source or pom. The build reports on standard error, so that standard output
# carries only what the jar prints (a token, say).
build_when_stale() {
  local jar=$1
  if [[ ! -f $jar || -n $(find pom.xml ./*/pom.xml ./*/src -newer "$jar" -print -quit) ]]; then
    echo "Building Parley: ./mvnw -B -q -DskipTests install" >&2
    ./mvnw -B -q -DskipTests install >&2
  fi
}
