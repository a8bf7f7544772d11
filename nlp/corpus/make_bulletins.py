"""Generate the bulletin half of the labelled training corpus: `python -m nlp.corpus.make_bulletins`.

Items come from many skeletons (templates) filled with invented suppliers, real-looking buyers and amounts in
every real-world format, plus hand-written one-offs. Output is deterministic for the fixed seed. About 20% of
groups (a skeleton, or one one-off) go to the test split whole, so test measures unseen phrasings.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
from pathlib import Path

from opencc import OpenCC

from nlp.corpus import fill, oneoffs, skel_awards, skel_more, skel_other  # noqa: F401  (registers skeletons)
from nlp.corpus.fill import Case
from nlp.corpus.parts import REGISTRY, Skeleton

SEED = 20260
OUT = Path(__file__).with_name("bulletins.jsonl")
TEST_SHARE = 0.2
TEST_MIN_PER_LABEL = 20
GROUP_PREFIX = "bul-"  # keeps bulletin groups apart from the news corpus groups
TRADITIONAL_SHARE = 0.1
LABELS = ("zero_price_bid", "abnormally_low_bid", "license_lending", "none")
FIELDS = ("id", "kind", "title", "text", "label", "cloud_related", "winner", "buyer", "amount_yuan", "budget_yuan",
          "style", "group", "split")


def make_case(rng: random.Random, sk: Skeleton, label: str) -> Case:
    """Draw the situation a skeleton renders: who bought what from whom, at which price."""
    cloud = rng.random() < sk.cloud_p
    city = fill.pick(rng, fill.CITIES)
    hard = label == "none" and rng.random() < 0.5
    if (hard and not cloud and rng.random() < 0.5) or (not cloud and rng.random() < 0.12):
        buyer = fill.place_buyer(rng)
    else:
        buyer = fill.buyer(rng, cloud, city)
    winner = fill.supplier(rng, cloud)
    if label == "none" and cloud and rng.random() < 0.15:
        winner = fill.pick(rng, fill.REAL_VENDORS) + rng.choice(("", f"{city}分公司"))
    budget = fill.budget(rng, cloud)
    amount = fill.price_for(rng, label, budget)
    what = fill.item(rng, cloud)
    return Case(label=label, cloud=cloud, project=fill.project(rng, cloud, buyer, what), item=what, buyer=buyer, winner=winner,
                agency=fill.agency(rng, city), budget=budget, amount=amount,
                others=fill.others_for(rng, label, budget, sk.others, cloud), city=city, hard=hard)


def clean_number(x: float | None) -> float | int | None:
    """Numbers as JSON: integral values as ints, others rounded to cents."""
    if x is None:
        return None
    x = round(float(x), 2)
    return int(x) if x == int(x) else x


def skeleton_items(rng: random.Random) -> list[dict]:
    """Render every registered skeleton `count` times with labels drawn from its weights."""
    items = []
    for sk in REGISTRY:
        labels = list(sk.labels)
        weights = [sk.labels[k] for k in labels]
        for _ in range(sk.count):
            label = rng.choices(labels, weights)[0]
            case = make_case(rng, sk, label)
            out = sk.render(rng, case)
            items.append({
                "title": out["title"], "text": out["text"], "label": out.get("label", label),
                "cloud_related": out.get("cloud_related", case.cloud), "winner": out.get("winner", case.winner),
                "buyer": out.get("buyer", case.buyer), "amount_yuan": out.get("amount_yuan", case.amount),
                "budget_yuan": out.get("budget_yuan", case.budget if case.shown_budget else None), "style": out["style"],
                "group": GROUP_PREFIX + sk.name,
            })
    return items


def to_traditional(rng: random.Random, items: list[dict]) -> None:
    """Convert a share of items to traditional characters in place (style becomes `traditional`)."""
    cc = OpenCC("s2t")
    for item in items:
        if rng.random() < TRADITIONAL_SHARE:
            for key in ("title", "text", "winner", "buyer"):
                if item[key]:
                    item[key] = cc.convert(item[key])
            item["style"] = "traditional"


def test_groups(items: list[dict]) -> set[str]:
    """About TEST_SHARE of the groups, chosen by a seeded hash, topped up until every label has
    TEST_MIN_PER_LABEL test items."""
    groups = sorted({i["group"] for i in items}, key=lambda g: hashlib.sha256(f"{SEED}:{g}".encode()).hexdigest())
    cut = round(len(groups) * TEST_SHARE)
    chosen = set(groups[:cut])
    for label in LABELS:
        for g in groups[cut:]:
            if sum(i["label"] == label and i["group"] in chosen for i in items) >= TEST_MIN_PER_LABEL:
                break
            if any(i["group"] == g and i["label"] == label for i in items):
                chosen.add(g)
    return chosen


def build() -> list[dict]:
    """The whole bulletin corpus, ids and splits assigned."""
    rng = random.Random(SEED)
    items = skeleton_items(rng) + [dict(i, group=GROUP_PREFIX + i["group"]) for i in oneoffs.items()]
    to_traditional(rng, items)
    rng.shuffle(items)
    test = test_groups(items)
    out = []
    for n, item in enumerate(items, 1):
        item.update(id=f"b-{n:04d}", kind="bulletin", split="test" if item["group"] in test else "train",
                    amount_yuan=clean_number(item["amount_yuan"]), budget_yuan=clean_number(item["budget_yuan"]))
        out.append({k: item[k] for k in FIELDS})
    return out


def write(path: Path) -> int:
    """Write the corpus as JSON lines; returns the item count."""
    items = build()
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return len(items)


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--out", type=Path, default=OUT, help="output JSONL path")
    args = parser.parse_args()
    print(f"wrote {write(args.out)} bulletins to {args.out}")


if __name__ == "__main__":
    main()
