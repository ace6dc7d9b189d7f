"""Prints bench/regress.sh's before/after table from the generator's JSON reports.

Usage: regress_table.py WORK_DIR BEFORE_LABEL AFTER_LABEL P99_BOUND_MS
Reads WORK_DIR/{base,work}-{fanout-max,fanout-cpu,latency}.json.
"""
import json
import os
import sys

work, before_label, after_label, bound_ms = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
REGRESSION = 0.10


def report(side, name):
    path = os.path.join(work, f"{side}-{name}.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def window_at(r, rate):
    """The last window at that rate (a confirmed search result ran twice)."""
    if r is None or rate is None:
        return None
    at = [w for w in r["rates"] if w["offered_rate"] == rate]
    return at[-1] if at else None


def single(r):
    return r["rates"][-1] if r and r.get("rates") else None


def generator(w):
    if w is None:
        return "n/a"
    g = w["generator"]
    return f"{g['cpu_percent']:.0f}% (peak {g['cpu_peak_percent']:.0f}%){' SATURATED' if g['saturated'] else ''}"


def fmt(v, digits):
    return "n/a" if v is None else f"{v:,.{digits}f}"


def change(before, after, higher_is_better):
    if before in (None, 0) or after is None:
        return "n/a"
    delta = after / before - 1
    worse = -delta if higher_is_better else delta
    return f"{delta:+.1%}{'  REGRESSION (> 10% worse)' if worse > REGRESSION else ''}"


rows = []


def row(label, before, after, higher_is_better, digits, before_window, after_window):
    rows.append((label, fmt(before, digits), fmt(after, digits), change(before, after, higher_is_better),
                 generator(before_window), generator(after_window)))


fb, fa = report("base", "fanout-max"), report("work", "fanout-max")
clients = (fa or fb or {}).get("clients")
max_b, max_a = fb and fb.get("max_passing_rate"), fa and fa.get("max_passing_rate")
wb, wa = window_at(fb, max_b), window_at(fa, max_a)

row(f"fan-out {clients} clients: highest rate, 100% delivered, p99 < {bound_ms} ms (msg/s, passed twice)",
    max_b, max_a, True, 0, wb, wa)
row("  p99 at that rate (ms)", wb and wb["latency_ms"]["p99"], wa and wa["latency_ms"]["p99"], False, 1, wb, wa)
floors = [side for side, r in (("before", fb), ("after", fa)) if r and r.get("max_is_floor")]

cb, ca = single(report("base", "fanout-cpu")), single(report("work", "fanout-cpu"))
rate = (ca or cb or {}).get("offered_rate")


def per_million(w):
    return w and (w.get("host") or {}).get("cpu_seconds_per_million_deliveries")


row(f"fan-out {clients} clients at {fmt(rate, 0)} msg/s: server CPU-seconds per million deliveries", per_million(cb), per_million(ca), False, 2, cb, ca)
row("  delivered (%)", cb and cb["delivered_percent"], ca and ca["delivered_percent"], True, 3, cb, ca)
row("  p99 (ms)", cb and cb["latency_ms"]["p99"], ca and ca["latency_ms"]["p99"], False, 1, cb, ca)

lr, la = report("base", "latency"), report("work", "latency")
lb, lw = single(lr), single(la)
lat_clients = (la or lr or {}).get("clients")
lat_rate = (lw or lb or {}).get("offered_rate")
row(f"latency: {lat_clients} clients, {fmt(lat_rate, 0)} msg/s: p50 (ms)", lb and lb["latency_ms"]["p50"], lw and lw["latency_ms"]["p50"], False, 1, lb, lw)
row("  p99 (ms)", lb and lb["latency_ms"]["p99"], lw and lw["latency_ms"]["p99"], False, 1, lb, lw)
row("  delivered (%)", lb and lb["delivered_percent"], lw and lw["delivered_percent"], True, 3, lb, lw)

print(f"before: {before_label}")
print(f"after:  {after_label}")
print(f"machine: {os.cpu_count()} cores; hosts pinned to core 0, generator to core 1; "
      f"load average at the end: {open('/proc/loadavg').read().split()[0]}")
print()
print("| scenario | before | after | change | generator before | generator after |")
print("|---|---:|---:|---:|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
print()
if floors:
    print(f"The search's result is a floor ({', '.join(floors)}): the window above it failed with the generator saturated.")
if any("SATURATED" in r[4] + r[5] for r in rows):
    print("A SATURATED generator means that row is a floor for the server, not a result.")
print("Every window (side, scenario, rate, delivered %, p99 ms, server CPU %, generator):")
for name in ("fanout-max", "fanout-cpu", "latency"):
    for side in ("base", "work"):
        for w in (report(side, name) or {}).get("rates", []):
            host = w.get("host") or {}
            print(f"  {side:4} {name:10} {w['offered_rate']:>8.0f}/s  {w['delivered_percent']:8.3f}%  p99 {w['latency_ms']['p99']:8.1f}  "
                  f"server {fmt(host.get('cpu_percent'), 0)}%  generator {generator(w)}  {'PASS' if w['passed'] else 'FAIL'}")
