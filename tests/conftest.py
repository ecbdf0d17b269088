"""Shared test configuration."""

from __future__ import annotations

# -- Hypothesis profiles (property tests) -------------------------------------
# "default" keeps CI fast; HYPOTHESIS_PROFILE=thorough runs 10,000 examples per property.
import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
