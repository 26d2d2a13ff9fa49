#!/usr/bin/python3
"""Side by side on one protocol: `./rnn4j text train` and PyTorch 1.13 (tools/text_protocol.py, the
same corpus split, lanes, windows, carried state, model, cross-entropy, clipping, Adam and cosine
schedule), then sampling 10,000 characters from each trained model. Prints a Markdown table and
writes it, with the raw numbers, to OUT/text-benchmark.{md,json}.

    /usr/bin/python3 tools/text_benchmark.py [--steps 1000] [--out out/text-bench] [--only rnn4j|pytorch]

Defaults are the issue's goal: the bundled corpus (examples/data/kjv-pentateuch.txt), embed 64,
hidden 256, 2 LSTM layers, seq 128, batch 32, lr 2e-3, 1,000 steps, clip 5, validation every
200 steps and at the end, seed 0. rnn4j runs with -Xmx512m (the heap goal) on the newest JDK
./rnn4j finds; PyTorch with 2 threads and OpenBLAS tuned as bench/pytorch_bench.py does.

The initial weights differ (each framework draws its own), so the bpc compare two samples of the
same training recipe, not the same trajectory; tools/make_text_fixtures.py checks that the recipe is
the same step for step. ms per step is the median wall time of a training step (validation not
included) on this machine, whatever else runs on it: on a loaded machine compare the ratio, and
rerun (bench/compare.sh --only charlm alternates the two frameworks for the step time alone).
"""
import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "examples", "data", "kjv-pentateuch.txt")
# OpenBLAS reads these when torch loads it. One OpenBLAS thread (PyTorch's two OpenMP threads do the
# rest, as bench/pytorch_bench.py tunes it), and its AVX-512 kernels: on this machine OpenBLAS 0.3.21
# autodetects "Prescott" (SSE3 only; about 15x slower on this model) since the CPU reports a generic model
# name, so the core is named (--openblas-core; "" lets OpenBLAS choose); the GEMM is checked below.
os.environ.pop("OPENBLAS_L2_SIZE", None)
os.environ["OPENBLAS_NUM_THREADS"] = "1"
_core = next((v.split("=", 1)[1] for v in sys.argv[1:] if v.startswith("--openblas-core=")), "Cooperlake")
if _core:
    os.environ["OPENBLAS_CORETYPE"] = _core
else:
    os.environ.pop("OPENBLAS_CORETYPE", None)

import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import text_protocol as tp  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--text", default=CORPUS)
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--embed", type=int, default=64)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--seq", type=int, default=128)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--eval-every", type=int, default=200)
    p.add_argument("--sample", type=int, default=10000, help="characters to sample from each model")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--heap", default="512m", help="rnn4j's -Xmx")
    p.add_argument("--only", choices=("rnn4j", "pytorch"))
    p.add_argument("--openblas-core", default="Cooperlake",
                   help="OPENBLAS_CORETYPE for PyTorch (give it as --openblas-core=NAME; empty: OpenBLAS detects)")
    p.add_argument("--rounds", type=int, default=3,
                   help="rounds of the alternating step timing (./rnn4j bench and bench/pytorch_bench.py, "
                        "--model charlm); 0 skips it")
    p.add_argument("--out", default=os.path.join(ROOT, "out", "text-bench"))
    return p.parse_args(argv)


def openblas_core():
    """The OpenBLAS core torch's BLAS runs, or "unknown"."""
    import ctypes
    with open("/proc/self/maps") as f:
        paths = {line.split()[-1] for line in f if "blas" in line and len(line.split()) >= 6}
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        if hasattr(lib, "openblas_get_corename"):
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return lib.openblas_get_corename().decode(errors="replace")
    return "unknown"


def check_gemm():
    """A float32 product against float64: a kernel that computes wrong results stops the run."""
    g = torch.Generator().manual_seed(0)
    a = torch.randn(300, 257, generator=g)
    b = torch.randn(257, 1024, generator=g)
    err = ((a @ b).double() - a.double() @ b.double()).abs().max().item()
    if err > 1e-3:
        raise SystemExit("text_benchmark.py: OpenBLAS core %s computes wrong products (max error %g)"
                         % (openblas_core(), err))


def run_pytorch(a):
    torch.set_num_threads(a.threads)
    check_gemm()
    print("pytorch: OpenBLAS core %s, %d torch threads" % (openblas_core(), a.threads), file=sys.stderr, flush=True)
    torch.manual_seed(a.seed)
    vocab, train, val = tp.corpus(tp.read_text(a.text))
    model = tp.CharLM(len(vocab), a.embed, a.hidden, a.layers, "lstm")
    trainer = tp.Trainer(model, train, a.batch, a.seq, a.lr, a.steps, clip=5.0, schedule="cosine")
    losses, millis, validation = [], [], []
    start = time.perf_counter()
    for s in range(1, a.steps + 1):
        t0 = time.perf_counter()
        losses.append(trainer.step())
        millis.append((time.perf_counter() - t0) * 1000)
        if s % a.eval_every == 0 or s == a.steps:
            validation.append((s, tp.val_bpc(model, val, a.seq)))
            print("pytorch: step %d, val %.4f bpc, %.0f ms a step (median so far)"
                  % (s, validation[-1][1], statistics.median(millis)), file=sys.stderr, flush=True)
    seconds = time.perf_counter() - start
    tail = losses[-min(100, len(losses)):]
    sample_s = sample_pytorch(model, vocab, a.sample, a.seed)
    return {"val_bpc": validation[-1][1], "train_bpc": sum(tail) / len(tail) / math.log(2),
            "ms_per_step": statistics.median(millis), "seconds": seconds, "validation": validation,
            "sample_seconds": sample_s, "peak_heap_mb": None, "openblas_core": openblas_core()}


def sample_pytorch(model, vocab, n, seed):
    """n characters drawn one at a time (softmax, multinomial) after a newline, timed."""
    g = torch.Generator().manual_seed(seed)
    model.eval()
    x = torch.tensor([[vocab.index("\n") if "\n" in vocab else 0]])
    state = None
    t0 = time.perf_counter()
    with torch.no_grad():
        for _ in range(n):
            logits, state = model(x, state)
            x = torch.multinomial(torch.softmax(logits[0, -1], -1), 1, generator=g).view(1, 1)
    return time.perf_counter() - t0


def run_rnn4j(a):
    out = os.path.join(a.out, "rnn4j")
    env = dict(os.environ, RNN4J_JAVA_OPTS=("-Xmx" + a.heap + " " + os.environ.get("RNN4J_JAVA_OPTS", "")).strip())
    cmd = [os.path.join(ROOT, "rnn4j"), "text", "train", "--text", a.text, "--out", out, "--steps", str(a.steps),
           "--embed", str(a.embed), "--hidden", str(a.hidden), "--layers", str(a.layers), "--seq", str(a.seq),
           "--batch", str(a.batch), "--lr", repr(a.lr), "--eval-every", str(a.eval_every), "--seed", str(a.seed),
           "--checkpoint-every", str(a.steps)]
    print("rnn4j: " + " ".join(cmd), file=sys.stderr, flush=True)
    subprocess.run(cmd, check=True, env=env)
    with open(os.path.join(out, "metrics.json")) as f:
        m = json.load(f)
    r = subprocess.run([os.path.join(ROOT, "rnn4j"), "text", "sample", "--model", os.path.join(out, "model.safetensors"),
                        "--length", str(a.sample), "--seed", str(a.seed)], check=True, env=env,
                       capture_output=True, text=True)
    drew = re.search(r"in ([0-9.]+) s \(([0-9.]+) s of this thread's CPU", r.stderr)
    return {"val_bpc": m["val_bpc"], "train_bpc": m["train_bpc"], "ms_per_step": m["ms_per_step"],
            "seconds": m["seconds"], "validation": [(v["step"], v["bpc"]) for v in m["validation"]],
            "sample_seconds": float(drew.group(1)), "sample_cpu_seconds": float(drew.group(2)),
            "peak_heap_mb": m["peak_heap_mb"]}


def alternating(a):
    """Median ms per step of the same model's training step (bench --model charlm: no clipping, no
    schedule), the two frameworks alternating round by round so that both see the same load."""
    sizes = ["--vocab", "72", "--input", str(a.embed), "--hidden", str(a.hidden), "--layers", str(a.layers),
             "--seq", str(a.seq), "--batch", str(a.batch), "--iters", "15", "--json"]
    env = dict(os.environ)  # this process's OpenBLAS settings: core named, one thread
    times = {"rnn4j": [], "pytorch": []}
    for i in range(a.rounds):
        for name in ("rnn4j", "pytorch") if i % 2 == 0 else ("pytorch", "rnn4j"):
            if name == "rnn4j":
                cmd = [os.path.join(ROOT, "rnn4j"), "bench", "--model", "charlm", "--cell", "lstm", "--mode", "train",
                       "--warmup", "5"] + sizes
            else:
                cmd = [sys.executable, os.path.join(ROOT, "bench", "pytorch_bench.py"), "--model", "charlm", "--cell",
                       "lstm", "--warmup", "3", "--untuned", "--threads", str(a.threads)] + sizes
            out = subprocess.run(cmd, check=True, env=env, capture_output=True, text=True).stdout
            ms = json.loads(out.strip().splitlines()[-1])["ms_per_step"]
            times[name].append(ms)
            print("alternating round %d %s: %.0f ms" % (i + 1, name, ms), file=sys.stderr, flush=True)
    return {k: statistics.median(v) for k, v in times.items()} | {"rounds": times}


def table(a, r, p, alt=None):
    def num(d, k, fmt):
        return "n/a" if d is None or d.get(k) is None else fmt % d[k]

    def ratio(k, fmt="%.3f"):
        if r is None or p is None:
            return "n/a"
        return fmt % (r[k] / p[k])

    rows = [
        ("validation bpc after %d steps" % a.steps, num(r, "val_bpc", "%.4f"), num(p, "val_bpc", "%.4f"),
         ratio("val_bpc")),
        ("training bpc (mean of the last 100 steps)", num(r, "train_bpc", "%.4f"), num(p, "train_bpc", "%.4f"),
         ratio("train_bpc")),
        ("ms per training step (median)", num(r, "ms_per_step", "%.0f"), num(p, "ms_per_step", "%.0f"),
         "n/a" if r is None or p is None else "%.2fx faster" % (p["ms_per_step"] / r["ms_per_step"])),
        ("ms per step, the two alternating (bench --model charlm, median of %d rounds)" % a.rounds,
         "n/a" if alt is None else "%.0f" % alt["rnn4j"], "n/a" if alt is None else "%.0f" % alt["pytorch"],
         "n/a" if alt is None else "%.2fx faster" % (alt["pytorch"] / alt["rnn4j"])),
        ("training run, seconds (validation included)", num(r, "seconds", "%.0f"), num(p, "seconds", "%.0f"), ""),
        ("peak heap, MB (-Xmx%s)" % a.heap, num(r, "peak_heap_mb", "%.0f"), "", ""),
        ("sampling %d characters, s" % a.sample, num(r, "sample_seconds", "%.2f"), num(p, "sample_seconds", "%.2f"),
         "n/a" if r is None or p is None else "%.1fx faster" % (p["sample_seconds"] / r["sample_seconds"])),
    ]
    lines = ["| LSTM 2 x 256, embed 64, seq %d, batch %d, lr %g, %d steps | rnn4j | PyTorch 1.13 | rnn4j / PyTorch |"
             % (a.seq, a.batch, a.lr, a.steps), "|---|---:|---:|---:|"]
    lines += ["| %s | %s | %s | %s |" % row for row in rows]
    return "\n".join(lines)


def main(argv):
    a = parse_args(argv)
    os.makedirs(a.out, exist_ok=True)
    load = os.getloadavg()
    r = run_rnn4j(a) if a.only != "pytorch" else None
    p = run_pytorch(a) if a.only != "rnn4j" else None
    alt = alternating(a) if a.rounds > 0 and a.only is None else None
    md = table(a, r, p, alt)
    note = ("load average at the start %.1f, at the end %.1f (%d cores); PyTorch %s, OpenBLAS core %s"
            % (load[0], os.getloadavg()[0], os.cpu_count(), torch.__version__, p["openblas_core"] if p else "-"))
    print(md)
    print(note)
    with open(os.path.join(a.out, "text-benchmark.md"), "w") as f:
        f.write(md + "\n\n" + note + "\n")
    with open(os.path.join(a.out, "text-benchmark.json"), "w") as f:
        json.dump({"args": vars(a), "rnn4j": r, "pytorch": p, "alternating": alt, "load": note}, f, indent=2)


if __name__ == "__main__":
    main(sys.argv[1:])
