"""Plug-ins of the rules 2024 part. Its behaviour is data (flow keys "multi_year", "follow_on",
"tech_fields", "forum_records", "continuing") read by its domain modules; this module registers the
part's permissions when the app registry is ready."""

from programs import rules_2024  # noqa: F401  (django-rules permissions of the part)
