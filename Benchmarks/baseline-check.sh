#!/usr/bin/env bash
# Baseline check (issue 15): runs every benchmark and compares the run with the committed
# baseline, as Hummingbird's CI compares a pull request with main, using package-benchmark's
# `baseline check` and the per-metric tolerances in Benchmarks/Thresholds/tolerances.json.
# Run from anywhere; it works in the repository that holds it:
#
#   bash Benchmarks/baseline-check.sh                  # run, store the run as `current`, check it against `reference`
#   bash Benchmarks/baseline-check.sh --no-run         # check the stored `current` run again (e.g. against a new reference)
#   bash Benchmarks/baseline-check.sh --update         # run and store the run as the new `reference` (then commit it)
#   bash Benchmarks/baseline-check.sh --update --no-run   # make the stored `current` run the `reference`
#   bash Benchmarks/baseline-check.sh -- --filter 'Plan.*'  # anything after -- goes to the benchmark plugin
#
# The tolerances are read from Benchmarks/Thresholds/tolerances.json (or the file named by
# CAIRN_BENCHMARK_TOLERANCES) when the benchmarks run, and stored with the run: a check applies
# the tolerances `current` was run with, so an edit to the file takes effect from the next run.
#
# Exit status: 0 when every metric is within its tolerance, or only improves beyond it (the
# script then says so: consider --update); 1 when any metric regresses beyond its tolerance;
# 2 for a usage error; anything else is the plugin's own failure (a build error, a crash, a
# missing baseline).
#
# The reference lives in Benchmarks/.benchmarkBaselines/<target>/reference/results.json (where
# package-benchmark reads baselines) and records the machine it was measured on; `current` sits
# beside it and is ignored by git. Benchmarks never run in `swift test` and are not part of CI:
# the figures only mean something on the machine the reference was measured on.
set -euo pipefail
cd "$(dirname "$0")/.."

reference=reference
current=current
run=yes
update=no
plugin_arguments=()
while [ $# -gt 0 ]; do
    case "$1" in
        --no-run) run=no ;;
        --update) update=yes ;;
        --) shift; plugin_arguments=("$@"); break ;;
        -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
        *) echo "baseline-check: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

# The reference machine runs other builds beside the benchmarks; at niceness -10 a benchmark keeps
# most of its core. Raising priority needs root (or CAP_SYS_NICE); without it the run is at the
# normal priority, and says so, since its times are then less comparable with the reference.
priority=()
if [ "$(nice -n -10 nice 2>/dev/null)" = "-10" ]; then
    priority=(nice -n -10)
    echo "baseline-check: benchmarks run at niceness -10"
else
    echo "baseline-check: benchmarks run at normal priority (niceness -10 needs root)"
fi

benchmark() {  # the plugin on the Benchmarks package, allowed to write its baselines there
    ${priority[@]+"${priority[@]}"} swift package --package-path Benchmarks --allow-writing-to-package-directory \
        benchmark "$@"
}

baselines=Benchmarks/.benchmarkBaselines

if [ "$update" = yes ]; then
    if [ "$run" = yes ]; then
        benchmark baseline update "$reference" --no-progress ${plugin_arguments[@]+"${plugin_arguments[@]}"}
        benchmark baseline read "$reference" --no-progress ${plugin_arguments[@]+"${plugin_arguments[@]}"}
    else
        # Promote the run already stored as `current`, target by target.
        found=no
        for stored in "$baselines"/*/"$current"; do
            [ -d "$stored" ] || continue
            found=yes
            target_directory="$(dirname "$stored")"
            rm -rf "${target_directory:?}/$reference"
            cp -R "$stored" "$target_directory/$reference"
        done
        [ "$found" = yes ] || { echo "baseline-check: no stored '$current' run to promote" >&2; exit 1; }
    fi
    echo "baseline-check: '$reference' updated; commit $baselines/*/$reference"
    exit 0
fi

if [ "$run" = yes ]; then
    started=$(date +%s)
    benchmark baseline update "$current" --no-progress ${plugin_arguments[@]+"${plugin_arguments[@]}"}
    echo "baseline-check: benchmarks ran in $(( $(date +%s) - started )) s"
    # The run's figures in full; the check below shows only what moved beyond a tolerance.
    benchmark baseline read "$current" --no-progress ${plugin_arguments[@]+"${plugin_arguments[@]}"}
fi

# The plugin reports the outcome as an error name (its exit status is 1 for every error), so the
# output is kept to tell a regression from an improvement, as Hummingbird's workflow does.
output="$(mktemp)"
trap 'rm -f "$output"' EXIT
set +e
benchmark baseline check "$reference" "$current" ${plugin_arguments[@]+"${plugin_arguments[@]}"} 2>&1 | tee "$output"
status=${PIPESTATUS[0]}
set -e

if [ "$status" -eq 0 ]; then
    echo "baseline-check: every metric is within its tolerance of '$reference'"
    exit 0
elif grep -q "benchmarkThresholdRegression" "$output"; then
    echo "baseline-check: REGRESSION against '$reference' (see the table above)" >&2
    exit 1
elif grep -q "benchmarkThresholdImprovement" "$output"; then
    echo "baseline-check: only improvements beyond tolerance against '$reference'; if they are real," \
         "store them with: bash Benchmarks/baseline-check.sh --update --no-run"
    exit 0
else
    echo "baseline-check: the benchmark plugin failed (exit status $status)" >&2
    exit "$status"
fi
