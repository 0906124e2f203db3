# stop_pid PID NAME: stop one process and say how (sourced by down.sh and broker.sh).
#   "NAME stopped"                          it ended within the timeout after SIGTERM
#   "NAME did not stop in N s; killed"      it ignored SIGTERM and was SIGKILLed
#   "NAME was not running"                  nothing had that pid
# Fails (status 1) only if the process is still there even after SIGKILL.
STOP_TIMEOUT_SECS="${STOP_TIMEOUT_SECS:-15}"

gone() { ! kill -0 "$1" 2>/dev/null; }

# Waits up to $2 seconds for pid $1 to be gone.
wait_gone() {
  local pid="$1" tenths=$(($2 * 10))
  for _ in $(seq 1 "$tenths"); do
    gone "$pid" && return 0
    sleep 0.1
  done
  gone "$pid"
}

stop_pid() {
  local pid="$1" name="$2"
  if gone "$pid"; then
    echo "$name was not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  if wait_gone "$pid" "$STOP_TIMEOUT_SECS"; then
    echo "$name stopped"
    return 0
  fi
  kill -KILL "$pid" 2>/dev/null || true
  if wait_gone "$pid" 5; then
    echo "$name did not stop in $STOP_TIMEOUT_SECS s; killed"
    return 0
  fi
  echo "$name (pid $pid) is still running after SIGKILL" >&2
  return 1
}
