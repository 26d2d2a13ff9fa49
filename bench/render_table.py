#!/usr/bin/env python3
"""Markdown table of a bench/compare.sh run: render_table.py META.json RAW.jsonl (stdlib only).

For each config and framework the time is the median over the rounds of each run's median ms per step;
the best anchor is the faster of PyTorch 1.13 and DJL + PyTorch 2.7.1; the speed-up is best anchor / rnn4j.
A run with --lengths uniform gets its own table: each framework's packed step next to the same batch padded.
"""

import json
import statistics
import sys

FW = ("rnn4j", "pytorch", "djl")
LABEL = {"rnn4j": "rnn4j", "pytorch": "PyTorch 1.13", "djl": "DJL + PyTorch 2.7.1"}


def fmt_ms(v):
    if v is None:
        return "—"
    return f"{v:.3g}" if v < 10 else f"{v:.0f}" if v >= 100 else f"{v:.1f}"


# Goals of issue 13 (packed training): x faster than the same batch padded, x faster than PyTorch's packed step.
PACKED_GOALS = {"lstm-medium": (1.3, 2.0)}


def packed_table(meta, runs):
    """Rows: rnn4j packed / padded, PyTorch packed / padded (medians over rounds) and the two ratios."""
    def med(cfg, fw):
        ok = [r["ms_per_step"] for r in runs if r["config"] == cfg and r["fw"] == fw and "ms_per_step" in r]
        return (statistics.median(ok) if ok else None), ok

    out = ["| config | T | B | I | H | L | mean length | rnn4j packed ms | rnn4j padded ms | packed vs padded | "
           "PyTorch 1.13 packed ms | PyTorch 1.13 padded ms | rnn4j packed vs PyTorch packed | goals |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    detail = []
    for c in meta["configs"]:
        name = c["name"]
        vals = {}
        for fw in ("rnn4j", "rnn4j-padded", "pytorch", "pytorch-padded"):
            vals[fw], ok = med(name, fw)
            if len(ok) > 1:
                detail.append(f"{name} / {fw}: rounds {', '.join(fmt_ms(x) for x in ok)} ms")
        lengths = sorted({round(r["mean_length"], 2) for r in runs if r["config"] == name and r.get("mean_length")})

        def ratio(a, b):
            return f"{vals[a] / vals[b]:.2f}x" if vals[a] and vals[b] else "—"
        goals = PACKED_GOALS.get(name)
        goal_text = f"{goals[0]:g}x, {goals[1]:g}x" if goals else "—"
        out.append(f"| {name} ({c['cell']} {c['mode']}) | {c['T']} | {c['B']} | {c['I']} | {c['H']} | {c['L']} | "
                   f"{', '.join(f'{v:g}' for v in lengths) or '—'} | {fmt_ms(vals['rnn4j'])} | "
                   f"{fmt_ms(vals['rnn4j-padded'])} | {ratio('rnn4j-padded', 'rnn4j')} | {fmt_ms(vals['pytorch'])} | "
                   f"{fmt_ms(vals['pytorch-padded'])} | {ratio('pytorch', 'rnn4j')} | {goal_text} |")
    return out, detail


def main(meta_path, raw_path):
    with open(meta_path) as f:
        meta = json.load(f)
    runs = []
    with open(raw_path) as f:
        for line in f:
            line = line.strip()
            if line:
                runs.append(json.loads(line))
    missing = meta.get("missing", {})
    wanted = meta.get("frameworks", ",".join(FW)).split(",")

    def cell_value(cfg, fw):
        ok = [r["ms_per_step"] for r in runs if r["config"] == cfg and r["fw"] == fw and "ms_per_step" in r]
        errs = [r["error"] for r in runs if r["config"] == cfg and r["fw"] == fw and "error" in r]
        return (statistics.median(ok) if ok else None), ok, errs

    out = []
    out.append(f"Measured {meta['date']} on {meta['nproc']} cores, {meta['cpu']} ({meta['cpu_flags'].strip()}); "
               f"load average {meta['load_start']} at the start, {meta['load_end']} at the end.")
    jdks = sorted({r.get("jdk") for r in runs if r["fw"] == "rnn4j" and r.get("jdk")})
    out.append(f"rnn4j: {meta['rnn4j_root']} at {meta['git']}, JDK {', '.join(jdks) if jdks else '—'}. "
               f"DJL: JDK {meta.get('djl_jdk') or '—'} ({meta.get('djl_java') or '—'}).")
    blas = sorted({f"{r.get('blas')} {r.get('blas_core')} x{r.get('blas_threads')}"
                   for r in runs if r["fw"] == "pytorch" and "ms_per_step" in r})
    tv = sorted({r.get("version") for r in runs if r["fw"] == "pytorch" and r.get("version")})
    out.append(f"PyTorch: {', '.join(tv) or '—'} with {', '.join(blas) or '—'} (OpenBLAS core and threads), "
               f"2 torch threads. Median of {meta['rounds']} alternating round(s)"
               f"{' in --quick mode (few steps: a check of the tooling, not a measurement)' if meta['quick'] else ''}.")
    out.append("")
    if meta.get("lengths") == "uniform":
        rows, detail = packed_table(meta, runs)
        out.extend(rows)
        if detail:
            out.extend(["", "Per-round medians:"] + [f"- {d}" for d in detail])
        print("\n".join(out))
        return
    out.append("| config | T | B | I | H | L | rnn4j ms | PyTorch 1.13 ms | DJL ms | best anchor | "
               "speed-up vs best | goal | met |")
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    notes = []
    detail = []
    for c in meta["configs"]:
        name = c["name"]
        vals = {}
        shown = {}
        for fw in FW:
            v, ok, errs = cell_value(name, fw)
            vals[fw] = v
            if fw not in wanted:
                shown[fw] = "not run"
            elif fw in missing:
                shown[fw] = "missing"
            elif v is None:
                shown[fw] = "failed"
                for e in sorted(set(errs)):
                    notes.append(f"{name} / {LABEL[fw]}: {e}")
            else:
                shown[fw] = fmt_ms(v)
                if len(ok) > 1:
                    detail.append(f"{name} / {LABEL[fw]}: rounds {', '.join(fmt_ms(x) for x in ok)} ms")
                if errs:
                    notes.append(f"{name} / {LABEL[fw]}: {len(errs)} failed round(s): {sorted(set(errs))[0]}")
        anchors = [(vals[f], f) for f in ("pytorch", "djl") if vals[f] is not None]
        best = min(anchors) if anchors else None
        goal = float(c["goal"])
        goal_text = "as fast" if goal == 1 else f"{goal:g}x faster"
        if best and vals["rnn4j"]:
            speed = best[0] / vals["rnn4j"]
            speed_text = f"{speed:.2f}x"
            met = "yes" if speed >= goal else "no"
        else:
            speed_text, met = "—", "—"
        best_text = f"{fmt_ms(best[0])} ({'PyTorch 1.13' if best[1] == 'pytorch' else 'DJL'})" if best else "—"
        mode = "infer" if c["mode"] == "infer" else "train"
        out.append(f"| {name} ({c['cell']} {mode}) | {c['T']} | {c['B']} | {c['I']} | {c['H']} | {c['L']} | "
                   f"{shown['rnn4j']} | {shown['pytorch']} | {shown['djl']} | {best_text} | {speed_text} | "
                   f"{goal_text} | {met} |")
    if missing:
        out.append("")
        out.append("Missing (named, not installed):")
        for fw, why in missing.items():
            out.append(f"- {LABEL.get(fw, fw)}: {why}")
    if notes:
        out.append("")
        out.append("Failures:")
        out.extend(f"- {n}" for n in notes)
    if detail:
        out.append("")
        out.append("Per-round medians:")
        out.extend(f"- {d}" for d in detail)
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: render_table.py META.json RAW.jsonl")
    main(sys.argv[1], sys.argv[2])
