"""Prints the side-by-side table of a bench/compare.sh run from the generator's JSON reports."""
import json
import os
import sys

work, cores, cpu = sys.argv[1], sys.argv[2], sys.argv[3]


def report(name):
    path = os.path.join(work, name + ".json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def passing_row(r):
    """The measured window at the highest passing rate, or None."""
    if r is None or r.get("max_passing_rate") is None:
        return None
    return next(x for x in r["rates"] if x["offered_rate"] == r["max_passing_rate"] and x["passed"])


def fmt(v, digits=0):
    if isinstance(v, str):
        return v
    return "n/a" if v is None else f"{v:,.{digits}f}"


def ratio(ours, theirs, higher_is_better=True):
    if higher_is_better is None or isinstance(ours, str):
        return ""
    if ours is None or theirs is None or ours == 0 or theirs == 0:
        return "n/a"
    return f"{(ours / theirs if higher_is_better else theirs / ours):.2f}x"


rows = []


def fanout_rows(name, bound):
    h, n = report("host-" + name), report("ngircd-" + name)
    hp, npass = passing_row(h), passing_row(n)
    clients = (h or n or {}).get("clients")
    senders = (h or n or {}).get("senders")
    rows.append((f"fan-out {clients} clients / {senders} senders: highest rate, 100% delivered, p99 < {bound} (msg/s offered)",
                 h and h.get("max_passing_rate"), n and n.get("max_passing_rate"), True, 0))
    rows.append(("  deliveries/s at that rate", hp and hp["deliveries_per_second"], npass and npass["deliveries_per_second"], True, 0))
    rows.append(("  p99 latency at that rate (ms)", hp and hp["latency_ms"]["p99"], npass and npass["latency_ms"]["p99"], False, 1))
    rows.append(("  server CPU at that rate (% of a core)", hp and host_cpu(hp), npass and host_cpu(npass), False, 0))
    rows.append(("  generator saturated at that rate (its figure is then a floor)", hp and saturated(hp), npass and saturated(npass), None, 0))


def host_cpu(window):
    return (window.get("host") or {}).get("cpu_percent")


def saturated(window):
    return "SATURATED" if window["generator"]["saturated"] else "no"


def idle_kib(r):
    return r and r.get("idle") and r["idle"]["kib_per_connection"]


fanout_rows("fanout", "100 ms")
fanout_rows("saturation", "1 s")
h, n = report("host-connect"), report("ngircd-connect")
resumed = ((h or {}).get("connect") or {}).get("login") == "resume_token"
rows.append((f"connect + log in + join {h and h['clients']} clients (per s{'; our host with resume tokens' if resumed else ''})",
             h and h["connect"]["per_second"], n and n["connect"]["per_second"], True, 0))
h, n = report("host-idle"), report("ngircd-idle")
rows.append((f"idle: {h and h['clients']} logged-in connections, server memory per connection (KiB)", idle_kib(h), idle_kib(n), False, 1))
h = report("host-idle-large")
rows.append((f"idle: {h and h['clients']} logged-in connections, server memory per connection (KiB)", idle_kib(h), None, False, 1))
rows.append(("  server peak RSS (MiB)", h and h.get("idle") and h["idle"]["peak_rss_mib"], None, False, 0))
d = report("durable")
rows.append((f"durable: room messages committed per second (SQLite, group commit, {d and d['writers']} writers)",
             d and d["commits_per_second"], None, True, 0))

print(f"machine: {cores} cores, {cpu}; servers pinned to core 0, generator to core 1")
print()
print("| scenario | our host | ngircd | host vs ngircd |")
print("|---|---:|---:|---:|")
for label, ours, theirs, higher, digits in rows:
    print(f"| {label} | {fmt(ours, digits)} | {fmt(theirs, digits)} | {ratio(ours, theirs, higher)} |")
print()
print("Every measured window (rate, delivered %, p99 ms, pass):")
for name in ("ngircd-fanout", "host-fanout", "ngircd-saturation", "host-saturation"):
    r = report(name)
    for x in (r or {}).get("rates", []):
        print(f"  {name:17} {x['offered_rate']:>8.0f}/s  {x['delivered_percent']:8.3f}%  p99 {x['latency_ms']['p99']:8.1f}  "
              f"server {fmt(host_cpu(x))}%  generator {x['generator']['cpu_percent']:.0f}%"
              f"{' SATURATED' if x['generator']['saturated'] else ''}  {'PASS' if x['passed'] else 'FAIL'}")
print()
print("Machine load average (1 min) at the end of each run; each run alone keeps at most 2 busy:")
print("  " + ", ".join(f"{name} {r['machine_load_at_end']:.1f}" for name in sorted(os.listdir(work))
                         if name.endswith(".json") and (r := report(name[:-5])) and "machine_load_at_end" in r))

# BENCH_SERVERS="... host-irc": the same fan-out through our host's IRC gateway, beside ngircd
# (both spoken to in IRC by the same generator) and beside our host's own protocol.
if report("host-irc-fanout") or report("host-irc-saturation"):
    print()
    print("Through the IRC gateway (the same generator speaking IRC to both servers):")
    print()
    print("| scenario | host, chat protocol | host, IRC gateway | ngircd | gateway vs ngircd |")
    print("|---|---:|---:|---:|---:|")
    for name, bound in (("fanout", "100 ms"), ("saturation", "1 s")):
        h, g, n = report("host-" + name), report("host-irc-" + name), report("ngircd-" + name)
        gp = passing_row(g)
        print(f"| fan-out, highest rate with 100% delivered and p99 < {bound} (msg/s) | {fmt(h and h.get('max_passing_rate'))} "
              f"| {fmt(g and g.get('max_passing_rate'))} | {fmt(n and n.get('max_passing_rate'))} "
              f"| {ratio(g and g.get('max_passing_rate'), n and n.get('max_passing_rate'))} |")
        print(f"|   gateway at that rate: p99 ms, server CPU %, generator saturated | | "
              f"{fmt(gp and gp['latency_ms']['p99'], 1)} ms, {fmt(gp and host_cpu(gp))}%, {gp and saturated(gp)} | | |")
    for rate_file in sorted(f for f in os.listdir(work) if f.startswith("host-irc-sweep-")):
        name = rate_file[len("host-irc-"):-len(".json")]
        g, n, h = report("host-irc-" + name), report("ngircd-" + name), report("host-" + name)
        def cell(r):
            if not r:
                return "n/a"
            x = r["rates"][0]
            return f"{x['delivered_percent']:.1f}%, p99 {fmt(x['latency_ms']['p99'], 1)} ms{' (gen. SATURATED)' if x['generator']['saturated'] else ''}"
        print(f"| {name}: delivered, p99 | {cell(h)} | {cell(g)} | {cell(n)} | |")
