"""Agreement seal (PAdES, applied with pyHanko to the final signed agreement PDF).

The deployment configures the key and certificate by path; `manage.py make_demo_seal_ca` writes a
self-signed CA and a seal certificate to these default paths for demos and tests.
"""

from config.env import BASE_DIR, env

_SEAL_DIR = BASE_DIR / "var" / "seal"
AGREEMENT_SEAL_KEY = env("AGREEMENT_SEAL_KEY", default=str(_SEAL_DIR / "seal-key.pem"))
AGREEMENT_SEAL_CERT = env("AGREEMENT_SEAL_CERT", default=str(_SEAL_DIR / "seal-cert.pem"))
# The issuing chain (PEM), embedded in the signature; the demo CA's certificate by default.
AGREEMENT_SEAL_CHAIN = env("AGREEMENT_SEAL_CHAIN", default=str(_SEAL_DIR / "ca-cert.pem"))
AGREEMENT_SEAL_KEY_PASSPHRASE = env("AGREEMENT_SEAL_KEY_PASSPHRASE", default="")
