"""Instructions per article of `kg extract`'s stages, counted by callgrind: repeatable on a busy host.

Wall clock on a shared machine moves by 10 % from one run to the next;
callgrind's instruction count for the same interpreter, input and hash seed
does not.  The speed work of issue 8 was measured this way (docs/ner.md,
docs/linker.md, bench/RESULTS.md).

The measurement runs once under ``valgrind --tool=callgrind`` with
collection off: models are loaded, ``warm_up()`` runs, the stage's input is
prepared and ``--warm`` articles are run first; then the measured loop over
``--articles`` articles runs inside ``sys.call_tracing``, and callgrind
counts only what happens inside that call (``--toggle-collect``).  Nothing
else calls ``sys.call_tracing`` (it exists for debuggers), so the count is
the loop's alone, the same to a few instructions from one run to the next.
(An earlier version took the difference of a run with the loop and one
without it: the start-up's own jitter, some 0.4 % of several billion
instructions, then moved the figure by ±3 %.)

Example (about a minute; valgrind must be installed):

    .venv/bin/python bench/instructions.py build/bench/corpus-1000 --stage all --articles 50
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STAGES = ("all", "ner", "link")
#: The C function of ``sys.call_tracing`` in CPython 3.11: callgrind collects only inside it.
_TOGGLE = "sys_call_tracing"


def _texts(corpus: Path, count: int) -> list[str]:
    from kg.ingest import read_articles
    from kg.model import Article

    texts = []
    for item in read_articles([corpus]):
        if isinstance(item, Article):
            texts.append(item.text)
            if len(texts) == count:
                break
    return texts


def run_child(corpus: Path, stage: str, warm: int, articles: int) -> None:
    """Prepare, then run the measured loop inside ``sys.call_tracing``, the one call callgrind counts."""
    from kg.link import link
    from kg.model import Article
    from kg.nlp import find_mentions, load
    from kg.pipeline import warm_up

    warm_up()
    nlp = load(annotate=False)
    texts = _texts(corpus, warm + articles)
    batch = [Article(id=f"a{i}", text=text) for i, text in enumerate(texts)]
    for article in batch[:warm]:
        link(article, find_mentions(nlp(article.text))).to_json_line()
    work = batch[warm:]
    prepared = [(article, find_mentions(nlp(article.text))) for article in work] if stage == "link" else []

    def measured() -> None:
        if stage == "link":
            for article, mentions in prepared:
                link(article, mentions)
        elif stage == "ner":
            for article in work:
                find_mentions(nlp(article.text))
        else:
            for article in work:
                link(article, find_mentions(nlp(article.text))).to_json_line()

    sys.call_tracing(measured, ())


def _count(args: argparse.Namespace) -> int:
    command = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
        "--collect-atstart=no", f"--toggle-collect={_TOGGLE}",
        sys.executable, __file__, str(args.corpus), "--stage", args.stage,
        "--warm", str(args.warm), "--articles", str(args.articles), "--child",
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    collected = re.search(r"Collected : (\d+)", done.stderr)
    if done.returncode != 0 or collected is None:
        raise SystemExit(f"valgrind run failed ({done.returncode}):\n{done.stderr[-2000:]}")
    if int(collected.group(1)) == 0:
        raise SystemExit(f"callgrind saw no call of {_TOGGLE}: is this CPython with its symbols?")
    return int(collected.group(1))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=ROOT / "build/bench/corpus-1000")
    parser.add_argument("--stage", choices=STAGES, default="all", help="all = NER + linking + JSON line, as kg extract")
    parser.add_argument("--articles", type=int, default=50, help="articles in the measured loop")
    parser.add_argument("--warm", type=int, default=40, help="articles run first, to fill the caches")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        run_child(args.corpus, args.stage, args.warm, args.articles)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt install valgrind)")
    if not args.corpus.is_dir():
        raise SystemExit(f"{args.corpus}: no such corpus; make one with `python bench/make_corpus.py 1000`")
    measured = _count(args)
    chars = sum(len(text) for text in _texts(args.corpus, args.warm + args.articles)[args.warm :])
    per_article = measured / args.articles
    print(
        f"{args.stage}: {per_article / 1e6:.3f} M instructions an article "
        f"({args.articles} articles after {args.warm} warm ones, {chars / args.articles:,.0f} characters an article)"
    )


if __name__ == "__main__":
    main()
