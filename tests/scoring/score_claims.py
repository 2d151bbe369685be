#!/usr/bin/env python3
"""Score the claims `IngestWorker extract` printed against hand-made gold claims.

Usage: score_claims.py EXTRACT_JSON GOLD_JSON [--min-troops 0.95] [--min-bases 0.9] [--min-attributes 0.9]

EXTRACT_JSON is the array `extract` prints. GOLD_JSON maps a file name to its expected
{"troopCounts": [...], "baseStatuses": [...]}. Articles are matched on the file's name.

Troop counts match on (location, count) within an article; base statuses on (base, status).
Recall and precision of both must reach their minimum, and among matched troop counts the
kind, the bound and asOf must each be right at least --min-attributes of the time.
Prints a report and exits 1 when a figure is below its minimum, 2 when the input is unusable.
Python 3 standard library only.
"""
import argparse
import json
import os
import sys
from collections import defaultdict

ATTRIBUTES = ("kind", "bound", "asOf")


def load(path, what):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, json.JSONDecodeError) as error:
        print(f"cannot read the {what} file {path}: {error}", file=sys.stderr)
        sys.exit(2)


def pair_troops(gold, found):
    """Pairs gold and extracted troop counts sharing (location, count); exact twins are paired first."""
    by_key = defaultdict(lambda: ([], []))
    for claim in gold:
        by_key[(claim["location"], claim["count"])][0].append(claim)
    for claim in found:
        by_key[(claim["location"], claim["count"])][1].append(claim)
    pairs, missed, extra = [], [], []
    for gold_list, found_list in by_key.values():
        found_left = list(found_list)
        gold_left = []
        for claim in gold_list:
            twin = next((f for f in found_left if all(f.get(a) == claim.get(a) for a in ATTRIBUTES)), None)
            if twin is None:
                gold_left.append(claim)
            else:
                found_left.remove(twin)
                pairs.append((claim, twin))
        while gold_left and found_left:
            pairs.append((gold_left.pop(0), found_left.pop(0)))
        missed.extend(gold_left)
        extra.extend(found_left)
    return pairs, missed, extra


def match_multiset(gold_keys, found_keys):
    left = list(found_keys)
    matched, missed = 0, []
    for key in gold_keys:
        if key in left:
            left.remove(key)
            matched += 1
        else:
            missed.append(key)
    return matched, missed, left


def ratio(part, whole):
    return 1.0 if whole == 0 else part / whole


def describe(claim):
    return (f"{claim.get('force')} {claim['location']} site={claim.get('site')} {claim.get('kind')} "
            f"{claim['count']} {claim.get('bound')} asOf={claim.get('asOf')}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("extract_json")
    parser.add_argument("gold_json")
    parser.add_argument("--min-troops", type=float, default=0.95, help="minimum recall and precision of troop counts")
    parser.add_argument("--min-bases", type=float, default=0.9, help="minimum recall and precision of base statuses")
    parser.add_argument("--min-attributes", type=float, default=0.9, help="minimum share of matched troop counts with each of kind, bound, asOf right")
    args = parser.parse_args()

    extracted = load(args.extract_json, "extract")
    gold = load(args.gold_json, "gold")
    if not isinstance(extracted, list) or not isinstance(gold, dict):
        print("the extract file must hold a JSON array and the gold file a JSON object", file=sys.stderr)
        return 2

    by_name = {os.path.basename(item["file"]): item for item in extracted}
    totals = defaultdict(int)
    attribute_right = defaultdict(int)
    lines = []
    for name, expected in sorted(gold.items()):
        item = by_name.get(name)
        if item is None or "error" in item:
            reason = "not in the extract output" if item is None else f"error: {item['error']}"
            lines.append(f"{name}: {reason}")
            item = {"troopCounts": [], "baseStatuses": []}
        gold_troops, found_troops = expected.get("troopCounts", []), item.get("troopCounts", [])
        pairs, missed, extra = pair_troops(gold_troops, found_troops)
        totals["troops_gold"] += len(gold_troops)
        totals["troops_found"] += len(found_troops)
        totals["troops_matched"] += len(pairs)
        for gold_claim, found_claim in pairs:
            for attribute in ATTRIBUTES:
                if gold_claim.get(attribute) == found_claim.get(attribute):
                    attribute_right[attribute] += 1
                else:
                    lines.append(f"{name}: {gold_claim['location']} {gold_claim['count']}: {attribute} is "
                                 f"{found_claim.get(attribute)!r}, gold says {gold_claim.get(attribute)!r}")
        lines.extend(f"{name}: missed troop count {describe(c)}" for c in missed)
        lines.extend(f"{name}: extra troop count {describe(c)}" for c in extra)

        gold_bases = [(b["base"], b["status"]) for b in expected.get("baseStatuses", [])]
        found_bases = [(b["base"], b["status"]) for b in item.get("baseStatuses", [])]
        matched, missed_bases, extra_bases = match_multiset(gold_bases, found_bases)
        totals["bases_gold"] += len(gold_bases)
        totals["bases_found"] += len(found_bases)
        totals["bases_matched"] += matched
        lines.extend(f"{name}: missed base status {b} {s}" for b, s in missed_bases)
        lines.extend(f"{name}: extra base status {b} {s}" for b, s in extra_bases)

    figures = [
        ("troop counts recall", ratio(totals["troops_matched"], totals["troops_gold"]), args.min_troops,
         f"{totals['troops_matched']}/{totals['troops_gold']}"),
        ("troop counts precision", ratio(totals["troops_matched"], totals["troops_found"]), args.min_troops,
         f"{totals['troops_matched']}/{totals['troops_found']}"),
        ("base statuses recall", ratio(totals["bases_matched"], totals["bases_gold"]), args.min_bases,
         f"{totals['bases_matched']}/{totals['bases_gold']}"),
        ("base statuses precision", ratio(totals["bases_matched"], totals["bases_found"]), args.min_bases,
         f"{totals['bases_matched']}/{totals['bases_found']}"),
    ]
    figures += [(f"matched troop counts with {a} right", ratio(attribute_right[a], totals["troops_matched"]),
                 args.min_attributes, f"{attribute_right[a]}/{totals['troops_matched']}") for a in ATTRIBUTES]

    print(f"Scored {len(gold)} articles.")
    for line in lines:
        print("  " + line)
    failed = False
    for label, value, minimum, counts in figures:
        verdict = "ok" if value >= minimum else "BELOW"
        failed |= value < minimum
        print(f"{label:42} {value:6.3f}  ({counts}, minimum {minimum:.2f})  {verdict}")
    print("FAIL" if failed else "PASS")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
