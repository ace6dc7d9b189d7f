#!/usr/bin/env bash
# Before and after, in one run on one machine: BASE_REF (built in a temporary git worktree) and
# the working tree, both Release, each scenario on a fresh host pinned to core 0, measured by
# the working tree's generator (Chat.Bench) pinned to core 1. Prints both side by side with
# the generator's own CPU, and says when the generator was saturated (a floor, not a result).
#   bench/regress.sh main                 the lead's run: a quiet machine, about 20 minutes
#   REGRESS_CLIENTS=100 REGRESS_LATENCY_CLIENTS=100 REGRESS_DURATION=2 ... bench/regress.sh HEAD~1
#                                         a smoke run of the script (see the sizes below)
#   REGRESS_FIXED_WINDOWS=N               windows per side of each fixed-rate row (default 5)
#   REGRESS_KEEP=DIR                      also keeps the JSON reports
# Everything it starts is stopped on exit; its temp dir and the worktree are removed then.
set -euo pipefail
base_ref=${1:?usage: bench/regress.sh BASE_REF (a commit, branch or tag to compare the working tree with)}
cd "$(dirname "$0")/.."
root=$(pwd)

# Sizes, each overridable (the issue's figures are the defaults).
clients=${REGRESS_CLIENTS:-2000}              # fan-out: clients in one room
senders=${REGRESS_SENDERS:-10}
max_p99_ms=${REGRESS_MAX_P99_MS:-100}         # the search's bound: 100% delivered and p99 under this
start_rate=${REGRESS_START_RATE:-150}         # the search doubles from here (a warm host decides), then bisects
max_rate=${REGRESS_MAX_RATE:-20000}
bisect_steps=${REGRESS_BISECT_STEPS:-3}
cpu_rate=${REGRESS_CPU_RATE:-600}             # fan-out rate for server CPU-seconds per million deliveries
latency_clients=${REGRESS_LATENCY_CLIENTS:-500}
latency_rate=${REGRESS_LATENCY_RATE:-500}
warmup=${REGRESS_WARMUP:-3}                   # per search window
duration=${REGRESS_DURATION:-6}               # measured seconds per window
drain=${REGRESS_DRAIN:-5}
# Fixed-rate windows run on a fresh host: a longer warm-up lets tiered compilation finish first
# (docs/benchmarks.md: with 3 s it was still recompiling the hot path on the host's core).
fixed_warmup=${REGRESS_FIXED_WARMUP:-10}
# Windows per side for each fixed-rate row, alternating base and work. One window of the 500-client
# row moved by 30% from one to the next on either side (docs/benchmarks.md), more than the 10%
# the rows are judged by; the table gives the mean and the median of the windows.
fixed_windows=${REGRESS_FIXED_WINDOWS:-5}
run_limit=${REGRESS_RUN_LIMIT:-1200}          # seconds one generator run may take

work=$(mktemp -d -t chat-regress-XXXXXX)
base_tree="$work/base"
bench_pid=""
source bench/servers.sh
cleanup() {
  [ -n "$bench_pid" ] && kill -TERM "$bench_pid" 2>/dev/null && wait "$bench_pid" 2>/dev/null
  stop_server
  git -C "$root" worktree remove --force "$base_tree" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
raise_file_limit

base_commit=$(git rev-parse --verify "$base_ref^{commit}")
work_commit="$(git rev-parse HEAD)$(git diff --quiet HEAD -- . && echo '' || echo ' + uncommitted changes')"
echo "publishing $base_ref ($base_commit) from a temporary worktree (Release, ReadyToRun)..." >&2
git worktree add --detach --quiet "$base_tree" "$base_commit"
# A plain assignment, so a failed publish stops the script (set -e does not see one inside declare).
base_dll=$(publish_host "$base_tree" "$work/host-base")
declare -A host_dll=([base]="$base_dll")
echo "building the working tree (Release)..." >&2
dotnet build -c Release -v quiet --nologo Chat.Bench/Chat.Bench.csproj >&2
bench_dll="$root/Chat.Bench/bin/Release/net10.0/Chat.Bench.dll"
host_dll[work]=$(publish_host "$root" "$work/host-work")
# Each side runs with its own bench overlay (the keys a version knows); the working tree's if the base has none.
declare -A host_conf=([base]="$base_tree/bench/host-bench.conf" [work]="$root/bench/host-bench.conf")
[ -f "${host_conf[base]}" ] || host_conf[base]="$root/bench/host-bench.conf"
if ! diff -q "${host_conf[base]}" "${host_conf[work]}" >/dev/null; then
  echo "note: the two sides' bench/host-bench.conf differ:" >&2
  diff "${host_conf[base]}" "${host_conf[work]}" >&2 || true
fi

# measure SIDE NAME SCENARIO ARGS...: a fresh host of SIDE (base|work), one generator run; JSON in $work/SIDE-NAME.json.
measure() {
  local side=$1 name=$2; shift 2
  start_host "${host_dll[$side]}" "${host_conf[$side]}" "$side-$name"
  echo "== $name, $side" >&2
  # In the background and waited for, so Ctrl+C reaches the trap at once and stops it.
  taskset -c 1 timeout "$run_limit" dotnet "$bench_dll" "$@" --port "$port" --host-pid "$server_pid" \
    --host-config "${host_conf[$side]}" --json > "$work/$side-$name.json" &
  bench_pid=$!
  wait "$bench_pid" || echo "$name on $side did not finish" >&2
  bench_pid=""
  stop_server
}

for side in base work; do
  measure "$side" fanout-max fanout --clients "$clients" --senders "$senders" --rate "$start_rate" --max-rate "$max_rate" \
    --warmup "$warmup" --duration "$duration" --drain "$drain" --find-max --max-p99-ms "$max_p99_ms" --bisect-steps "$bisect_steps"
done
for window in $(seq 1 "$fixed_windows"); do
  for side in base work; do
    measure "$side" "fanout-cpu-$window" fanout --clients "$clients" --senders "$senders" --rate "$cpu_rate" \
      --warmup "$fixed_warmup" --duration "$duration" --drain "$drain" --max-p99-ms "$max_p99_ms"
  done
done
for window in $(seq 1 "$fixed_windows"); do
  for side in base work; do
    measure "$side" "latency-$window" fanout --clients "$latency_clients" --senders "$senders" --rate "$latency_rate" \
      --warmup "$fixed_warmup" --duration "$duration" --drain "$drain" --max-p99-ms "$max_p99_ms"
  done
done

[ -n "${REGRESS_KEEP:-}" ] && mkdir -p "$REGRESS_KEEP" && cp "$work"/*.json "$REGRESS_KEEP"/
python3 bench/regress_table.py "$work" "$base_ref ($base_commit)" "working tree ($work_commit)" "$max_p99_ms"
