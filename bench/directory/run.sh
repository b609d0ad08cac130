#!/usr/bin/env bash
# Directory lookup benchmark: GET identity/<ID> and fetch_bulk (100 IDs) against 1,000,000
# stored identities, next to a pgbench select-only run of the same lookup on the same server.
# Starts a throw-away PostgreSQL (from /usr/lib/postgresql/*/bin) and Redis on loopback ports,
# the packaged directory service, loads the identities with SQL, and runs wrk and pgbench.
# Usage: bench/directory/run.sh   (after ./mvnw -pl directory-service -am package -DskipTests)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/bench/directory"
. "$ROOT/bench/lib.sh"
WORK=$(mktemp -d /tmp/parley-dir-bench.XXXX)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PG_PORT=${PG_PORT:-55432}
REDIS_PORT=${REDIS_PORT:-56379}
HTTP_PORT=${HTTP_PORT:-58081}
IDENTITIES=${IDENTITIES:-1000000}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-40s}
# Sized for a 2-core machine that also runs wrk and PostgreSQL: more event loops or JDBC threads
# than cores only add context switches (measured: 4 loops + 10 JDBC threads ran at half the rate).
IO_WORKERS=${IO_WORKERS:-$(nproc)}
POOL_SIZE=${POOL_SIZE:-4}
# Extra JVM flags for the service, e.g. JAVA_OPTS=-XX:StartFlightRecording=filename=/tmp/dir.jfr
JAVA_OPTS=${JAVA_OPTS:-}
JAR=${JAR:-$(ls "$ROOT"/directory-service/target/directory-service-*-exec.jar 2>/dev/null || ls "$ROOT"/directory-service/target/directory-service-*.jar | head -1)}

# PostgreSQL refuses to run as root: run it as an unprivileged account then.
AS=()
if [[ $(id -u) -eq 0 ]]; then
  PG_OS_USER=${PG_OS_USER:-$(id -u postgres >/dev/null 2>&1 && echo postgres || echo nobody)}
  chown "$PG_OS_USER" "$WORK"
  AS=(runuser -u "$PG_OS_USER" --)
fi

cleanup() {
  [[ -n "${APP_PID:-}" ]] && kill "$APP_PID" 2>/dev/null || true
  [[ -n "${REDIS_PID:-}" ]] && kill "$REDIS_PID" 2>/dev/null || true
  "${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

chmod 755 "$WORK"
"${AS[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -U parley -A trust >/dev/null
"${AS[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c shared_buffers=256MB" -l "$WORK/pg.log" start >/dev/null
"$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U parley parley
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >/dev/null &
REDIS_PID=$!

java $JAVA_OPTS -Dreactor.netty.ioWorkerCount="$IO_WORKERS" -jar "$JAR" --server.port="$HTTP_PORT" --spring.datasource.hikari.maximum-pool-size="$POOL_SIZE" --management.server.port=0 --parley.directory.internal.port=0 \
  --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PG_PORT/parley" --spring.datasource.username=parley \
  --spring.data.redis.port="$REDIS_PORT" --parley.directory.internal.api-secret=bench-secret-bench-secret-bench-secret \
  --logging.level.root=WARN > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$HTTP_PORT/identity/B0000001" -o /dev/null -w '' 2>/dev/null && break
  curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/identity/B0000001" 2>/dev/null | grep -q 404 && break; sleep 1; done

echo "Loading $IDENTITIES identities..."
psql -q -h 127.0.0.1 -p "$PG_PORT" -U parley parley <<SQL
INSERT INTO directory.identities (id, public_key, feature_mask, server_group)
SELECT 'B' || lpad(i::text, 7, '0'), decode(md5(i::text) || md5((-i)::text), 'hex'), 1023, '0'
FROM generate_series(1, $IDENTITIES) AS i;
VACUUM ANALYZE directory.identities;
SQL

cat > "$WORK/select.sql" <<SQL
\set n random(1, $IDENTITIES)
SELECT id, public_key, state, type, feature_mask, revoked_at FROM directory.identities WHERE id = ('B' || lpad(:n::text, 7, '0'))::bpchar;
SQL

# Warm the JIT and the connection pool before measuring: C2 keeps compiling for about 30 s.
IDENTITIES=$IDENTITIES wrk -t 2 -c "$CONNECTIONS" -d "$WARMUP" -s "$HERE/get.lua" "http://127.0.0.1:$HTTP_PORT" >/dev/null

echo "== pgbench select-only (same lookup, prepared, $CONNECTIONS clients)"
pgbench -h 127.0.0.1 -p "$PG_PORT" -U parley -n -M prepared -c "$CONNECTIONS" -j 2 -T "${DURATION%s}" -f "$WORK/select.sql" parley \
  | grep -E "tps|latency"
echo "== wrk GET identity/<ID>"
IDENTITIES=$IDENTITIES wrk_cpu "$APP_PID" "GET identity/<ID>: service" -t 2 -c "$CONNECTIONS" -d "$DURATION" --latency \
  -s "$HERE/get.lua" "http://127.0.0.1:$HTTP_PORT" | grep -E "Requests/sec|99%|Non-2xx|CPU per request"
echo "== wrk POST identity/fetch_bulk (100 IDs)"
IDENTITIES=$IDENTITIES wrk_cpu "$APP_PID" "fetch_bulk: service" -t 2 -c "$CONNECTIONS" -d "$DURATION" --latency \
  -s "$HERE/bulk.lua" "http://127.0.0.1:$HTTP_PORT" | grep -E "Requests/sec|99%|Non-2xx|CPU per request"
echo "== service warnings"
grep -E "WARN|ERROR" "$WORK/app.log" | head -5 || true
