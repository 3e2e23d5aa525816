#!/usr/bin/env bash
# Framework import benchmark (issue 3): generates an ESCO-scale RDF/XML file (deterministic seed)
# and measures, on that same file, Cairn's parse-only pass, `cairn frameworks triples`, Cairn's
# full import into the store, `xmllint --stream --noout` (the floor) and `rapper` (raptor2, the C
# RDF library), each with its peak memory from /usr/bin/time -v; then the time to open the store
# and run a skill search. Run from the repository root:
#
#   bash Benchmarks/frameworks.sh [scale]      # scale 1 = full ESCO size (default)
#
# The file and the store are kept in $CAIRN_BENCH_DIR (default /tmp/cairn-bench); the file is
# generated once per scale and reused by later runs. The `cairn` CLI is built from the Benchmarks
# package (in Benchmarks/.build), so it never competes with another build of the package in .build
# and shares its release build of Cairn with the benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."
scale="${1:-1}"
work="${CAIRN_BENCH_DIR:-/tmp/cairn-bench}"
mkdir -p "$work"

# Tools: xmllint and rapper are installed when missing (apt-get, as root or through sudo);
# /usr/bin/time (GNU time, for peak memory) likewise. bc is not needed.
missing=()
for tool in xmllint:libxml2-utils rapper:raptor2-utils /usr/bin/time:time; do
    command -v "${tool%%:*}" >/dev/null || missing+=("${tool##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Cairn's CLI (a product of the Benchmarks package's dependency) and the framework tools; the
# package-benchmark targets beside them are not needed here.
swift build -c release --package-path Benchmarks --product cairn >/dev/null
swift build -c release --package-path Benchmarks --product cairn-benchmarks >/dev/null
cairn="$PWD/Benchmarks/.build/release/cairn"
bench="$PWD/Benchmarks/.build/release/cairn-benchmarks"
file="$work/esco-scale-$scale.rdf"
store="$work/store-$scale.sqlite"

if [ ! -s "$file" ]; then
    "$bench" generate-esco "$file.partial" --scale "$scale"
    mv "$file.partial" "$file"
fi
ls -l "$file" | awk '{printf "file: %s, %d bytes (%.0f MB)\n", $9, $5, $5/1048576}'

measure() {  # label, command…  (standard output discarded; wall time and peak RSS reported)
    local label="$1"; shift
    if ! /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt"; then
        cat "$work/time.txt" >&2
        return 1
    fi
    awk -v label="$label" '
        /Elapsed \(wall clock\)/ { n = split($NF, part, ":"); wall = 0
                                   for (i = 1; i <= n; i++) wall = wall * 60 + part[i] }
        /Maximum resident set size/ { peak = $NF }
        END { printf "%-44s %9.2f s   peak %6.0f MB\n", label, wall, peak / 1024 }' "$work/time.txt"
}

echo "$(nproc) cores; $(uname -sr); $(xmllint --version 2>&1 | head -1); rapper $(rapper --version)"
"$bench" parse "$file"   # the triple count (and a first read, so that the page cache is warm for all)
measure "xmllint --stream --noout" xmllint --stream --noout "$file"
measure "rapper -i rdfxml -c" rapper -q -i rdfxml -c "$file"
measure "cairn parse only (cairn-benchmarks parse)" "$bench" parse "$file"
measure "rapper -i rdfxml -o ntriples" rapper -q -i rdfxml -o ntriples "$file"
measure "cairn frameworks triples" "$cairn" frameworks triples "$file"
rm -f "$store" "$store-wal" "$store-shm"
measure "cairn frameworks import (into a new store)" "$cairn" frameworks import "$file" --format esco-rdf --store "$store"
ls -l "$store" | awk '{printf "store: %s, %.0f MB\n", $9, $5/1048576}'
"$bench" open-search "$store" "manage data"
