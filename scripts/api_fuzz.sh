#!/usr/bin/env bash
# Schemathesis against the OpenAPI document of a live server on a fresh demo county: zero server errors allowed,
# every status code documented. Bounded: EXAMPLES cases per operation (default 10). Used by `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PORT="${FUZZ_PORT:-8077}"
EXAMPLES="${EXAMPLES:-10}"
WORK="$(mktemp -d)"
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT
export SHUNIU_DEV=1 DEBUG=1 SQLITE_PATH="$WORK/fuzz.sqlite3" SHUNIU_VAR_DIR="$WORK" DATABASE_URL=""
export PORTAL_LOOKUPS_PER_MINUTE=100000 PORTAL_SUBMITS_PER_HOUR=100000
$PY manage.py migrate --noinput -v0
$PY manage.py createcachetable
$PY manage.py load_demo >/dev/null
TOKEN="$($PY manage.py create_token duchayuan --name fuzz | tail -1)"
$PY manage.py runserver "127.0.0.1:$PORT" --noreload >"$WORK/server.log" 2>&1 &
SERVER=$!
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
.venv/bin/schemathesis --no-color run "http://127.0.0.1:$PORT/api/v1/openapi.json" \
  --header "Authorization: Bearer $TOKEN" \
  --checks not_a_server_error,status_code_conformance \
  --max-examples "$EXAMPLES" --seed 2026 --workers 1 \
  --suppress-health-check all --phases examples,coverage,fuzzing \
  >"$WORK/report.txt" 2>&1 || status=$?
tail -25 "$WORK/report.txt"
if grep -q "Traceback" "$WORK/server.log"; then
  echo "!!! server errors in the log:"; grep -B2 -A12 Traceback "$WORK/server.log" | head -80; exit 1
fi
exit "${status:-0}"
