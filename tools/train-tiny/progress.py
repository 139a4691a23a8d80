"""Progress lines: step, running-mean losses, elapsed time and ETA."""
import time


class Progress:
    def __init__(self, name, total, log=print, every_s=15.0):
        self.name, self.total, self.log, self.every_s = name, total, log, every_s
        self.t0 = time.time()
        self.last = 0.0
        self.sums, self.count = {}, 0

    def update(self, step, values):
        for k, v in values.items():
            self.sums[k] = self.sums.get(k, 0.0) + v
        self.count += 1
        now = time.time()
        if now - self.last < self.every_s and step not in (1, self.total):
            return
        self.last = now
        elapsed = now - self.t0
        eta = elapsed / step * (self.total - step)
        avg = " ".join(f"{k} {v / self.count:.4f}" for k, v in self.sums.items())
        self.log(f"[{self.name}] step {step}/{self.total} {avg} | {elapsed / step:.2f} s/step "
                 f"elapsed {fmt(elapsed)} eta {fmt(eta)}")
        self.sums, self.count = {}, 0


def fmt(s):
    s = int(round(s))
    return f"{s // 60}:{s % 60:02d}"
