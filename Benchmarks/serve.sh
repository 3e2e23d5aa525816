#!/usr/bin/env bash
# Server load benchmark (issue 17): `cairn serve` on loopback over a copy of the bundled
# workspace, driven by wrk with 64 connections for 30 s on the learner audit route and on the
# plan route (the same request over and over, as a learner's page polls it: after the first, the
# answer comes from the server's cache until the store changes); then the audit route with every
# request a random learner and day from 16 years (nearly every answer computed afresh); then 32 clients record credit decisions at once (50 each) and the decision log is
# checked afterwards: exactly 1,600 decisions, sequences 1…1600 without a gap, the chain intact.
# Run from the repository root:
#
#   bash Benchmarks/serve.sh [seconds] [connections]     # default 30 64
#
# Needs wrk and python3 (Debian: apt-get install wrk). The CLI is built in release mode from the
# Benchmarks package (in Benchmarks/.build). Request logs go to $work/serve.log.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-30}"
connections="${2:-64}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 69; }
swift build -c release --package-path Benchmarks --product cairn >/dev/null
cairn="$PWD/Benchmarks/.build/release/cairn"
work="$(mktemp -d /tmp/cairn-serve-bench.XXXXXX)"
cp -r Pathways Frameworks "$work/"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
(cd "$work" && exec "$cairn" serve --port "$port" >"$work/serve.out" 2>"$work/serve.log") &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q "is serving" "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
admin=$(grep -o 'cairn_t-[A-Za-z0-9_-]*' "$work/serve.out" | head -1)
learner=$(cd "$work" && "$cairn" tokens create --role learner --learner chen 2>/dev/null)
registrar=$(cd "$work" && "$cairn" tokens create --role registrar 2>/dev/null)
base="http://127.0.0.1:$port"
echo "$(nproc) cores; $(uname -sr); cairn serve on $base; wrk $connections connections, $seconds s per route"

run() {  # label, path
    echo
    echo "== $1: GET $2"
    wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Authorization: Bearer $learner" "$base$2" \
        | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx|Socket errors"
}
run "learner audit" "/v1/learners/chen/audit?pathway=data-analysis-foundations&asOf=2026-12-01"
run "plan" "/v1/learners/chen/plan?pathway=data-analysis-foundations&asOf=2026-12-01"

cat >"$work/random-audits.lua" <<'LUA'
local learners = {"amara", "bruno", "chen", "dana", "elif", "felix", "gita", "hana", "ivan", "jonas", "kai"}
math.randomseed(17)
request = function()
  local path = string.format("/v1/learners/%s/audit?pathway=data-analysis-foundations&asOf=%04d-%02d-%02d",
    learners[math.random(#learners)], math.random(2020, 2035), math.random(1, 12), math.random(1, 28))
  return wrk.format("GET", path)
end
LUA
echo
echo "== learner audit, computed afresh: GET /v1/learners/{random learner}/audit?…&asOf={random day}"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$work/random-audits.lua" -H "Authorization: Bearer $registrar" "$base" \
    | grep -E "Requests/sec|Latency|50%|90%|99%|requests in|Non-2xx|Socket errors"

echo
echo "== 32 clients × 50 concurrent POST /v1/learners/{learner}/decisions"
python3 - "$base" "$registrar" <<'PY'
import sys, threading, urllib.request, json, time
base, token = sys.argv[1], sys.argv[2]
learners = ["chen", "bruno", "amara", "dana"]
failures = []
def client(index):
    for round in range(50):
        request = urllib.request.Request(f"{base}/v1/learners/{learners[index % 4]}/decisions?policy=northbridge-ects&asOf=2026-12-01",
                                         method="POST", headers={"Authorization": f"Bearer {token}"})
        try:
            with urllib.request.urlopen(request) as reply:
                if reply.status != 201: failures.append(reply.status)
        except Exception as error:
            failures.append(str(error))
start = time.time()
threads = [threading.Thread(target=client, args=(i,)) for i in range(32)]
for thread in threads: thread.start()
for thread in threads: thread.join()
elapsed = time.time() - start
request = urllib.request.Request(f"{base}/v1/decisions/verification", headers={"Authorization": f"Bearer {token}"})
verification = json.load(urllib.request.urlopen(request))
sequences = []
for learner in learners:
    request = urllib.request.Request(f"{base}/v1/learners/{learner}/decisions", headers={"Authorization": f"Bearer {token}"})
    sequences += [d["sequence"] for d in json.load(urllib.request.urlopen(request))["decisions"]]
ok = not failures and verification["intact"] and verification["decisions"] == 1600 and sorted(sequences) == list(range(1, 1601))
print(f"1600 requests in {elapsed:.2f} s ({1600/elapsed:.0f}/s); failures: {len(failures)}; "
      f"log: {verification['decisions']} decisions, intact: {verification['intact']}; "
      f"sequences 1…1600 each once: {sorted(sequences) == list(range(1, 1601))}")
sys.exit(0 if ok else 1)
PY
