"""Reading a programme's flow (Program.flow, Call.flow): tracks, tiers and plug-ins.

A flow is data in the catalogue (programs/data/flows/). Programme-specific behaviour that data
cannot express is a small named plug-in (programs.domain.plugins) that the flow selects by name;
nothing outside the plug-ins may branch on a programme's code.

Shapes (every key optional):
- ``Program.flow["tracks"]``: ``[{"code", "name_ko", "name_en", "stages"?: [...], ...}]``; a track
  with its own ``stages`` is evaluated with them instead of ``Program.stages``.
- ``Call.flow["tracks"]``: ``[{"code", "slots", "envelope_krw"}]``, this call's share of each track.
- ``Program.flow["tiers"]`` / ``Call.flow["tiers"]``: ``[{"code", "name_ko", "name_en", "count",
  "amount_krw"}]`` in rank order; the call's list, when given, replaces the programme's.
- ``Program.flow["plugins"]``: ``{hook: [plug-in name, ...]}`` (programs.domain.plugins).
"""

from dataclasses import dataclass

from django.utils import translation


@dataclass(frozen=True)
class Track:
    code: str
    name_ko: str
    name_en: str
    slots: int | None
    envelope_krw: int | None
    stages: list | None
    extra: dict

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_ko


@dataclass(frozen=True)
class Tier:
    code: str
    name_ko: str
    name_en: str
    count: int
    amount_krw: int
    extra: dict

    @property
    def name(self) -> str:
        return self.name_en if translation.get_language() == "en" else self.name_ko


_TRACK_KEYS = {"code", "name_ko", "name_en", "slots", "envelope_krw", "stages"}
_TIER_KEYS = {"code", "name_ko", "name_en", "count", "amount_krw"}


def program_tracks(*, program) -> list[Track]:
    """The programme's tracks in catalogue order (no call values)."""
    return [_track(spec, {}) for spec in (program.flow or {}).get("tracks", [])]


def call_tracks(*, call, program) -> list[Track]:
    """The programme's tracks with this call's slots and envelope for each."""
    per_call = {t.get("code"): t for t in (call.flow or {}).get("tracks", [])}
    return [
        _track(spec, per_call.get(spec.get("code"), {}))
        for spec in (program.flow or {}).get("tracks", [])
    ]


def track(*, program, code: str) -> Track | None:
    return next((t for t in program_tracks(program=program) if t.code == code), None)


def stages_for(*, program, track_code: str = "") -> list[dict]:
    """The evaluation stages of a track (its own when it has them) or of the programme."""
    found = track(program=program, code=track_code) if track_code else None
    if found is not None and found.stages:
        return found.stages
    return program.stages


def stage_of(*, program, code: str, track_code: str = "") -> dict | None:
    """One stage's rules (cut-off, criteria, …) for an application's track: the track's own stage
    (``stages_for``) over the programme's stage of the same code, so a track stage that names no
    criteria is scored with the programme's criteria."""
    base = program.stage(code)
    own = next((s for s in stages_for(program=program, track_code=track_code)
                if s.get("code") == code), None)  # fmt: skip
    if own is None or own is base:
        return base
    return {**(base or {}), **own}


def has_tracks(*, program) -> bool:
    return bool((program.flow or {}).get("tracks"))


def track_name(*, program, code: str) -> str:
    """The track's name in the active language ("" when the programme has no such track)."""
    found = track(program=program, code=code) if code else None
    return found.name if found is not None else ""


def tiers_for(*, program, call=None) -> list[Tier]:
    """The award tiers in rank order: the call's list when it has one, else the programme's."""
    specs = ((call.flow or {}).get("tiers") if call is not None else None) or (
        (program.flow or {}).get("tiers", [])
    )
    return [
        Tier(
            code=s["code"], name_ko=s.get("name_ko", s["code"]), name_en=s.get("name_en", s["code"]),
            count=int(s["count"]), amount_krw=int(s["amount_krw"]),
            extra={k: v for k, v in s.items() if k not in _TIER_KEYS},
        )
        for s in specs
    ]  # fmt: skip


def flow_value(*, program, key: str, default=None, call=None):
    """One flow key, the call's value first; for keys without an accessor of their own."""
    if call is not None and key in (call.flow or {}):
        return call.flow[key]
    return (program.flow or {}).get(key, default)


def _track(spec: dict, per_call: dict) -> Track:
    return Track(
        code=spec["code"], name_ko=spec.get("name_ko", spec["code"]),
        name_en=spec.get("name_en", spec["code"]),
        slots=per_call.get("slots", spec.get("slots")),
        envelope_krw=per_call.get("envelope_krw", spec.get("envelope_krw")),
        stages=spec.get("stages"),
        extra={k: v for k, v in spec.items() if k not in _TRACK_KEYS},
    )  # fmt: skip


def stage_steps(*, program) -> list[dict]:
    """Flow steps that run a standard evaluation stage: each list of steps in ``Program.flow``
    whose entries name a ``"stage"`` (e.g. the testbed's written review → ``document``), with its
    ``owner`` role (who forms the committee and closes the review)."""
    found = []
    for value in (program.flow or {}).values():
        if isinstance(value, list):
            found += [s for s in value if isinstance(s, dict) and s.get("stage") and s.get("code")]
    return found


def step_stage(*, program, step: str) -> str | None:
    """The evaluation stage the flow step runs (``None`` when the step is not an evaluation)."""
    return next((s["stage"] for s in stage_steps(program=program) if s["code"] == step), None)


def stage_owners(*, call) -> dict[str, str]:
    """{stage: owner role} of the flow steps of the call's programmes that run a stage."""
    owners: dict[str, str] = {}
    for program in call.programs.all():
        for s in stage_steps(program=program):
            if s.get("owner"):
                owners.setdefault(s["stage"], s["owner"])
    return owners
