#!/usr/bin/python3
"""Draws the host-against-ngircd charts of docs/benchmarks.md from bench/compare.sh's JSON reports.

    BENCH_KEEP=/tmp/reports bench/compare.sh && bench/charts.py /tmp/reports [OUT_DIR]

Reads SERVER-sweep-RATE.json (one fan-out window per offered rate, fresh server each) and
SERVER-overload.json for SERVER in host, ngircd, and writes into OUT_DIR (docs/img):
  fanout-delivered.svg  delivered % against offered rate
  fanout-p99.svg        p99 latency against offered rate
  overload-rss.svg      the server's RSS over time at 3x the sustainable rate
Host and ngircd share the axes. A point measured while the generator was saturated is drawn
hollow: it is a floor for the server, not a result.

Needs Debian's matplotlib (apt-get install -y python3-matplotlib), hence /usr/bin/python3.
"""
import glob
import json
import os
import re
import sys

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker
except ImportError:
    sys.exit("bench/charts.py needs matplotlib: apt-get install -y python3-matplotlib (and run it with /usr/bin/python3)")

SERVERS = {"host": ("our host", "tab:blue", "o"), "ngircd": ("ngircd", "tab:orange", "s")}


def load(path):
    with open(path) as f:
        return json.load(f)


def sweep(reports, server):
    """(rate, delivered %, p99 ms, saturated, cut off) per offered rate, from the sweep reports."""
    points = []
    for path in glob.glob(os.path.join(reports, f"{server}-sweep-*.json")):
        if not re.search(r"-sweep-[0-9.]+\.json$", path):
            continue
        for w in load(path).get("rates", []):
            points.append((w["offered_rate"], w["delivered_percent"], w["latency_ms"]["p99"],
                           w["generator"]["saturated"], w["disconnected"]))
    return sorted(points)


def draw_sweep(reports, out, column, ylabel, filename, log_y=False):
    fig, ax = plt.subplots(figsize=(7, 4.2))
    drawn = False
    for server, (label, colour, marker) in SERVERS.items():
        points = sweep(reports, server)
        if not points:
            continue
        drawn = True
        rates = [p[0] for p in points]
        values = [p[column] for p in points]
        ax.plot(rates, values, color=colour, label=label)
        for p, v in zip(points, values):
            ax.plot(p[0], v, marker=marker, color=colour, markerfacecolor="none" if p[3] else colour, markersize=7)
            if p[4]:
                ax.annotate(f"{p[4]} cut off", (p[0], v), textcoords="offset points", xytext=(4, 6), fontsize=8, color=colour)
    if not drawn:
        plt.close(fig)
        print(f"no sweep reports in {reports}: {filename} not drawn", file=sys.stderr)
        return
    if log_y:
        ax.set_yscale("log")
        ax.yaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
    ax.set_xlabel("offered messages/s (all senders)")
    ax.set_ylabel(ylabel)
    ax.grid(True, alpha=0.3)
    ax.plot([], [], marker="o", color="grey", markerfacecolor="none", linestyle="none", label="generator saturated (a floor)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(out, filename), metadata={"Date": None})
    plt.close(fig)
    print(f"wrote {os.path.join(out, filename)}")


def draw_overload(reports, out):
    fig, ax = plt.subplots(figsize=(7, 4.2))
    title = None
    for server, (label, colour, _) in SERVERS.items():
        path = os.path.join(reports, f"{server}-overload.json")
        if not os.path.exists(path):
            continue
        report = load(path)
        w = report["rates"][0]
        samples = [s for s in w["timeline"] if s.get("host_rss_mib") is not None]
        if not samples:
            continue
        saturated = " (generator saturated)" if w["generator"]["saturated"] else ""
        # The level with every client joined, before the first message, is the curve's start.
        start = [(0.0, w["host"]["rss_start_mib"])] if w.get("host") else []
        points = start + [(s["seconds"], s["host_rss_mib"]) for s in samples]
        ax.plot([p[0] for p in points], [p[1] for p in points], color=colour,
                label=f"{label}: {w['delivered_percent']:.1f}% delivered, {w['disconnected']} cut off{saturated}")
        title = (f"{w['offered_rate']:,.0f} msg/s offered = {w['offered_rate'] / report['sustainable_rate']:.0f}x "
                 f"{report['sustainable_rate']:,.0f}/s, {report['clients']:,} clients")
    if title is None:
        plt.close(fig)
        print(f"no overload reports in {reports}: overload-rss.svg not drawn", file=sys.stderr)
        return
    ax.set_title(title)
    ax.set_xlabel("seconds since the first overloaded message was due")
    ax.set_ylabel("server RSS (MiB)")
    ax.set_ylim(bottom=0)
    ax.grid(True, alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "overload-rss.svg"), metadata={"Date": None})
    plt.close(fig)
    print(f"wrote {os.path.join(out, 'overload-rss.svg')}")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    reports = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "docs", "img")
    os.makedirs(out, exist_ok=True)
    # Same bytes for the same reports: no timestamps or random ids in the SVGs.
    plt.rcParams["svg.hashsalt"] = "chat-bench"
    plt.rcParams["svg.fonttype"] = "none"
    draw_sweep(reports, out, 1, "delivered (%)", "fanout-delivered.svg")
    draw_sweep(reports, out, 2, "p99 latency (ms)", "fanout-p99.svg", log_y=True)
    draw_overload(reports, out)


if __name__ == "__main__":
    main()
