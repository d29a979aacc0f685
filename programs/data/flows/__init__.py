"""Programme flows as data (Program.flow), one module per family of programmes.

Each module in this package defines ``FLOWS = {program_code: {key: value, ...}}``. The loader
(programs.domain.catalogue.load_catalogue) merges the modules key by key into ``Program.flow``;
two modules giving the same key of the same programme is an error, so a family owns its keys.
Read flows only through programs.domain.flows.
"""

import importlib
import pkgutil


def collected_flows() -> dict[str, dict]:
    merged: dict[str, dict] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for code, flow in getattr(module, "FLOWS", {}).items():
            target = merged.setdefault(code, {})
            clash = set(target) & set(flow)
            if clash:
                raise ValueError(f"flow keys {sorted(clash)} of {code} given twice ({info.name})")
            target.update(flow)
    return merged
