"""Calm messages the shipped model flags as emergencies (docs/nlp.md). Their tests are
marked with KNOWN_FALSE_ALARM, strict: the day one passes, the test says so."""

import pytest

KNOWN_FALSE_ALARM = pytest.mark.xfail(
    strict=True,
    reason="known false alarm of the shipped model (docs/nlp.md): flagged urgent at the "
    "threshold that keeps short cries for help such as 救人啊 urgent",
)
