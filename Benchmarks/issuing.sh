#!/usr/bin/env bash
# Issuing benchmark (issue 19): credentials signed per second.
#
#   1. `cairn-benchmarks sign COUNT`: one completed credential signed COUNT times on one core, for
#      each proof kind (eddsa-rdfc-2022, VC-JWT EdDSA, VC-JWT ES256): the cost of a signature alone.
#   2. `cairn issue --cohort` end to end, as a process: a student information system's export of
#      generated learners imported into a store, then every learner who completed the pathway gets
#      a credential (audited, reserved in the store, signed, recorded, written to a file), for
#      each proof kind in a copy of the store; then the same run again, which issues nothing new.
#
# Run from the repository root:
#
#   bash Benchmarks/issuing.sh [learners] [signatures]     # defaults 20000 and 2000
#
# Files go to $CAIRN_BENCH_DIR (default /tmp/cairn-bench). The CLI is built in release mode from
# the Benchmarks package (in Benchmarks/.build).
set -euo pipefail
cd "$(dirname "$0")/.."
learners="${1:-20000}"
signatures="${2:-2000}"
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
pathway="db-foundation"             # a quarter of the generated learners complete it
issuer="https://skills.example.org"    # its badge catalogue's issuer
as_of="2026-11-29"

echo "== signing alone"
"$bench" sign "$signatures"

echo "== cairn issue --cohort ($learners learners, pathway $pathway)"
export_file="$work/sis-export-$learners.csv"
[ -s "$export_file" ] || { "$bench" generate-sis "$export_file.partial" "$learners" >/dev/null; mv "$export_file.partial" "$export_file"; }
base="$work/issuing-$learners.sqlite"
rm -f "$base" "$base-wal" "$base-shm"
"$cairn" learners import "$export_file" --store "$base" >/dev/null 2>&1
rm -rf "$work/issuing-keys"
"$cairn" keys generate --issuer "$issuer" --out "$work/issuing-keys/ed25519" >/dev/null
"$cairn" keys generate --issuer "$issuer" --algorithm p256 --out "$work/issuing-keys/p256" >/dev/null

run() {  # label, key, format, store, out → wall time, credentials issued and their rate, peak memory
    local label="$1" key="$2" format="$3" store="$4" out="$5"
    if ! /usr/bin/time -v "$cairn" issue --cohort --pathway "$pathway" --as-of "$as_of" --key "$key" --format "$format" \
            --store "$store" --out "$out" --no-progress >/dev/null 2>"$work/time.txt"; then
        cat "$work/time.txt" >&2
        return 1
    fi
    awk -v label="$label" '
        /^cairn: [0-9,]+ issued/ { gsub(",", "", $2); issued = $2; gsub(",", "", $4); already = $4 }
        /Elapsed \(wall clock\)/ { n = split($NF, part, ":"); wall = 0
                                   for (i = 1; i <= n; i++) wall = wall * 60 + part[i] }
        /Maximum resident set size/ { peak = $NF }
        END { printf "%-44s %7.2f s  %7d issued  %7.0f credentials/s  %7d already issued   peak %4.0f MB\n",
                     label, wall, issued, (issued > 0 ? issued / wall : 0), already, peak / 1024 }' "$work/time.txt"
}

for kind in "ob3-json ed25519" "vc-jwt ed25519" "vc-jwt p256"; do
    set -- $kind
    store="$work/issuing-$learners-$1-$2.sqlite"
    out="$work/issued-$1-$2"
    rm -rf "$out" "$store" "$store-wal" "$store-shm"
    cp "$base" "$store"
    run "$1 ($2), first run" "$work/issuing-keys/$2/issuer-key.jwk" "$1" "$store" "$out"
    run "$1 ($2), second run (nothing new)" "$work/issuing-keys/$2/issuer-key.jwk" "$1" "$store" "$out"
done
