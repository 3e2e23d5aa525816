#!/usr/bin/env bash
# Fuzz/run.sh SECONDS [TARGET...]
#
# Builds the libFuzzer targets of Fuzz/Package.swift (Cairn and its dependencies instrumented with
# -sanitize=fuzzer,address) and runs each for SECONDS, one after another, seeded from the bundled
# samples, the test fixtures and ../shared/conformance (when present). Prints per target the
# executions, executions per second, corpus size and findings, and exits 1 when any target found
# a crash, an out-of-memory or a timeout (a hang). Skips with exit 0 where the toolchain cannot
# build for libFuzzer.
#
# Environment:
#   FUZZ_JOBS        build jobs (default 1)
#   FUZZ_RSS_MB      memory limit per target in MB; more is an out-of-memory finding (default 2048)
#   FUZZ_TIMEOUT     seconds one input may take; longer is a timeout finding (default 10)
#   FUZZ_CONFIG      debug or release (default release: about five times the executions per second)
#
# Output, all under Fuzz/ and ignored by git:
#   .build-fuzz/        the build, and the corpus each target grew (kept between runs)
#   Findings/<target>/  crash-*, oom-*, timeout-* inputs; replay one with
#                       Fuzz/.build-fuzz/scratch/<config>/<target> Fuzz/Findings/<target>/crash-…
set -uo pipefail

if [ $# -lt 1 ] || ! [[ "$1" =~ ^[0-9]+$ ]]; then
    echo "usage: Fuzz/run.sh SECONDS [TARGET...]" >&2
    exit 64
fi
seconds=$1
shift

fuzz=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$fuzz/.." && pwd)
work=$fuzz/.build-fuzz
config=${FUZZ_CONFIG:-release}
rss_mb=${FUZZ_RSS_MB:-2048}
timeout=${FUZZ_TIMEOUT:-10}
all_targets=(FuzzDefinitions FuzzCredentialJSON FuzzJWT FuzzBakedPNG FuzzBakedSVG FuzzRDFXML
             FuzzESCOCSV FuzzSFIACSV FuzzSFIAXLSX FuzzCASE FuzzICalendar FuzzSISExport FuzzFormFields FuzzEuropass
             FuzzCTDLPathway FuzzBadgrPathway)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
mkdir -p "$work"

# Does this toolchain build for libFuzzer? (Apple's Xcode toolchain, for one, does not ship it.)
probe=$work/probe
mkdir -p "$probe"
cat >"$probe/probe.swift" <<'EOF'
@_cdecl("LLVMFuzzerTestOneInput")
public func probe(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt { 0 }
EOF
if ! swiftc -sanitize=fuzzer,address -parse-as-library "$probe/probe.swift" -o "$probe/probe" >"$probe/log" 2>&1; then
    echo "fuzz: skipped: this toolchain cannot build with -sanitize=fuzzer,address ($(head -1 "$probe/log"))"
    exit 0
fi

# The fuzz package reaches Cairn through this link, so the two packages' identities (taken from
# their folder names) differ even in a checkout folder named `fuzz`.
ln -sfn ../.. "$work/cairn"

build_started=$(date +%s)
echo "fuzz: building ${#targets[@]} target(s) ($config, -sanitize=fuzzer,address)"
if ! swift build --package-path "$fuzz" -c "$config" -j "${FUZZ_JOBS:-1}" --scratch-path "$work/scratch" \
        -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >"$work/build.log" 2>&1; then
    tail -40 "$work/build.log"
    echo "fuzz: the build failed (log: $work/build.log)" >&2
    exit 2
fi
echo "fuzz: built in $(( $(date +%s) - build_started )) s"
bin=$(swift build --package-path "$fuzz" -c "$config" --scratch-path "$work/scratch" --show-bin-path)

conformance=$root/../shared/conformance

# seed_files TARGET: the sample files that seed TARGET, one path a line.
seed_files() {
    local samples=("$root/Pathways" "$root/Frameworks" "$root"/Tests/*/Fixtures)
    local openbadges=$conformance/openbadges
    case $1 in
    FuzzDefinitions)
        find "${samples[@]}" -type f \( -name '*.yaml' -o -name '*.yml' -o -name 'pathway.json' \) ;;
    FuzzCredentialJSON)
        find "${samples[@]}" "$openbadges" "$conformance/elm-v3" -type f \( -name '*.json' -o -name '*.jsonld' \) \
            -size -256k 2>/dev/null | grep -v -e /frameworks/ -e /keys/ ;;
    FuzzJWT)
        find "${samples[@]}" "$openbadges" -type f -name '*.jwt' 2>/dev/null ;;
    FuzzEuropass)
        find "${samples[@]}" "$conformance/elm-v3" -type f -name '*.jsonld' ! -name 'edc-ap-context.jsonld' \
            -size -256k 2>/dev/null ;;
    FuzzBakedPNG)
        find "${samples[@]}" "$openbadges" -type f -name '*.png' 2>/dev/null ;;
    FuzzBakedSVG)
        find "${samples[@]}" "$openbadges" -type f -name '*.svg' 2>/dev/null ;;
    FuzzRDFXML)
        find "${samples[@]}" "$conformance/w3c-rdf-xml" -type f \( -name '*.rdf' -o -name '*.owl' \) \
            -size -64k 2>/dev/null ;;
    FuzzESCOCSV)
        find "${samples[@]}" -type f -name '*_*.csv' ;;
    FuzzSFIACSV)
        find "${samples[@]}" -type f -name '*sfia*.csv' ;;
    FuzzSFIAXLSX)
        find "${samples[@]}" -type f -name '*.xlsx' ;; # and the parts of the sample, split at %%, in Corpus/
    FuzzSISExport)
        find "$root/Pathways/sis" -type f -name '*.csv' ;;
    FuzzCASE)
        find "${samples[@]}" -type f -name '*case*.json' ;;
    FuzzCTDLPathway)
        find "$root/Interop/ctdl" -type f -name '*.json' ;;
    FuzzBadgrPathway)
        find "$root/Interop/badgr" -type f -name '*.json' ;;
    FuzzICalendar)
        ;; # builds its calendars from raw bytes; starts from nothing and the committed seeds
    FuzzFormFields)
        ;; # form bodies, a selector byte first: starts from the committed seeds
    esac
}

# The ESCO target reads its input as a package folder, files split at lines `%%`: seeds from
# the mini package in the fixtures and from the heads of the conformance export.
esco_package_seeds() {
    local out=$1 mini=$root/Tests/CairnTestSupport/Fixtures/frameworks/esco-csv-mini
    local names=(skills occupations skillGroups broaderRelationsSkillPillar occupationSkillRelations)
    if [ -d "$mini" ]; then
        for name in "${names[@]}"; do cat "$mini/${name}_de.csv" 2>/dev/null; printf '\n%%%%\n'; done >"$out/package-mini"
    fi
    local export=$conformance/esco-v1.2.0-en
    if [ -d "$export" ]; then
        { head -c 6000 "$root/Frameworks/esco/skills_en.csv"; printf '\n%%%%\n'
          head -c 6000 "$export/occupations_en.csv"; printf '\n%%%%\n'
          head -c 6000 "$export/skillGroups_en.csv"; printf '\n%%%%\n'
          head -c 6000 "$export/broaderRelationsSkillPillar_en.csv"; } >"$out/package-export"
        for file in "$export"/*Collection_en.csv; do head -c 8000 "$file" >"$out/$(basename "$file")"; done
    fi
}

max_len() {
    case $1 in
    FuzzCredentialJSON | FuzzBakedPNG | FuzzEuropass) echo 65536 ;;
    FuzzICalendar) echo 4096 ;;
    FuzzJWT | FuzzDefinitions | FuzzSFIACSV | FuzzSISExport | FuzzFormFields) echo 16384 ;;
    *) echo 32768 ;;
    esac
}

dictionary() {
    case $1 in
    FuzzDefinitions) echo yaml ;;
    FuzzCredentialJSON | FuzzEuropass) echo json-ld ;;
    FuzzJWT) echo jwt ;;
    FuzzBakedPNG) echo png ;;
    FuzzBakedSVG) echo svg ;;
    FuzzRDFXML) echo rdf-xml ;;
    FuzzESCOCSV) echo esco-csv ;;
    FuzzSFIACSV) echo sfia-csv ;;
    FuzzSFIAXLSX) echo xlsx ;;
    FuzzCASE) echo case ;;
    FuzzFormFields) echo form ;;
    FuzzCTDLPathway) echo ctdl ;;
    FuzzBadgrPathway) echo badgr ;;
    esac
}

found_any=0
summary=()
for target in "${targets[@]}"; do
    if [ ! -x "$bin/$target" ]; then
        echo "fuzz: no such target $target (targets: ${all_targets[*]})" >&2
        exit 64
    fi
    corpus=$work/corpus/$target
    seeds=$work/seeds/$target
    findings=$fuzz/Findings/$target
    rm -rf "$seeds"
    mkdir -p "$corpus" "$seeds" "$findings"
    seed_files "$target" | while IFS= read -r file; do
        cp "$file" "$seeds/$(echo "$file" | cksum | cut -d' ' -f1)-$(basename "$file")"
    done
    [ "$target" = FuzzESCOCSV ] && esco_package_seeds "$seeds"
    [ -d "$fuzz/Corpus/$target" ] && cp "$fuzz/Corpus/$target"/* "$seeds/" 2>/dev/null
    options=(-max_total_time="$seconds" -rss_limit_mb="$rss_mb" -timeout="$timeout" -max_len="$(max_len "$target")"
             -print_final_stats=1 -artifact_prefix="$findings/")
    dict=$(dictionary "$target")
    [ -n "$dict" ] && options+=(-dict="$fuzz/Dictionaries/$dict.dict")

    marker=$work/started-$target
    touch "$marker"
    log=$work/$target.log
    echo "fuzz: $target for $seconds s (log: $log)"
    ( cd "$work" && "$bin/$target" "${options[@]}" "$corpus" "$seeds" ) >"$log" 2>&1
    status=$?
    rm -rf "$work"/esco-package-*
    stat() { grep -o "stat::$1: *[0-9]*" "$log" | tail -1 | grep -o '[0-9]*$' || echo "?"; }
    new_findings=$(find "$findings" -type f -newer "$marker" \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \
                        -o -name 'leak-*' \) | sort)
    count=$(echo -n "$new_findings" | grep -c . || true)
    line=$(printf '%-20s %12s execs %8s/s  corpus %5s  findings %s' "$target" "$(stat number_of_executed_units)" \
               "$(stat average_exec_per_sec)" "$(find "$corpus" -type f | wc -l)" "$count")
    if [ "$count" -gt 0 ] || [ "$status" -ne 0 ]; then
        found_any=1
        line+="  (exit $status)"
        for finding in $new_findings; do line+=$'\n'"    ${finding#"$root"/}"; done
        reason=$(grep -m1 -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|Fatal error|fuzz property failed' "$log")
        [ -n "$reason" ] && line+=$'\n'"    $reason"
    fi
    echo "$line"
    summary+=("$line")
done

echo
echo "fuzz: $seconds s per target"
printf '%s\n' "${summary[@]}"
if [ "$found_any" -ne 0 ]; then
    echo "fuzz: findings above; turn each into a regression test under Tests/ (README, Fuzzing)" >&2
    exit 1
fi
