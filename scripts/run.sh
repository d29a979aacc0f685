#!/usr/bin/env bash
# Set up and run the portal on the embedded default (SQLite, Celery eager, local files) at http://127.0.0.1:8000
source "$(dirname "$0")/_env.sh"
python manage.py migrate --noinput
python manage.py load_programs
python manage.py seed_demo
# A self-signed demo CA seals signed agreements (production sets AGREEMENT_SEAL_* instead).
[ -n "${AGREEMENT_SEAL_KEY:-}" ] || [ -f var/seal/seal-key.pem ] || python manage.py make_demo_seal_ca
python manage.py compilemessages --ignore=.venv >/dev/null 2>&1 || true
echo "Portal: http://127.0.0.1:8000  (demo users: demo-staff, demo-applicant, demo-evaluator, demo-official, demo-operator; password: \${DEMO_PASSWORD:-demo-pass-2021})"
exec python manage.py runserver 127.0.0.1:8000
