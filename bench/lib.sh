# Shared helpers for the service benchmarks; source it from a run.sh.

# CPU seconds a process has used so far (user + system). The machine is shared, so CPU time per
# request is the number that the load of other processes disturbs least.
# Counts the direct children too, so that nginx's master PID stands for its workers.
proc_cpu() {
  local pids
  pids=$(echo "$1"; pgrep -P "$1" || true)
  for p in $pids; do cat "/proc/$p/stat" 2>/dev/null || true; done \
    | awk -v hz="$(getconf CLK_TCK)" '{ t += $14 + $15 } END { print t / hz }'
}

# wrk_cpu PID LABEL WRK-ARGS...: runs wrk, prints its output and the CPU the process PID spent per
# completed request during the run. With PROFILE=DIR set, a Java process is also recorded with JFR
# for the length of the run, into DIR/<label>.jfr (read it with `jfr print` or JDK Mission Control).
wrk_cpu() {
  local pid=$1 label=$2 before after out requests
  shift 2
  local record=
  # Only a JVM: jcmd's attach signals SIGQUIT, which tells nginx to shut down.
  [[ -n "${PROFILE:-}" && $(cat "/proc/$pid/comm") == java ]] && record=yes
  if [[ -n "$record" ]]; then
    mkdir -p "$PROFILE"
    jcmd "$pid" JFR.start name=bench settings="${PROFILE_SETTINGS:-profile}" filename="$PROFILE/${label//[^A-Za-z0-9_-]/_}.jfr" >/dev/null
  fi
  before=$(proc_cpu "$pid")
  out=$(wrk "$@")
  after=$(proc_cpu "$pid")
  [[ -n "$record" ]] && jcmd "$pid" JFR.stop name=bench >/dev/null
  echo "$out"
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$label: CPU per request: $(awk -v a="$before" -v b="$after" -v n="$requests" 'BEGIN {printf "%.1f us", (b - a) * 1e6 / n}')"
}
