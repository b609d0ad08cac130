#!/usr/bin/env bash
# Media-service throughput against nginx on the same machine, in the same run.
# Downloads: GET of a stored blob vs nginx serving the same file (sendfile on).
# Uploads: Android-shaped multipart POST vs nginx WebDAV PUT of the same bytes.
# Both storage backends (filesystem; S3 through s3proxy over a local directory).
# The service runs with a 64 MiB heap throughout; memory is sampled during the upload runs.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DURATION=${DURATION:-10s}
DOWNLOAD_CONNECTIONS=${DOWNLOAD_CONNECTIONS:-16}
UPLOAD_CONNECTIONS=${UPLOAD_CONNECTIONS:-8}
HEAP=${HEAP:-64m}
WARMUP=${WARMUP:-30s}
# As many event loops as cores and a small pool: extra threads only add context switches on 2 cores.
IO_WORKERS=${IO_WORKERS:-$(nproc)}
POOL_SIZE=${POOL_SIZE:-4}
WORK=$(mktemp -d /tmp/parley-media-bench.XXXXXX)
PIDS=(); RUNAS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  # pg_ctl refuses to run as root: stop the server as the user that started it.
  [ -n "${PGDATA:-}" ] && "${RUNAS[@]}" pg_ctl -D "$PGDATA" -m immediate stop >/dev/null 2>&1 || true
  sleep 1
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() { for _ in $(seq 1 240); do curl -fs -o /dev/null "$1" && return 0; sleep 0.5; done; echo "timeout waiting for $1" >&2; return 1; }

echo "== building" >&2
cd "$ROOT"
# One invocation, so that the reactor's own modules resolve to what it just packaged; media-service
# comes last in the reactor, so its class path is the one left in cp.txt.
./mvnw -q -B -pl media-service -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
JAR=$(ls media-service/target/media-service-*-exec.jar)
S3_CP=$(cat "$WORK/cp.txt")

echo "== infrastructure" >&2
PGDATA=$WORK/pg; PGPORT=$(free_port)
# initdb refuses to run as root; run PostgreSQL as nobody when needed.
RUNAS=(); if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u nobody --); chmod 755 "$WORK"; fi
mkdir -p "$PGDATA"; [ "$(id -u)" = 0 ] && chown nobody "$PGDATA"
"${RUNAS[@]}" initdb -D "$PGDATA" -U bench -A trust >/dev/null
"${RUNAS[@]}" pg_ctl -D "$PGDATA" -o "-p $PGPORT -k $PGDATA -c fsync=off" -l "$PGDATA/log" start >/dev/null
REDISPORT=$(free_port)
redis-server --port "$REDISPORT" --save '' --appendonly no >/dev/null & PIDS+=($!)

S3PORT=$(free_port); mkdir -p "$WORK/s3"
cat > "$WORK/s3proxy.conf" <<CONF
s3proxy.endpoint=http://127.0.0.1:$S3PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench
s3proxy.credential=bench-secret-key
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/s3
CONF
java -cp "$S3_CP" org.gaul.s3proxy.Main --properties "$WORK/s3proxy.conf" >"$WORK/s3proxy.log" 2>&1 & PIDS+=($!)
# The same objects without signatures: what the object store serves alone, the ceiling of the S3 backend.
S3OPENPORT=$(free_port)
sed -e 's/aws-v2-or-v4/none/' -e "s#:$S3PORT\$#:$S3OPENPORT#" "$WORK/s3proxy.conf" > "$WORK/s3proxy-open.conf"
java -cp "$S3_CP" org.gaul.s3proxy.Main --properties "$WORK/s3proxy-open.conf" >"$WORK/s3proxy-open.log" 2>&1 & PIDS+=($!)
# Both listening before any other port is picked, or free_port could hand out theirs again.
for port in $S3PORT $S3OPENPORT; do
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$port/" && break; sleep 0.5; done
done

NGINXPORT=$(free_port); NGINXS3PORT=$(free_port); mkdir -p "$WORK/nginx/files/dav" "$WORK/nginx/tmp"
# nginx workers run unprivileged: let them write the WebDAV and body-buffer directories.
chmod 755 "$WORK" "$WORK/nginx" "$WORK/nginx/files"; chmod 777 "$WORK/nginx/files/dav" "$WORK/nginx/tmp"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $WORK/nginx/tmp;
  server {
    listen 127.0.0.1:$NGINXPORT;
    root $WORK/nginx/files;
    location /dav/ { dav_methods PUT; create_full_put_path on; client_max_body_size 200m; }
  }
  # The S3 backend's like-for-like baseline: nginx as a keep-alive reverse proxy in front of the
  # same object store (the unsigned s3proxy: nginx cannot sign, so this baseline is spared the
  # signature check that every Parley S3 request pays).
  upstream s3open { server 127.0.0.1:$S3OPENPORT; keepalive 32; }
  server {
    listen 127.0.0.1:$NGINXS3PORT;
    location / { proxy_pass http://s3open/bench/; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_max_temp_file_size 0; }
  }
}
CONF
nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx"
PIDS+=($(cat "$WORK/nginx/nginx.pid"))

start_media() { # name backend port mport
  local extra=()
  if [ "$2" = s3 ]; then
    extra=(--parley.media.storage.backend=s3 --parley.media.storage.s3.endpoint=http://127.0.0.1:$S3PORT
      --parley.media.storage.s3.bucket=bench --parley.media.storage.s3.create-bucket=true
      --parley.media.storage.s3.access-key=bench --parley.media.storage.s3.secret-key=bench-secret-key
      --parley.media.storage.s3.spool-directory=$WORK/spool --parley.media.database.schema=media_s3)
  fi
  java -Xmx$HEAP -XX:+UseSerialGC -Dreactor.netty.ioWorkerCount="$IO_WORKERS" -jar "$ROOT/$JAR" \
    --spring.datasource.hikari.maximum-pool-size="$POOL_SIZE" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:$PGPORT/postgres" --spring.datasource.username=bench \
    --spring.data.redis.host=127.0.0.1 --spring.data.redis.port=$REDISPORT \
    --server.port=$3 --management.server.port=$4 \
    --parley.media.internal.api-secret=bench-secret-bench-secret-bench-secret \
    --parley.media.rate-limit.enabled=false --parley.media.storage.filesystem.directory="$WORK/blobs-$1" \
    --logging.level.root=WARN "${extra[@]}" >"$WORK/media-$1.log" 2>&1 &
  echo $!
}
FS_PORT=$(free_port); FS_MPORT=$(free_port); S3_PORT=$(free_port); S3_MPORT=$(free_port)
FS_PID=$(start_media fs filesystem "$FS_PORT" "$FS_MPORT"); PIDS+=("$FS_PID")
# s3proxy answers 403 to an unsigned request: any answer means it is up.
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$S3PORT/" && break; sleep 0.5; done
S3_PID=$(start_media s3 s3 "$S3_PORT" "$S3_MPORT"); PIDS+=("$S3_PID")
wait_http "http://127.0.0.1:$FS_MPORT/actuator/health/readiness"
wait_http "http://127.0.0.1:$S3_MPORT/actuator/health/readiness"

echo "== files" >&2
head -c $((64 * 1024)) /dev/urandom > "$WORK/64k.bin"
head -c $((10 * 1024 * 1024)) /dev/urandom > "$WORK/10m.bin"
head -c $((100 * 1024 * 1024)) /dev/urandom > "$WORK/100m.bin"
cp "$WORK/64k.bin" "$WORK/10m.bin" "$WORK/nginx/files/"
upload() { curl -fsS -F "blob=@$2;filename=blob.bin;type=application/octet-stream" "http://127.0.0.1:$1/upload?persist=1"; }
declare -A ID
for size in 64k 10m; do
  ID[fs-$size]=$(upload "$FS_PORT" "$WORK/$size.bin")
  ID[s3-$size]=$(upload "$S3_PORT" "$WORK/$size.bin")
  for target in fs s3; do
    port=$FS_PORT; [ $target = s3 ] && port=$S3_PORT
    curl -fsS "http://127.0.0.1:$port/${ID[$target-$size]}" | cmp - "$WORK/$size.bin"
  done
done

heap_used() { curl -fs "http://127.0.0.1:$1/actuator/prometheus" | awk '/^jvm_memory_used_bytes\{/ && /area="heap"/ {s += $NF} END {printf "%.1f", s / 1048576}'; }
rss() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1 / 1024}'; }
sample_rss() { local max=0; while kill -0 "$1" 2>/dev/null; do r=$(rss "$2"); [ "$r" -gt "$max" ] && max=$r && echo "$max" > "$3"; sleep 0.2; done; }

RESULTS=$WORK/results.txt; : > "$RESULTS"
run_wrk() { # label connections url [lua env...]
  local label=$1 conns=$2 url=$3; shift 3
  local out; out=$(env "$@" wrk -t2 -c"$conns" -d"$DURATION" ${LUA:+-s "$LUA"} "$url")
  local rps errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out"); errors=${errors:-0}
  echo "$label $rps $errors" >> "$RESULTS"
  echo "$label: $rps req/s, non-2xx $errors" >&2
}

if [ -n "${HOLD:-}" ]; then
  echo "holding: fs http://127.0.0.1:$FS_PORT (${ID[fs-64k]} ${ID[fs-10m]}), s3 http://127.0.0.1:$S3_PORT, nginx http://127.0.0.1:$NGINXPORT, mgmt $FS_MPORT" >&2
  sleep infinity
fi
# The JVM needs its JIT warm before it is measured; nginx has nothing to warm. Downloads are
# warmed and measured before any upload runs: a 10 MiB upload run leaves gigabytes of dirty pages
# that the kernel writes back for a minute afterwards, on the cores the downloads are measured on.
echo "== download warm-up ($WARMUP per case)" >&2
for size in 64k 10m; do
  for target in fs s3; do
    port=$FS_PORT; [ $target = s3 ] && port=$S3_PORT
    wrk -t2 -c"$DOWNLOAD_CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$port/${ID[$target-$size]}" >/dev/null
    [ $target = s3 ] && wrk -t2 -c"$DOWNLOAD_CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$S3OPENPORT/bench/${ID[s3-$size]}" >/dev/null
  done
done

echo "== downloads" >&2
for size in 64k 10m; do
  LUA= run_wrk "download-$size-nginx" "$DOWNLOAD_CONNECTIONS" "http://127.0.0.1:$NGINXPORT/$size.bin"
  LUA= run_wrk "download-$size-parley-fs" "$DOWNLOAD_CONNECTIONS" "http://127.0.0.1:$FS_PORT/${ID[fs-$size]}"
  LUA= run_wrk "download-$size-parley-s3" "$DOWNLOAD_CONNECTIONS" "http://127.0.0.1:$S3_PORT/${ID[s3-$size]}"
  LUA= run_wrk "download-$size-nginx-s3" "$DOWNLOAD_CONNECTIONS" "http://127.0.0.1:$NGINXS3PORT/${ID[s3-$size]}"
  LUA= run_wrk "download-$size-s3proxy" "$DOWNLOAD_CONNECTIONS" "http://127.0.0.1:$S3OPENPORT/bench/${ID[s3-$size]}"
done

echo "== upload warm-up ($WARMUP per case)" >&2
for size in 64k 10m; do
  for port in $FS_PORT $S3_PORT; do
    env MODE=parley BLOB_FILE="$WORK/$size.bin" wrk -t2 -c"$UPLOAD_CONNECTIONS" -d"$WARMUP" -s "$ROOT/bench/media/upload.lua" "http://127.0.0.1:$port" >/dev/null
  done
done
sync

echo "== uploads" >&2
LUA=$ROOT/bench/media/upload.lua
for size in 64k 10m; do
  LUA=$LUA run_wrk "upload-$size-nginx" "$UPLOAD_CONNECTIONS" "http://127.0.0.1:$NGINXPORT" MODE=dav BLOB_FILE="$WORK/$size.bin"
  for target in fs s3; do
    pid=$FS_PID; port=$FS_PORT; mport=$FS_MPORT
    [ $target = s3 ] && pid=$S3_PID port=$S3_PORT mport=$S3_MPORT
    echo 0 > "$WORK/rss-max"
    ( sleep 0.1; sample_rss $$ "$pid" "$WORK/rss-max" ) & sampler=$!
    LUA=$LUA run_wrk "upload-$size-parley-$target" "$UPLOAD_CONNECTIONS" "http://127.0.0.1:$port" MODE=parley BLOB_FILE="$WORK/$size.bin"
    kill $sampler 2>/dev/null || true
    echo "memory-$size-$target rss_max_mib=$(cat "$WORK/rss-max") heap_used_after_mib=$(heap_used "$mport")" >> "$RESULTS"
  done
done

echo "== one 100 MiB upload per backend with a $HEAP heap" >&2
for target in fs s3; do
  port=$FS_PORT; [ $target = s3 ] && port=$S3_PORT
  id=$(upload "$port" "$WORK/100m.bin")
  curl -fsS "http://127.0.0.1:$port/$id" | cmp - "$WORK/100m.bin" && echo "upload-100m-$target ok $id" >> "$RESULTS"
done
for name in fs s3; do
  grep -q 'OutOfMemoryError' "$WORK/media-$name.log" && echo "OOM in $name" >> "$RESULTS"
done

echo
echo "Throughput (requests/s; MiB/s = requests/s x size). Ratio = Parley / nginx, same run;"
echo "s3proxy = the object store alone (unsigned GETs of the same objects), for the S3 backend's ceiling;"
echo "nginx-s3 = nginx proxying those GETs; vs-s3 = Parley S3 / nginx-s3, the like-for-like ratio."
printf '%-10s %-5s %-10s %10s %10s %8s %8s %8s\n' op size target req/s MiB/s ratio vs-s3 non2xx
for op in download upload; do
  for size in 64k 10m; do
    bytes=65536; [ $size = 10m ] && bytes=10485760
    base=$(awk -v l="$op-$size-nginx" '$1 == l {print $2}' "$RESULTS")
    s3base=$(awk -v l="$op-$size-nginx-s3" '$1 == l {print $2}' "$RESULTS")
    for target in nginx parley-fs parley-s3 nginx-s3 s3proxy; do
      grep -q "^$op-$size-$target " "$RESULTS" || continue
      read -r rps errs < <(awk -v l="$op-$size-$target" '$1 == l {print $2, $3}' "$RESULTS")
      awk -v o=$op -v s=$size -v t=$target -v r="$rps" -v b="$bytes" -v n="$base" -v m="${s3base:-0}" -v e="$errs" \
        'BEGIN {v = (t == "parley-s3" && m > 0) ? sprintf("%.2f", r / m) : "";
                printf "%-10s %-5s %-10s %10.1f %10.1f %8.2f %8s %8s\n", o, s, t, r, r * b / 1048576, r / n, v, e}'
    done
  done
done
echo
grep -E '^(memory|upload-100m|OOM)' "$RESULTS"
