"""Hardening tests: hypothesis runs derandomized, so CI sees the same examples every time.

`HYPOTHESIS_PROFILE=explore pytest tests/hardening` draws fresh random examples (10× more)
to look for new failures; a failure found that way is reproduced with `@example(...)`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

SUPPRESSED = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
              HealthCheck.data_too_large, HealthCheck.filter_too_much]

settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                          suppress_health_check=SUPPRESSED, print_blob=True)
settings.register_profile("explore", derandomize=False, deadline=None,
                          suppress_health_check=SUPPRESSED, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
