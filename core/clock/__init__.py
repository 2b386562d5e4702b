"""The clock: deadlines on a calendar, the supervision ladder and what it fires, exactly once."""
