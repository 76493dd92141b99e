"""A nightly run as plain Python: its state, tags, as-of day, event-log readings and record.

No module here defines a Dagster asset: the asset modules of `defs/`, the warehouse
resource and `asw run` (runner.py) all import from here, never from each other.
"""
