"""A wheel of kg ships every package and the data files the code reads at run time."""

from __future__ import annotations

import subprocess
import sys
import tomllib
import zipfile

import pytest

from tests.conftest import ROOT


def _declared_packages() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_every_package_is_declared():
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "kg").rglob("__init__.py")
        if "__pycache__" not in path.parts
    }
    assert found | {"kg.ontology"} == _declared_packages()


@pytest.mark.slow
def test_wheel_carries_data_files(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("kg-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "kg/ontology/kg.ttl",
        "kg/ontology/shapes.ttl",
        "kg/nlp/config.cfg",
        "kg/queries/issuers.rq",
        "kg/graph/why.rq",
        "kg/link/data/abbreviations.tsv",
        "kg/ingest/data/common_chars.txt",
        "kg/viz/data/template.html",
    ):
        assert needed in names
    data_files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "kg").rglob("*") if p.is_file() and p.suffix in {".tsv", ".txt", ".rq", ".json", ".cfg", ".html"}}
    assert data_files <= names
