#!/usr/bin/env bash
# Crypto benchmarks: our JMH suite next to a libsodium baseline at the same sizes.
#
#   bench/run.sh                     # whole crypto suite (about 5 minutes)
#   bench/run.sh -p size=256         # extra arguments go to JMH
#
# Environment: BASELINE_SECONDS (timed seconds per libsodium case, default 2),
# JMH_OPTS (replaces the default JMH run settings), JMH_IGNORE_LOCK=1 (run even while
# another JMH run holds /tmp/jmh.lock; both results get noisier).
set -euo pipefail

cd "$(dirname "$0")/.."
jar=bench/target/benchmarks.jar
if [[ ! -f "$jar" ]]; then
  echo "Building $jar ..." >&2
  ./mvnw -q -B -pl bench -am package -DskipTests
fi

if ! printf '#include <sodium.h>\n' | cc -E -x c - >/dev/null 2>&1; then
  echo "libsodium headers not found; install them with: apt-get install -y libsodium-dev" >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cc -O2 -Wall -o "$work/sodium_baseline" bench/baseline/sodium_baseline.c -lsodium
echo "Running libsodium baseline ..." >&2
"$work/sodium_baseline" "${BASELINE_SECONDS:-2}" > "$work/sodium.txt"

jvm_opts=()
if [[ "${JMH_IGNORE_LOCK:-0}" == 1 ]]; then
  jvm_opts+=(-Djmh.ignoreLock=true)
fi
# shellcheck disable=SC2206 # JMH_OPTS is a word list on purpose
jmh_opts=(${JMH_OPTS:--f 1 -wi 3 -w 2s -i 5 -r 2s})
echo "Running JMH ..." >&2
java "${jvm_opts[@]}" -jar "$jar" 'dev\.parley\.bench\.crypto\..*' "${jmh_opts[@]}" \
  -rf csv -rff "$work/jmh.csv" "$@" >&2

# JMH CSV: "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"[,"Param: size"]
# Our key: class name without "Benchmark", lowercased, dot, method lowercased (as the C program prints).
awk '
  { sub(/\r$/, "") }   # JMH writes CRLF
  FNR == NR { sodium[$1 " " $2] = $3; next }
  FNR == 1 { next }
  {
    for (i = 1; i <= NF; i++) gsub(/"/, "", $i)
    n = split($1, parts, ".")
    cls = parts[n - 1]; sub(/Benchmark$/, "", cls)
    key = tolower(cls) "." tolower(parts[n])
    size = (NF >= 8 && $8 != "") ? $8 : "-"
    # lazysodium runs libsodium through JNA: line it up with the C secretbox numbers.
    basekey = key
    if (key ~ /^lazysodium\.secretbox/) basekey = "secretbox." substr(key, length("lazysodium.secretbox") + 1)
    base = sodium[basekey " " size]
    ratio = (base != "" && $5 > 0) ? sprintf("%.2fx", base / $5) : "n/a"
    printf "%-26s %6s %14.0f %12.0f %14s %9s\n", key, size, $5, $6, (base != "" ? sprintf("%.0f", base) : "n/a"), ratio
  }
' FS=' ' "$work/sodium.txt" FS=, "$work/jmh.csv" > "$work/rows.txt"

printf '\n%-26s %6s %14s %12s %14s %9s\n' benchmark size "parley ops/s" "± (99.9%)" "libsodium" "sodium/us"
sort -k1,1 -k2,2n "$work/rows.txt"
echo
echo "sodium/us = libsodium ops/s divided by ours: 1.00x is parity, 2.00x means libsodium is twice as fast."
