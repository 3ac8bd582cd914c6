"""kg/model.py: the ``kg extract`` JSON of an extraction."""

from __future__ import annotations

import json

from kg.ingest import read_article
from kg.pipeline import extract
from tests.conftest import seed_paths


def test_json_line_is_the_json_object_on_one_compact_line():
    for path in seed_paths():
        extraction = extract(read_article(path))
        line = extraction.to_json_line()
        assert line.endswith("\n") and line.count("\n") == 1
        assert json.loads(line) == extraction.to_json()
        # Chinese stays readable text, and the separators are the compact ones.
        assert line == json.dumps(extraction.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"
        assert extraction.entities and all(f'"text":{json.dumps(m.text, ensure_ascii=False)}' in line for e in extraction.entities for m in e.mentions)
