"""The roster tests' file: the demo roster (their databases are the suite's ``engine``)."""

from pathlib import Path

DEMO_ROSTER = Path(__file__).parents[2] / "bot" / "data" / "demo_roster.yaml"
