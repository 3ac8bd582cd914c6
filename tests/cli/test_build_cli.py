"""``kg build`` / ``kg extract`` options for scale: --jobs, --engine, incremental summary."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.conftest import SEEDS, seed_paths


def invoke(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def one_job_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("jobs1") / "store"
    result = invoke("build", SEEDS, "--store", store, "--jobs", "1")
    assert result.exit_code == 0, result.output
    return store, result.output


@pytest.mark.slow
def test_jobs_2_gives_the_same_store_and_export(one_job_store, tmp_path):
    store1, output1 = one_job_store
    store2 = tmp_path / "store"
    result = invoke("build", SEEDS, "--store", store2, "--jobs", "2")
    assert result.exit_code == 0, result.output
    # Same summary apart from the time it took.
    assert result.output.split(" s → ")[0].rsplit(",", 1)[0] == output1.split(" s → ")[0].rsplit(",", 1)[0]
    one = invoke("export", "--store", store1, "--format", "nt")
    two = invoke("export", "--store", store2, "--format", "nt")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout_bytes == two.stdout_bytes and b"/article/" in one.stdout_bytes


def test_rebuild_reports_unchanged_articles(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_paths()[1], folder)
    store = tmp_path / "store"
    first = invoke("build", folder, "--store", store)
    assert first.exit_code == 0 and first.output.startswith("1 articles, entities: ")
    assert "unchanged, skipped" not in first.output
    shutil.copy(seed_paths()[2], folder)
    second = invoke("build", folder, "--store", store, "--no-validate")
    assert second.exit_code == 0, second.output
    assert second.output.startswith("1 articles, entities: ") and "1 unchanged, skipped" in second.output
    forced = invoke("build", folder, "--store", store, "--force", "--no-validate")
    assert forced.output.startswith("2 articles, ") and "unchanged, skipped" not in forced.output


def test_failures_still_exit_1(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = invoke("build", seed_paths()[1], bad, "--store", tmp_path / "store", "--no-validate")
    assert result.exit_code == 1
    assert f"error: {bad}: is binary" in result.output
    assert "1 articles, entities:" in result.output and "1 file(s) failed" in result.output


def test_scheduler_without_dask_engine_is_an_error(tmp_path):
    result = invoke("build", SEEDS, "--store", tmp_path / "s", "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 1
    assert result.output.strip().splitlines()[-1] == "Error: --scheduler needs --engine dask; the local engine runs on this machine"


@pytest.mark.slow
def test_extract_jobs_2_prints_the_same_lines_in_order():
    paths = [str(p) for p in seed_paths()]
    one = invoke("extract", *paths)
    two = invoke("extract", *paths, "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.output == two.output and len(one.output.splitlines()) == 5


def test_max_bytes_refuses_big_files_and_extract_ends_with_a_summary(tmp_path):
    """--max-bytes (or KG_MAX_BYTES) refuses a file over the limit in one line; the rest goes on."""
    from click.testing import CliRunner

    from kg.cli import cli

    small = tmp_path / "small.txt"
    small.write_text("拉萨市市场监管局印发《拉萨市实施方案》。", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_text("国家知识产权局" * 100, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(small), str(big), "--max-bytes", "1000"])
    assert result.exit_code == 1
    assert [json.loads(line)["doc"] for line in result.stdout.splitlines()] == ["small"]
    assert f"error: {big}: 2,100 bytes is over the" in result.stderr
    assert result.stderr.splitlines()[-1] == f"1 file(s) failed: {big}"
    env_result = CliRunner(env={"KG_MAX_BYTES": "1000"}).invoke(
        cli, ["build", str(small), str(big), "--store", str(tmp_path / "store")]
    )
    assert env_result.exit_code == 1
    assert env_result.stdout.startswith("1 articles")
    assert env_result.stderr.splitlines()[-1] == f"1 file(s) failed: {big}"


def test_long_lines_are_written_whole_in_pieces():
    import io

    from kg.cli.options import write_text
    from kg.ingest import read_article
    from kg.pipeline import extract

    line = extract(read_article(seed_paths()[0])).to_json_line()
    pieces: list[str] = []

    class Recorder(io.StringIO):
        def write(self, text: str) -> int:
            pieces.append(text)
            return super().write(text)

    out = Recorder()
    write_text(out, line, chunk=1000)
    assert out.getvalue() == line and json.loads(out.getvalue())["doc"]
    assert len(pieces) == -(-len(line) // 1000) and max(map(len, pieces)) == 1000
