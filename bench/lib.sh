# Shared helpers for the service benchmarks; source it from a run.sh.

# CPU seconds a process has used so far (user + system). The machine is shared, so CPU time per
# request is the number that the load of other processes disturbs least.
proc_cpu() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }

# wrk_cpu PID LABEL WRK-ARGS...: runs wrk, prints its output and the CPU the process PID spent per
# completed request during the run.
wrk_cpu() {
  local pid=$1 label=$2 before after out requests
  shift 2
  before=$(proc_cpu "$pid")
  out=$(wrk "$@")
  after=$(proc_cpu "$pid")
  echo "$out"
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  echo "$label: CPU per request: $(awk -v a="$before" -v b="$after" -v n="$requests" 'BEGIN {printf "%.1f us", (b - a) * 1e6 / n}')"
}
