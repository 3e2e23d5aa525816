#!/usr/bin/env bash
# Scale-out benchmark (issue 18): Cairn's store on PostgreSQL.
#
#   1. A student information system's export of generated learners (30 earnings each; default
#      1,000,000 learners = 30 million rows) imported into an empty PostgreSQL database with
#      `cairn learners import --database URL`: wall time, rows/s, peak memory of the importer.
#   2. A cohort audit of all of them as a job (`cairn jobs submit audit`), computed by one
#      `cairn worker`, then (a second job) by two workers at once: learners/s each, and the ratio.
#   3. Two `cairn serve` processes on the same database, each driven by wrk at once for
#      $seconds s (learner audits computed afresh: a random learner and day each request):
#      requests/s and p99 of each, and in all.
#
# Run from the repository root:
#
#   bash Benchmarks/postgres.sh [learners] [seconds]       # default 1000000 30
#
# PostgreSQL: the one CAIRN_BENCH_DATABASE_URL names (an empty database), or else a throwaway
# cluster started here (Debian's postgresql; as the postgres user when run as root) with
# shared_buffers=1GB and max_wal_size=8GB, fsync on, stopped at the end. Files go to
# $CAIRN_BENCH_DIR (default /tmp/cairn-bench). The CLI is built in release mode from the
# Benchmarks package. Needs wrk and GNU time (apt-get install wrk time).
set -euo pipefail
cd "$(dirname "$0")/.."
learners="${1:-1000000}"
seconds="${2:-30}"
work="${CAIRN_BENCH_DIR:-/tmp/cairn-bench}"
mkdir -p "$work"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 69; }
swift build -c release --package-path Benchmarks --product cairn >/dev/null
swift build -c release --package-path Benchmarks --product cairn-benchmarks >/dev/null
cairn="$PWD/Benchmarks/.build/release/cairn"
bench="$PWD/Benchmarks/.build/release/cairn-benchmarks"
pathway="certificate-applied-data-practice"
as_of="2026-11-29"
export_file="$work/sis-export-$learners.csv"
[ -s "$export_file" ] || { "$bench" generate-sis "$export_file.partial" "$learners"; mv "$export_file.partial" "$export_file"; }
rows=$(($(wc -l < "$export_file") - 1))
# Cairn refuses a single export over 2 GiB (README, Limits): a larger one is imported as parts of
# at most 1 GB each, split between learners (as a registrar would export by term or campus).
parts=("$export_file")
if [ "$(stat -c %s "$export_file")" -gt 2000000000 ]; then
    if [ ! -s "$export_file.part-1.csv" ]; then
        awk -v base="$export_file" 'NR == 1 { header = $0; part = 1; file = base ".part-1.csv"; print header > file; next }
            { split($0, field, ","); if (size > 1000000000 && field[1] != last) { close(file); part++; file = base ".part-" part ".csv"
                  print header > file; size = 0 }
              print > file; size += length($0) + 2; last = field[1] }' "$export_file"
    fi
    parts=("$export_file".part-*.csv)
fi

cleanup=()
trap 'for step in "${cleanup[@]}"; do eval "$step"; done' EXIT
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

if [ -n "${CAIRN_BENCH_DATABASE_URL:-}" ]; then
    database="$CAIRN_BENCH_DATABASE_URL"
else
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    pg_dir=$(mktemp -d /tmp/cairn-bench-pg.XXXXXX)
    pg_port=$(free_port)
    as_pg=()
    if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; as_pg=(runuser -u postgres --); fi
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres -E UTF8 --locale C >/dev/null
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w start \
        -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB" >/dev/null
    cleanup+=("\"\${as_pg[@]}\" \"$pg_bin/pg_ctl\" -D \"$pg_dir/data\" -m fast stop >/dev/null 2>&1; rm -rf \"$pg_dir\"")
    database="postgres://postgres@127.0.0.1:$pg_port/postgres?sslmode=disable"
fi
echo "$(nproc) cores; $(uname -sr); $(psql "$database" -Atc 'select version()' | cut -d, -f1)"
echo "export: $rows rows ($learners learners), $(du -m "$export_file" | cut -f1) MB; database $database"
echo

measure() {  # label, count, noun, command…  (wall time, rate and peak RSS of the command)
    local label="$1" count="$2" noun="$3"; shift 3
    if ! /usr/bin/time -v "$@" >"$work/out.txt" 2>"$work/time.txt"; then
        cat "$work/time.txt" >&2
        return 1
    fi
    awk -v label="$label" -v count="$count" -v noun="$noun" '
        /Elapsed \(wall clock\)/ { n = split($NF, part, ":"); wall = 0
                                   for (i = 1; i <= n; i++) wall = wall * 60 + part[i] }
        /Maximum resident set size/ { peak = $NF }
        END { printf "%-58s %8.2f s  %10.0f %s/s   peak %5.0f MB\n", label, wall, count / wall, noun, peak / 1024 }' "$work/time.txt"
}

# 1. Import.
measure "learners import into PostgreSQL (empty database, ${#parts[@]} file(s))" "$rows" rows \
    "$cairn" learners import --database "$database" --no-progress "${parts[@]}"
psql "$database" -Atc "select 'stored: ' || (select count(*) from learner) || ' learners, ' || (select count(*) from earning) || ' earnings, ' || pg_size_pretty(pg_database_size(current_database()))"

# 2. Cohort audits as jobs.
audit_job() {  # workers
    local workers="$1" job start end
    job=$("$cairn" jobs submit audit --pathway "$pathway" --as-of "$as_of" --chunk-size 2000 --database "$database")
    start=$(date +%s.%N)
    local pids=()
    for index in $(seq 1 "$workers"); do
        "$cairn" worker --until-idle --name "bench-$index" --database "$database" 2>/dev/null &
        pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    end=$(date +%s.%N)
    "$cairn" jobs results "$job" --database "$database" --output "$work/job-$workers.csv"
    awk -v s="$start" -v e="$end" -v n="$learners" -v w="$workers" 'BEGIN { wall = e - s
        printf "%-58s %8.2f s  %10.0f learners/s\n", "cohort audit job, " w " worker" (w > 1 ? "s" : ""), wall, n / wall }' \
        | tee "$work/job-$workers.txt"
}
audit_job 1
audit_job 2
one=$(awk '{ print $(NF-1) }' "$work/job-1.txt")
two=$(awk '{ print $(NF-1) }' "$work/job-2.txt")
awk -v a="$one" -v b="$two" 'BEGIN { printf "two workers / one: %.2f×\n", b / a }'
cmp -s "$work/job-1.csv" "$work/job-2.csv" && echo "both jobs' results are identical ($(($(wc -l < "$work/job-1.csv") - 1)) rows)"

# 3. Two servers on the one database.
echo
serve_dir=$(mktemp -d /tmp/cairn-bench-serve.XXXXXX)
cp -r Pathways Frameworks "$serve_dir/"
cleanup+=("rm -rf \"$serve_dir\"")
ports=()
for index in 1 2; do
    port=$(free_port)
    ports+=("$port")
    (cd "$serve_dir" && exec "$cairn" serve --database "$database" --port "$port" >"$serve_dir/serve-$index.out" 2>"$serve_dir/serve-$index.log") &
    cleanup+=("kill -TERM $! 2>/dev/null; wait $! 2>/dev/null")
    for _ in $(seq 1 300); do grep -q "is serving" "$serve_dir/serve-$index.out" 2>/dev/null && break; sleep 0.1; done
done
token=$(cd "$serve_dir" && "$cairn" tokens create --role registrar --database "$database" 2>/dev/null)
cat >"$serve_dir/random-audits.lua" <<LUA
math.randomseed(tonumber(os.getenv("SEED") or "17"))
request = function()
  local path = string.format("/v1/learners/learner-%d/audit?pathway=$pathway&asOf=%04d-%02d-%02d",
    math.random(0, $learners - 1), math.random(2024, 2030), math.random(1, 12), math.random(1, 28))
  return wrk.format("GET", path)
end
LUA
for index in 1 2; do
    SEED=$index wrk -t1 -c32 -d"${seconds}s" --latency -s "$serve_dir/random-audits.lua" -H "Authorization: Bearer $token" \
        "http://127.0.0.1:${ports[$((index - 1))]}" >"$serve_dir/wrk-$index.txt" &
done
wait %?wrk 2>/dev/null || true
sleep 1
while pgrep -x wrk >/dev/null; do sleep 1; done
total=0
for index in 1 2; do
    rate=$(awk '/Requests\/sec/ { print $2 }' "$serve_dir/wrk-$index.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$serve_dir/wrk-$index.txt")
    errors=$(grep -E "Non-2xx|Socket errors" "$serve_dir/wrk-$index.txt" | tr '\n' ' ' || true)
    printf "%-58s %10.0f requests/s   p99 %s %s\n" "cairn serve #$index (random learner audits)" "$rate" "$p99" "$errors"
    total=$(awk -v t="$total" -v r="$rate" 'BEGIN { print t + r }')
done
printf "%-58s %10.0f requests/s\n" "both servers" "$total"
