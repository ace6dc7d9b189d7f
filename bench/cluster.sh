#!/usr/bin/env bash
# Issue 14 item 8: the same load on a two-node cluster and on one node, on one throwaway
# PostgreSQL server, so only the node count differs (the single node is a cluster of one on the
# same store). Every node is pinned to core 0 (on one box this measures cost, not speed-up), the
# generator (Chat.Bench) to core 1; each measurement gets a fresh database and fresh nodes.
#   a) one room: CLUSTER_CLIENTS clients at each of CLUSTER_RATES msg/s: delivered %, p50/p99,
#      server CPU-seconds per million deliveries summed over the nodes and per node, the
#      generator's CPU and verdict, and the bytes between the nodes per room message;
#   b) CLUSTER_ROOMS rooms, each with members on every node and senders in every room: the
#      highest rate with 100% delivered and p99 under CLUSTER_MAX_P99_MS, and deliveries/s there.
#
#   bench/cluster.sh            the lead's run, on a quiet machine: about 20 minutes
#   bench/cluster.sh --quick    tiny sizes, a smoke run of the script (about 3 minutes)
#   CLUSTER_KEEP=DIR ...        also keeps the JSON reports and the nodes' logs
# Loopback only. Everything it starts (nodes, PostgreSQL, generator) is stopped on exit, also on
# Ctrl+C, and its temp dir is removed. Every size is an environment variable (below).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

quick=no
[ "${1:-}" = "--quick" ] && quick=yes
if [ "$quick" = yes ]; then
  clients=${CLUSTER_CLIENTS:-60}; senders=${CLUSTER_SENDERS:-4}; rates=${CLUSTER_RATES:-"50"}
  room_clients=${CLUSTER_ROOM_CLIENTS:-48}; room_senders=${CLUSTER_ROOM_SENDERS:-8}
  start_rate=${CLUSTER_START_RATE:-50}; max_rate=${CLUSTER_MAX_RATE:-200}; bisect_steps=${CLUSTER_BISECT_STEPS:-1}
  warmup=${CLUSTER_WARMUP:-2}; duration=${CLUSTER_DURATION:-2}; search_warmup=${CLUSTER_SEARCH_WARMUP:-1}
  search_duration=${CLUSTER_SEARCH_DURATION:-2}; drain=${CLUSTER_DRAIN:-3}
else
  clients=${CLUSTER_CLIENTS:-2000}              # a) clients in the one room
  senders=${CLUSTER_SENDERS:-10}
  rates=${CLUSTER_RATES:-"300 600"}             # a) one fixed-rate window each, on fresh nodes
  room_clients=${CLUSTER_ROOM_CLIENTS:-2000}    # b) clients over all the rooms
  room_senders=${CLUSTER_ROOM_SENDERS:-8}       # b) a multiple of the rooms: as many senders in each
  start_rate=${CLUSTER_START_RATE:-150}         # b) the search doubles from here, then bisects
  max_rate=${CLUSTER_MAX_RATE:-20000}
  bisect_steps=${CLUSTER_BISECT_STEPS:-3}
  # Fixed-rate windows start on fresh nodes: a long warm-up lets tiered compilation finish first.
  warmup=${CLUSTER_WARMUP:-10}; duration=${CLUSTER_DURATION:-10}
  search_warmup=${CLUSTER_SEARCH_WARMUP:-3}; search_duration=${CLUSTER_SEARCH_DURATION:-6}
  drain=${CLUSTER_DRAIN:-5}
fi
rooms=${CLUSTER_ROOMS:-4}
max_p99_ms=${CLUSTER_MAX_P99_MS:-100}
node_counts=${CLUSTER_NODE_COUNTS:-"1 2"}      # each measurement on a cluster of each size
run_limit=${CLUSTER_RUN_LIMIT:-1200}          # seconds one generator run may take
up_limit=${CLUSTER_UP_LIMIT:-120}             # seconds the nodes may take to be Up
config="$root/bench/host-bench.conf"

work=$(mktemp -d -t chat-cluster-XXXXXX)
bench_pid=""
node_pids=()
source bench/servers.sh
source scripts/throwaway-postgres.sh
stop_nodes() {
  local pid
  for pid in "${node_pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${node_pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  node_pids=()
}
cleanup() {
  [ -n "$bench_pid" ] && kill -TERM "$bench_pid" 2>/dev/null && wait "$bench_pid" 2>/dev/null
  stop_nodes
  throwaway_postgres_stop
  if [ -n "${CLUSTER_KEEP:-}" ]; then
    mkdir -p "$CLUSTER_KEEP" && cp "$work"/*.json "$work"/*.log "$CLUSTER_KEEP"/ 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
raise_file_limit

echo "building Chat.Bench (Release) and publishing Chat.Host as it is deployed..." >&2
dotnet build -c Release -v quiet --nologo Chat.Bench/Chat.Bench.csproj >&2
host_dll=$(publish_host "$root" "$work/host")
bench_dll="$root/Chat.Bench/bin/Release/net10.0/Chat.Bench.dll"

throwaway_postgres_start
pg_port=${CHAT_TEST_POSTGRES#*Port=}
pg_port=${pg_port%%;*}
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres "$@"; }

# start_cluster NAME N: a fresh database and N nodes on it (node 1 seeds itself, the others join
# through it), all on core 0; waits until every node is Up. Sets servers, pids, cluster_ports.
start_cluster() {
  local name=$1 count=$2 node port cport pid seed=""
  local db="bench_${name//-/_}"
  psql_admin -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
  local conn="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=$db"
  servers=""; pids=""; cluster_ports=""
  for node in $(seq "$count"); do
    port=$(free_port); cport=$(free_port)
    [ -z "$seed" ] && seed="127.0.0.1:$cport"
    taskset -c 0 dotnet "$host_dll" --port "$port" --data "$work/data-$name-$node" --config "$config" \
      --store postgres --postgres "$conn" --cluster-port "$cport" --seed "$seed" >"$work/$name-node$node.log" 2>&1 &
    pid=$!
    node_pids+=("$pid")
    server_pid=$pid wait_for_port "$port"
    servers+="${servers:+,}127.0.0.1:$port"; pids+="${pids:+,}$pid"; cluster_ports+="${cluster_ports:+,}$cport"
  done
  local deadline=$((SECONDS + up_limit))
  for cport in ${cluster_ports//,/ }; do
    until cat "$work/$name"-node*.log | grep -qF "@127.0.0.1:$cport] to [Up]"; do
      if [ "$SECONDS" -ge "$deadline" ]; then
        echo "node on cluster port $cport was not Up within $up_limit s; logs in $work/$name-node*.log" >&2
        tail -n 20 "$work/$name"-node*.log >&2
        return 1
      fi
      sleep 0.2
    done
  done
}

# measure NAME N ARGS...: a fresh cluster of N nodes, one generator run on core 1; JSON in $work/NAME.json.
measure() {
  local name=$1 count=$2; shift 2
  start_cluster "$name" "$count"
  echo "== $name: $count node(s) $servers" >&2
  # In the background and waited for, so Ctrl+C reaches the trap at once and stops it.
  taskset -c 1 timeout "$run_limit" dotnet "$bench_dll" fanout "$@" --servers "$servers" --host-pid "$pids" \
    --cluster-ports "$cluster_ports" --host-config "$config" --max-p99-ms "$max_p99_ms" --json > "$work/$name.json" &
  bench_pid=$!
  wait "$bench_pid" || echo "$name did not finish" >&2
  bench_pid=""
  stop_nodes
}

for nodes in $node_counts; do
  for rate in $rates; do
    measure "one-room-${nodes}n-${rate}" "$nodes" --clients "$clients" --senders "$senders" --rate "$rate" \
      --warmup "$warmup" --duration "$duration" --drain "$drain"
  done
  measure "rooms-${nodes}n" "$nodes" --clients "$room_clients" --senders "$room_senders" --rooms "$rooms" \
    --rate "$start_rate" --find-max --max-rate "$max_rate" --bisect-steps "$bisect_steps" \
    --warmup "$search_warmup" --duration "$search_duration" --drain "$drain"
done

echo
echo "bench/cluster.sh$( [ "$quick" = yes ] && echo ' --quick'): $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . || echo ' + uncommitted changes'), $(date -u '+%Y-%m-%d %H:%M UTC')"
/usr/bin/python3 bench/cluster_table.py "$work" "$clients" "$room_clients" "$rooms" "$max_p99_ms"
