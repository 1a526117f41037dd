#!/usr/bin/env bash
# wrk against `serve` with its defaults (2 workers on 2 processors, queue 64, a bearer token):
# 64 connections (within the 66 it admits), then 132 (twice that); the 503s and rejections from
# /metrics; RSS; exit code on SIGTERM. Needs wrk (apt-get install -y wrk) and
# mvn -q -B install -DskipTests. Usage: scripts/wrk.sh [PORT]
set -eu
repo=$(cd "$(dirname "$0")/../.." && pwd)
port=${1:-18085}
work=$(mktemp -d /tmp/wrk.XXXXXX)
cd "$work"
cat > decide.lua <<LUA
local f = assert(io.open("$repo/examples/requests/tax-ex-01.json", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("requests %d, non-2xx/3xx %d, socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.requests, e.status, e.connect, e.read, e.write, e.timeout))
end
LUA
TOKEN=$("$repo/bin/credit-rules" token --token-file tokens --name wrk)
export TOKEN
"$repo/bin/credit-rules" serve --port "$port" --token-file tokens > serve.out 2> serve.err &
pid=$!
for _ in $(seq 1 120); do grep -q "listening on" serve.out 2>/dev/null && break; sleep 1; done
url=http://127.0.0.1:$port/v1/decisions
wrk -t2 -c16 -d15s -s decide.lua "$url" > warm-up.txt
echo "== 64 connections (2 workers + 64 queue places admit 66)"
wrk -t2 -c64 -d20s --latency -s decide.lua "$url"
echo "== 132 connections"
wrk -t2 -c132 -d20s --latency -s decide.lua "$url"
curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port/metrics" \
  | grep -E '^creditrules_(requests_rejected_total|http_requests_total\{route="/v1/decisions")'
echo "== $(grep VmRSS /proc/$pid/status)"
kill -TERM "$pid"; wait "$pid"; echo "exit $?"
echo "work dir: $work"
