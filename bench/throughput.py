"""Throughput of ``kg extract`` and ``kg build`` against jieba baselines on one corpus.

For each corpus size (1k and 10k articles; 100k with ``--100k``) this makes
the corpus with ``bench/make_corpus.py`` (once, cached under ``build/bench``)
and then measures, each in a fresh subprocess so that peak memory is that
run's own:

* ``jieba.cut``     plain segmentation, no tagging (the floor under any jieba pipeline);
* ``jieba.posseg``  segmentation with POS tags (what people use to find ns/nt names);
  slow, so it reads only the first ``--posseg-chars`` characters;
* ``kg extract``    the Python path (``kg.pipeline``): read, NER, linking, JSON out;
* ``kg build``      the same plus the graph stage and one store transaction per
  article, into a fresh on-disk store, without SHACL checks (``--no-validate``);
* ``kg build -j N`` the same with N worker processes (``--jobs``, default: all cores);
* ``kg build, SHACL-validated``  the default ``kg build`` (every article graph
  checked against ontology/shapes.ttl) on the first ``--validate-articles``;
* canned queries    every ``kg ask`` question on the built store: median of 5 runs computed, and of
  5 runs as ``kg ask`` serves them (slow answers kept beside the store, kg/query/cache.py).

With ``--rounds N`` every kind is measured N times, the kinds taking turns,
and each kind's fastest run (least CPU time) is printed: a neighbour's load on a
shared host then slows one turn of each kind, not all of one kind.

Every figure counts characters of decoded article text.  "chars/s/core" is
characters per CPU-second (user + system time of the process and its
workers), which stays honest on a shared or busy machine; "chars/s" is wall
clock.  Peak memory is ``ru_maxrss`` of the measuring process (and, for
``-j N``, of its largest worker).

Example:

    .venv/bin/python bench/throughput.py                 # 1k and 10k
    .venv/bin/python bench/throughput.py --sizes 1000    # quick
    .venv/bin/python bench/throughput.py --100k          # adds 100k
    .venv/bin/python bench/throughput.py --rounds 3 --kinds jieba_cut extract   # the ratio, robust to a noisy host
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("jieba_cut", "jieba_posseg", "extract", "build", "build_jobs")
LABELS = {
    "jieba_cut": "jieba.cut",
    "jieba_posseg": "jieba.posseg",
    "extract": "kg extract",
    "build": "kg build",
    "build_jobs": "kg build -j {jobs}",
}


# ----------------------------------------------------------------- one measurement (in a subprocess)


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _articles(corpus: Path, limit_chars: int | None):
    from kg.ingest import read_articles
    from kg.model import Article

    chars = 0
    for item in read_articles([corpus]):
        if not isinstance(item, Article):
            continue
        if limit_chars is not None and chars >= limit_chars:
            return
        chars += len(item.text)
        yield item


def measure(
    kind: str, corpus: Path, limit_chars: int | None, jobs: int, store_dir: Path | None, limit_articles: int | None = None
) -> dict:
    """Run one measurement in this process and return its figures."""
    chars = articles = 0
    if kind in ("jieba_cut", "jieba_posseg"):
        import logging

        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        cut = jieba.cut if kind == "jieba_cut" else jieba.posseg.cut
        list(cut("拉萨市市场监管局印发《拉萨市知识产权保护实施方案》"))  # warm caches outside the clock
        from kg.ingest import plausibility

        plausibility("知识产权")  # ingest's encoding judge, loaded by warm_up() for kg's kinds
        started, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
        for article in _articles(corpus, limit_chars):
            for _ in cut(article.text):
                pass
            chars += len(article.text)
            articles += 1
    elif kind == "extract":
        from kg.pipeline import extract_paths, warm_up

        warm_up()  # what `kg extract` does before its first article, outside the clock
        with open(os.devnull, "w", encoding="utf-8") as out:
            started, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF)
            for item in extract_paths([corpus]):
                if hasattr(item, "article"):
                    # What `kg extract` does with each result.
                    out.write(item.to_json_line())
                    chars += len(item.article.text)
                    articles += 1
    elif kind in ("build", "build_jobs", "build_validated"):
        from kg.build import build
        from kg.commit import ensure_reference
        from kg.engines import make_engine
        from kg.pipeline import warm_up
        from kg.store import GraphStore

        assert store_dir is not None
        store = GraphStore(store_dir)
        ensure_reference(store)  # the gazetteer graph is loaded once per store, not per corpus
        warm_up()  # what `kg build` does before its first article, outside the clock
        from kg.ingest import iter_article_paths

        inputs = [corpus]
        if limit_articles:
            inputs = [p for _, p in zip(range(limit_articles), iter_article_paths([corpus]))]
        validate = kind == "build_validated"
        with make_engine("local", jobs if kind == "build_jobs" else 1) as engine:
            started, cpu = time.perf_counter(), _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
            report = build(inputs, store, engine=engine, validate=validate)
        chars, articles = report.chars, report.articles
        if report.failures:
            print(f"{len(report.failures)} failures, first: {report.failures[0]}", file=sys.stderr)
    else:
        raise SystemExit(f"unknown kind {kind}")
    seconds = time.perf_counter() - started
    cpu_seconds = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - cpu
    return {
        "kind": kind,
        "chars": chars,
        "articles": articles,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def measure_query(store_dir: Path, name: str, repeats: int = 5) -> dict:
    """Wall time of canned question ``name`` (with its header's example parameters).

    "computed" is the median of ``repeats`` runs that always query the store
    (``cache=False``); "served" the median of ``repeats`` runs as ``kg ask``
    makes them, where a slow answer is kept after its first run
    (kg/query/cache.py).
    """
    from kg.query import questions, run
    from kg.store import GraphStore

    with GraphStore(store_dir):
        pass  # a writer's open and close: the store gets a generation, as after `kg build`
    store = GraphStore(store_dir, read_only=True)
    question = questions()[name]
    params = {}
    for pair in (question.example or "").split():
        key, _, value = pair.partition("=")
        params[key] = value
    medians, count = {}, 0
    for label, cache in (("computed_ms", False), ("served_ms", True)):
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            count = len(run(store, name, params, cache=cache).rows)
            times.append(time.perf_counter() - started)
        medians[label] = statistics.median(times) * 1000
    return {"name": name, "params": question.example, "rows": count, **medians}


# ----------------------------------------------------------------- orchestration


def _run_child(args: list[str], timeout: float | None = None) -> dict | list:
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"measurement {' '.join(args)} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def corpus_for(size: int, root: Path) -> Path:
    """The corpus of ``size`` articles under ``root``, made once."""
    folder = root / f"corpus-{size}"
    marker = folder / ".complete"
    if not marker.exists():
        from bench.make_corpus import make_corpus

        shutil.rmtree(folder, ignore_errors=True)
        started = time.perf_counter()
        make_corpus(size, folder)
        marker.write_text("ok\n")
        print(f"  made {size} articles in {time.perf_counter() - started:.0f} s → {folder}", file=sys.stderr)
    return folder


def _fmt(row: dict, base: dict | None) -> str:
    per_core = row["chars"] / row["cpu_seconds"] if row["cpu_seconds"] else float("nan")
    wall = row["chars"] / row["seconds"] if row["seconds"] else float("nan")
    ratio = ""
    if base is not None and base["cpu_seconds"]:
        ratio = f"{per_core / (base['chars'] / base['cpu_seconds']):.2f}×"
    memory = row["maxrss_mb"]
    if row["kind"] == "build_jobs":
        memory = f"{row['maxrss_mb']:.0f} + {row['children_maxrss_mb']:.0f}/worker"
    else:
        memory = f"{memory:.0f}"
    return (
        f"| {row['label']} | {row['articles']:,} | {row['chars']:,} | {per_core:,.0f} | {wall:,.0f} "
        f"| {row['articles'] / row['seconds']:,.1f} | {memory} | {ratio} |"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="corpus sizes (default 1000 10000)")
    parser.add_argument("--100k", dest="with_100k", action="store_true", help="also measure 100,000 articles")
    parser.add_argument("--root", type=Path, default=ROOT / "build" / "bench", help="where corpora and stores go")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers for the kg build -j run")
    parser.add_argument("--posseg-chars", type=int, default=400_000, help="characters jieba.posseg reads (it is slow)")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS), help="what to measure")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure every kind this many times, the kinds taking turns, and keep each kind's best row "
        "(on a shared machine the neighbours' load comes and goes; turns expose each kind to it alike)",
    )
    parser.add_argument("--no-queries", action="store_true", help="skip the canned-query timings")
    parser.add_argument("--query-timeout", type=float, default=120, help="seconds before a canned query is killed")
    parser.add_argument(
        "--validate-articles",
        type=int,
        default=100,
        help="articles for the extra 'kg build (validated)' row: SHACL checks are off in the other build rows",
    )
    parser.add_argument("--measure", choices=KINDS + ("build_validated", "query"), help=argparse.SUPPRESS)
    parser.add_argument("--query-name", help=argparse.SUPPRESS)
    parser.add_argument("--limit-articles", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--limit-chars", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")

    if args.measure == "query":
        print(json.dumps(measure_query(args.store, args.query_name)))
        return
    if args.measure:
        print(json.dumps(measure(args.measure, args.corpus, args.limit_chars, args.jobs, args.store, args.limit_articles)))
        return

    sizes = sorted(set(args.sizes + ([100_000] if args.with_100k else [])))
    args.root.mkdir(parents=True, exist_ok=True)
    print(f"# kg throughput — {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, load average at start {os.getloadavg()[0]:.1f}"
        + (f"; best of {args.rounds} rounds, the kinds taking turns" if args.rounds > 1 else "")
    )
    for size in sizes:
        corpus = corpus_for(size, args.root)
        print(f"\n## {size:,} articles\n")
        print("| run | articles | chars | chars/s/core | chars/s (wall) | articles/s | peak MB | vs jieba.cut |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        best: dict[str, dict] = {}
        built_store = None
        for turn in range(args.rounds):
            last = turn == args.rounds - 1
            for kind in args.kinds:
                child = ["--measure", kind, "--corpus", str(corpus), "--jobs", str(args.jobs)]
                if kind == "jieba_posseg":
                    child += ["--limit-chars", str(args.posseg_chars)]
                store_dir = None
                if kind.startswith("build"):
                    store_dir = Path(tempfile.mkdtemp(prefix=f"kg-bench-{kind}-", dir=args.root))
                    child += ["--store", str(store_dir)]
                row = _run_child(child)
                row["label"] = LABELS[kind].format(jobs=args.jobs)
                if kind not in best or row["cpu_seconds"] < best[kind]["cpu_seconds"]:
                    best[kind] = row
                if args.rounds == 1:  # as it goes; with rounds, once the best is known
                    print(_fmt(row, best.get("jieba_cut")), flush=True)
                else:  # (progress, off the table)
                    print(f"round {turn + 1}/{args.rounds}: {_fmt(row, None)}", file=sys.stderr, flush=True)
                if store_dir is not None:
                    if kind == "build" and last and not args.no_queries:
                        built_store = store_dir
                    else:
                        shutil.rmtree(store_dir, ignore_errors=True)
        if args.rounds > 1:
            for kind in args.kinds:
                print(_fmt(best[kind], best.get("jieba_cut")), flush=True)
        base = best.get("jieba_cut")
        if args.validate_articles and "build" in args.kinds:
            store_dir = Path(tempfile.mkdtemp(prefix="kg-bench-validated-", dir=args.root))
            child = ["--measure", "build_validated", "--corpus", str(corpus), "--store", str(store_dir)]
            row = _run_child(child + ["--limit-articles", str(args.validate_articles)])
            row["label"] = "kg build, SHACL-validated"
            print(_fmt(row, base), flush=True)
            shutil.rmtree(store_dir, ignore_errors=True)
        if built_store is not None:
            from kg.query import questions

            print("\n| canned query | params | rows | computed ms (median) | served ms (median, kept answers) |")
            print("|---|---|---:|---:|---:|")
            for name in sorted(questions()):
                child = ["--measure", "query", "--query-name", name, "--store", str(built_store)]
                try:
                    row = _run_child(child, timeout=args.query_timeout)
                    print(
                        f"| {row['name']} | {row['params'] or ''} | {row['rows']} | {row['computed_ms']:.1f} "
                        f"| {row['served_ms']:.1f} |",
                        flush=True,
                    )
                except subprocess.TimeoutExpired:
                    print(f"| {name} | | | killed after {args.query_timeout:.0f} s |", flush=True)
            shutil.rmtree(built_store, ignore_errors=True)


if __name__ == "__main__":
    main()
