#!/usr/bin/env bash
# Mediator benchmark: starts the standalone platform on a throw-away data directory and runs the
# D2M load driver (bench module, dev.parley.bench.mediator.MediatorLoad) against it: durable and
# ephemeral reflection in groups of four devices, and idle device connections with the server's heap.
# Usage: bench/mediator/run.sh      (DURATION=20 WARMUP=20 GROUP_COUNTS="4 16" IDLE=2000 MODES="durable ephemeral")
# To compare two builds back to back on a shared machine, point STANDALONE_JAR and BENCH_JAR at
# copies of an earlier build: the script then builds nothing. IDLE=0 skips the idle measurement.
# Ports: the standalone node honours PARLEY_STANDALONE_*_PORT (see standalone/README.md), so a run can sit beside another node.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${DURATION:-20}
GROUPS_LIST=${GROUP_COUNTS:-"4 16"}
IDLE=${IDLE:-2000}
WORK=$(mktemp -d /tmp/parley-mediator-bench.XXXX)
cleanup() {
  [[ -n "${SA_PID:-}" ]] && kill "$SA_PID" 2>/dev/null && wait "$SA_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
if [[ -z "${STANDALONE_JAR:-}" ]]; then
  ./mvnw -q -B -o -pl standalone,bench -am package -DskipTests
fi
STANDALONE_JAR=${STANDALONE_JAR:-$(ls standalone/target/standalone-*-exec.jar)}
BENCH_JAR=${BENCH_JAR:-bench/target/benchmarks.jar}
java -Xmx1g -jar "$STANDALONE_JAR" --parley.data-dir="$WORK/data" --logging.level.root=WARN \
  > "$WORK/standalone.log" 2>&1 &
SA_PID=$!
for _ in $(seq 1 180); do grep -q "Parley is running" "$WORK/standalone.log" && break; sleep 1; done
grep -q "Parley is running" "$WORK/standalone.log" || { cat "$WORK/standalone.log"; exit 1; }
load() { java -Xss256k -cp "$BENCH_JAR" dev.parley.bench.mediator.MediatorLoad "$1" ws://127.0.0.1:${PARLEY_STANDALONE_MEDIATOR_PORT:-8085} "$2" "$3"; }
cpu() { awk '{print $14+$15}' "/proc/$SA_PID/stat"; }
# PostgreSQL runs in its own processes: the postmaster (with the CPU of the backends it reaped)
# plus its live backends.
pg_cpu() {
  local pm; pm=$(pgrep -f -- "-D $WORK/data/postgres" | head -1)
  [[ -n "$pm" ]] || { echo 0; return; }
  { awk '{print $14+$15+$16+$17}' "/proc/$pm/stat"
    for c in $(pgrep -P "$pm"); do awk '{print $14+$15}' "/proc/$c/stat" 2>/dev/null; done; } | awk '{s += $1} END {print s + 0}'
}

# A first, unreported run warms the node's JIT: measured cold, the mediator spent 99 us of CPU per
# durable reflect, warm 36-46 us.
if [[ "${WARMUP:-20}" -gt 0 ]]; then
  echo "== warm-up: ${WARMUP:-20} s of durable reflection, not reported"
  load durable 4 "${WARMUP:-20}" > /dev/null
fi
for groups in $GROUPS_LIST; do
  for mode in ${MODES:-durable ephemeral}; do
    echo "== $mode, $groups groups"
    # The driver says when the measured window starts and ends: the CPU is read at both marks.
    : > "$WORK/load.out"
    load "$mode" "$groups" "$DURATION" | while IFS= read -r line; do
      case "$line" in
        measuring) echo "$(cpu) $(pg_cpu)" > "$WORK/cpu.start" ;;
        measured) echo "$(cpu) $(pg_cpu)" > "$WORK/cpu.end" ;;
        *) echo "$line" | tee -a "$WORK/load.out" ;;
      esac
    done
    read -r before pg_before < "$WORK/cpu.start"; read -r after pg_after < "$WORK/cpu.end"
    n=$(grep -o 'measured [0-9]* reflects' "$WORK/load.out" | tail -1 | tr -dc '0-9'); n=${n:-0}
    driver=$(grep -o 'driver CPU [0-9]*' "$WORK/load.out" | tail -1 | tr -dc '0-9'); driver=${driver:-0}
    tck=$(getconf CLK_TCK)
    echo "   measured window: mediator JVM CPU $(( (after - before) / tck )) s, PostgreSQL CPU $(( (pg_after - pg_before) / tck )) s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    awk -v m=$((after - before)) -v p=$((pg_after - pg_before)) -v n="$n" -v t="$tck" -v d="$driver" 'BEGIN { if (n > 0)
      printf "   per reflect: mediator %.1f us, PostgreSQL %.1f us, load driver %.1f us CPU (%d reflects measured)\n", m * 1e6 / t / n, p * 1e6 / t / n, d * 1e3 / n, n }'
  done
done
[[ "$IDLE" -gt 0 ]] || exit 0
echo "== idle device connections: $IDLE"
heap() { jcmd "$SA_PID" GC.run >/dev/null; sleep 2; jcmd "$SA_PID" GC.run >/dev/null
  jcmd "$SA_PID" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc '0-9'; }
base=$(heap)
load idle "$IDLE" 60 > "$WORK/idle.log" 2>&1 &
IDLE_PID=$!
for _ in $(seq 1 300); do grep -q "open" "$WORK/idle.log" && break; sleep 1; done
held=$(heap)
echo "   server heap: ${base} KiB before, ${held} KiB with $IDLE connections: $(awk "BEGIN{printf \"%.1f\", ($held-$base)/$IDLE}") KiB per connection"
kill "$IDLE_PID" 2>/dev/null || true
