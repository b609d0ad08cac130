#!/usr/bin/env bash
# PUT and GET of 64 KiB backups: the safe service (PostgreSQL or files, Redis token buckets)
# against nginx WebDAV on the same machine in the same run. See README.md.
set -euo pipefail

ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT_DIR/bench/lib.sh"
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-30s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
# As many event loops as cores and a small pool: on 2 cores shared with wrk, nginx and PostgreSQL,
# more threads only add context switches.
IO_WORKERS=${IO_WORKERS:-$(nproc)}
# Extra JVM flags for the service.
JAVA_OPTS=${JAVA_OPTS:-}
POOL_SIZE=${POOL_SIZE:-4}
# Where the service keeps backup bytes: postgres (bytea) or filesystem (files in the run's
# directory, a metadata row in PostgreSQL).
STORAGE=${STORAGE:-postgres}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
SAFE_PORT=58083
NGINX_PORT=58080
PG_PORT=55432
REDIS_PORT=56379
JAR="$ROOT_DIR/safe-service/target/safe-service-0.1.0-SNAPSHOT-exec.jar"

case "$STORAGE" in
  postgres|filesystem) ;;
  *) echo "STORAGE must be postgres or filesystem, not $STORAGE" >&2; exit 1 ;;
esac
for tool in wrk nginx redis-server curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk nginx redis-server curl" >&2; exit 1; }
done
if [[ ! -f "$JAR" ]]; then
  (cd "$ROOT_DIR" && ./mvnw -q -B -pl safe-service -am package -DskipTests)
fi

WORK=$(mktemp -d /tmp/parley-safe-bench.XXXXXX)
chmod 755 "$WORK"
PIDS=()
as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== PostgreSQL ($PG_BIN), durable: fsync and synchronous_commit on"
mkdir -p "$WORK/pg"
if [[ $(id -u) -eq 0 ]]; then chown postgres "$WORK/pg"; fi
as_postgres "$PG_BIN/initdb" -D "$WORK/pg" -U parley --auth=trust >/dev/null
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c shared_buffers=256MB" start >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U parley parley

echo "== Redis"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --daemonize no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)

echo "== nginx WebDAV"
mkdir -p "$WORK/nginx/dav/backups" "$WORK/nginx/client_body"
# Workers of an nginx started as root run as an unprivileged user: let them write the store.
chmod -R a+rwx "$WORK/nginx"
sed -e "s#@ROOT@#$WORK/nginx#g" -e "s#@PORT@#$NGINX_PORT#g" "$ROOT_DIR/bench/safe/nginx.conf.template" > "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
NGINX_PID=$!
PIDS+=($NGINX_PID)

echo "== safe service (storage: $STORAGE)"
# Buckets wide enough never to refuse, so the benchmark measures their cost, not their effect.
java $JAVA_OPTS -Xms512m -Xmx512m -Dreactor.netty.ioWorkerCount="$IO_WORKERS" -jar "$JAR" \
  --spring.datasource.hikari.maximum-pool-size="$POOL_SIZE" --server.port=$SAFE_PORT --management.server.port=$((SAFE_PORT + 1000)) \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/parley" --spring.datasource.username=parley \
  --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDIS_PORT \
  --parley.safe.internal.api-secret=bench-secret-bench-secret-bench-secret \
  --parley.safe.storage.backend="$STORAGE" --parley.safe.storage.filesystem.directory="$WORK/safe-store" \
  --parley.safe.throttle.ip.capacity=1000000000 --parley.safe.throttle.ip.refill-interval=1us \
  --parley.safe.throttle.backup.capacity=1000000000 --parley.safe.throttle.backup.refill-interval=1us \
  --logging.level.root=WARN >"$WORK/safe.log" 2>&1 &
SAFE_PID=$!
PIDS+=($SAFE_PID)
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$SAFE_PORT/config" >/dev/null 2>&1 && break
  sleep 1
done
curl -sf "http://127.0.0.1:$SAFE_PORT/config" >/dev/null || { cat "$WORK/safe.log"; exit 1; }

head -c 65536 /dev/urandom > "$WORK/body.bin"
export BODY_FILE="$WORK/body.bin"
GET_ID=$(printf 'a%.0s' $(seq 1 64))
for port in $SAFE_PORT $NGINX_PORT; do
  curl -sSf -X PUT -H 'Content-Type: application/octet-stream' --data-binary @"$BODY_FILE" \
    "http://127.0.0.1:$port/backups/$GET_ID" -o /dev/null
  cmp <(curl -sSf -H 'Accept: application/octet-stream' "http://127.0.0.1:$port/backups/$GET_ID") "$BODY_FILE"
done

rate() { awk '/Requests\/sec/ {print $2}'; }
run() { # name pid url [script]
  local out
  if [[ -n "${4:-}" ]]; then
    out=$(wrk_cpu "$2" "$1" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$4" "$3")
  else
    out=$(wrk_cpu "$2" "$1" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H 'Accept: application/octet-stream' "$3")
  fi
  # The details go to stderr, the request rate alone to stdout for the table.
  { echo "--- $1"; echo "$out" | grep -E 'Latency |Requests/sec|Non-2xx|Socket errors|non-2xx|  50%|  99%|CPU per request'; } >&2
  echo "$out" | rate
}

echo "== warm-up ($WARMUP each)"
for port in $SAFE_PORT $NGINX_PORT; do
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s "$ROOT_DIR/bench/safe/put.lua" "http://127.0.0.1:$port" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -H 'Accept: application/octet-stream' "http://127.0.0.1:$port/backups/$GET_ID" >/dev/null
done

echo "== measured ($DURATION each, $THREADS threads, $CONNECTIONS connections, 64 KiB bodies)"
NGINX_GET=$(run nginx-get "$NGINX_PID" "http://127.0.0.1:$NGINX_PORT/backups/$GET_ID")
SAFE_GET=$(run safe-get "$SAFE_PID" "http://127.0.0.1:$SAFE_PORT/backups/$GET_ID")
NGINX_PUT=$(run nginx-put "$NGINX_PID" "http://127.0.0.1:$NGINX_PORT" "$ROOT_DIR/bench/safe/put.lua")
SAFE_PUT=$(run safe-put "$SAFE_PID" "http://127.0.0.1:$SAFE_PORT" "$ROOT_DIR/bench/safe/put.lua")

echo
printf '%-6s %14s %14s %8s %8s\n' op "nginx req/s" "safe req/s" ratio goal
printf '%-6s %14s %14s %7.0f%% %8s\n' GET "$NGINX_GET" "$SAFE_GET" "$(echo "100*$SAFE_GET/$NGINX_GET" | bc -l)" ">=50%"
printf '%-6s %14s %14s %7.0f%% %8s\n' PUT "$NGINX_PUT" "$SAFE_PUT" "$(echo "100*$SAFE_PUT/$NGINX_PUT" | bc -l)" ">=30%"
