#!/usr/bin/env bash
# Memory per idle joined connection (issue 13 item 4): for each GC mode, a fresh published host
# (bench/host-bench.conf, core 0), N clients logged in and idle in the lobby (Chat.Bench idle, core
# 1), the host's RSS before and after divided by N, then a dotnet-gcdump of the host while the
# connections are still open and its largest types. A measurement, not a test: loopback only,
# at most 2,000 connections by default, under a minute per mode.
#
#   bench/idle-memory.sh                      # 2,000 connections, workstation, server and DATAS
#   IDLE_CLIENTS=500 IDLE_MODES="workstation" bench/idle-memory.sh
#   IDLE_KEEP=/tmp/idle bench/idle-memory.sh  # keep the reports and the .gcdump files
#   IDLE_HOLD=300 bench/idle-memory.sh      # read the memory after 5 min idle, not 5 s: Kestrel
#                                             # gives 5% of its idle pooled blocks back every 10 s
#   IDLE_CONFIG=my.conf bench/idle-memory.sh  # another host config (default bench/host-bench.conf)
#   IDLE_WARM_UP=300 bench/idle-memory.sh     # 300 clients connect and leave before the baseline:
#                                             # what the process pays once is not counted per connection
#   IDLE_HOST_CPUS=0,1 bench/idle-memory.sh   # the host on both cores (default: core 0 only, as in
#                                             # compare.sh; with one core .NET runs workstation GC
#                                             # whatever is asked, so the GC modes differ only here)
set -euo pipefail
cd "$(dirname "$0")/.."
clients=${IDLE_CLIENTS:-2000}
hold=${IDLE_HOLD:-5}
host_cpus=${IDLE_HOST_CPUS:-0}
modes=${IDLE_MODES:-"workstation server datas"}
work=$(mktemp -d)
# The kept reports leave out the published host ($work/host), which is the tree's, not the run's.
trap 'stop_server; [ -n "${IDLE_KEEP:-}" ] && rm -rf "$work/host" && mkdir -p "$IDLE_KEEP" && cp -r "$work"/. "$IDLE_KEEP"/; rm -rf "$work"' EXIT
. bench/servers.sh
raise_file_limit
gcdump=${GCDUMP:-$HOME/.dotnet/tools/dotnet-gcdump}

dotnet build -c Release Chat.Bench/Chat.Bench.csproj -v q -nologo >/dev/null
host_dll=$(publish_host . "$work/host")
bench_dll=Chat.Bench/bin/Release/net10.0/Chat.Bench.dll

for mode in $modes; do
  # The Web SDK turns Server GC on; these override what the host's runtimeconfig says.
  case $mode in
    workstation) export DOTNET_gcServer=0 DOTNET_GCDynamicAdaptationMode=0 ;;
    server) export DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=0 ;;
    datas) export DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=1 ;;
    *) echo "unknown mode $mode (workstation, server, datas)" >&2; exit 2 ;;
  esac
  port=$(free_port)
  taskset -c "$host_cpus" dotnet "$host_dll" --port "$port" --data "$work/data-$mode" --config "${IDLE_CONFIG:-bench/host-bench.conf}" >"$work/host-$mode.log" 2>&1 &
  server_pid=$!
  wait_for_port "$port"
  unset DOTNET_gcServer DOTNET_GCDynamicAdaptationMode
  taskset -c 1 dotnet "$bench_dll" idle --port "$port" --clients "$clients" --hold "$hold" --keep-after 20 --warm-up-clients "${IDLE_WARM_UP:-0}" \
    --host-pid "$server_pid" --host-config bench/host-bench.conf >"$work/idle-$mode.txt" 2>&1 &
  bench_pid=$!
  # Connecting 10,000 takes minutes (every join is announced to every member): no time bound here.
  until grep -q "keeping the connections" "$work/idle-$mode.txt"; do
    kill -0 "$bench_pid" 2>/dev/null || break
    sleep 0.2
  done
  echo "== $mode ($clients connections, host on CPUs $host_cpus)"
  grep -E "idle:|connected|load average" "$work/idle-$mode.txt" | head -3 || cat "$work/idle-$mode.txt"
  if [ -x "$gcdump" ] && kill -0 "$bench_pid" 2>/dev/null; then
    "$gcdump" collect -p "$server_pid" -o "$work/host-$mode.gcdump" >/dev/null 2>&1 || true
    "$gcdump" report "$work/host-$mode.gcdump" 2>/dev/null | head -22 || true
  fi
  wait "$bench_pid" || true
  stop_server
done
