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

# CPU seconds the whole machine has been busy (every CPU: user, nice, system, irq, softirq, steal).
machine_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '$1 == "cpu" { print ($2 + $3 + $4 + $7 + $8 + $9) / hz }' /proc/stat
}

# wrk_cpu PID LABEL WRK-ARGS...: runs wrk, prints its output and the CPU the process PID spent per
# completed request during the run, and what the whole machine spent per request (wrk, the other
# processes and the kernel included): with everything on one machine that is the budget the rate
# is bound by. ALSO_MEASURE="name=PID ..." adds the CPU per request of those processes too. With PROFILE=DIR set, a Java process is also recorded with JFR
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
  local others=() other_before=() machine_before machine_after entry
  for entry in ${ALSO_MEASURE:-}; do others+=("$entry"); other_before+=("$(proc_cpu "${entry#*=}")"); done
  machine_before=$(machine_cpu)
  before=$(proc_cpu "$pid")
  out=$(wrk "$@")
  after=$(proc_cpu "$pid")
  machine_after=$(machine_cpu)
  [[ -n "$record" ]] && jcmd "$pid" JFR.stop name=bench >/dev/null
  echo "$out"
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  per_request() { awk -v a="$1" -v b="$2" -v n="$requests" 'BEGIN {printf "%.1f us", (b - a) * 1e6 / n}'; }
  echo "$label: CPU per request: $(per_request "$before" "$after")"
  local i
  for i in "${!others[@]}"; do
    echo "$label: ${others[$i]%%=*} CPU per request: $(per_request "${other_before[$i]}" "$(proc_cpu "${others[$i]#*=}")")"
  done
  echo "$label: machine CPU per request: $(per_request "$machine_before" "$machine_after")"
}
