"""What a run hands out: serving.duckdb and client files, alerts, the seller report."""
