"""The warehouse's Dagster definitions, collected from the domain packages of `defs/`.

Importing this module does nothing: Dagster's loader, `asw run` and the tests call `defs()`,
which imports `defs/` (ingest, transform, audit, publish, automation), gathers every asset,
check, job, schedule and sensor defined at module level there, and binds the two resources.
Neither resource reads anything when built: the warehouse resource resolves its `ASW_*`
settings when a run starts, and the dbt project's manifest was prepared before
(dagster_project/dbt_project.py).
"""

import warnings
from functools import cache

from dagster import Definitions, PreviewWarning, definitions, load_definitions_from_package_module


@cache
def _load() -> Definitions:
    import dagster_project.defs as domains
    from dagster_project.defs.transform.dbt_assets import dbt_resource
    from dagster_project.defs.warehouse import WarehouseResource

    resources = {"warehouse": WarehouseResource(), "dbt": dbt_resource()}
    # A preview API of Dagster 1.13 (pinned by requirements.lock, so a change to it comes
    # with a deliberate update): said once here rather than on every load.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PreviewWarning)
        return load_definitions_from_package_module(domains, resources=resources)


defs = definitions(_load)
