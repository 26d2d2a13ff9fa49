#!/usr/bin/env python3
"""Runs `./rnn4j forecast train` with its defaults on every bundled dataset (examples/data) and
writes a table of test MASE: rnn4j against naive, seasonal naive and statsmodels' exponential
smoothing (ETS), all on the same rolling origins that rnn4j's forecast.csv lists.

ETS: statsmodels' ExponentialSmoothing (Holt-Winters), fit once on the training part (the points
rnn4j trains on), choosing by AICc among no/additive/damped-additive trend and none/additive/
multiplicative (if the series is positive) seasonality with rnn4j's season S. Its parameters and
initial states are then kept fixed, and from each test origin it forecasts H steps after filtering
the series up to that origin: the same information rnn4j's model uses at that origin.

The naive and seasonal-naive MASE are recomputed here from the CSV and must match rnn4j's
metrics.json; so must the MASE scale (M4: in-sample seasonal-naive MAE of the training part).
Points rnn4j filled in (empty cells) are interpolated the same way and not scored.

Usage (from the repository root; /usr/bin/python3 has Debian's statsmodels):
    /usr/bin/python3 tools/forecast_benchmark.py [--out out/forecast-bench] [--only NAME] [--seed S]
It also times `forecast train` on a synthetic 1,000-point monthly series (trend, season, noise;
seeded) with defaults: the 20 s goal.
"""
import argparse
import csv
import json
import math
import os
import subprocess
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")
from statsmodels.tsa.holtwinters import ExponentialSmoothing  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASETS = [  # name, file, target, extra flags
    ("air-passengers", "examples/data/air-passengers.csv", "passengers", []),
    ("sunspots", "examples/data/sunspots.csv", "sunspots", []),
    ("co2-weekly", "examples/data/co2-weekly.csv", "co2_ppm", []),
    ("seattle-temperature", "examples/data/seattle-temperature.csv", "temp_max", []),
    ("electricity-hourly", "examples/data/electricity-hourly.csv", "demand_mw", []),
]


def read_target(path, target):
    """The target column, with empty cells linearly interpolated (nearest value at the ends)."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    y = np.array([float(r[target]) if r[target].strip() not in ("", "NA", "NaN") else np.nan for r in rows])
    observed = ~np.isnan(y)
    idx = np.arange(len(y))
    y = np.interp(idx, idx[observed], y[observed])
    return y, observed


def mase_scale(y, train, s):
    d = np.abs(y[s:train] - y[:train - s]).mean() if s < train else float("nan")
    return d if d > 0 else np.abs(np.diff(y[:train])).mean()


def forecasts_by_origin(path):
    """origin -> [truth or nan per step], from rnn4j's forecast.csv."""
    out = {}
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            out.setdefault(int(r["origin"]), []).append(float(r["truth"]) if r["truth"] else np.nan)
    return out


def fit_ets(y, s):
    """The ETS configuration with the lowest AICc on y; returns (fit, description)."""
    best = None
    trends = [(None, False), ("add", False), ("add", True)]
    seasonals = [None]
    if s > 1 and len(y) >= 2 * s + 2:
        seasonals += ["add"] + (["mul"] if y.min() > 0 else [])
    for trend, damped in trends:
        for seasonal in seasonals:
            try:
                m = ExponentialSmoothing(y, trend=trend, damped_trend=damped, seasonal=seasonal,
                                         seasonal_periods=s if seasonal else None,
                                         initialization_method="estimated")
                fit = m.fit()
            except Exception:  # a configuration that does not converge is skipped
                continue
            if not np.isfinite(fit.aicc):
                continue
            if best is None or fit.aicc < best[0].aicc:
                name = "ETS(A,%s,%s)" % ({None: "N", "add": "Ad" if damped else "A"}[trend],
                                         {None: "N", "add": "A", "mul": "M"}[seasonal])
                best = (fit, name, (trend, damped, seasonal))
    return best


def ets_forecasts(y, origins, h, s, fit, config):
    """H-step forecasts from each origin with the fitted parameters and initial states held fixed."""
    trend, damped, seasonal = config
    p = fit.params
    known = dict(initial_level=p["initial_level"])
    if trend:
        known["initial_trend"] = p["initial_trend"]
    if seasonal:
        known["initial_seasonal"] = p["initial_seasons"]
    fixed = dict(smoothing_level=p["smoothing_level"], optimized=False)
    if trend:
        fixed["smoothing_trend"] = p["smoothing_trend"]
        if damped:
            fixed["damping_trend"] = p["damping_trend"]
    if seasonal:
        fixed["smoothing_seasonal"] = p["smoothing_seasonal"]
    out = []
    for o in origins:
        m = ExponentialSmoothing(y[:o + 1], trend=trend, damped_trend=damped, seasonal=seasonal,
                                 seasonal_periods=s if seasonal else None, initialization_method="known", **known)
        out.append(np.asarray(m.fit(**fixed).forecast(h)))
    return np.array(out)


def mase(truth, pred, scale):
    ok = ~np.isnan(truth)
    return np.abs(truth[ok] - pred[ok]).mean() / scale


def run_rnn4j(csv_path, target, out, extra):
    cmd = [os.path.join(ROOT, "rnn4j"), "forecast", "train", "--csv", csv_path, "--target", target, "--out", out] + extra
    t0 = time.time()
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.time() - t0
    if r.returncode != 0:
        sys.exit("rnn4j failed on %s:\n%s%s" % (csv_path, r.stdout, r.stderr))
    return wall, r.stdout.strip().splitlines()[-1]


def bench(name, path, target, extra, out_root):
    out = os.path.join(out_root, name)
    wall, verdict = run_rnn4j(path, target, out, extra)
    m = json.load(open(os.path.join(out, "metrics.json")))
    y, _ = read_target(os.path.join(ROOT, path), target)
    assert len(y) == m["points"], "%s: %d rows here, %d points in rnn4j (skipped times?)" % (name, len(y), m["points"])
    s, h, train = m["season"], m["horizon"], m["train_points"]
    by_origin = forecasts_by_origin(os.path.join(out, "forecast.csv"))
    origins = sorted(by_origin)
    truth = np.array([by_origin[o] for o in origins])
    steps = np.arange(1, h + 1)
    naive = np.array([[y[o]] * h for o in origins])
    snaive = np.array([[y[o + k - s * math.ceil(k / s)] for k in steps] for o in origins])
    scale = mase_scale(y, train, s)
    checks = [("mase_scale", scale, m["mase_scale"]),
              ("naive MASE", mase(truth, naive, scale), m["baselines"]["naive"]["mase"]),
              ("seasonal naive MASE", mase(truth, snaive, scale), m["baselines"]["seasonal_naive"]["mase"])]
    for what, here, there in checks:
        if not math.isclose(here, there, rel_tol=1e-6):
            sys.exit("%s: %s differs: %.9g here, %.9g in rnn4j's metrics.json" % (name, what, here, there))
    fit, ets_name, config = fit_ets(y[:train], s)
    ets = ets_forecasts(y, origins, h, s, fit, config)
    return dict(name=name, points=m["points"], frequency=m["frequency"], season=s, horizon=h, origins=len(origins),
                rnn4j=m["test"]["mase"], naive=m["baselines"]["naive"]["mase"],
                seasonal_naive=m["baselines"]["seasonal_naive"]["mase"], ets=mase(truth, ets, scale), ets_name=ets_name,
                epochs=m["epochs"], seconds=m["seconds"], wall=wall)


def synthetic_monthly(path, n=1000, seed=0):
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    y = 100 + 0.05 * t + 10 * np.sin(2 * np.pi * t / 12) + 4 * np.cos(4 * np.pi * t / 12) + rng.normal(0, 2, n)
    with open(path, "w") as f:
        f.write("month,value\n")
        for k in range(n):
            f.write("%04d-%02d,%.3f\n" % (1900 + k // 12, k % 12 + 1, y[k]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "out", "forecast-bench"))
    ap.add_argument("--only", help="run one dataset")
    ap.add_argument("--seed", type=int, default=0, help="rnn4j's --seed (default 0)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    # The launcher builds when sources changed since its last build: do that before anything is timed.
    subprocess.run([os.path.join(ROOT, "rnn4j"), "--version"], cwd=ROOT, check=True, capture_output=True)
    rows = [bench(n, p, t, e + ["--seed", str(args.seed)], args.out) for n, p, t, e in DATASETS
            if args.only in (None, n)]
    lines = ["| dataset | points | frequency | S | H | origins | rnn4j MASE | naive | seasonal naive | ETS | "
             "ETS model | rnn4j / ETS | epochs | seconds |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|"]
    for r in rows:
        lines.append("| %s | %d | %s | %d | %d | %d | **%.3f** | %.3f | %.3f | %.3f | %s | %.2f | %d | %.1f |" % (
            r["name"], r["points"], r["frequency"], r["season"], r["horizon"], r["origins"], r["rnn4j"], r["naive"],
            r["seasonal_naive"], r["ets"], r["ets_name"], r["rnn4j"] / r["ets"], r["epochs"], r["wall"]))
    ratios = sorted(r["rnn4j"] / r["ets"] for r in rows)
    median = float(np.median(ratios)) if ratios else float("nan")
    beats = all(r["rnn4j"] < r["seasonal_naive"] for r in rows)
    lines.append("")
    lines.append("rnn4j below seasonal naive on every dataset: %s; median rnn4j/ETS MASE: %.3f" %
                 ("yes" if beats else "NO", median))
    if args.only is None:
        synth = os.path.join(args.out, "monthly-1000.csv")
        synthetic_monthly(synth)
        wall, verdict = run_rnn4j(synth, "value", os.path.join(args.out, "monthly-1000"), [])
        lines.append("synthetic 1,000-point monthly series, defaults: %.1f s wall for `forecast train` (%s)" %
                     (wall, verdict))
    table = "\n".join(lines)
    with open(os.path.join(args.out, "table.md"), "w") as f:
        f.write(table + "\n")
    print(table)


if __name__ == "__main__":
    main()
