"""Settings shared by the stages, each with one default and an environment override."""

from __future__ import annotations

import os
from pathlib import Path

#: Base of every IRI kg mints.  Set ``KG_BASE_IRI`` to publish under your own domain.
BASE_IRI: str = os.environ.get("KG_BASE_IRI", "https://w3id.org/kg-ip/")

#: Where ``kg build`` and the query commands find the store by default.
DEFAULT_STORE: Path = Path(os.environ.get("KG_STORE", "kg-store"))

#: What ``kg build`` reads when given no path.
DEFAULT_INPUT: Path = Path("seeds")
