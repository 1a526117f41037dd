#!/usr/bin/env bash
# evaluate --jsonl --log on a tiny tmpfs (as root): the disk fills mid-run
set -euo pipefail
repo=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
n=${2:-400}
mnt=$(mktemp -d /tmp/tinyfs.XXXXXX)
mount -t tmpfs -o size=128k tmpfs "$mnt"
trap 'umount "$mnt"; rmdir "$mnt"' EXIT
work=$(mktemp -d /tmp/diskfull.XXXXXX)
python3 - "$repo" "$n" > "$work/in.jsonl" <<'PY'
import json, sys, pathlib
reqs=[json.loads(p.read_text()) for p in sorted(pathlib.Path(sys.argv[1],'examples/requests').glob('*.json'))]
for i in range(int(sys.argv[2])):
    r=dict(reqs[i % len(reqs)]); r['requestId']='df-%d' % i
    print(json.dumps(r, ensure_ascii=False, separators=(',',':')))
PY
set +e
"$repo/bin/credit-rules" evaluate --jsonl "$work/in.jsonl" --quiet --threads 2 --log "$mnt/log.jsonl" > "$work/out1.jsonl" 2>"$work/err1"
echo "run 1 (128 KiB file system): exit $?"
tail -n 2 "$work/err1"
# room again: the same log, a second run
mount -o remount,size=4m "$mnt"
head -n 20 "$work/in.jsonl" | sed 's/"df-/"df2-/' > "$work/in2.jsonl"
"$repo/bin/credit-rules" evaluate --jsonl "$work/in2.jsonl" --quiet --log "$mnt/log.jsonl" > "$work/out2.jsonl" 2>"$work/err2"
echo "run 2 (after remount to 4 MiB): exit $?"
set -e
python3 - "$work" "$mnt/log.jsonl" <<'PY'
import json, sys, os
w, logf = sys.argv[1], sys.argv[2]
def outs(name):
    printed=set(); notrec=0
    for l in open(os.path.join(w,name),'rb').read().split(b'\n'):
        if not l: continue
        d=json.loads(l)
        if 'errors' in d:
            if 'could not be recorded' in d['errors'][0]['reason']: notrec+=1
        else: printed.add(d['requestId'])
    return printed, notrec
p1,n1=outs('out1.jsonl'); p2,n2=outs('out2.jsonl')
raw=open(logf,'rb').read()
recorded=set(); bad=0
for l in raw.split(b'\n'):
    if not l.strip(): continue
    try: r=json.loads(l)
    except Exception: bad+=1; continue
    recorded.add(r['requestId'])
print("run 1: %d decisions printed, %d error lines 'not recorded'; run 2: %d printed, %d not recorded" % (len(p1),n1,len(p2),n2))
print("log: %d bytes, %d whole records, %d damaged lines; printed without a record: %d; run 2's records all readable: %s"
      % (len(raw), len(recorded), bad, len((p1|p2)-recorded), p2 <= recorded))
PY
echo "work dir: $work"
