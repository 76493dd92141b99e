"""Alerts: what changed since the last published run (evaluate.py) and who is told (delivery.py)."""
