#!/usr/bin/env bash
# Framework import benchmark (issue 3): generates an ESCO-scale RDF/XML file (deterministic seed)
# and measures, on that same file, Cairn's parse-only pass, `cairn frameworks triples`, Cairn's
# full import into the store, `xmllint --stream --noout` (the floor) and `rapper` (raptor2, the C
# RDF library), each with its peak memory from /usr/bin/time -v; then the time to open the store
# and run a skill search. Run from the repository root:
#
#   bash Benchmarks/frameworks.sh [scale]      # scale 1 = full ESCO size (default)
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
work="${CAIRN_BENCH_DIR:-/tmp/cairn-bench}"
mkdir -p "$work"

for tool in xmllint:libxml2-utils rapper:raptor2-utils; do
    command -v "${tool%%:*}" >/dev/null || { apt-get update -qq && apt-get install -y -qq "${tool##*:}" >/dev/null; }
done

swift build -c release --product cairn >/dev/null
swift build -c release --package-path Benchmarks >/dev/null
cairn="$PWD/.build/release/cairn"
bench="$PWD/Benchmarks/.build/release/cairn-benchmarks"
file="$work/esco-scale-$scale.rdf"
store="$work/store.sqlite"

[ -f "$file" ] || "$bench" generate-esco "$file" --scale "$scale"
ls -l "$file" | awk '{printf "file: %s, %.0f MB\n", $9, $5/1048576}'

measure() {  # label, command…
    local label="$1"; shift
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt" || { cat "$work/time.txt"; return 1; }
    local seconds memory
    seconds=$(grep "Elapsed (wall clock)" "$work/time.txt" | awk '{print $NF}')
    memory=$(grep "Maximum resident set size" "$work/time.txt" | awk '{print $NF}')
    printf "%-44s %10s s   peak %6.0f MB\n" "$label" "$seconds" "$(echo "$memory / 1024" | bc -l)"
}

measure "xmllint --stream --noout" xmllint --stream --noout "$file"
measure "rapper -i rdfxml -c" rapper -q -i rdfxml -c "$file"
measure "cairn parse only (cairn-benchmarks parse)" "$bench" parse "$file"
measure "rapper -i rdfxml -o ntriples" rapper -q -i rdfxml -o ntriples "$file"
measure "cairn frameworks triples" "$cairn" frameworks triples "$file"
rm -f "$store" "$store-wal" "$store-shm"
measure "cairn frameworks import (into a new store)" "$cairn" frameworks import "$file" --format esco-rdf --store "$store"
"$bench" open-search "$store" "manage data"
