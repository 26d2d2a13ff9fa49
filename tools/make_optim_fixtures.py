#!/usr/bin/python3
"""Writes PyTorch reference trajectories for org.rnn4j.optim (SGD, Adam, AdamW, RMSprop, gradient
clipping, optimizer state dicts).

Run by hand with Debian's python3-torch (PyTorch 1.13), from the repository root:

    /usr/bin/python3 tools/make_optim_fixtures.py

Output: rnn4j-core/src/test/resources/optim/{trajectories,trajectories_adamw_rmsprop,clip}.txt,
a line format that the JUnit tests parse (see OptimFixtures.java), and optim/state/*.safetensors
(below). Every number is the repr() of a Python float holding a float32 value exactly, so it
parses back to the same float32 bits.

trajectories.txt, per configuration:
    config NAME
    optimizer adam|sgd|adamw|rmsprop
    option KEY VALUE              (one per hyper-parameter given; adamw and rmsprop list every
                                   hyper-parameter of opt.defaults, defaults included)
    param I SHAPE... : VALUES     (initial parameters, float32)
    step S
    grad I none | grad I : VALUES (the gradient set before step S; none = grad is None)
    after I : VALUES              (parameter I after optimizer.step())
    end

clip.txt, per case:
    case NAME
    kind norm|value
    option KEY VALUE
    param I SHAPE...
    grad I none | grad I : VALUES
    total VALUE                   (clip_grad_norm_ return value; norm cases only)
    clipped I : VALUES            (p.grad after clipping; omitted for none)
    end

state/<case>.safetensors, per optimizer (Adam, AdamW, SGD with momentum, RMSprop centered with
momentum), over the parameters of trajectories.txt plus a fifth, [2], that never has a gradient:
    param.{i}          initial parameters
    grad.{s}.{i}       the gradient set before step s = 1..5 (absent = None)
    after.{s}.{i}      parameters after step s = 3 and 5
    opt3.{key}         optimizer.state_dict() after step 3, flattened by tools/optim_state.py
metadata: optimizer (class name), steps "5", saved_after "3".
"""
import math
import os
import shutil
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import optim_state  # noqa: E402
import safetensors_io  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                   "rnn4j-core", "src", "test", "resources", "optim")

SHAPES = [(3, 4), (5,), (), (4, 10)]  # (4, 10) = 40 elements: ATen's vector loop plus its tail
STEPS = 5


def fmt(t):
    return " ".join(repr(float(v)) for v in t.detach().reshape(-1).tolist())


def shape_str(shape):
    return " ".join(str(s) for s in shape)


def initial_params():
    g = torch.Generator().manual_seed(1234)
    return [torch.randn(s, generator=g, dtype=torch.float32) for s in SHAPES]


def make_grad(i, step, p):
    """A deterministic gradient for parameter i before step `step` (1-based), in float64, then float32.

    Parameter 2 (the scalar) has no gradient at step 3, to check that such parameters are skipped.
    Parameter 1 gets an all-zero gradient at step 4. Magnitudes vary so that amsgrad's max matters.
    """
    if i == 2 and step == 3:
        return None
    if i == 1 and step == 4:
        return torch.zeros_like(p)
    k = torch.arange(p.numel(), dtype=torch.float64).reshape(p.shape)
    x = p.detach().double()
    scale = 1.5 / step if step % 2 == 0 else 0.7 * step
    g = scale * torch.sin((k + 1) * x + step + i) + 0.05 * (k - p.numel() / 2.0)
    return g.float()


CONFIGS = [
    ("adam_default", "adam", dict(lr=1e-3)),
    ("adam_lr_betas_eps", "adam", dict(lr=0.1, betas=(0.8, 0.99), eps=1e-6)),
    ("adam_weight_decay", "adam", dict(lr=0.05, weight_decay=0.1)),
    ("adam_amsgrad", "adam", dict(lr=0.05, amsgrad=True)),
    ("adam_maximize", "adam", dict(lr=0.05, maximize=True)),
    ("adam_all", "adam", dict(lr=0.2, betas=(0.5, 0.9), eps=1e-4, weight_decay=0.3,
                              amsgrad=True, maximize=True)),
    ("sgd_plain", "sgd", dict(lr=0.1)),
    ("sgd_momentum", "sgd", dict(lr=0.05, momentum=0.9)),
    ("sgd_dampening", "sgd", dict(lr=0.05, momentum=0.9, dampening=0.3)),
    ("sgd_nesterov", "sgd", dict(lr=0.05, momentum=0.8, nesterov=True)),
    ("sgd_weight_decay", "sgd", dict(lr=0.1, weight_decay=0.2)),
    ("sgd_all", "sgd", dict(lr=0.03, momentum=0.7, weight_decay=0.05, nesterov=True, maximize=True)),
    ("adamw_default", "adamw", dict(lr=1e-3)),
    ("adamw_lr_betas_eps", "adamw", dict(lr=0.1, betas=(0.8, 0.99), eps=1e-6)),
    ("adamw_no_decay", "adamw", dict(lr=0.05, weight_decay=0.0)),
    ("adamw_strong_decay", "adamw", dict(lr=0.05, weight_decay=0.5)),
    ("adamw_amsgrad", "adamw", dict(lr=0.05, amsgrad=True)),
    ("adamw_maximize", "adamw", dict(lr=0.05, maximize=True)),
    ("adamw_all", "adamw", dict(lr=0.2, betas=(0.5, 0.9), eps=1e-4, weight_decay=0.3,
                                amsgrad=True, maximize=True)),
    ("rmsprop_default", "rmsprop", dict(lr=1e-2)),
    ("rmsprop_alpha_eps", "rmsprop", dict(lr=0.05, alpha=0.9, eps=1e-6)),
    ("rmsprop_weight_decay", "rmsprop", dict(lr=0.01, weight_decay=0.1)),
    ("rmsprop_momentum", "rmsprop", dict(lr=0.01, momentum=0.9)),
    ("rmsprop_centered", "rmsprop", dict(lr=0.01, centered=True)),
    ("rmsprop_centered_momentum", "rmsprop", dict(lr=0.02, momentum=0.8, centered=True)),
    ("rmsprop_maximize", "rmsprop", dict(lr=0.01, maximize=True)),
    ("rmsprop_all", "rmsprop", dict(lr=0.03, alpha=0.95, eps=1e-5, weight_decay=0.05, momentum=0.7,
                                    centered=True, maximize=True)),
]

OPTIMIZERS = {"adam": torch.optim.Adam, "sgd": torch.optim.SGD, "adamw": torch.optim.AdamW,
              "rmsprop": torch.optim.RMSprop}
# PyTorch's implementation switches: not hyper-parameters.
SWITCHES = {"foreach", "capturable", "differentiable", "fused"}


def option_lines(kind, opts):
    lines = []
    for key, value in opts.items():
        if key == "betas":
            lines.append("option beta1 %r" % float(value[0]))
            lines.append("option beta2 %r" % float(value[1]))
        elif isinstance(value, bool):
            lines.append("option %s %s" % (key, "true" if value else "false"))
        else:
            lines.append("option %s %r" % (key, float(value)))
    return lines


def trajectories(kinds):
    out = []
    for name, kind, opts in CONFIGS:
        if kind not in kinds:
            continue
        params = [p.clone().requires_grad_(True) for p in initial_params()]
        opt = OPTIMIZERS[kind](params, foreach=False, **opts)
        if kind in ("adamw", "rmsprop"):
            # every hyper-parameter, so that the tests also see PyTorch's defaults
            opts = {k: v for k, v in opt.defaults.items() if k not in SWITCHES}
        out.append("config " + name)
        out.append("optimizer " + kind)
        out.extend(option_lines(kind, opts))
        for i, p in enumerate(params):
            out.append("param %d %s : %s" % (i, shape_str(p.shape), fmt(p)))
        for step in range(1, STEPS + 1):
            out.append("step %d" % step)
            for i, p in enumerate(params):
                g = make_grad(i, step, p)
                p.grad = g
                out.append("grad %d none" % i if g is None else "grad %d : %s" % (i, fmt(g)))
            opt.step()
            for i, p in enumerate(params):
                out.append("after %d : %s" % (i, fmt(p)))
        out.append("end")
    return out


CLIP_CASES = [
    ("norm2_clipped", "norm", dict(max_norm=1.0, norm_type=2.0)),
    ("norm2_not_clipped", "norm", dict(max_norm=100.0, norm_type=2.0)),
    ("norm1", "norm", dict(max_norm=2.0, norm_type=1.0)),
    ("norm3", "norm", dict(max_norm=0.5, norm_type=3.0)),
    ("norm_half", "norm", dict(max_norm=0.5, norm_type=0.5)),
    ("norm_inf", "norm", dict(max_norm=0.25, norm_type=math.inf)),
    ("value", "value", dict(clip_value=0.3)),
]


def clip_cases():
    out = []
    for name, kind, opts in CLIP_CASES:
        params = [p.clone().requires_grad_(True) for p in initial_params()]
        grads = []
        for i, p in enumerate(params):
            g = make_grad(i, 3, p)  # step 3: parameter 2 has no gradient
            p.grad = None if g is None else g.clone()
            grads.append(g)
        if kind == "norm":
            total = torch.nn.utils.clip_grad_norm_(params, **opts)
        else:
            torch.nn.utils.clip_grad_value_(params, **opts)
        out.append("case " + name)
        out.append("kind " + kind)
        for key, value in opts.items():
            out.append("option %s %r" % (key, float(value)))
        for i, p in enumerate(params):
            out.append("param %d %s" % (i, shape_str(p.shape)))
            out.append("grad %d none" % i if grads[i] is None else "grad %d : %s" % (i, fmt(grads[i])))
        if kind == "norm":
            out.append("total %r" % float(total.item()))
        for i, p in enumerate(params):
            if p.grad is not None:
                out.append("clipped %d : %s" % (i, fmt(p.grad)))
        out.append("end")
    return out


STATE_CASES = [
    ("adam", torch.optim.Adam, dict(lr=0.01, betas=(0.8, 0.99), weight_decay=0.1, amsgrad=True)),
    ("adamw", torch.optim.AdamW, dict(lr=0.01)),
    ("sgd_momentum", torch.optim.SGD, dict(lr=0.05, momentum=0.9, weight_decay=0.01)),
    ("rmsprop_centered_momentum", torch.optim.RMSprop, dict(lr=0.01, momentum=0.5, centered=True,
                                                            weight_decay=0.01)),
]


def state_cases():
    folder = os.path.join(OUT, "state")
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for name, cls, opts in STATE_CASES:
        params = [p.clone().requires_grad_(True) for p in initial_params()]
        params.append(torch.tensor([0.25, -0.5], requires_grad=True))  # never has a gradient
        opt = cls(params, foreach=False, **opts)
        tensors = {}
        for i, p in enumerate(params):
            tensors["param.%d" % i] = p.detach().clone()
        for step in range(1, STEPS + 1):
            for i, p in enumerate(params):
                g = make_grad(i, step, p) if i < len(SHAPES) else None
                p.grad = g
                if g is not None:
                    tensors["grad.%d.%d" % (step, i)] = g.clone()
            opt.step()
            if step in (3, 5):
                for i, p in enumerate(params):
                    tensors["after.%d.%d" % (step, i)] = p.detach().clone()
            if step == 3:
                for k, v in optim_state.flatten(opt.state_dict()).items():
                    tensors["opt3." + k] = v
        meta = {"optimizer": cls.__name__, "steps": str(STEPS), "saved_after": "3",
                "torch": torch.__version__}
        safetensors_io.save(os.path.join(folder, name + ".safetensors"), tensors, meta)


def main():
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    header = "# generated by tools/make_optim_fixtures.py with torch %s\n" % torch.__version__
    # Two files, to keep each small: Adam and SGD, then AdamW and RMSprop.
    for file, kinds in [("trajectories.txt", ("adam", "sgd")), ("trajectories_adamw_rmsprop.txt", ("adamw", "rmsprop"))]:
        with open(os.path.join(OUT, file), "w") as f:
            f.write(header + "\n".join(trajectories(kinds)) + "\n")
    with open(os.path.join(OUT, "clip.txt"), "w") as f:
        f.write(header + "\n".join(clip_cases()) + "\n")
    state_cases()


if __name__ == "__main__":
    main()
