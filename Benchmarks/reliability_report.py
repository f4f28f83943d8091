#!/usr/bin/env python3
"""Writes Benchmarks/RELIABILITY.md from what the fault scenarios and the fuzzers recorded.

    python3 Benchmarks/reliability_report.py [reliability.jsonl] [RELIABILITY.md]

Inputs (standard library only):
* Benchmarks/reliability.jsonl: one JSON line per scenario run, appended by the integration
  tests when VEIL_RELIABILITY_LOG names the file (Tests/.../Support/ReliabilityLog.swift);
  every line has "scenario", "runs", "at" or "date", and most a "lost" text; the rest are the
  scenario's own figures;
* Fuzz/last-run.json: executions and crashes per harness of the last `bash Fuzz/run.sh`;
* Fuzz/README.md: its table "What was found and fixed" (one row per bug found by a fuzzer);
* Benchmarks/reliability-notes.md: the analysis written by hand, appended as it is.
Benchmarks/reliability.sh runs the scenarios and the fuzzers, then this.
"""
import collections
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

DESCRIPTIONS = {
    "disk-full/small-disk-fills": "the recorder on a small tmpfs with `storage.minFreeBytes`, the sample looped until the disk is full (`DiskFullTests`)",
    "disk-full/filled-by-another-program": "another program fills the disk while recording (`DiskFullTests`)",
    "disk-full/export-output": "`veil export` to a full output disk (`OutputDiskFullTests`)",
    "disk-full/unlock-output": "`veil unlock` to a full output disk (`OutputDiskFullTests`)",
    "crash/kill-9-segment-close": "kill -9 of `veil record` at seeded moments around a segment close, then restart (`CrashConsistencyTests`)",
    "crash/kill-9-sweep": "kill -9 during a sweep that shreds, then restart (`CrashConsistencyTests`)",
    "crash/kill-9-epoch-boundary": "kill -9 around key rotation at an epoch boundary (`CrashConsistencyTests`)",
    "vlc-wraps-and-restarts": "VLC's RTSP server (RTP over UDP): 20 loop wraps, then 20 kills and restarts (`VLCReconnectTests`)",
    "clock-steps-while-recording": "the recorder's wall clock jumps +1 h and then -1 h while recording (`ClockStepRecordingTests`)",
    "clock-steps-faketime": "the real `veil record` under libfaketime, +1 h then back (`ClockStepFaketimeTests`)",
}


def scenario_rows(lines):
    by_scenario = collections.OrderedDict()
    for line in lines:
        by_scenario.setdefault(line["scenario"], []).append(line)
    rows = []
    for scenario, runs in by_scenario.items():
        total = sum(int(r.get("runs", 1)) for r in runs)
        lost = "; ".join(sorted({str(r["lost"]) for r in runs if "lost" in r})) or "(not recorded)"
        figures = collections.OrderedDict()
        for r in runs:
            for key, value in r.items():
                if key in ("scenario", "runs", "at", "date", "lost"):
                    continue
                figures.setdefault(key, []).append(value)

        def shown(values):
            if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                text = [("%.2f" % v).rstrip("0").rstrip(".") if isinstance(v, float) else str(v) for v in values]
            else:
                text = [str(v).lower() if isinstance(v, bool) else str(v) for v in values]
            return ", ".join(text)
        detail = "; ".join(f"{k} {shown(v)}" for k, v in figures.items())
        # The two ReliabilityLog variants name the time "at" or "date".
        rows.append((scenario, len(runs), total, lost, detail, max(r.get("at", r.get("date", "")) for r in runs)))
    return rows


def fixed_findings(readme):
    """Rows of Fuzz/README.md's "What was found and fixed" table: (harness, what happened)."""
    rows, inside = [], False
    for line in readme.splitlines():
        if line.startswith("## "):
            inside = line.strip() == "## What was found and fixed"
            continue
        if inside and line.startswith("| ") and not line.startswith("| harness") and not line.startswith("|---"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            rows.append((cells[0], cells[2] if len(cells) > 2 else ""))
    return rows


def main(argv):
    jsonl = argv[1] if len(argv) > 1 else os.path.join(HERE, "reliability.jsonl")
    out = argv[2] if len(argv) > 2 else os.path.join(HERE, "RELIABILITY.md")
    with open(jsonl) as f:
        lines = [json.loads(line) for line in f if line.strip()]
    with open(os.path.join(ROOT, "Fuzz", "last-run.json")) as f:
        fuzz = json.load(f)
    with open(os.path.join(ROOT, "Fuzz", "README.md")) as f:
        findings = fixed_findings(f.read())
    notes_path = os.path.join(HERE, "reliability-notes.md")
    notes = open(notes_path).read() if os.path.exists(notes_path) else ""

    md = ["# Reliability: faults on purpose, and what was lost", "",
          "Written by `bash Benchmarks/reliability.sh` (the scenarios below, then `bash Fuzz/run.sh`), "
          "from `Benchmarks/reliability.jsonl` and `Fuzz/last-run.json`; "
          "`python3 Benchmarks/reliability_report.py` alone re-renders it. "
          "Each scenario asserts what it promises in its test; this is what the runs recorded.", "",
          "## Scenarios", "",
          "| scenario | what it does | recorded runs | scenario runs | lost | figures | last run (UTC) |",
          "|---|---|---|---|---|---|---|"]
    for scenario, recorded, total, lost, detail, at in scenario_rows(lines):
        md.append(f"| `{scenario}` | {DESCRIPTIONS.get(scenario, '')} | {recorded} | {total} | {lost} | {detail} | {at} |")
    md += ["", "\"Lost\" must be nothing beyond the segments in progress when a process was killed "
           "(crash scenarios) or what the storage limits shed by design, oldest raw first (disk full).", "",
           f"## Fuzzing (last run {fuzz.get('date', '?')})", "",
           "| harness | seconds | executions | crashes | found and fixed so far |", "|---|---|---|---|---|"]
    per_harness = collections.Counter(h.split(" ")[0] for h, _ in findings)
    total_exec = 0
    for h in fuzz["harnesses"]:
        total_exec += int(h["executions"])
        md.append(f"| `{h['harness']}` | {h['seconds']} | {h['executions']:,} | {h['crashes']} | {per_harness.get(h['harness'], 0)} |")
    md += [f"| **all** | | **{total_exec:,}** | **{sum(int(h['crashes']) for h in fuzz['harnesses'])}** | **{len(findings)}** |",
           "", "Bugs the fuzzers found, each fixed with a regression test (details in `Fuzz/README.md`):", ""]
    md += [f"* {harness}: {what}" for harness, what in findings]
    if notes:
        md += ["", notes.rstrip()]
    with open(out, "w") as f:
        f.write("\n".join(md) + "\n")
    print(f"wrote {os.path.relpath(out, ROOT)}: {len(lines)} scenario lines, {len(fuzz['harnesses'])} harnesses")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
