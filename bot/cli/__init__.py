"""The `linli` command line: one Typer sub-app per area (`app.py` joins them)."""
