"""``kg`` commands of the viz area (filled in by its owner)."""

from __future__ import annotations

COMMANDS: list = []
