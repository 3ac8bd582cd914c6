"""Median time of each canned question on the seed graph and on a larger generated graph.

The larger corpus comes from ``bench/make_corpus.py`` (seeds varied: other
cities, years, bodies); without it, the seeds are copied under new article ids.
Both graphs are built by ``kg.build`` into in-memory stores, then each
question runs ``--repeat`` times with the parameters of its ``# example:``
header line.  Target: under 50 ms median per question on the seed graph.

Example:

    .venv/bin/python bench/queries.py --articles 200 --repeat 20
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.build import build  # noqa: E402
from kg.query import questions, run  # noqa: E402
from kg.store import GraphStore  # noqa: E402

SEEDS = ROOT / "seeds"


def example_params(example: str) -> dict[str, str]:
    """``body=拉萨市市场监管局`` → ``{"body": "拉萨市市场监管局"}``."""
    params = {}
    for pair in example.split():
        key, _, value = pair.partition("=")
        if key:
            params[key] = value
    return params


def corpus(n: int, out_dir: Path) -> Path:
    """Write an ``n``-article corpus into ``out_dir`` and return it."""
    maker = ROOT / "bench" / "make_corpus.py"
    if maker.exists():
        sys.path.insert(0, str(maker.parent))
        from make_corpus import make_corpus  # type: ignore[import-not-found]

        try:
            make_corpus(n, out_dir)
            return out_dir
        except Exception as exc:  # noqa: BLE001 - a broken generator should not stop the benchmark
            print(f"bench/make_corpus.py failed ({type(exc).__name__}: {exc}); copying the seeds instead")
            shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for index in range(n):
        source = seeds[index % len(seeds)]
        shutil.copyfile(source, out_dir / f"{index:06d}_{source.stem}.txt")
    return out_dir


def median_ms(store: GraphStore, name: str, params: dict[str, str], repeat: int) -> tuple[float, int]:
    """Median wall time of ``repeat`` runs (after one warm-up) and the row count."""
    rows = len(run(store, name, params).rows)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run(store, name, params)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="articles in the larger corpus (default 200)")
    parser.add_argument("--repeat", type=int, default=20, help="runs per question (default 20)")
    args = parser.parse_args(argv)

    seed_store = GraphStore()
    started = time.perf_counter()
    build([SEEDS], seed_store)
    print(f"seed graph: {len(seed_store)} quads, built in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        big_store = GraphStore()
        started = time.perf_counter()
        report = build([corpus(args.articles, Path(tmp) / "corpus")], big_store)
        print(
            f"larger graph: {report.articles} articles, {len(big_store)} quads, "
            f"built in {time.perf_counter() - started:.1f} s"
        )
    print()
    header = f"{'question':<20} {'params':<28} {'seed ms':>9} {'rows':>6} {'larger ms':>10} {'rows':>6}"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for question in questions().values():
        params = example_params(question.example)
        seed_ms, seed_rows = median_ms(seed_store, question.name, params, args.repeat)
        big_ms, big_rows = median_ms(big_store, question.name, params, args.repeat)
        worst = max(worst, seed_ms)
        shown = " ".join(f"{k}={v}" for k, v in params.items())
        print(f"{question.name:<20} {shown:<28} {seed_ms:>9.1f} {seed_rows:>6} {big_ms:>10.1f} {big_rows:>6}")
    print()
    print(f"slowest median on the seed graph: {worst:.1f} ms (target < 50 ms): {'OK' if worst < 50 else 'OVER'}")


if __name__ == "__main__":
    main()
