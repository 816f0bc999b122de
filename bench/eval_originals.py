"""Which version is the original: the rule of pipeline/originals.py against the gold roles of a parallel set.

    .venv/bin/python bench/eval_originals.py [PARALLEL_DIR]

No build: each file is analysed as a build would (no entity recognition), site names are taken off the
titles, and the rule runs over each gold story's versions (the build's own stories come from translation
detection; ../shared/tools/score.py `original` scores those). Prints precision over the stories it names,
the share of stories named rightly, the wrong ones and the missed ones by language. Skips (exit 0) when the
test data is absent.
"""
from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path

from mkdocs_corpus.pipeline import originals
from mkdocs_corpus.pipeline.analysis import Options, analyse
from mkdocs_corpus.pipeline.titles import strip_site_names

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "testdata" / "parallel"


def main() -> int:
    data = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not (data / "languages.tsv").is_file():
        print(f"skipped: no test data at {data}")
        return 0
    with open(data / "languages.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    analysed = [analyse(r["file"], (data / "articles" / r["file"]).read_bytes(), Options(entities=False))[0] for r in rows]
    articles = {a.path: a for a in strip_site_names(analysed)}
    stories: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        stories[row["story"]].append(row["file"])
    gold = {row["story"]: row["file"] for row in rows if row["role"] == "original"}
    by_path = {a.path: a for a in articles.values()}
    by_id = {a.id: a for a in articles.values()}
    named = right = 0
    wrong: list[tuple[str, str, str]] = []
    missed: Counter[str] = Counter()
    for story, files in sorted(stories.items()):
        if story not in gold:
            continue
        found = originals.original([by_path[f].id for f in files], by_id, set())
        if found is None:
            missed[by_path[gold[story]].lang] += 1
            continue
        named += 1
        if by_id[found].path == gold[story]:
            right += 1
        else:
            wrong.append((story, by_path[gold[story]].lang, by_id[found].lang))
    known = sum(story in gold for story in stories)
    print(f"original named for {named} of {known} stories; precision {right / max(named, 1):.3f}, "
          f"named rightly {right / max(known, 1):.3f}")
    print("wrong (story, original's language, named language):", wrong)
    print("not named, by the original's language:", dict(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
