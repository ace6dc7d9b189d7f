#!/bin/sh
# Runs the irctest conformance suite (https://github.com/progval/irctest) against a fresh host.
# Usage: scripts/irctest.sh IRCTEST_DIR [pytest arguments, e.g. irctest/server_tests/join.py]
# IRCTEST_DIR is a checkout of irctest whose conftest.py has no pytest_runtest_call wrapper hook
# (Debian's pytest 7.2 is too old for it). Needs Debian's python3 with python3-pytest.
set -eu
irctest=$(cd "$1" && pwd); shift
here=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d)
irc_port=${IRC_PORT:-16667}
dotnet run --project "$here/Chat.Host" -- --data "$data" --port 0 --irc-port "$irc_port" \
  --config "$here/scripts/irctest.conf" >"$data/host.log" 2>&1 &
host=$!
trap 'kill $host 2>/dev/null; wait $host 2>/dev/null; rm -rf "$data"' EXIT
/usr/bin/python3 -c "
import socket, sys, time
for _ in range(180):
    try: socket.create_connection(('127.0.0.1', $irc_port), 1).close(); sys.exit(0)
    except OSError: time.sleep(1)
sys.exit('the host did not open the IRC port; see its log')"
cd "$irctest"
IRCTEST_SERVER_HOSTNAME=127.0.0.1 IRCTEST_SERVER_PORT=$irc_port \
  /usr/bin/python3 -m pytest --controller irctest.controllers.external_server -q "${@:-irctest/server_tests}"
