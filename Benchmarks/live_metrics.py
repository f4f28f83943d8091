#!/usr/bin/python3
"""Reads two Prometheus scrapes of `veil record` (taken after the warm-up and at the end of
the measured window) and prints what Benchmarks/live.sh reports about that window, as JSON:
per camera the frames encoded per second, the frame latency p50/p99 (interpolated inside
the histogram's buckets, as PromQL's histogram_quantile does), packets dropped from the
redacted path, frames masked whole; for the process the CPU used, the sealing rate and
sealing's share of the CPU.

    live_metrics.py FIRST.prom SECOND.prom SECONDS_BETWEEN
"""
import json
import re
import sys
from collections import defaultdict

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse(path):
    """{(name, frozenset(labels)): value} for every sample line."""
    samples = {}
    with open(path) as text:
        for line in text:
            match = SAMPLE.match(line.strip())
            if match:
                name, labels, value = match.groups()
                samples[(name, frozenset(LABEL.findall(labels or "")))] = float(value)
    return samples


def delta(first, second):
    return {key: value - first.get(key, 0.0) for key, value in second.items()}


def by_camera(samples, name, **wanted):
    """{camera: value} of metric `name` whose other labels match `wanted` (summed over the rest)."""
    values = defaultdict(float)
    for (metric, labels), value in samples.items():
        labels = dict(labels)
        if metric == name and "camera" in labels and all(labels.get(k) == v for k, v in wanted.items()):
            values[labels["camera"]] += value
    return values


def quantile(q, buckets):
    """buckets: [(upper bound, cumulative count)] ascending, ending with +Inf."""
    total = buckets[-1][1]
    if total <= 0:
        return None
    rank = q * total
    lower_bound, lower_count = 0.0, 0.0
    for bound, count in buckets:
        if count >= rank:
            if bound == float("inf"):
                return lower_bound  # beyond the last finite bucket: report that bound, as PromQL does
            return lower_bound + (bound - lower_bound) * (rank - lower_count) / max(count - lower_count, 1e-12)
        lower_bound, lower_count = bound, count
    return None


def latency_buckets(samples, camera):
    buckets = []
    for (metric, labels), value in samples.items():
        labels = dict(labels)
        if metric == "veil_frame_latency_seconds_bucket" and labels.get("camera") == camera:
            buckets.append((float(labels["le"].replace("+Inf", "inf")), value))
    return sorted(buckets)


def main():
    first, second = parse(sys.argv[1]), parse(sys.argv[2])
    seconds = float(sys.argv[3])
    window = delta(first, second)
    frames = by_camera(window, "veil_frames_out_total")
    dropped = by_camera(window, "veil_packets_dropped_total")
    undecodable = by_camera(window, "veil_decode_errors_total")
    masked = by_camera(window, "veil_frames_fully_masked_total")
    sealed = by_camera(window, "veil_sealed_bytes_total")
    seal_cpu = by_camera(window, "veil_seal_cpu_seconds_total")
    up = by_camera(second, "veil_camera_up")
    cameras = {}
    for camera in sorted(frames):
        buckets = latency_buckets(window, camera)
        cameras[camera] = {
            "fps": frames[camera] / seconds,
            "p50": quantile(0.50, buckets),
            "p99": quantile(0.99, buckets),
            "latency_count": buckets[-1][1] if buckets else 0,
            "dropped_packets": dropped[camera],
            "undecodable_packets": undecodable[camera],
            "fully_masked_frames": masked[camera],
            "up": up[camera],
        }
    process_cpu = window.get(("process_cpu_seconds_total", frozenset()), 0.0)
    encoded = sum(frames.values())
    print(json.dumps({
        "seconds": seconds,
        "cpu_seconds_per_frame": process_cpu / encoded if encoded else None,
        "cameras": cameras,
        "process_cpu_cores": process_cpu / seconds,
        "sealed_mb_per_s": sum(sealed.values()) / seconds / 1e6,
        "seal_cpu_share": sum(seal_cpu.values()) / process_cpu if process_cpu > 0 else None,
        "seal_cpu_seconds": sum(seal_cpu.values()),
    }))


if __name__ == "__main__":
    main()
