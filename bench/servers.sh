# Sourced by bench/compare.sh and bench/regress.sh: start and stop the servers under test, one
# at a time, pinned to core 0, in the caller's temp dir ($work). The caller sets $work and calls
# stop_server on exit.
server_pid=""
port=""

# 10,000 connections need 10,000 descriptors in the server and in the generator; the file
# limit here is 20,000 per process.
raise_file_limit() {
  ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for_port() {
  for _ in $(seq 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || { echo "the server exited before it listened on $1" >&2; return 1; }
    sleep 0.1
  done
  echo "server on port $1 did not come up" >&2
  return 1
}

stop_server() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""
}

# start_ngircd: ngircd from bench/ngircd.conf.template on a free port (installed if missing).
start_ngircd() {
  if ! command -v ngircd >/dev/null; then
    apt-get update -qq && apt-get install -y -qq ngircd >/dev/null
  fi
  # The Debian package starts a system ngircd on 6667; ours runs on its own port and config only.
  port=$(free_port)
  sed -e "s|@PORT@|$port|" -e "s|@DIR@|$work|" bench/ngircd.conf.template > "$work/ngircd.conf"
  taskset -c 0 ngircd --nodaemon --config "$work/ngircd.conf" >"$work/ngircd.log" 2>&1 &
  server_pid=$!
  wait_for_port "$port"
}

# publish_host TREE OUT: TREE's host published as docs/deploy.md does (Release, ReadyToRun for
# this machine) into OUT; prints the path of its Chat.Host.dll. The flags are explicit so an older
# tree (bench/regress.sh's base) is compiled the same way as the working one.
publish_host() {
  local rid
  rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
  dotnet publish "$1/Chat.Host/Chat.Host.csproj" -c Release -r "$rid" --self-contained false \
    -p:PublishReadyToRun=true -v quiet --nologo -o "$2" >&2 || return 1
  echo "$2/Chat.Host.dll"
}

# start_host HOST_DLL CONFIG NAME [HOST FLAGS...]: our host (published: publish_host) with a fresh data dir.
start_host() {
  local dll=$1 config=$2 name=$3
  shift 3
  port=$(free_port)
  rm -rf "$work/data-$name"
  taskset -c 0 dotnet "$dll" --port "$port" --data "$work/data-$name" --config "$config" "$@" >"$work/host-$name.log" 2>&1 &
  server_pid=$!
  wait_for_port "$port"
}
