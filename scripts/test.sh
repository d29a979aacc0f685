#!/usr/bin/env bash
# Run the test suite. Uses DATABASE_URL when set (CI: PostgreSQL), else SQLite.
source "$(dirname "$0")/_env.sh"
python manage.py compilemessages --ignore=.venv >/dev/null
exec python -m pytest "$@"
