#!/usr/bin/env bash
# Chat gateway benchmark: starts the standalone platform on a throw-away data directory and runs
# the CSP load driver (bench module, dev.parley.bench.chat.ChatLoad) against it: logins, online
# message exchange, offline store-then-deliver, and idle connections with the server's heap.
# Usage: bench/chat/run.sh      (DURATION=15 PAIRS="2 8 32" IDLE=3000)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${DURATION:-15}
PAIRS=${PAIRS:-"2 8 32"}
IDLE=${IDLE:-3000}
WORK=$(mktemp -d /tmp/parley-chat-bench.XXXX)
cleanup() {
  [[ -n "${SA_PID:-}" ]] && kill "$SA_PID" 2>/dev/null && wait "$SA_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

cd "$ROOT"
./mvnw -q -B -pl standalone,bench -am package -DskipTests
java -Xmx1g -jar standalone/target/standalone-*-exec.jar --parley.data-dir="$WORK/data" --logging.level.root=WARN \
  > "$WORK/standalone.log" 2>&1 &
SA_PID=$!
for _ in $(seq 1 180); do grep -q "Parley is running" "$WORK/standalone.log" && break; sleep 1; done
grep -q "Parley is running" "$WORK/standalone.log" || { cat "$WORK/standalone.log"; exit 1; }
SECRET=$(sed -n 's/^secret: *//p' "$WORK/data/keys/internal-api.key")
KEY=$(sed -n 's/^public: *//p' "$WORK/data/keys/chat-server.key")
load() { java -Xss256k -cp bench/target/benchmarks.jar dev.parley.bench.chat.ChatLoad "$1" 127.0.0.1:5222 "$KEY" \
  http://127.0.0.1:9181/ "$SECRET" "$2" "$3"; }
cpu() { awk '{print $14+$15}' "/proc/$SA_PID/stat"; }

echo "== logins (8 client threads)"
load logins 8 "$DURATION"
for pairs in $PAIRS; do
  echo "== online pairs: $pairs"
  before=$(cpu); load messages "$pairs" "$DURATION"; after=$(cpu)
  echo "   server CPU: $(( (after - before) / $(getconf CLK_TCK) )) s"
done
echo "== offline store-then-deliver (8 pairs)"
load offline 8 "$DURATION"
echo "== idle connections: $IDLE"
heap() { jcmd "$SA_PID" GC.run >/dev/null; sleep 2; jcmd "$SA_PID" GC.run >/dev/null
  jcmd "$SA_PID" GC.heap_info | grep -o 'used [0-9]*K' | head -1 | tr -dc '0-9'; }
base=$(heap)
load idle "$IDLE" 60 > "$WORK/idle.log" 2>&1 &
IDLE_PID=$!
for _ in $(seq 1 200); do grep -q "open" "$WORK/idle.log" && break; sleep 1; done
held=$(heap)
echo "   server heap: ${base} KiB before, ${held} KiB with $IDLE connections: $(( (held - base) / IDLE )) KiB per connection"
kill "$IDLE_PID" 2>/dev/null || true
