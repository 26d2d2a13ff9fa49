#!/usr/bin/python3
"""Writes PyTorch's learning-rate schedules for org.rnn4j.optim.lr (run by hand, PyTorch 1.13):

    /usr/bin/python3 tools/make_scheduler_fixtures.py

Output: rnn4j-core/src/test/resources/optim/schedulers.txt, one block per case:

    case NAME
    scheduler StepLR|ExponentialLR|CosineAnnealingLR|LinearLR|OneCycleLR|ReduceLROnPlateau
    optimizer SGD|Adam|AdamW|RMSprop
    option KEY VALUE          optimizer options (lr, momentum) and the scheduler's arguments,
                              PyTorch's names; numbers as repr(), strings and booleans as words
    at S lr X [momentum M] [metric V]
    end

`at 0` is the state right after construction (PyTorch's initial step), `at S` after the S-th
scheduler.step() (ReduceLROnPlateau: step(V) with the metric V given on that line). momentum is
the optimizer's momentum, or beta1 for Adam/AdamW, where OneCycleLR cycles it. Every number is
the repr() of a Python float, so it parses back to the same double. Each scheduler steps after an
optimizer.step() over a parameter without gradient, as in a training loop.
"""
import math
import os
import warnings

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                   "rnn4j-core", "src", "test", "resources", "optim", "schedulers.txt")
STEPS = 100
S = torch.optim.lr_scheduler

CASES = [
    ("step_7_half", "StepLR", "SGD", dict(lr=0.1), dict(step_size=7, gamma=0.5)),
    ("step_1", "StepLR", "SGD", dict(lr=0.05), dict(step_size=1, gamma=0.9)),
    ("step_30_tenth", "StepLR", "Adam", dict(lr=1e-3), dict(step_size=30, gamma=0.1)),
    ("exponential", "ExponentialLR", "SGD", dict(lr=0.1), dict(gamma=0.95)),
    ("exponential_growth", "ExponentialLR", "Adam", dict(lr=1e-3), dict(gamma=1.01)),
    ("cosine_10", "CosineAnnealingLR", "SGD", dict(lr=0.1), dict(T_max=10, eta_min=0.001)),
    ("cosine_100", "CosineAnnealingLR", "SGD", dict(lr=0.05), dict(T_max=100, eta_min=0.0)),
    ("cosine_7", "CosineAnnealingLR", "AdamW", dict(lr=0.01), dict(T_max=7, eta_min=1e-4)),
    ("cosine_1", "CosineAnnealingLR", "SGD", dict(lr=0.1), dict(T_max=1, eta_min=0.01)),
    ("linear_default", "LinearLR", "SGD", dict(lr=0.1), dict(start_factor=1.0 / 3, end_factor=1.0, total_iters=5)),
    ("linear_down", "LinearLR", "SGD", dict(lr=0.05), dict(start_factor=1.0, end_factor=0.1, total_iters=20)),
    ("linear_100", "LinearLR", "Adam", dict(lr=0.01), dict(start_factor=0.25, end_factor=0.75, total_iters=100)),
    ("linear_to_zero", "LinearLR", "SGD", dict(lr=0.1), dict(start_factor=0.5, end_factor=0.0, total_iters=10)),
    ("onecycle_default_sgd", "OneCycleLR", "SGD", dict(lr=0.1, momentum=0.9), dict(max_lr=0.1, total_steps=100)),
    ("onecycle_adam_linear_three_phase", "OneCycleLR", "Adam", dict(lr=1e-3),
     dict(max_lr=0.01, total_steps=100, pct_start=0.25, anneal_strategy="linear", three_phase=True)),
    ("onecycle_adamw_cos", "OneCycleLR", "AdamW", dict(lr=1e-3),
     dict(max_lr=0.003, total_steps=100, div_factor=10.0, final_div_factor=100.0, base_momentum=0.8,
          max_momentum=0.9)),
    ("onecycle_rmsprop_linear", "OneCycleLR", "RMSprop", dict(lr=0.01, momentum=0.5),
     dict(max_lr=0.05, total_steps=100, pct_start=0.4, anneal_strategy="linear")),
    ("onecycle_no_momentum", "OneCycleLR", "SGD", dict(lr=0.1),
     dict(max_lr=1.0, total_steps=120, cycle_momentum=False, three_phase=True)),
    ("plateau_min_rel", "ReduceLROnPlateau", "SGD", dict(lr=0.1),
     dict(mode="min", factor=0.5, patience=3, threshold=1e-4, threshold_mode="rel", cooldown=2, min_lr=1e-3,
          eps=1e-8)),
    ("plateau_max_abs", "ReduceLROnPlateau", "Adam", dict(lr=0.01),
     dict(mode="max", factor=0.3, patience=2, threshold=0.05, threshold_mode="abs", cooldown=3, min_lr=0.0,
          eps=1e-8)),
    ("plateau_min_abs_eps", "ReduceLROnPlateau", "SGD", dict(lr=0.1),
     dict(mode="min", factor=0.9, patience=0, threshold=0.01, threshold_mode="abs", cooldown=1, min_lr=0.05,
          eps=0.004)),
    ("plateau_max_rel_defaults", "ReduceLROnPlateau", "SGD", dict(lr=0.1), dict(mode="max")),
]


def metric(name, epoch):
    """Improves for a while, then stalls with small wiggles, then improves again: triggers patience
    and cooldown in both modes."""
    e = float(epoch)
    base = 1.0 - 0.04 * e if e < 15 else 0.4 + 0.002 * math.sin(e) if e < 60 else 0.4 - 0.003 * (e - 60)
    return -base if "max" in name else base


def word(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return v
    if isinstance(v, int):
        return str(v)
    return repr(float(v))


def momentum_of(opt):
    group = opt.param_groups[0]
    return group["betas"][0] if "betas" in group else group.get("momentum")


def run(name, sched, opt_name, opt_args, args):
    p = torch.zeros(2, requires_grad=True)
    opt = getattr(torch.optim, opt_name)([p], **opt_args)
    lines = ["case " + name, "scheduler " + sched, "optimizer " + opt_name]
    lines += ["option %s %s" % (k, word(v)) for k, v in opt_args.items()]
    lines += ["option %s %s" % (k, word(v)) for k, v in args.items()]
    scheduler = getattr(S, sched)(opt, **args)
    cycles = sched == "OneCycleLR" and args.get("cycle_momentum", True)

    def record(s, m=None):
        line = "at %d lr %r" % (s, float(opt.param_groups[0]["lr"]))
        if cycles:
            line += " momentum %r" % float(momentum_of(opt))
        if m is not None:
            line += " metric %r" % m
        lines.append(line)

    record(0)
    for s in range(1, STEPS + 1):
        opt.step()
        if sched == "ReduceLROnPlateau":
            m = metric(name, s)
            scheduler.step(m)
            record(s, m)
        else:
            scheduler.step()
            record(s)
    lines.append("end")
    return lines


def main():
    warnings.simplefilter("ignore")
    out = ["# generated by tools/make_scheduler_fixtures.py with torch %s" % torch.__version__]
    for case in CASES:
        out += run(*case)
    with open(OUT, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
