#!/usr/bin/env bash
# Our host against ngircd, same machine, same load, one tool (Chat.Bench). Each server gets a
# fresh start per scenario, pinned to core 0; the generator is pinned to core 1.
#   bench/compare.sh            every scenario (about 30 minutes)
#   bench/compare.sh --quick    small counts, about 4 minutes (a smoke run of the script)
#   BENCH_KEEP=DIR bench/compare.sh && bench/charts.py DIR    keeps the JSON reports and draws docs/img/
#   BENCH_ONLY="sweep overload" bench/compare.sh               only those scenarios (names below)
# Everything it starts is stopped on exit; everything it writes is in a temp dir, removed then.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick=no
[ "${1:-}" = "--quick" ] && quick=yes
if [ "$quick" = yes ]; then
  fanout_args=(--clients 50 --senders 5 --rate 100 --warmup 1 --duration 2 --find-max --max-rate 800)
  saturation_args=("${fanout_args[@]}" --max-p99-ms 1000)
  connect_args=(--clients 100)
  idle_args=(--clients 200 --hold 2)
  idle_host_only_args=(--clients 400 --hold 2)
  durable_args=(--duration 2)
else
  # The issue's bound (p99 < 100 ms), searched from a low start: ngircd misses it already at 10/s.
  fanout_args=(--clients 2000 --senders 10 --rate 5 --warmup 3 --duration 6 --find-max)
  # How much each server delivers completely when latency may reach a second.
  saturation_args=(--clients 2000 --senders 10 --rate 25 --warmup 3 --duration 6 --find-max --max-p99-ms 1000)
  connect_args=(--clients 2000)
  # ngircd joins 2,000 clients at under 100/s (each JOIN sends the whole NAMES list), so both
  # servers are compared at 2,000; the issue's 10,000 runs against our host alone.
  idle_args=(--clients 2000 --hold 5)
  idle_host_only_args=(--clients 10000 --hold 5)
  durable_args=(--duration 10)
fi

# The fan-out table of issue 13, re-measured: one fresh server per offered rate (2,000 clients,
# 10 senders, 3 s warm-up, 10 s measured), and the overload window at 3x a sustainable rate
# (OVERLOAD_SUSTAINABLE, msg/s; 1,000 makes the 3,000 msg/s row of that table). bench/charts.py
# draws both from the kept reports.
overload_sustainable=${OVERLOAD_SUSTAINABLE:-1000}
if [ "$quick" = yes ]; then
  sweep_rates=${SWEEP_RATES:-"50 100"}
  sweep_args=(--clients 50 --senders 5 --warmup 1 --duration 2)
  overload_args=(--clients 50 --senders 5 --duration 3 --drain 3)
  overload_sustainable=${OVERLOAD_SUSTAINABLE:-50}
else
  sweep_rates=${SWEEP_RATES:-"300 600 900 1200 1800 3000"}
  sweep_args=(--clients 2000 --senders 10 --warmup 3 --duration 10)
  overload_args=(--clients 2000 --senders 10 --duration 10 --drain 10)
fi

work=$(mktemp -d -t chat-bench-XXXXXX)
bench_pid=""
source bench/servers.sh
cleanup() {
  [ -n "$bench_pid" ] && kill -TERM "$bench_pid" 2>/dev/null && wait "$bench_pid" 2>/dev/null
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
raise_file_limit

echo "building (Release; the host published as it is deployed)..." >&2
dotnet build -c Release -v quiet --nologo Chat.Bench/Chat.Bench.csproj >&2
host_dll=$(publish_host "$root" "$work/host")
bench_dll="$root/Chat.Bench/bin/Release/net10.0/Chat.Bench.dll"

# BENCH_ONLY="sweep overload" runs only the scenarios named (fanout saturation connect idle
# idle-large sweep overload durable); all of them when it is unset.
selected() {
  [ -z "${BENCH_ONLY:-}" ] && return 0
  local wanted
  for wanted in $BENCH_ONLY; do [ "${1%%-[0-9]*}" = "$wanted" ] && return 0; done
  return 1
}

# bench SERVER NAME SCENARIO ARGS...: one fresh server, one scenario, its JSON report in $work/SERVER-NAME.json.
bench() {
  local server=$1 name=$2 scenario=$3; shift 3
  selected "$name" || return 0
  local protocol=chat extra=(--host-config bench/host-bench.conf) target
  case "$server" in
    ngircd) protocol=irc; extra=(); start_ngircd; target=$port ;;
    # Our host through its IRC gateway: the accounts are registered on its chat port, the load
    # speaks IRC to the gateway, as the ngircd runs do.
    host-irc)
      local irc_port
      irc_port=$(free_port)
      start_host "$host_dll" bench/host-bench.conf "$name" --irc-port "$irc_port"
      wait_for_port "$irc_port"
      protocol=irc; extra+=(--register-port "$port"); target=$irc_port ;;
    *) start_host "$host_dll" bench/host-bench.conf "$name"; target=$port ;;
  esac
  echo "== $name against $server" >&2
  # In the background and waited for, so Ctrl+C reaches the trap at once and stops it.
  taskset -c 1 timeout 900 dotnet "$bench_dll" "$scenario" --port "$target" --protocol "$protocol" \
    --host-pid "$server_pid" "${extra[@]}" "$@" --json > "$work/$server-$name.json" &
  bench_pid=$!
  wait "$bench_pid" || echo "$name against $server did not finish" >&2
  bench_pid=""
  stop_server
}

# BENCH_SERVERS="ngircd host host-irc" also measures our host through its IRC gateway (issue 16):
# the fan-out scenarios only, since connect, idle and overload are the same host behind either door.
for server in ${BENCH_SERVERS:-ngircd host}; do
  bench "$server" fanout fanout "${fanout_args[@]}"
  bench "$server" saturation fanout "${saturation_args[@]}"
  if [ "$server" = host-irc ]; then
    for rate in $sweep_rates; do
      bench "$server" "sweep-$rate" fanout "${sweep_args[@]}" --rate "$rate"
    done
    continue
  fi
  # Our host's clients connect with resume tokens (the bench logs every account in once with its
  # password beforehand, not measured): a returning client's handshake, without the password
  # hash. ngircd has no accounts and nothing like it: its clients send NICK/USER as always.
  if [ "$server" = host ]; then
    bench host connect connect "${connect_args[@]}" --resume
  else
    bench ngircd connect connect "${connect_args[@]}"
  fi
  bench "$server" idle idle "${idle_args[@]}"
  for rate in $sweep_rates; do
    bench "$server" "sweep-$rate" fanout "${sweep_args[@]}" --rate "$rate"
  done
  bench "$server" overload overload "${overload_args[@]}" --sustainable "$overload_sustainable"
done
bench host idle-large idle "${idle_host_only_args[@]}"
if selected durable; then
  echo "== durable (our SQLite store, in process)" >&2
  taskset -c 0 dotnet "$bench_dll" durable --data "$work/durable" "${durable_args[@]}" --json > "$work/durable.json"
fi

# BENCH_KEEP=DIR keeps the generator's JSON reports for docs/benchmarks.md.
[ -n "${BENCH_KEEP:-}" ] && mkdir -p "$BENCH_KEEP" && cp "$work"/*.json "$BENCH_KEEP"/
python3 bench/compare_table.py "$work" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
