"""Plug-in modules (programs.domain.plugins), one per family of programmes; all imported at start-up."""
