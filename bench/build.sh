# Sourced by bench/*/run: builds the distribution and the benchmark drivers when missing or older than any source
# (inside the reactor with -Pbench, so nothing is ever installed into ~/.m2). Sets ROOT and DIST, cds to ROOT.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIST="$ROOT/karaf-distribution/assembly/target/assembly"
cd "$ROOT"
bench_stale() {
  [ -x "$DIST/bin/resonance" ] && [ -f bench/target/classpath.txt ] || return 0
  [ -n "$(find core-api core-impl test-support webui/src karaf-distribution plugins bench/src bench/pom.xml pom.xml -newer "$DIST/bin/resonance" \
      -type f -not -path '*/target/*' -not -path '*/node_modules/*' -print -quit 2>/dev/null)" ]
}
if bench_stale; then
  echo "building the distribution and the benchmark drivers (mvn -Pbench package -DskipTests)..." >&2
  mvn -B -ntp -q -Pbench package -DskipTests >&2
fi
BENCH_CP="bench/target/classes:$(cat bench/target/classpath.txt)"
