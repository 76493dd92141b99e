"""The dbt project as Dagster assets; groups and owners come from dbt_project.yml."""
