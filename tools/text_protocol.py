"""The training protocol of `./rnn4j text train`, in PyTorch (1.13), for the fixtures
(tools/make_text_fixtures.py) and the side-by-side benchmark (tools/text_benchmark.py).

It mirrors rnn4j-tasks' org.rnn4j.tasks.text, step for step:
- corpus: the sorted distinct characters of the text (UTF-8, a leading BOM dropped) are the
  vocabulary; the first floor(0.9 n) characters train, the rest is held out;
- lanes: L = floor(n_train / B) characters per lane (the rest dropped), lane b = train[b L, (b+1) L);
  window w of a pass is input[b, t] = lane_b[w T + t], target = the next character; a pass has
  floor((L - 1) / T) windows, then the lanes start again with a zero state;
- model: Embedding(V, E) -> batch-first RNN/LSTM/GRU(E, H, L layers, dropout p) -> Dropout(p)
  -> Linear(H, V); cross-entropy (mean over B*T);
- step: zero_grad, forward from the carried state, loss, backward, clip_grad_norm_(clip) when
  clip > 0, Adam(lr).step(), scheduler.step(); the state is carried detached;
- schedule: cosine = CosineAnnealingLR(T_max = steps, eta_min = 0), constant, onecycle =
  OneCycleLR(max_lr = lr, total_steps = steps);
- validation bpc: the held-out part as one stream from a zero state, windows of T (the last one
  shorter), state carried, eval mode, sum of cross-entropies / (n_val - 1) / ln 2.
"""
import math

import torch
import torch.nn as nn

CELLS = {"lstm": nn.LSTM, "gru": nn.GRU, "rnn": nn.RNN}


def read_text(path):
    with open(path, encoding="utf-8-sig") as f:
        return f.read()


def corpus(text):
    """(vocabulary as a list of characters, training indices, validation indices), as int64 tensors."""
    vocab = sorted(set(text))
    index = {c: i for i, c in enumerate(vocab)}
    ids = torch.tensor([index[c] for c in text], dtype=torch.long)
    n_train = int(math.floor(0.9 * len(text)))
    return vocab, ids[:n_train], ids[n_train:]


class CharLM(nn.Module):
    """rnn4j's CharLanguageModel: parameter names embedding.*, rnn.*, head.*."""

    def __init__(self, vocab, embed, hidden, layers, cell="lstm", dropout=0.0):
        super().__init__()
        self.embedding = nn.Embedding(vocab, embed)
        self.rnn = CELLS[cell](embed, hidden, layers, dropout=dropout, batch_first=True)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, x, state=None):
        out, state = self.rnn(self.embedding(x), state)
        return self.head(self.drop(out)), state


def detach(state):
    if state is None:
        return None
    if isinstance(state, tuple):
        return tuple(s.detach() for s in state)
    return state.detach()


class Lanes:
    """TextLanes: B contiguous lanes read T characters at a time; startsPass flags a pass's first window."""

    def __init__(self, tokens, batch, seq):
        self.lane = len(tokens) // batch
        if len(tokens) < batch * (seq + 1):
            raise ValueError("text too short for %d lanes of one window of %d" % (batch, seq))
        self.data = tokens[: self.lane * batch].view(batch, self.lane)
        self.seq = seq
        self.windows = (self.lane - 1) // seq
        self.window = 0

    def next(self):
        w, t = self.window, self.seq
        x = self.data[:, w * t: w * t + t]
        y = self.data[:, w * t + 1: w * t + t + 1]
        starts = w == 0
        self.window = (w + 1) % self.windows
        return x, y, starts


def scheduler(opt, name, lr, steps):
    if name == "cosine":
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=steps, eta_min=0.0)
    if name == "onecycle":
        return torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps)
    return None


def val_bpc(model, tokens, seq):
    """Bits per character of the stream `tokens`, read in windows of seq with the state carried."""
    was = model.training
    model.eval()
    nats = 0.0
    n = len(tokens) - 1
    state = None
    with torch.no_grad():
        for start in range(0, n, seq):
            m = min(seq, n - start)
            x = tokens[start: start + m].view(1, m)
            y = tokens[start + 1: start + 1 + m]
            logits, state = model(x, state)
            nats += nn.functional.cross_entropy(logits.view(m, -1), y, reduction="sum").item()
    model.train(was)
    return nats / n / math.log(2)


class Trainer:
    """The training loop; step() returns the step's loss (nats, a Python float)."""

    def __init__(self, model, train_tokens, batch, seq, lr, steps, clip=5.0, schedule="cosine"):
        self.model = model
        self.lanes = Lanes(train_tokens, batch, seq)
        self.opt = torch.optim.Adam(model.parameters(), lr=lr)
        self.sched = scheduler(self.opt, schedule, lr, steps)
        self.clip = clip
        self.state = None
        self.ce = nn.CrossEntropyLoss()
        self.vocab = model.head.out_features

    def step(self):
        x, y, starts = self.lanes.next()
        if starts:
            self.state = None
        self.model.train()
        self.opt.zero_grad()
        logits, state = self.model(x, self.state)
        loss = self.ce(logits.reshape(-1, self.vocab), y.reshape(-1))
        loss.backward()
        if self.clip > 0:
            nn.utils.clip_grad_norm_(self.model.parameters(), self.clip)
        self.opt.step()
        if self.sched is not None:
            self.sched.step()
        self.state = detach(state)
        return loss.item()
