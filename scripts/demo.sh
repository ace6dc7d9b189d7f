#!/usr/bin/env bash
# Starts a host and three clients in one tmux window, for trying the chat by hand.
# Usage: scripts/demo.sh [PORT]   (default 7777; the host keeps its data in a temp dir)
# Leave with: tmux kill-session -t chat-demo
set -euo pipefail
cd "$(dirname "$0")/.."

port="${1:-7777}"
session=chat-demo
data="$(mktemp -d -t chat-demo-XXXXXX)"

command -v tmux >/dev/null || { echo "demo.sh needs tmux" >&2; exit 1; }
tmux has-session -t "$session" 2>/dev/null && { echo "tmux session $session already runs: tmux attach -t $session" >&2; exit 1; }

# Build once up front so four processes do not race to build the same projects.
dotnet build Chat.Host -v quiet -nologo
dotnet build Chat.Tui -v quiet -nologo

host="dotnet run --no-build --project Chat.Host -- --port $port --data $data"
client="dotnet run --no-build --project Chat.Tui -- --server 127.0.0.1:$port"

tmux new-session -d -s "$session" -x 200 -y 60 "$host"
# Give the host a moment to listen; a client started too early just reports it unreachable.
sleep 3
tmux split-window -t "$session" -h "$client"
tmux split-window -t "$session" -v "$client"
tmux select-pane -t "$session:0.0"
tmux split-window -t "$session" -v "$client"
tmux select-layout -t "$session" tiled

echo "Host on 127.0.0.1:$port (data in $data) and three clients in tmux session $session."
echo "Register alice, bob and carol (passwords of 8+ characters), then try !X bob hi."
if [ -t 1 ] && [ -z "${TMUX:-}" ]; then
  exec tmux attach -t "$session"
else
  echo "Attach with: tmux attach -t $session"
fi
