"""Every CLI verb has help with an example and a row in the README (as sqlite-utils checks its docs)."""

from __future__ import annotations

import pytest

from kg.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cli.commands)


def test_readme_opens_with_the_two_commands():
    block = README.split("```bash", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in block.strip().splitlines()] == [["make", "demo"], ["make", "test"]]


@pytest.mark.parametrize("name", COMMANDS)
def test_command_has_help_with_an_example(name):
    help_text = cli.commands[name].help or ""
    assert help_text.strip(), f"kg {name} has no help"
    assert "Example:" in help_text, f"kg {name}'s help gives no Example: block"


@pytest.mark.parametrize("name", COMMANDS)
def test_command_is_in_the_readme(name):
    assert f"| `kg {name}" in README, f"kg {name} has no row in the README's command table"
