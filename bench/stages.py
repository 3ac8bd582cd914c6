"""Where `kg extract` spends its time: throughput of each stage of the pipeline.

Runs the tokenizer, each spaCy component, ``find_mentions`` and the linker
one after the other on every article of a corpus, timing each, and prints
each stage's share of the total and its own characters per second.  With
``--profile N`` it also prints the N functions with the most own time
(cProfile) — the hot spots to fix.

Example:

    .venv/bin/python bench/stages.py build/bench/corpus-1000 --limit 300 --profile 25
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=ROOT / "seeds", help="folder of articles (default seeds/)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles")
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="also print the N top functions by own time")
    parser.add_argument(
        "--annotated",
        action="store_true",
        help="time the Doc kg.nlp.load() gives users (tokens, doc.ents, doc.spans) instead of the mentions-only one kg extract uses",
    )
    args = parser.parse_args(argv)

    from kg.ingest import read_articles
    from kg.link import link
    from kg.model import Article
    from kg.nlp import find_mentions, load

    nlp = load(annotate=args.annotated)
    articles = [a for a in read_articles([args.corpus]) if isinstance(a, Article)][: args.limit]
    chars = sum(len(a.text) for a in articles)
    for article in articles[:3]:  # warm caches (lexicons, regexes) outside the clock
        link(article, find_mentions(nlp(article.text)))

    spent: dict[str, float] = defaultdict(float)
    clock = time.perf_counter

    def run() -> None:
        for article in articles:
            started = clock()
            doc = nlp.make_doc(article.text)
            spent["tokenizer"] += clock() - started
            for name, component in nlp.pipeline:
                started = clock()
                doc = component(doc)
                spent[name] += clock() - started
            started = clock()
            mentions = find_mentions(doc)
            spent["find_mentions"] += clock() - started
            started = clock()
            link(article, mentions)
            spent["link"] += clock() - started

    started = clock()
    run()
    total = clock() - started
    print(f"{len(articles)} articles, {chars:,} characters, {chars / total:,.0f} chars/s overall\n")
    print("| stage | share | chars/s of the stage alone |")
    print("|---|---:|---:|")
    for name, seconds in spent.items():
        print(f"| {name} | {seconds / total:.1%} | {chars / seconds if seconds else float('inf'):,.0f} |")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(run)
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(args.profile)
        print("\n" + out.getvalue())


if __name__ == "__main__":
    main()
