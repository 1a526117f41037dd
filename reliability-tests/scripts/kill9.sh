#!/usr/bin/env bash
# evaluate --jsonl --log under kill -9: every printed decision has its record; the log's last line
set -euo pipefail
repo=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
n=${2:-60000}
after=${3:-4}
work=$(mktemp -d /tmp/kill9.XXXXXX)
python3 - "$repo" "$n" > "$work/in.jsonl" <<'PY'
import json, sys, pathlib
reqs=[json.loads(p.read_text()) for p in sorted(pathlib.Path(sys.argv[1],'examples/requests').glob('*.json'))]
for i in range(int(sys.argv[2])):
    r=dict(reqs[i % len(reqs)]); r['requestId']='k9-%d' % i
    print(json.dumps(r, ensure_ascii=False, separators=(',',':')))
PY
"$repo/bin/credit-rules" evaluate --jsonl "$work/in.jsonl" --quiet --log "$work/log.jsonl" > "$work/out.jsonl" 2>"$work/err" &
pid=$!
sleep "$after"
# the java process is the exec'd launcher
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
python3 - "$work" <<'PY'
import json, sys, os
w=sys.argv[1]
out=open(os.path.join(w,'out.jsonl'),'rb').read().split(b'\n')
printed=set(); cut_out=0
for l in out:
    if not l: continue
    try: d=json.loads(l)
    except Exception: cut_out+=1; continue
    if 'errors' not in d: printed.add(d['requestId'])
raw=open(os.path.join(w,'log.jsonl'),'rb').read()
lines=raw.split(b'\n')
recorded=set(); bad=0
for l in lines:
    if not l.strip(): continue
    try: r=json.loads(l)
    except Exception: bad+=1; continue
    if r['result']=='DECIDED': recorded.add(r['requestId'])
print("decisions printed: %d (cut output lines: %d); records: %d (unparseable lines: %d, file ends with newline: %s); printed without a record: %d; recorded, not printed: %d"
      % (len(printed), cut_out, len(recorded), bad, raw.endswith(b'\n'), len(printed-recorded), len(recorded-printed)))
PY
echo "work dir: $work"
