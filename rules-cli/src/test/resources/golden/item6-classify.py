#!/usr/bin/env python3
"""Classifies every line where the new decisions differ from the recorded ones (digests masked)
by the issue 11 item 6 correction behind it; fails on any difference without one.

usage: item6-classify.py REQUESTS OLD_DECISIONS NEW_DECISIONS   (each .jsonl or .jsonl.gz; digests
are masked here). Exit 0 when every line is explained, 1 otherwise.

Each recorded line is rewritten by the corrections, independently of the engine:
  C1 verified: GEN-I-01; TAX-S-09, TAX-S-10; GEN-S-01..04 citing a TAX_SERIOUS_LISTING;
     TAX-I-05 and RES-S-05 (reference tags with an [M] part); MINOR rows outside general 2026.04
     (already unverified on main: expected to change nothing)
  C2 a grant's bad newGrade is a GEN-I-01 bad record from grantedOn to the end of the original
     in-force period: GEN-I-01 recomputed from the request (denied, or a later `from`), and
     joint@2016.05 leaves `packs` when nothing of it remains
  C3 error pointers: a NATURAL_PERSON id of the resident-number shape gets its resident-number
     problem at /subject/id instead of the type mismatch at /subject/type; follow-on errors
     (a target, newGrade or directReason depending on an invalid grade level, and the target-start
     comparison of such a target) are gone
and the rewritten line must equal the new one. A line may need several corrections.
"""
import calendar
import gzip
import re
import datetime as dt
import json
import sys
from collections import Counter, OrderedDict

BAD = {"TAX_GRADE": {"C", "D"}, "LABOR_GRADE": {"C"}, "ENV_GRADE": {"YELLOW", "RED", "BLACK"}}
LEVELS = {"TAX_GRADE": ["A", "B", "M", "C", "D"], "LABOR_GRADE": ["A", "B", "C"],
          "ENV_GRADE": ["GREEN", "BLUE", "YELLOW", "RED", "BLACK"]}
C1_MEASURES = {"GEN-I-01", "TAX-S-09", "TAX-S-10", "TAX-I-05", "RES-S-05"}
JOINT = {"GEN-S-01", "GEN-S-02", "GEN-S-03", "GEN-S-04"}


def d(s):
    return dt.date.fromisoformat(s)


def last_day(start, months):
    m = start.month - 1 + months
    y = start.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(start.day, calendar.monthrange(y, m)[1]))


def minus_years(day, n):
    try:
        return day.replace(year=day.year - n)
    except ValueError:
        return day.replace(year=day.year - n, day=28)


# ---------------------------------------------------------------- C1

def c1(dec, req):
    """Marks the C1 outcomes unverified; returns the measures changed."""
    types = {f.get("id"): f.get("type") for f in req.get("facts", [])}
    changed = []
    for lst in ("incentives", "sanctions", "warnings"):
        for o in dec.get(lst, []):
            m = o["measure"]
            hit = m in C1_MEASURES or (
                m in JOINT and any(types.get(f) == "TAX_SERIOUS_LISTING" for f in o["facts"]))
            if hit and o["verified"]:
                o["verified"] = False
                changed.append(m if m not in JOINT else "GEN-S-0x(tax listing)")
    return changed


# ---------------------------------------------------------------- C2

def grants(req, as_of):
    """Per target, the grant that counts on asOf (earliest granted, unrevoked)."""
    out = {}
    for f in req["facts"]:
        if f["type"] != "REPAIR_GRANTED":
            continue
        g = d(f["grantedOn"])
        rev = f.get("revokedOn")
        if g > as_of or (rev is not None and d(rev) <= as_of):
            continue
        t = f["target"]
        if t not in out or g < d(out[t]["grantedOn"]):
            out[t] = f
    return out


def bad_new_grade_records(req):
    """(start, until) of every bad replacement term (packs-v1 s.0, s.3)."""
    as_of = d(req["asOf"])
    facts = req["facts"]
    grades = [f for f in facts if f["type"] in BAD and dt.date(int(f["year"]), 12, 31) <= as_of]
    gr = grants(req, as_of)
    recs = []
    for g in grades:
        grant = gr.get(g["id"])
        if grant is None or not grant.get("newGrade"):
            continue
        if grant["newGrade"] not in BAD[g["type"]]:
            continue
        pub = d(g["publishedOn"])
        until = pub + (last_day(pub, 12) - pub)  # L(p, 12): plusMonths(12)
        nxt = None
        for o in grades:
            if (o["type"] == g["type"] and int(o["year"]) > int(g["year"])
                    and d(o["publishedOn"]) <= as_of and (nxt is None or int(o["year"]) < int(nxt["year"]))):
                nxt = o
        if nxt is not None and d(nxt["publishedOn"]) - dt.timedelta(days=1) < until:
            until = d(nxt["publishedOn"]) - dt.timedelta(days=1)
        start = d(grant["grantedOn"])
        if start <= until:
            recs.append((start, until))
    return recs


def c2(dec, req):
    """Applies the bad newGrade records to GEN-I-01; returns a description or None."""
    recs = bad_new_grade_records(req)
    if not recs:
        return None
    inc = dec.get("incentives", [])
    g = next((o for o in inc if o["measure"] == "GEN-I-01"), None)
    if g is None:
        return None
    as_of = d(req["asOf"])
    first = minus_years(as_of, 3)
    start = d(g["from"])
    denied = False
    for s, u in recs:
        if s > as_of or u < s:
            continue
        if not (s > as_of or u < first):
            denied = True
        e = last_day(u, 36) + dt.timedelta(days=1)
        start = max(start, e)
    if denied:
        inc.remove(g)
        if not any(p_uses_joint(dec)):
            dec["packs"] = [p for p in dec["packs"] if p["id"] != "joint"]
        return "GEN-I-01 denied"
    if start != d(g["from"]):
        g["from"] = start.isoformat()
        return "GEN-I-01 later from"
    return None


def p_uses_joint(dec):
    for lst in ("incentives", "sanctions", "warnings"):
        for o in dec.get(lst, []):
            yield o["rule"].startswith("joint@")
    for r in dec.get("repairs", []):
        yield r.get("rule", "").startswith("joint@")


# ---------------------------------------------------------------- C3

RID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def resident_shape(i):
    return len(i) == 18 and i[:17].isascii() and i[:17].isdigit() and (i[17].isdigit() or i[17] == "X")


def resident_problem(i, as_of):
    # the shape is given: the check character, then the birth date
    s = sum(int(c) * w for c, w in zip(i[:17], RID_W))
    exp = "10X98765432"[s % 11]
    if i[17] != exp:
        return "check character must be " + exp
    try:
        birth = dt.date(int(i[6:10]), int(i[10:12]), int(i[12:14]))
    except ValueError:
        return "birth date " + i[6:14] + " is not a calendar date"
    if as_of is not None and birth > as_of:
        return "birth date %s is after asOf %s" % (birth.isoformat(), as_of.isoformat())
    return None


def c3(old, new_errors, req):
    errs = [dict(e) for e in old["errors"]]
    notes = []
    # subject
    for k, e in enumerate(errs):
        if e["pointer"] == "/subject/type" and "is a unified social credit code" in e["reason"]:
            sid = req.get("subject", {}).get("id", "")
            sid = "".join(chr(ord(c) - 32) if "a" <= c <= "z" else c for c in sid)
            if resident_shape(sid):
                try:
                    as_of = d(req["asOf"])
                except Exception:
                    as_of = None
                errs[k] = OrderedDict([("pointer", "/subject/id"), ("value", sid),
                                       ("reason", resident_problem(sid, as_of))])
                notes.append("C3 resident-number id at /subject/id")
    # follow-on errors: facts whose level is invalid
    facts = req.get("facts", []) if isinstance(req.get("facts"), list) else []
    bad_level = set()
    for idx, f in enumerate(facts):
        if isinstance(f, dict) and f.get("type") in LEVELS and "grade" in f and isinstance(f.get("id"), str) and f["grade"] not in LEVELS[f["type"]]:
            bad_level.add(f.get("id"))
    first_index = {}
    for idx, f in enumerate(facts):
        if isinstance(f, dict) and isinstance(f.get("id"), str):
            first_index.setdefault(f["id"], idx)
    keep = []
    for e in errs:
        p = e["pointer"].split("/")
        drop = None
        if len(p) == 4 and p[1] == "facts" and p[2].isdigit() and int(p[2]) < len(facts) and isinstance(facts[int(p[2])], dict):
            f = facts[int(p[2])]
            field = p[3]
            tgt = f.get("target") if isinstance(f, dict) else None
            tgt = tgt if isinstance(tgt, str) else None
            tgt_bad = tgt in bad_level and first_index.get(tgt) is not None
            if field == "target" and tgt_bad and "not a repairable record" in e["reason"]:
                drop = "C3 follow-on target"
            elif field == "newGrade" and tgt_bad:
                drop = "C3 follow-on newGrade"
            elif field == "directReason" and isinstance(f.get("id"), str) and f.get("id") in bad_level and first_index.get(f.get("id")) == int(p[2]):
                drop = "C3 follow-on directReason"
            elif field in ("madeOn", "grantedOn", "verifiedOn") and tgt_bad and "of target" in e["reason"]:
                drop = "C3 follow-on target start"
        if drop:
            notes.append(drop)
        else:
            keep.append(e)
    out = dict(old)
    out["errors"] = keep
    return out, notes


def minor(dec, req, seen):
    """C1's MINOR row: unverified in general 2019.07 and 2023.05 (a REPAIRED entry excepted)."""
    if "errors" in dec:
        return
    facts = {f["id"]: f for f in req.get("facts", [])}
    for lst in ("sanctions", "warnings"):
        for o in dec.get(lst, []):
            pack = o["rule"].split("/")[0]
            if pack in ("general@2019.07", "general@2023.05") and all(
                    facts.get(f, {}).get("severity") == "MINOR" for f in o["facts"]):
                seen[pack + " outcome " + ("unverified" if not o["verified"] else "VERIFIED")] += 1
    for r in dec.get("repairs", []):
        pack = r["rule"].split("/")[0]
        f = facts.get(r["fact"], {})
        if pack in ("general@2019.07", "general@2023.05") and f.get("severity") == "MINOR" \
                and r["status"] != "REPAIRED":
            seen[pack + " repair " + ("unverified" if not r["verified"] else "VERIFIED")] += 1


def read_lines(path):
    raw = gzip.open(path, "rb").read() if path.endswith(".gz") else open(path, "rb").read()
    return raw.split(b"\n")


def masked(line):
    return DIGEST.sub(b'"digest":"X"', line).decode("utf-8")


DIGEST = re.compile(rb'"digest":"[^"]*"')


def main():
    reqs = read_lines(sys.argv[1])
    old = [masked(x) for x in read_lines(sys.argv[2])]
    new = [masked(x) for x in read_lines(sys.argv[3])]
    assert len(old) == len(new) == len(reqs), (len(old), len(new), len(reqs))
    lines = Counter()
    causes = Counter()
    unexplained = []
    minor_checked = Counter()
    for i, (x, y) in enumerate(zip(old, new)):
        if x == "" and y == "":
            continue
        X = json.loads(x, object_pairs_hook=OrderedDict)
        Y = json.loads(y, object_pairs_hook=OrderedDict)
        try:
            R = json.loads(reqs[i].decode("utf-8"))
        except Exception:
            R = {}
        if not isinstance(R, dict):
            R = {}
        notes = []
        if "errors" in X:
            X, notes = c3(X, None, R)
        else:
            notes += ["C1 " + m for m in c1(X, R)]
            n2 = c2(X, R)
            if n2:
                notes.append("C2 " + n2)
        # every line, equal or not, must be the recorded one rewritten by the corrections: a line
        # that should have changed and did not is as wrong as one that changed without a cause
        if json.loads(json.dumps(X), object_pairs_hook=OrderedDict) != Y:
            unexplained.append(i + 1)
            continue
        minor(Y, R, minor_checked)
        if x == y:
            continue
        corr = sorted({n.split()[0] for n in notes})
        lines["+".join(corr)] += 1
        for n in set(notes):
            causes[n] += 1
    total = sum(1 for x, y in zip(old, new) if x != y)
    print("lines:", len(old) - 1, "differing (digests masked):", total)
    print("by correction (lines):")
    for k, v in sorted(lines.items()):
        print("  %-12s %6d" % (k, v))
    print("by cause (lines having it):")
    for k, v in sorted(causes.items()):
        print("  %-40s %6d" % (k, v))
    print("MINOR rows outside general 2026.04, every decision:", dict(sorted(minor_checked.items())))
    bad_minor = sum(v for k, v in minor_checked.items() if "VERIFIED" in k)
    print("unexplained:", len(unexplained), unexplained[:20])
    sys.exit(1 if unexplained or bad_minor else 0)


if __name__ == "__main__":
    main()
