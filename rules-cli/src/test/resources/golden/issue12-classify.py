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
  A  an error naming the allowed values lists the new vocabulary too (packs-v2 s.2): the new fact
     types, the area INSURANCE, the penalty kinds QUALIFICATION_DOWNGRADE, BUSINESS_RESTRICTION,
     CLOSURE; nothing else of the error line may change.
  I  a request rejected only because its areas named INSURANCE, unknown before, is now decided.
Requests are matched to decisions by requestId (some request lines hold line terminators other than
LF, so line numbers of the two files may not align).
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
NEW_WORDS = ["CRIMINAL_PENALTY", "PROCUREMENT_BAN", "PROCUREMENT_SERIOUS_LISTING",
             "BID_DISQUALIFICATION", "RESPONSIBLE_PERSON_RECORD", "MKT_SERIOUS_LISTING",
             "MKT_ABNORMAL_LISTING", "SAF_SERIOUS_LISTING", "DISPUTE", "INSURANCE",
             "QUALIFICATION_DOWNGRADE", "BUSINESS_RESTRICTION", "CLOSURE"]
DIGEST = re.compile(r'"digest":"[^"]*"')


def lines(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            yield line.rstrip("\n")


def main(requests, old, new):
    causes = Counter()
    unexplained = []
    total = 0
    facts_of = {}
    for req in lines(requests):
        try:
            r = json.loads(req)
            rid = r["requestId"]
            # a requestId used by several requests cannot say which one a decision answers
            facts_of[rid] = None if rid in facts_of else {f["id"]: f["type"] for f in r["facts"]}
        except (ValueError, KeyError, TypeError, RecursionError):
            pass
    for n, (a, b) in enumerate(zip(lines(old), lines(new)), 1):
        total += 1
        a = DIGEST.sub('"digest":"X"', a)
        b = DIGEST.sub('"digest":"X"', b)
        if a == b:
            continue
        oa, ob = json.loads(a), json.loads(b)
        if "errors" in oa:
            kept = [e for e in oa["errors"]
                    if not (e["pointer"].startswith("/areas/") and e["value"] == "INSURANCE")]
            if len(kept) < len(oa["errors"]) and (
                    ("errors" not in ob and not kept) or ob.get("errors") == kept):
                causes["I"] += 1
                continue
        if "errors" in oa or "errors" in ob:
            fixed = b
            for w in NEW_WORDS:
                fixed = fixed.replace(', ' + w, '').replace(',"' + w + '"', '')
            if fixed == a:
                causes["A"] += 1
            else:
                unexplained.append((n, "error line differs"))
            continue
        types = facts_of.get(ob.get("requestId")) or {}
        problem = None
        for key in ("incentives", "sanctions", "warnings"):
            kept = []
            for o in ob[key]:
                allowed = REVIEW.get(o["measure"])
                if allowed is None:
                    kept.append(o)
                elif not o["facts"] or (types and any(types.get(f) not in allowed
                                                      for f in o["facts"])):
                    problem = "%s cites %s" % (o["measure"], [types.get(f) for f in o["facts"]])
            ob[key] = kept
        ob["packs"] = [p for p in ob["packs"] if p["id"] not in REVIEW_PACKS]
        if problem is None and ob == oa:
            causes["R"] += 1
        else:
            unexplained.append((n, problem or "differs beyond the review outcomes"))
    print("lines: %d, differing: %d, review outcomes (R): %d, vocabulary in errors (A): %d,"
          " INSURANCE now known (I): %d, unexplained: %d"
          % (total, sum(causes.values()) + len(unexplained), causes["R"], causes["A"], causes["I"],
             len(unexplained)))
    for n, why in unexplained[:20]:
        print("  line %d: %s" % (n, why))
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
