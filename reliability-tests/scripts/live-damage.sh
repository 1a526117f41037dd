#!/usr/bin/env bash
# Issue 16 item 3 figures: what callers of `serve --live` saw, and how many decisions changed,
# when the live directory is deleted, half-written, a DRL is cut at a rule boundary; and what a
# corrupted precompiled pack does to a service that loads the shipped packs.
# Needs: mvn -q -B install -DskipTests (rules-cli/target/rules-cli.jar + lib/). Loopback only: --no-auth.
set -u
W=${W:-$(cd "$(dirname "$0")/../.." && pwd)}
CP="$W/rules-cli/target/rules-cli.jar:$W/rules-cli/target/lib/*"
T=$(mktemp -d /tmp/fig-live.XXXX)
cr() { java -XX:TieredStopAtLevel=1 -cp "$CP" dev.creditrules.cli.Main "$@"; }
cp -r "$W/rules-drl/src/main/packs" "$T/live"
cr generate --count 200 --seed 16 --out "$T/reqs.jsonl" >/dev/null
java -cp "$CP" dev.creditrules.cli.Main serve --live "$T/live" --port 0 --no-auth >"$T/serve.out" 2>"$T/serve.err" &
pid=$!
for i in $(seq 300); do grep -q listening "$T/serve.out" 2>/dev/null && break; sleep 1; done
port=$(grep -o 'http://127.0.0.1:[0-9]*' "$T/serve.out" | head -1 | sed 's/.*://')
url="http://127.0.0.1:$port"
decide() { curl -s -o "$1" -w '%{http_code}' -H 'Content-Type: application/x-ndjson' --data-binary @"$T/reqs.jsonl" "$url/v1/decisions"; }
status() { curl -s "$url/v1/packs" | python3 -c '
import json,sys
d=json.load(sys.stdin)["live"]
bad=[(f["pack"], f["problems"][0]["message"][:220]) for f in d["folders"] if f["verdict"]=="REJECTED"]
print("generation", d["generation"], "healthy", d["healthy"], "rejected", len(bad))
for b in bad[:4]: print("   ", b[0], ":", b[1])'; }
changed() { python3 - "$T/d0.jsonl" "$1" <<'PY'
import sys
a=open(sys.argv[1]).read().splitlines(); b=open(sys.argv[2]).read().splitlines()
print(f"{len(b)} answers, {sum(1 for x,y in zip(a,b) if x!=y) + abs(len(a)-len(b))} decisions changed")
PY
}
waitfor() { for i in $(seq 60); do curl -s "$url/health" | grep -q "$1" && return 0; sleep 0.5; done; echo "(timed out waiting for $1)"; }
echo "== baseline"; echo "HTTP $(decide "$T/d0.jsonl")"; decide "$T/d0b.jsonl" >/dev/null; cp "$T/d0b.jsonl" "$T/x"; changed "$T/x"; status

echo; echo "== live directory deleted (rm -rf)"
cp -r "$T/live" "$T/live.bak"; rm -rf "$T/live"; sleep 3
echo "HTTP $(decide "$T/d1.jsonl")"; changed "$T/d1.jsonl"; status
cp -r "$T/live.bak" "$T/live"; waitfor '"healthy":true'; echo "restored:"; status

echo; echo "== half-written: tax/2025.07 re-copied, interrupted before pack.properties and repair.drl"
rm -rf "$T/live/tax/2025.07"; mkdir "$T/live/tax/2025.07"
cp -r "$T/live.bak/tax/2025.07/"{CHANGES.md,README.md,cases,measures.properties} "$T/live/tax/2025.07/"; sleep 3
echo "HTTP $(decide "$T/d2.jsonl")"; changed "$T/d2.jsonl"; status
echo "   then a DRL written half (truncate -s 50% general/2026.04/*.drl):"
cp -r "$T/live.bak/tax/2025.07/." "$T/live/tax/2025.07/"; waitfor '"healthy":true'
f=$(ls "$T/live/general/2026.04/"*.drl | head -1); truncate -s $(( $(stat -c %s "$f") / 2 )) "$f"; sleep 3
echo "HTTP $(decide "$T/d2b.jsonl")"; changed "$T/d2b.jsonl"; status
cp "$T/live.bak/general/2026.04/$(basename "$f")" "$f"; waitfor '"healthy":true'; echo "restored:"; status

echo; echo "== DRL cut at a rule boundary: general/2019.07/general.drl, 3 of 6 rules kept"
d="$T/live/general/2019.07/general.drl"; n=$(grep -n '^rule "serious-penalty-publication"' "$d" | cut -d: -f1)
head -n $((n-1)) "$T/live.bak/general/2019.07/general.drl" > "$d"; sleep 3
echo "HTTP $(decide "$T/d3.jsonl")"; changed "$T/d3.jsonl"; status
cp "$T/live.bak/general/2019.07/general.drl" "$d"; waitfor '"healthy":true'; echo "restored:"; status

echo; echo "== retire tax@2025.07"
cr retire "$T/live" tax@2025.07 --reason "figures: retired on purpose"; waitfor '"generation":2'; status
echo "HTTP $(decide "$T/d4.jsonl")"; changed "$T/d4.jsonl"; echo "   (changed on purpose: 2025 grades now judged by tax@2014.10)"
echo; echo "== the log lines (WARN rejections, INFO recoveries and generations)"
grep -E "WARN|INFO" "$T/serve.err" | grep -E "live packs" | sed -E 's/sha256:[0-9a-f]{64}/sha256:…/g' | cut -c1-260
kill "$pid"; wait "$pid" 2>/dev/null

echo; echo "== corrupted precompiled pack (rules-drl jar with tax/2025.07.bin garbled)"
jar=$(ls "$W/rules-cli/target/lib/"rules-drl-*.jar)
mkdir -p "$T/lib" && cp "$W/rules-cli/target/lib/"*.jar "$T/lib/" && cp "$W/rules-cli/target/rules-cli.jar" "$T/"
python3 - "$jar" "$T/lib/$(basename "$jar")" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zi, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zo:
    for item in zi.infolist():
        data = zi.read(item.filename)
        if item.filename == "credit-rules/compiled/tax/2025.07.bin":
            b = bytearray(data); b[len(b)//2] ^= 0x55; data = bytes(b)
        zo.writestr(item, data)
PY
java -cp "$T/rules-cli.jar:$T/lib/*" dev.creditrules.cli.Main serve --port 0 --no-auth >"$T/c.out" 2>"$T/c.err"
echo "serve exit code $?"; grep -v "^\s*at " "$T/c.err" | sed -E 's/sha256:[0-9a-f]{64}/sha256:…/g' | head -5
java -cp "$T/rules-cli.jar:$T/lib/*" dev.creditrules.cli.Main evaluate "$W/examples/requests/tax-ex-07.json" >"$T/e.out" 2>"$T/e.err"
echo "evaluate exit code $? , stdout bytes $(stat -c %s "$T/e.out")"; head -3 "$T/e.err" | cut -c1-300
echo "(work dir $T)"
