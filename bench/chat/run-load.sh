#!/usr/bin/env bash
# Chat gateway benchmark through the load generator (parley load): starts the standalone platform on
# a throw-away data directory and runs logins, online messages at fixed arrival rates (open model,
# latency corrected for coordinated omission), offline store-then-deliver and idle connections with
# the server's heap per connection. Reports (JSON, HTML, PNG) go to $OUT.
# Usage: bench/chat/run-load.sh   (DURATION=30 WARMUP=40 RATES="25000 50000" PAIRS=10 IDLE=10000 OUT=/tmp/parley-chat-load)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${DURATION:-30}
# Seconds of unreported logins first: the node's JIT is still compiling the login path (X25519,
# the handshake, Netty) well into the first half minute, which cost a third of the rate.
WARMUP=${WARMUP:-40}
RATES=${RATES:-"25000 50000"}
PAIRS=${PAIRS:-10}
IDLE=${IDLE:-10000}
OUT=${OUT:-/tmp/parley-chat-load}
WORK=$(mktemp -d /tmp/parley-chat-load.XXXX)
cleanup() {
  [[ -n "${SA_PID:-}" ]] && kill "$SA_PID" 2>/dev/null && wait "$SA_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT"

cd "$ROOT"
./mvnw -q -B -pl standalone,client -am package -DskipTests
# Each connection is a file descriptor on both sides; the idle run needs IDLE + some for each.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
java -Xmx2g -jar standalone/target/standalone-*-exec.jar --parley.data-dir="$WORK/data" --logging.level.root=WARN \
  > "$WORK/standalone.log" 2>&1 &
SA_PID=$!
for _ in $(seq 1 180); do grep -q "Parley is running" "$WORK/standalone.log" && break; sleep 1; done
grep -q "Parley is running" "$WORK/standalone.log" || { cat "$WORK/standalone.log"; exit 1; }
CLI=$(ls client/target/client-*-cli.jar)
load() { java -Xmx2g -jar "$CLI" load "$@" --standalone-data "$WORK/data" --identities-file "$WORK/identities.txt" \
  --no-progress; }
cpu() { awk '{print $14+$15}' "/proc/$SA_PID/stat"; }
server_cpu() { echo "   server CPU: $(( ($2 - $1) / $(getconf CLK_TCK) )) s"; }
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

echo "== warm-up: ${WARMUP} s of logins, not reported"
[[ "$WARMUP" -gt 0 ]] && { load logins --concurrency 16 --duration "${WARMUP}s" --no-report >/dev/null || true; }
echo "== logins (closed model, 8 and 16 in flight)"
for c in 8 16; do
  before=$(cpu); load logins --concurrency "$c" --duration "${DURATION}s" --report-dir "$OUT/logins-$c" || true
  server_cpu "$before" "$(cpu)"
done
for rate in $RATES; do
  echo "== messages: $PAIRS online pairs at $rate msgs/s (open model)"
  before=$(cpu)
  load messages --connections $((2 * PAIRS)) --rate "$rate" --ramp-up 5s --duration "${DURATION}s" \
    --report-dir "$OUT/messages-$rate" || true
  server_cpu "$before" "$(cpu)"
done
echo "== offline store-then-deliver (16 senders, 5,000 msgs/s offered)"
load offline --connections 16 --rate 5000 --duration "${DURATION}s" --report-dir "$OUT/offline" || true

echo "== idle: $IDLE authenticated connections"
heap() { jcmd "$SA_PID" GC.run >/dev/null; sleep 2; jcmd "$SA_PID" GC.run >/dev/null
  jcmd "$SA_PID" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc '0-9'; }
base=$(heap)
java -Xmx2g -jar "$CLI" load idle --connections "$IDLE" --rate 2000 --ramp-up 0s --duration 600s \
  --standalone-data "$WORK/data" --identities-file "$WORK/identities.txt" --no-progress --no-report \
  > "$WORK/idle.log" 2>&1 &
IDLE_PID=$!
for _ in $(seq 1 600); do grep -q "connections open" "$WORK/idle.log" && break; sleep 1; done
grep "connections open" "$WORK/idle.log" || { cat "$WORK/idle.log"; }
held=$(heap)
echo "   server heap: ${base} KiB before, ${held} KiB with $IDLE connections: $(( (held - base) / IDLE )) KiB per connection"
kill "$IDLE_PID" 2>/dev/null || true
echo "reports in $OUT"
