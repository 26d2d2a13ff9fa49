#!/usr/bin/python3
"""The `./rnn4j bench` step, timed in PyTorch (the "PyTorch 1.13" anchor of issue 6).

Run it with Debian's interpreter, which has python3-torch (1.13):

    /usr/bin/python3 bench/pytorch_bench.py --cell lstm --seq 100 --batch 64 --input 128 \
        --hidden 256 --layers 2 --mode train --iters 20 --json

A training step (--mode train) is, as API.md defines it for `./rnn4j bench`:
zero_grad, forward of nn.RNN/LSTM/GRU on a fixed time-major input [T, B, I],
a Linear(H, 1) head applied at every time step, MSE against a fixed random
target [T, B, 1], backward, Adam step (lr 1e-3).
An inference step (--mode infer) is the recurrent forward alone, in eval mode,
under torch.no_grad() (the same as `./rnn4j bench --mode infer`).

Variable-length batches (--lengths uniform, as `./rnn4j bench --lengths uniform`):
sequence b has lengths[b] steps, uniform in [ceil(T/2), T], drawn with
java.util.Random(seed).nextInt as rnn4j draws them (the same lengths in both).
The step packs the input (pack_padded_sequence, enforce_sorted=False), runs the
module on the PackedSequence and applies the head and the MSE to the packed
output's data against the target packed once. With --padded the same batch runs
padded to T instead (no packing), the loss masked to each sequence's steps.

OpenBLAS tuning (issue 6). Debian's torch does its GEMMs through libblas.so.3,
which is OpenBLAS here. The machine's environment sets OPENBLAS_CORETYPE=Haswell
and OPENBLAS_L2_SIZE=512, which hold OpenBLAS to its AVX2 kernels, and OpenBLAS's
own thread pool fights PyTorch's two OpenMP threads. Unless --untuned is given,
this script removes OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE and sets
OPENBLAS_NUM_THREADS=1 in its own environment BEFORE importing torch (OpenBLAS
reads them when it is loaded), so the tuning holds for this process alone.
The BLAS in use, its core type and its thread count are printed to stderr
and put in the JSON line.

Output: with --json one JSON line on stdout; otherwise a short report.
Fields: ms_per_step (the median), ms_min, ms_max, ms_mean, iters, warmup,
gflops (the layers' GEMM flops, counted as `./rnn4j bench` counts them), and
the framework, its version, the BLAS and the threads.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time

TUNE_UNSET = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
GATES = {"rnn": 1, "lstm": 4, "gru": 3}


def positive(text):
    v = int(text)
    if v <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {text}")
    return v


def non_negative(text):
    v = int(text)
    if v < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {text}")
    return v


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Median ms of one rnn4j-bench step (train: forward + Linear(H,1) head + MSE + "
        "backward + Adam; infer: forward under no_grad in eval mode) in PyTorch.")
    p.add_argument("--model", choices=("layer", "charlm"), default="layer",
                   help="layer: the stack + Linear(H, 1) + MSE; charlm: Embedding(V, I) + batch-first stack "
                        "+ Linear(H, V) + cross-entropy on [B, T] indices (as ./rnn4j bench --model charlm)")
    p.add_argument("--vocab", type=positive, default=65, metavar="V")
    p.add_argument("--cell", choices=("rnn", "lstm", "gru"), default="lstm")
    p.add_argument("--seq", type=positive, default=50, metavar="T")
    p.add_argument("--batch", type=positive, default=32, metavar="B")
    p.add_argument("--input", type=positive, default=32, metavar="I")
    p.add_argument("--hidden", type=positive, default=64, metavar="H")
    p.add_argument("--layers", type=positive, default=1, metavar="L")
    p.add_argument("--mode", choices=("train", "infer"), default="train")
    p.add_argument("--bidirectional", action="store_true",
                   help="both directions in every layer; the head reads 2*H (as ./rnn4j bench --bidirectional)")
    p.add_argument("--iters", type=positive, default=None, metavar="N",
                   help="timed steps (default: as many as fit in about 3 s, at least 10)")
    p.add_argument("--warmup", type=non_negative, default=None, metavar="N",
                   help="untimed steps first (default: as many as fit in about 1 s, at least 5)")
    p.add_argument("--threads", type=positive, default=2, metavar="N",
                   help="torch.set_num_threads (default 2)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--lengths", choices=("full", "uniform"), default="full",
                   help="sequence lengths: all T, or uniform in [T/2, T] and packed (default full)")
    p.add_argument("--padded", action="store_true",
                   help="with --lengths uniform: run the batch padded to T, the loss masked")
    p.add_argument("--untuned", action="store_true",
                   help="leave the OPENBLAS_* environment as it is (default: tune as issue 6 says)")
    p.add_argument("--coretype", metavar="NAME", default="auto",
                   help="set OPENBLAS_CORETYPE=NAME (after the tuning unsets it): OpenBLAS 0.3.21 falls back to "
                        "Prescott's SSE3 kernels on CPUs it does not know (Sapphire Rapids); Cooperlake is its "
                        "newest AVX-512 core. auto (the default): OpenBLAS's own choice, unless that is Prescott "
                        "on a CPU with AVX-512, then Cooperlake (with avx512_bf16) or SkylakeX")
    p.add_argument("--json", action="store_true", help="print one JSON line")
    return p.parse_args(argv)


class JavaRandom:
    """java.util.Random's documented algorithm (48-bit LCG, nextInt's rejection), so that this script
    draws the same lengths as `./rnn4j bench --lengths uniform --seed S`."""
    MASK = (1 << 48) - 1

    def __init__(self, seed):
        self.seed = (seed ^ 0x5DEECE66D) & self.MASK

    def next(self, bits):
        self.seed = (self.seed * 0x5DEECE66D + 0xB) & self.MASK
        r = self.seed >> (48 - bits)
        return r - (1 << 32) if r & (1 << 31) else r

    def next_int(self, bound):
        r = self.next(31)
        m = bound - 1
        if bound & m == 0:
            return (bound * r) >> 31
        u = r
        while True:
            r = u % bound
            if u - r + m < (1 << 31):  # Java: the int sum did not overflow
                return r
            u = self.next(31)


def uniform_lengths(steps, batch, seed):
    """Lengths uniform in [ceil(T/2), T], as rnn4j's BenchSteps.uniformLengths."""
    rnd = JavaRandom(seed)
    lo = max(1, (steps + 1) // 2)
    return [lo + rnd.next_int(steps - lo + 1) for _ in range(batch)]


def tune_environment(untuned, coretype=None):
    """Must run before `import torch`: OpenBLAS reads these when it is loaded."""
    before = {k: os.environ.get(k) for k in TUNE_UNSET + ("OPENBLAS_NUM_THREADS",)}
    if not untuned:
        for k in TUNE_UNSET:
            os.environ.pop(k, None)
        os.environ["OPENBLAS_NUM_THREADS"] = "1"
    if coretype == "auto":
        coretype = None if untuned else better_core()
    if coretype:
        os.environ["OPENBLAS_CORETYPE"] = coretype
    return before


def better_core():
    """The OpenBLAS core to name when its autodetection falls back to Prescott (SSE3) on an AVX-512 CPU
    it does not know, else None (OpenBLAS's own choice stands). Probed in a child process, since OpenBLAS
    picks its core once, when it is loaded."""
    import subprocess
    probe = ("import ctypes, ctypes.util\n"
             "l = ctypes.CDLL('libopenblas.so.0')\n"
             "l.openblas_get_corename.restype = ctypes.c_char_p\n"
             "print(l.openblas_get_corename().decode())")
    try:
        core = subprocess.run([sys.executable, "-c", probe], env=dict(os.environ), capture_output=True,
                              text=True, timeout=30).stdout.strip()
        with open("/proc/cpuinfo") as f:
            flags = next((line.split() for line in f if line.startswith("flags")), [])
    except (OSError, subprocess.SubprocessError):
        return None
    if core != "Prescott" or "avx512f" not in flags:
        return None
    return "Cooperlake" if "avx512_bf16" in flags else "SkylakeX"


def blas_info():
    """Which BLAS library torch loaded, and, for OpenBLAS, its config, core and thread count."""
    info = {"blas": "unknown"}
    try:
        import threadpoolctl  # optional; Debian: python3-threadpoolctl
        pools = threadpoolctl.threadpool_info()
        info["threadpoolctl"] = [{k: p.get(k) for k in ("user_api", "internal_api", "version",
                                                         "num_threads", "architecture", "filepath")}
                                 for p in pools]
    except ImportError:
        info["threadpoolctl"] = "not installed"
    libs = []
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                path = line.split()[-1] if len(line.split()) >= 6 else ""
                base = os.path.basename(path)
                if any(s in base for s in ("blas", "mkl_rt", "mkl_core", "blis", "lapack")) and path not in libs:
                    libs.append(path)
    except OSError:
        pass
    info["blas_libraries"] = libs
    import ctypes
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        if hasattr(lib, "openblas_get_config"):
            lib.openblas_get_config.restype = ctypes.c_char_p
            info["blas"] = "OpenBLAS"
            info["blas_config"] = lib.openblas_get_config().decode(errors="replace").strip()
            if hasattr(lib, "openblas_get_corename"):
                lib.openblas_get_corename.restype = ctypes.c_char_p
                info["blas_core"] = lib.openblas_get_corename().decode(errors="replace")
            if hasattr(lib, "openblas_get_num_threads"):
                info["blas_threads"] = lib.openblas_get_num_threads()
            info["blas_path"] = os.path.realpath(path)
            break
        if hasattr(lib, "MKL_Get_Max_Threads"):
            info["blas"] = "MKL"
            info["blas_path"] = os.path.realpath(path)
            break
    return info


def charlm_step(args, cls):
    """Embedding(V, I), the batch-first stack, Linear(H, V) and cross-entropy against random next
    characters; input [B, T] indices. Returns the step (training or no-grad inference)."""
    import torch
    import torch.nn as nn
    T, B, I, H, L, V = args.seq, args.batch, args.input, args.hidden, args.layers, args.vocab
    emb = nn.Embedding(V, I)
    rnn = cls(I, H, L, batch_first=True)
    head = nn.Linear(H, V)
    x = torch.randint(V, (B, T))
    target = torch.randint(V, (B * T,))
    params = list(emb.parameters()) + list(rnn.parameters()) + list(head.parameters())
    opt = torch.optim.Adam(params, lr=2e-3)
    ce = nn.CrossEntropyLoss()
    if args.mode == "train":
        def step():
            opt.zero_grad()
            out, _ = rnn(emb(x))
            loss = ce(head(out).reshape(B * T, V), target)
            loss.backward()
            opt.step()
        return step
    rnn.eval()

    def infer():
        with torch.no_grad():
            head(rnn(emb(x))[0])
    return infer


def layer_step(args, cls, lengths, packed_run):
    """The time-major stack with a Linear(H, 1) head and MSE at every step (input [T, B, I]);
    with lengths, packed in every step, or padded with the loss masked. Returns the step."""
    import torch
    import torch.nn as nn
    T, B, I, H, L = args.seq, args.batch, args.input, args.hidden, args.layers
    pack = torch.nn.utils.rnn.pack_padded_sequence
    d = 2 if args.bidirectional else 1
    rnn = cls(I, H, L, bidirectional=args.bidirectional)
    head = nn.Linear(d * H, 1)
    x = torch.randn(T, B, I)
    if args.mode != "train":
        rnn.eval()

        def infer():
            with torch.no_grad():
                rnn(pack(x, lengths, enforce_sorted=False) if packed_run else x)
        return infer
    target = torch.randn(T, B, 1)
    opt = torch.optim.Adam(list(rnn.parameters()) + list(head.parameters()), lr=1e-3)
    mse = nn.MSELoss()
    rnn.train()
    head.train()
    if packed_run:
        target_packed = pack(target, lengths, enforce_sorted=False).data

        def loss():
            out, _ = rnn(pack(x, lengths, enforce_sorted=False))
            return mse(head(out.data), target_packed)
    elif lengths is not None:
        mask = (torch.arange(T).unsqueeze(1) < torch.tensor(lengths).unsqueeze(0)).float().unsqueeze(2)
        target_masked = target * mask

        def loss():
            return mse(head(rnn(x)[0]) * mask, target_masked)
    else:
        def loss():
            return mse(head(rnn(x)[0]), target)

    def step():
        opt.zero_grad()
        loss().backward()
        opt.step()
    return step


def main(argv):
    args = parse_args(argv)
    env_before = tune_environment(args.untuned, args.coretype)
    try:
        import torch
        import torch.nn as nn
    except ImportError as e:
        print(f"pytorch_bench: error: torch cannot be imported by {sys.executable} ({e}); "
              "run this script with Debian's /usr/bin/python3 (package python3-torch)", file=sys.stderr)
        return 3

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    T, B, I, H, L = args.seq, args.batch, args.input, args.hidden, args.layers
    cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[args.cell]
    if args.padded and args.lengths != "uniform":
        print("pytorch_bench: error: --padded needs --lengths uniform", file=sys.stderr)
        return 2
    if args.model == "charlm" and args.bidirectional:
        print("pytorch_bench: error: --bidirectional is not available with --model charlm", file=sys.stderr)
        return 2
    if args.model == "charlm" and args.lengths != "full":
        print("pytorch_bench: error: --lengths uniform is not available with --model charlm", file=sys.stderr)
        return 2
    lengths = uniform_lengths(T, B, args.seed) if args.lengths == "uniform" else None
    packed_run = lengths is not None and not args.padded
    step = (charlm_step(args, cls) if args.model == "charlm"
            else layer_step(args, cls, lengths, packed_run))

    # Warm-up (one step first, so that the BLAS is loaded for blas_info).
    step()
    warmed = 1
    t_start = time.perf_counter()
    while (warmed < args.warmup if args.warmup is not None
           else warmed < 5 or (time.perf_counter() - t_start < 1.0 and warmed < 100000)):
        step()
        warmed += 1
    if args.warmup == 0:
        warmed = 0  # the one step above is needed to load the BLAS; report what was asked

    ms = []
    t_start = time.perf_counter()
    while (len(ms) < args.iters if args.iters is not None
           else len(ms) < 10 or (time.perf_counter() - t_start < 3.0 and len(ms) < 100000)):
        t0 = time.perf_counter_ns()
        step()
        ms.append((time.perf_counter_ns() - t0) / 1e6)

    median = statistics.median(ms)
    rows = sum(lengths) if packed_run else T * B  # the rows the layers run, as rnn4j counts them
    d = 2 if args.bidirectional else 1  # layers above the first read both directions: I_l = 2*H
    flops = d * sum(2.0 * rows * GATES[args.cell] * H * ((I if l == 0 else d * H) + H) for l in range(L))
    if args.model == "charlm":
        flops += 2.0 * T * B * H * args.vocab
    flops *= 3 if args.mode == "train" else 1
    blas = blas_info()
    print("pytorch_bench: torch %s, BLAS %s%s%s, torch threads %d, OPENBLAS_* %s" % (
        torch.__version__, blas.get("blas"),
        (" core " + blas["blas_core"]) if "blas_core" in blas else "",
        (" threads %s" % blas["blas_threads"]) if "blas_threads" in blas else "",
        torch.get_num_threads(),
        "untouched" if args.untuned else "tuned (CORETYPE, L2_SIZE unset; NUM_THREADS=1)"),
        file=sys.stderr)
    if "blas_config" in blas:
        print("pytorch_bench: OpenBLAS config: " + blas["blas_config"], file=sys.stderr)

    r = {
        "framework": "pytorch",
        "version": torch.__version__,
        "cell": args.cell, "mode": args.mode,
        **({"model": "charlm", "vocab": args.vocab} if args.model == "charlm" else {}),
        "seq": T, "batch": B, "input": I, "hidden": H, "layers": L,
        **({"bidirectional": True} if args.bidirectional else {}),
        **({"lengths": "uniform", "padded": args.padded, "mean_length": round(sum(lengths) / B, 4)}
           if lengths is not None else {}),
        "iters": len(ms), "warmup": warmed,
        "ms_per_step": round(median, 4),
        "ms_min": round(min(ms), 4),
        "ms_max": round(max(ms), 4),
        "ms_mean": round(statistics.fmean(ms), 4),
        "gflops": round(flops / (median * 1e-3) / 1e9, 3),
        "gflop_per_step": round(flops / 1e9, 5),
        "threads": torch.get_num_threads(),
        "blas": blas.get("blas"),
        "blas_core": blas.get("blas_core"),
        "blas_threads": blas.get("blas_threads"),
        "blas_path": blas.get("blas_path"),
        "mkldnn": bool(torch.backends.mkldnn.is_available()),
        "tuned": not args.untuned,
        "env_before": env_before,
        "python": platform.python_version(),
    }
    if args.json:
        print(json.dumps(r), flush=True)
    else:
        print(f"pytorch {torch.__version__} {args.cell} {args.mode}  T={T} B={B} I={I} H={H} L={L}")
        print(f"  ms/step  median {r['ms_per_step']}  min {r['ms_min']}  max {r['ms_max']}  "
              f"mean {r['ms_mean']}  ({r['iters']} steps after {warmed} warm-up)")
        print(f"  GFLOP/s  {r['gflops']}  ({r['gflop_per_step']} GFLOP per step)")
        print(f"  BLAS {r['blas']} core {r['blas_core']} threads {r['blas_threads']}; torch threads {r['threads']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
