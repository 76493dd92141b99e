"""Where the marts are built: DuckDB, or Spark from the raw tables as Parquet."""
