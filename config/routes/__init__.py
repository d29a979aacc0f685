"""URL lists of the programme-flow and dashboard parts, one module per part.

Each module has ``urlpatterns`` (pages, under the language prefix, namespace = the module's name)
and ``api_urlpatterns`` (under /api/v1/, same namespace + "_api"). The views live in the apps.
"""

PARTS = [
    "money_dash", "outcomes_dash", "testbed", "challenges", "crowdfunding_tracks", "campus_town",
    "national_matching", "rules_2024",
]  # fmt: skip


def part_routes():
    import importlib

    return [(part, importlib.import_module(f"config.routes.{part}")) for part in PARTS]
