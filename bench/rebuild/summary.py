#!/usr/bin/env python3
"""Prints medians from the JSON files bench/rebuild/run.sh wrote into DIR."""
import json
import os
import statistics
import sys


def med(rows, key):
    values = [r[key] for r in rows if key in r]
    return f"{statistics.median(values):.0f}" if values else "-"


def main(d):
    print(f"{'run':32} {'save->binary':>12} {'save->decision':>14} {'batch->decision':>15} {'go build':>8} {'builds/no-target edits':>22}")
    for name in ["hotlsp-httpserver", "hotlsp-debounce10-httpserver", "air-delay0-httpserver", "air-delay1-httpserver", "loop-httpserver", "hotlsp-big"]:
        path = os.path.join(d, name + ".json")
        if not os.path.exists(path):
            continue
        r = json.load(open(path))
        rows = r["edits"]
        noop = f"{r['buildsForNoTargetEdits']}/{r['noTargetEdits']}" if "noTargetEdits" in r else "-"
        print(f"{name:32} {med(rows, 'saveToBinaryMs'):>12} {med(rows, 'saveToDecisionMs'):>14} "
              f"{med(rows, 'batchToDecisionMs'):>15} {med(rows, 'goBuildMs'):>8} {noop:>22}")
        extra = {k: v for k, v in r.items() if k in ("packages", "graphLoadMs", "watcherReadyMs", "buildsForEdits")}
        if "saveToRunningMs" in rows[0]:
            extra["saveToRunningMs(median)"] = med(rows, "saveToRunningMs")
        if extra:
            print(f"{'':32} {extra}")
    print(f"(ms, medians of {len(rows)} edits; raw JSON in {d})")


if __name__ == "__main__":
    main(sys.argv[1])
