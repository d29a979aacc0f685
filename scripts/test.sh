#!/usr/bin/env bash
# Run the test suite. Uses DATABASE_URL when set (CI: PostgreSQL), else SQLite.
#   bash scripts/test.sh                          whole suite, one pytest-xdist worker per core
#   bash scripts/test.sh tests/evaluation         one app's tests (add -n 2 to use both cores)
#   bash scripts/test.sh tests/x.py::test_y       one test
#   bash scripts/test.sh -m e2e                   the end-to-end (Chromium) tests alone
# Locally the test databases are kept between runs (--reuse-db; --create-db rebuilds them); CI
# always builds them fresh. PYTEST_WORKERS overrides the number of workers of a whole-suite run.
source "$(dirname "$0")/_env.sh"
python manage.py compilemessages --ignore=.venv >/dev/null
args=()
if [ $# -eq 0 ]; then
  # One worker per core: the suite is CPU-bound (measured on 2 cores, whole .ci/run: 11:45 with two
  # workers, 12:28 with three).
  args+=(-n "${PYTEST_WORKERS:-$(nproc)}")
fi
if [ -n "${CI:-}" ]; then
  args+=(--create-db --durations=20)
else
  args+=(--reuse-db)
fi
exec python -m pytest "${args[@]}" "$@"
