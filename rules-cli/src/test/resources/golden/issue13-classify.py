#!/usr/bin/env python3
"""Issue 13: every golden line changes only by the new nextChangeOn key and by pack digests.

Usage: issue13-classify.py OLD_DECISIONS.jsonl.gz NEW_DECISIONS.jsonl.gz

For each line: an error line must be byte-identical; a decision must equal the old one once its
nextChangeOn key is removed and every pack digest is replaced by the old digest of the same pack
version (each old digest must map to exactly one new one, and back). Every new decision has the key,
right after repairs. Prints the counts and exits 1 on any unexplained line.
"""
import gzip, json, sys
from collections import Counter

old = gzip.open(sys.argv[1], 'rt', encoding='utf-8').read().split('\n')
new = gzip.open(sys.argv[2], 'rt', encoding='utf-8').read().split('\n')
assert len(old) == len(new), (len(old), len(new))
digests = {}
back = {}
counts = Counter()
unexplained = 0
for i, (a, b) in enumerate(zip(old, new), 1):
    if not a and not b:
        continue
    ja, jb = json.loads(a), json.loads(b)
    if 'errors' in ja or 'errors' in jb:
        counts['error line, identical' if a == b else 'error line, DIFFERENT'] += 1
        unexplained += a != b
        continue
    keys = list(jb.keys())
    if 'nextChangeOn' not in jb or keys[keys.index('repairs') + 1] != 'nextChangeOn':
        counts['decision without nextChangeOn after repairs'] += 1
        unexplained += 1
        continue
    counts['nextChangeOn null' if jb['nextChangeOn'] is None else 'nextChangeOn set'] += 1
    del jb['nextChangeOn']
    for p in jb.get('packs', []):
        key = p['id'] + '@' + p['version']
        for q in ja.get('packs', []):
            if q['id'] + '@' + q['version'] == key:
                if digests.setdefault((key, q['digest']), p['digest']) != p['digest'] or \
                        back.setdefault((key, p['digest']), q['digest']) != q['digest']:
                    counts['digest maps to two'] += 1
                    unexplained += 1
                p['digest'] = q['digest']
    if ja == jb:
        counts['decision, same but for nextChangeOn and digests'] += 1
    else:
        counts['decision, DIFFERENT'] += 1
        unexplained += 1
        if unexplained < 5:
            print('line', i, 'differs:', a[:300], '\n   ', b[:300])
for k, v in sorted(counts.items()):
    print(f'{v:7d}  {k}')
changed = sum(1 for (k, d), n in digests.items() if d != n)
print(f'{len(digests)} pack versions seen, {changed} with a new digest; unexplained: {unexplained}')
sys.exit(1 if unexplained else 0)
