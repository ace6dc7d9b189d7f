"""Prints the tables of a bench/cluster.sh run (docs/benchmarks.md, "Cluster") from the generator's JSON reports."""
import glob
import json
import os
import re
import sys

work, clients, room_clients, rooms, max_p99 = sys.argv[1:6]


def load(path):
    with open(path) as f:
        return json.load(f)


def fmt(v, digits=0):
    return "n/a" if v is None else f"{v:,.{digits}f}"


def generator(window):
    g = window["generator"]
    verdict = f" SATURATED ({g['saturated_because']}): a floor" if g["saturated"] else ""
    return f"{g['cpu_percent']:.0f}% (peak {g['cpu_peak_percent']:.0f}%){verdict}"


def cpu(window):
    host = window.get("host")
    if host is None:
        return "n/a", "n/a"
    nodes = host.get("nodes")
    each = " + ".join(fmt(n["cpu_seconds_per_million_deliveries"], 2) for n in nodes) if nodes else "-"
    return fmt(host["cpu_seconds_per_million_deliveries"], 2), each


def cross_node(window):
    x = window.get("cross_node")
    return "n/a" if x is None else fmt(x["bytes_per_message"])


def nodes_of(name):
    return int(re.search(r"-(\d+)n", name).group(1))


print(f"\na) {clients} clients in one room, fixed rates (100% = every message to every member; p99 bound {max_p99} ms)\n")
print("| nodes | offered msg/s | delivered | p50 ms | p99 ms | server CPU-s per M deliveries (sum) | per node | cross-node bytes per message | generator CPU | load avg |")
print("|---|---|---|---|---|---|---|---|---|---|")
for path in sorted(glob.glob(os.path.join(work, "one-room-*.json")), key=lambda p: (nodes_of(p), int(p.rsplit("-", 1)[1][:-5]))):
    r = load(path)
    if not r["rates"]:
        continue
    w = r["rates"][0]
    total, each = cpu(w)
    print(f"| {nodes_of(path)} | {w['offered_rate']:.0f} | {w['delivered_percent']:.3f}% | {w['latency_ms']['p50']:.1f} | {w['latency_ms']['p99']:.1f} "
          f"| {total} | {each} | {cross_node(w)} | {generator(w)} | {r['machine_load_at_end']:.2f} |")

print(f"\nb) {room_clients} clients in {rooms} rooms, each room on every node: highest rate with 100% delivered and p99 < {max_p99} ms\n")
print("| nodes | highest passing msg/s | deliveries/s there | p99 ms | server CPU-s per M deliveries (sum) | per node | cross-node bytes per message | generator CPU | load avg |")
print("|---|---|---|---|---|---|---|---|---|")
for path in sorted(glob.glob(os.path.join(work, "rooms-*.json")), key=nodes_of):
    r = load(path)
    best = r.get("max_passing_rate")
    w = next((x for x in r["rates"] if best is not None and x["offered_rate"] == best and x["passed"]), None)
    if w is None:
        print(f"| {nodes_of(path)} | none passed | | | | | | | {r['machine_load_at_end']:.2f} |")
        continue
    floor = " (a floor: the generator saturated above it)" if r.get("max_is_floor") else ""
    total, each = cpu(w)
    print(f"| {nodes_of(path)} | {best:.0f}{floor} | {w['deliveries_per_second']:,.0f} | {w['latency_ms']['p99']:.1f} | {total} | {each} "
          f"| {cross_node(w)} | {generator(w)} | {r['machine_load_at_end']:.2f} |")
