"""Public verification codes of several kinds of documents, all checked at /verify/<code>/.

Agreements answer first (agreements.views.verify). Other documents with a verification code (a
testbed performance certificate, a matching-fund commitment letter, …) register a resolver::

    @verifier("certificate")
    def certificate_page(request, code: str) -> HttpResponse | None: ...

that returns the public page for a code it knows, or None. Codes must not collide between kinds:
give each kind its own prefix letter. Register from a module of ``programs.plugins`` (imported at
start-up).
"""

from collections.abc import Callable

_VERIFIERS: dict[str, Callable] = {}


def verifier(kind: str):
    def register(fn: Callable) -> Callable:
        _VERIFIERS[kind] = fn
        return fn

    return register


def resolve_other(request, code: str):
    """The first registered page that knows ``code``, or None."""
    for _kind, fn in sorted(_VERIFIERS.items()):
        response = fn(request, code)
        if response is not None:
            return response
    return None
