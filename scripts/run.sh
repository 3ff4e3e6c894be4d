#!/usr/bin/env bash
# Local run: migrate, demo data if empty, then web server + task worker + daily jobs; Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBUG="${DEBUG:-1}" SHUNIU_DEV=1
PORT="${PORT:-8000}"
PY=.venv/bin/python
mkdir -p var
$PY manage.py migrate --noinput -v0
$PY manage.py createcachetable
$PY manage.py load_demo --if-empty

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true  # the scheduler loop's sleep
    kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
  echo "Shuniu stopped."
}
trap cleanup INT TERM EXIT

$PY manage.py db_worker --queue-name '*' --no-reload -v0 &
pids+=($!)
( while true; do $PY manage.py daily_jobs || true; sleep 3600; done ) &
pids+=($!)
# the urgent-information clocks: a passed limit is stored late within two minutes
( while true; do sleep 120; $PY manage.py check_urgent_clocks >/dev/null || true; done ) &
pids+=($!)
$PY manage.py runserver "127.0.0.1:${PORT}" --noreload &
pids+=($!)
sleep 2
cat <<MSG

  枢纽 Shuniu is running:  http://127.0.0.1:${PORT}/
  API documentation:      http://127.0.0.1:${PORT}/api/v1/docs (signed in)
  Demo logins (password for all: Shuniu@2026):
$($PY manage.py demo_logins)
  Press Ctrl-C to stop the web server, the worker and the scheduler.

MSG
wait -n "${pids[@]}"
