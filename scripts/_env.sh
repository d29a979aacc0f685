# Shared by run.sh and test.sh: a virtualenv with the project's dependencies, installed from pyproject.toml.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  # uv (from PyPI) installs the same versions as pip in about a third of the time; pip if it fails.
  if .venv/bin/pip install --quiet uv 2>/dev/null &&
    .venv/bin/uv pip install --quiet --compile-bytecode --python .venv/bin/python -e ".[dev]"; then
    :
  else
    .venv/bin/pip install --quiet --upgrade pip
    .venv/bin/pip install --quiet -e ".[dev]"
  fi
  touch "$stamp"
fi
export PATH="$PWD/.venv/bin:$PATH"
# Bytecode caches on (some machines set PYTHONDONTWRITEBYTECODE): otherwise every process (each
# test worker, Celery worker, manage.py) compiles the project again and pytest rewrites the test
# modules again (measured: test collection 19.3 s without the caches, 8.7 s with them).
unset PYTHONDONTWRITEBYTECODE
