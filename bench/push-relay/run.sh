#!/usr/bin/env bash
# Benchmark of POST /push against a local fake FCM (nginx, h2c, answers at once), next to a baseline
# of the same endpoint answering 400 without contacting a provider. Everything stays on 127.0.0.1.
# Needs: wrk, nginx, openssl, a built jar (./mvnw -pl push-relay -am package -DskipTests).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
. "$ROOT/bench/lib.sh"
JAR=${JAR:-$(ls "$ROOT"/push-relay/target/push-relay-*-exec.jar)}
DURATION=${DURATION:-30s}
CONNECTIONS=${CONNECTIONS:-64}
WARMUP=${WARMUP:-30s}
# As many event loops as cores: on 2 cores shared with wrk and nginx more only add context switches.
IO_WORKERS=${IO_WORKERS:-$(nproc)}
THREADS=${THREADS:-2}
FCM_PORT=${FCM_PORT:-18090}
FCM_HTTP1_PORT=${FCM_HTTP1_PORT:-18092}
# h2 (h2c prior knowledge to FCM_PORT) or http1 (HTTP/1.1 keep-alive to FCM_HTTP1_PORT).
FCM_PROTOCOL=${FCM_PROTOCOL:-h2}
TOKEN_PORT=${TOKEN_PORT:-18091}
RELAY_PORT=${RELAY_PORT:-18084}
MGMT_PORT=${MGMT_PORT:-19084}
WORK=$(mktemp -d)
trap 'kill $RELAY_PID $NGINX_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

mkdir -p "$WORK"/{body,proxy,fastcgi,uwsgi,scgi}
sed -e "s#WORKDIR#$WORK#g" -e "s#FCM_PORT#$FCM_PORT#g" -e "s#FCM_HTTP1_PORT#$FCM_HTTP1_PORT#g" -e "s#TOKEN_PORT#$TOKEN_PORT#g" fake-fcm.nginx.conf > "$WORK/nginx.conf"
nginx -c "$WORK/nginx.conf" -p "$WORK" & NGINX_PID=$!

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/sa.pem" 2>/dev/null
KEY=$(awk 'BEGIN{ORS="\\n"} {print}' "$WORK/sa.pem")
printf '{"type":"service_account","client_email":"bench@parley-bench.iam.gserviceaccount.com","private_key":"%s","token_uri":"http://127.0.0.1:%s/token"}' \
  "$KEY" "$TOKEN_PORT" > "$WORK/sa.json"

FCM_FAKE_PORT=$FCM_PORT
[[ "$FCM_PROTOCOL" == http1 ]] && FCM_FAKE_PORT=$FCM_HTTP1_PORT
java ${RELAY_JAVA_OPTS:--Xmx256m} -Dreactor.netty.ioWorkerCount="$IO_WORKERS" -jar "$JAR" \
  --server.port=$RELAY_PORT --management.server.port=$MGMT_PORT \
  --logging.level.root=WARN \
  --parley.push-relay.internal.api-secret=bench-secret-bench-secret-bench-secret \
  --parley.push-relay.fcm.project-id=parley-bench \
  --parley.push-relay.fcm.service-account-key-base64="$(base64 -w0 "$WORK/sa.json")" \
  --parley.push-relay.fcm.protocol="$FCM_PROTOCOL" \
  --parley.push-relay.fcm.base-url=http://127.0.0.1:$FCM_FAKE_PORT > "$WORK/relay.log" 2>&1 & RELAY_PID=$!

for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$MGMT_PORT/actuator/health/readiness" >/dev/null && break
  sleep 0.5
done

rss() { awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$RELAY_PID/status; }
measure() { # label script
  ALSO_MEASURE="fake-fcm=$NGINX_PID" wrk_cpu "$RELAY_PID" "$1: relay" -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$2" "$URL"
}
URL="http://127.0.0.1:$RELAY_PORT/push"
echo "== warm-up"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" -s push.lua "$URL" >/dev/null
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s invalid.lua "$URL" >/dev/null
echo "RSS after warm-up: $(rss)"
echo "== baseline: POST /push refused with 400 before any provider call"
measure baseline invalid.lua
echo "== POST /push delivered through the fake FCM over $FCM_PROTOCOL (204)"
measure push push.lua
echo "RSS after the run: $(rss)"
echo "== relay metrics"
curl -s "http://127.0.0.1:$MGMT_PORT/actuator/prometheus" | grep '^parley_pushrelay_pushes' || true
