"""Named plug-ins a programme's flow selects, for behaviour its data cannot express.

A plug-in is a small function registered under a hook and a name::

    @plugin("agreement_gate", "crowdfunding_success")
    def crowdfunding_success(*, application, **_) -> PluginResult: ...

and a programme selects it in its flow data: ``{"plugins": {"agreement_gate": ["crowdfunding_success"]}}``.
Callers ask ``run_plugins(hook=..., program=..., **context)`` and get one result per selected
plug-in; they never test a programme's code. Plug-ins live in modules of the ``programs.plugins``
package (one module per family), all imported by ``programs.apps`` when the app registry is ready.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

_REGISTRY: dict[tuple[str, str], Callable] = {}


@dataclass(frozen=True)
class PluginResult:
    """What a plug-in decided, with the reason shown to people (ko and en)."""

    name: str
    ok: bool
    reason_ko: str = ""
    reason_en: str = ""
    data: dict = field(default_factory=dict)


def plugin(hook: str, name: str):
    def register(fn: Callable) -> Callable:
        key = (hook, name)
        if key in _REGISTRY and _REGISTRY[key] is not fn:
            raise ValueError(f"plug-in {hook}/{name} registered twice")
        _REGISTRY[key] = fn
        return fn

    return register


def selected(*, hook: str, program) -> list[str]:
    return list(((program.flow or {}).get("plugins") or {}).get(hook, []))


def run_plugins(*, hook: str, program, **context) -> list[PluginResult]:
    """Run every plug-in the programme selects for ``hook``; an unknown name is an error."""
    results = []
    for name in selected(hook=hook, program=program):
        try:
            fn = _REGISTRY[(hook, name)]
        except KeyError:
            raise LookupError(
                f"programme {program.pk} selects unknown plug-in {hook}/{name}"
            ) from None
        results.append(fn(program=program, **context))
    return results


def registered(hook: str | None = None) -> list[tuple[str, str]]:
    return sorted(k for k in _REGISTRY if hook is None or k[0] == hook)


def import_plugin_modules() -> None:
    import importlib
    import pkgutil

    from programs import plugins as package

    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{info.name}")
