#!/usr/bin/env python3
"""Classifies every line where the decisions after issue 12 differ from those recorded before it
(digests masked); fails on any difference without one of the causes packs-v2 s.1 allows.

usage: issue12-classify.py REQUESTS OLD_DECISIONS NEW_DECISIONS   (each .jsonl or .jsonl.gz).
Exit 0 when every line is explained, 1 otherwise.

Allowed causes (packs-v2 s.1, s.2):
  R  review outcomes: the procurement and persons review rules read v1 facts, so a decision may gain
     PRC-S-01 (an ADMIN_PENALTY), PRC-S-03/04 (a JUDGMENT_DEFAULTER), PRC-S-05 (a TAX_SERIOUS_LISTING)
     or PER-S-01/02 (a JUDGMENT_DEFAULTER), each citing only facts of that type, and `packs` the
     procurement / persons versions behind them. Nothing else of the decision may change.
  A  the list of allowed areas named by an "unknown area" error gains INSURANCE (packs-v2 s.2).
"""
import gzip
import json
import re
import sys
from collections import Counter

REVIEW = {
    "PRC-S-01": {"ADMIN_PENALTY", "CRIMINAL_PENALTY"},
    "PRC-S-03": {"JUDGMENT_DEFAULTER"},
    "PRC-S-04": {"JUDGMENT_DEFAULTER"},
    "PRC-S-05": {"TAX_SERIOUS_LISTING"},
    "PER-S-01": {"JUDGMENT_DEFAULTER"},
    "PER-S-02": {"JUDGMENT_DEFAULTER"},
}
REVIEW_PACKS = {"procurement", "persons"}
DIGEST = re.compile(r'"digest":"[^"]*"')


def lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            yield line.rstrip("\n")


def main(requests, old, new):
    causes = Counter()
    unexplained = []
    total = 0
    for n, (req, a, b) in enumerate(zip(lines(requests), lines(old), lines(new)), 1):
        total += 1
        a = DIGEST.sub('"digest":"X"', a)
        b = DIGEST.sub('"digest":"X"', b)
        if a == b:
            continue
        oa, ob = json.loads(a), json.loads(b)
        if "errors" in oa or "errors" in ob:
            fixed = b.replace(', INSURANCE', '').replace(',"INSURANCE"', '')
            if fixed == a:
                causes["A"] += 1
            else:
                unexplained.append((n, "error line differs"))
            continue
        try:
            types = {f["id"]: f["type"] for f in json.loads(req)["facts"]}
        except (ValueError, KeyError):
            types = {}
        problem = None
        for key in ("incentives", "sanctions", "warnings"):
            kept = []
            for o in ob[key]:
                allowed = REVIEW.get(o["measure"])
                if allowed is None:
                    kept.append(o)
                elif not o["facts"] or any(types.get(f) not in allowed for f in o["facts"]):
                    problem = "%s cites %s" % (o["measure"], [types.get(f) for f in o["facts"]])
            ob[key] = kept
        ob["packs"] = [p for p in ob["packs"] if p["id"] not in REVIEW_PACKS]
        if problem is None and ob == oa:
            causes["R"] += 1
        else:
            unexplained.append((n, problem or "differs beyond the review outcomes"))
    print("lines: %d, differing: %d, review outcomes (R): %d, area lists (A): %d, unexplained: %d"
          % (total, sum(causes.values()) + len(unexplained), causes["R"], causes["A"],
             len(unexplained)))
    for n, why in unexplained[:20]:
        print("  line %d: %s" % (n, why))
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
