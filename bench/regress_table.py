"""Prints bench/regress.sh's before/after table from the generator's JSON reports.

Usage: regress_table.py WORK_DIR BEFORE_LABEL AFTER_LABEL P99_BOUND_MS
Reads WORK_DIR/{base,work}-fanout-max.json and the fixed-rate windows
WORK_DIR/{base,work}-{fanout-cpu,latency}-N.json (N = 1, 2, ...): a fixed-rate row is the mean of
its windows, with their median beside it.
"""
import glob
import json
import os
import re
import statistics
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


def windows(side, name):
    """The fixed-rate windows of one side, in the order they ran (one window each report)."""
    paths = glob.glob(os.path.join(work, f"{side}-{name}-*.json"))
    numbered = sorted(paths, key=lambda p: int(re.search(r"-(\d+)\.json$", p).group(1)))
    found = []
    for path in numbered:
        with open(path) as f:
            r = json.load(f)
        if r.get("rates"):
            found.append(r["rates"][-1])
    return found


def generator(w):
    if w is None:
        return "n/a"
    if isinstance(w, list):
        if not w:
            return "n/a"
        saturated = sum(1 for x in w if x["generator"]["saturated"])
        mean = statistics.mean(x["generator"]["cpu_percent"] for x in w)
        peak = max(x["generator"]["cpu_peak_percent"] for x in w)
        return (f"{mean:.0f}% mean of {len(w)} (peak {peak:.0f}%)"
                + (f" SATURATED in {saturated} of {len(w)}" if saturated else ""))
    g = w["generator"]
    return f"{g['cpu_percent']:.0f}% (peak {g['cpu_peak_percent']:.0f}%){' SATURATED' if g['saturated'] else ''}"


def mean_of(ws, value):
    """The mean of a figure over the windows that have it, or None."""
    got = [v for v in (value(w) for w in ws) if v is not None]
    return statistics.mean(got) if got else None


def median_of(ws, value):
    got = [v for v in (value(w) for w in ws) if v is not None]
    return statistics.median(got) if got else None


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
if max_b != max_a and rows[-1][3] != "n/a":
    # Each side's p99 at its own highest rate: under the bound on both, not a like-for-like change.
    label, before, after, changed, gen_before, gen_after = rows[-1]
    rows[-1] = (label, before, after, changed.split()[0] + " (at different rates)", gen_before, gen_after)
floors = [side for side, r in (("before", fb), ("after", fa)) if r and r.get("max_is_floor")]


def per_million(w):
    return (w.get("host") or {}).get("cpu_seconds_per_million_deliveries")


def p50(w):
    return w["latency_ms"]["p50"]


def p99(w):
    return w["latency_ms"]["p99"]


def delivered(w):
    return w["delivered_percent"]


def fixed_rows(name, title, figures):
    """Rows of a fixed-rate scenario: each figure's mean over the side's windows, then its median."""
    before, after = windows("base", name), windows("work", name)
    if not before and not after:
        return
    rate = (after or before)[0]["offered_rate"]
    count = max(len(before), len(after))
    for i, (label, value, higher_is_better, digits) in enumerate(figures):
        lead = f"{title(rate)}: {label}" if i == 0 else f"  {label}"
        row(f"{lead} (mean of {count} windows)", mean_of(before, value), mean_of(after, value), higher_is_better, digits, before, after)
        if value is not delivered:
            row("  same, median", median_of(before, value), median_of(after, value), higher_is_better, digits, before, after)


fixed_rows("fanout-cpu", lambda rate: f"fan-out {clients} clients at {fmt(rate, 0)} msg/s",
           [("server CPU-seconds per million deliveries", per_million, False, 2),
            ("delivered (%)", delivered, True, 3),
            ("p99 (ms)", p99, False, 1)])
lat_clients = (report("work", "latency-1") or report("base", "latency-1") or {}).get("clients")
fixed_rows("latency", lambda rate: f"latency: {lat_clients} clients, {fmt(rate, 0)} msg/s",
           [("p50 (ms)", p50, False, 1),
            ("p99 (ms)", p99, False, 1),
            ("delivered (%)", delivered, True, 3)])

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
print("Every window (side, scenario, rate, delivered %, p50 and p99 ms, server CPU %, generator):")


def print_window(side, name, w):
    host = w.get("host") or {}
    print(f"  {side:4} {name:13} {w['offered_rate']:>8.0f}/s  {w['delivered_percent']:8.3f}%  p50 {w['latency_ms']['p50']:7.1f}  p99 {w['latency_ms']['p99']:8.1f}  "
          f"server {fmt(host.get('cpu_percent'), 0)}%  generator {generator(w)}  {'PASS' if w['passed'] else 'FAIL'}")


for side in ("base", "work"):
    for w in (report(side, "fanout-max") or {}).get("rates", []):
        print_window(side, "fanout-max", w)
for name in ("fanout-cpu", "latency"):
    before, after = windows("base", name), windows("work", name)
    for i in range(max(len(before), len(after))):
        for side, ws in (("base", before), ("work", after)):
            if i < len(ws):
                print_window(side, f"{name}-{i + 1}", ws[i])
