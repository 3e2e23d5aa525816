#!/usr/bin/env bash
# Cohort benchmark (issue 16): a student information system's export of generated learners
# (about 30 earnings each; 100,000 learners ≈ 3 million rows) imported into a new store with
# `cairn learners import`, then `cairn audit --cohort --pathway certificate-applied-data-practice
# --format csv` over all of them, end to end, each as a process with its wall time and peak
# memory; and, for comparison, 1,000 of the same learners audited one `cairn audit` process each.
# Run from the repository root:
#
#   bash Benchmarks/cohorts.sh [learners]      # default 100000
#
# Files go to $CAIRN_BENCH_DIR (default /tmp/cairn-bench); the export is generated once per size.
# The CLI is built in release mode from the Benchmarks package (in Benchmarks/.build).
set -euo pipefail
cd "$(dirname "$0")/.."
learners="${1:-100000}"
work="${CAIRN_BENCH_DIR:-/tmp/cairn-bench}"
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || {
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq time >/dev/null
}
swift build -c release --package-path Benchmarks --product cairn >/dev/null
swift build -c release --package-path Benchmarks --product cairn-benchmarks >/dev/null
cairn="$PWD/Benchmarks/.build/release/cairn"
bench="$PWD/Benchmarks/.build/release/cairn-benchmarks"
export_file="$work/sis-export-$learners.csv"
records="$work/records-1000"
store="$work/cohort-$learners.sqlite"
results="$work/cohort-$learners.csv"
pathway="certificate-applied-data-practice"
as_of="2026-11-29"

[ -s "$export_file" ] || { "$bench" generate-sis "$export_file.partial" "$learners"; mv "$export_file.partial" "$export_file"; }
[ -d "$records" ] || "$bench" generate-records "$records" 1000
rows=$(($(wc -l < "$export_file") - 1))
echo "$(nproc) cores; $(uname -sr); export: $rows rows, $(du -m "$export_file" | cut -f1) MB"

measure() {  # label, count, noun, command…  (standard output discarded; wall time, rate and peak RSS reported)
    local label="$1" count="$2" noun="$3"; shift 3
    if ! /usr/bin/time -v "$@" >/dev/null 2>"$work/time.txt"; then
        cat "$work/time.txt" >&2
        return 1
    fi
    awk -v label="$label" -v count="$count" -v noun="$noun" '
        /Elapsed \(wall clock\)/ { n = split($NF, part, ":"); wall = 0
                                   for (i = 1; i <= n; i++) wall = wall * 60 + part[i] }
        /Maximum resident set size/ { peak = $NF }
        END { printf "%-52s %8.2f s  %10.0f %s/s   peak %5.0f MB\n", label, wall, count / wall, noun, peak / 1024 }' "$work/time.txt"
}

rm -f "$store" "$store-wal" "$store-shm"
measure "learners import (new store)" "$rows" rows \
    "$cairn" learners import --store "$store" --no-progress "$export_file"
measure "learners import again (nothing changes)" "$rows" rows \
    "$cairn" learners import --store "$store" --no-progress "$export_file"
measure "audit --cohort --format csv ($learners learners)" "$learners" learners \
    "$cairn" audit --store "$store" --cohort --pathway "$pathway" --as-of "$as_of" --format csv --output "$results" --no-progress
echo "results: $(($(wc -l < "$results") - 1)) rows, $(awk -F, 'NR > 1 && $3 == "yes"' "$results" | wc -l) complete"
measure "audit --learners (the export read directly)" "$learners" learners \
    "$cairn" audit --learners "$export_file" --pathway "$pathway" --as-of "$as_of" --format csv --output "$results.direct" --no-progress

start=$(date +%s.%N)
for file in "$records"/*.yaml; do
    "$cairn" audit --pathway "$pathway" --learner "$file" --as-of "$as_of" --format json >/dev/null
done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { wall = e - s
    printf "%-52s %8.2f s  %10.0f learners/s   (%.1f ms a process)\n", "1,000 learners, one cairn audit process each", wall, 1000 / wall, wall }'
