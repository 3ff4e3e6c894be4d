#!/usr/bin/env bash
# The pytest part of `make test`. Browser tests run when Chromium is present; otherwise they are skipped, loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x /usr/bin/chromium ]; then
  echo "!!! /usr/bin/chromium not found: BROWSER TESTS WILL BE SKIPPED (apt-get install -y chromium fonts-noto-cjk) !!!" >&2
fi
echo "Database: ${DATABASE_URL:-SQLite (default)}"
exec .venv/bin/pytest -n "${PYTEST_WORKERS:-2}" "$@"
