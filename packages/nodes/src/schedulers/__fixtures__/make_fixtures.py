"""Reference trajectories for the scheduler tests, from a torch/numpy port of diffusers' schedulers.

The port follows diffusers' scheduler sources (DDIM, DDPM, PNDM, LMS, Euler, Euler ancestral,
Heun, DPM-Solver multistep, UniPC multistep) op for op, with torch float32 tensors and numpy
float64 where diffusers uses them (NumPy 2 promotion made explicit), scipy's quad for LMS.
It checks itself against ../../../../../../shared/reference/scheduler_cases_public.json first.

Run with a Python that has torch, numpy and scipy (Debian: python3-torch python3-scipy):
    python3 make_fixtures.py > diffusers-port-cases.json
"""
import json
import math
import os
import sys

import numpy as np
import torch
from scipy import integrate

F32 = torch.float32
SD15 = {"num_train_timesteps": 1000, "beta_start": 0.00085, "beta_end": 0.012, "beta_schedule": "scaled_linear",
        "steps_offset": 1, "set_alpha_to_one": False, "clip_sample": False, "prediction_type": "epsilon",
        "skip_prk_steps": True, "trained_betas": None}

COMMON = dict(num_train_timesteps=1000, beta_start=0.0001, beta_end=0.02, beta_schedule="linear", trained_betas=None)
DEFAULTS = {
    "DDIMScheduler": dict(COMMON, clip_sample=True, set_alpha_to_one=True, steps_offset=0, prediction_type="epsilon",
                          timestep_spacing="leading", rescale_betas_zero_snr=False),
    "DDPMScheduler": dict(COMMON, variance_type="fixed_small", clip_sample=True, prediction_type="epsilon", clip_sample_range=1.0,
                          timestep_spacing="leading", steps_offset=0, rescale_betas_zero_snr=False),
    "PNDMScheduler": dict(COMMON, skip_prk_steps=False, set_alpha_to_one=False, prediction_type="epsilon",
                          timestep_spacing="leading", steps_offset=0),
    "LMSDiscreteScheduler": dict(COMMON, use_karras_sigmas=False, prediction_type="epsilon", timestep_spacing="linspace", steps_offset=0),
    "EulerDiscreteScheduler": dict(COMMON, prediction_type="epsilon", use_karras_sigmas=False, sigma_min=None, sigma_max=None,
                                   timestep_spacing="linspace", steps_offset=0, rescale_betas_zero_snr=False, final_sigmas_type="zero"),
    "EulerAncestralDiscreteScheduler": dict(COMMON, prediction_type="epsilon", timestep_spacing="linspace", steps_offset=0,
                                            rescale_betas_zero_snr=False),
    "HeunDiscreteScheduler": dict(COMMON, beta_start=0.00085, beta_end=0.012, prediction_type="epsilon", use_karras_sigmas=False,
                                  clip_sample=False, clip_sample_range=1.0, timestep_spacing="linspace", steps_offset=0),
    "DPMSolverMultistepScheduler": dict(COMMON, solver_order=2, prediction_type="epsilon", algorithm_type="dpmsolver++",
                                        solver_type="midpoint", lower_order_final=True, euler_at_final=False, use_karras_sigmas=False,
                                        final_sigmas_type="zero", timestep_spacing="linspace", steps_offset=0, rescale_betas_zero_snr=False),
    "UniPCMultistepScheduler": dict(COMMON, solver_order=2, prediction_type="epsilon", predict_x0=True, solver_type="bh2",
                                    lower_order_final=True, disable_corrector=[], use_karras_sigmas=False, timestep_spacing="linspace",
                                    steps_offset=0, final_sigmas_type="zero", rescale_betas_zero_snr=False, sigma_min=None, sigma_max=None),
}


class Cfg(dict):
    __getattr__ = dict.__getitem__


def alpha_bar_cos(t):
    return math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2


def torch_linspace(start, end, steps):
    """torch.linspace(float32) as its scalar CPU loop computes it (vectorized builds may differ in the last bit)."""
    if os.environ.get("LINSPACE") != "scalar":
        return torch.linspace(start, end, steps, dtype=F32)
    s, e = np.float32(start), np.float32(end)
    step = np.float32(np.float32(e - s) / np.float32(steps - 1))
    half = steps // 2
    out = [s + np.float32(step * np.float32(i)) if i < half else e - np.float32(step * np.float32(steps - i - 1)) for i in range(steps)]
    return torch.tensor(np.array(out, dtype=np.float32))


def make_betas(c):
    n = c.num_train_timesteps
    if c.trained_betas is not None:
        b = torch.tensor(c.trained_betas, dtype=F32)
    elif c.beta_schedule == "linear":
        b = torch_linspace(c.beta_start, c.beta_end, n)
    elif c.beta_schedule == "scaled_linear":
        b = torch_linspace(c.beta_start ** 0.5, c.beta_end ** 0.5, n) ** 2
    else:
        b = torch.tensor([min(1 - alpha_bar_cos((i + 1) / n) / alpha_bar_cos(i / n), 0.999) for i in range(n)], dtype=F32)
    if c.get("rescale_betas_zero_snr"):
        a = torch.cumprod(1.0 - b, dim=0).sqrt()
        a0, aT = a[0].clone(), a[-1].clone()
        a -= aT
        a *= a0 / (a0 - aT)
        a = a ** 2
        b = 1 - torch.cat([a[0:1], a[1:] / a[:-1]])
    return b


def sigma_to_t(sigma, log_sigmas):
    log_sigma = np.log(np.maximum(sigma, 1e-10))
    dists = log_sigma - log_sigmas.astype(np.float64)[:, np.newaxis]  # NumPy 2: float64 scalar - float32 array -> float64
    low_idx = np.cumsum((dists >= 0), axis=0).argmax(axis=0).clip(max=log_sigmas.shape[0] - 2)
    high_idx = low_idx + 1
    low, high = log_sigmas[low_idx], log_sigmas[high_idx]
    w = (np.float64(low) - log_sigma) / np.float32(low - high)
    w = np.clip(w, 0, 1)
    return ((1 - w) * low_idx + w * high_idx).reshape(np.shape(sigma))


def karras(sigma_min, sigma_max, n):
    ramp = np.linspace(0, 1, n)
    lo, hi = sigma_min ** (1 / 7.0), sigma_max ** (1 / 7.0)
    return (hi + ramp * (lo - hi)) ** 7.0


def float_spacing(c, n):
    N = c.num_train_timesteps
    if c.timestep_spacing == "linspace":
        return np.linspace(0, N - 1, n, dtype=np.float32)[::-1].copy()
    if c.timestep_spacing == "leading":
        ts = (np.arange(0, n) * (N // n)).round()[::-1].copy().astype(np.float32)
        ts += c.steps_offset
        return ts
    ts = np.arange(N, 0, -N / n).round().copy().astype(np.float32)
    ts -= 1
    return ts


def int_spacing(c, n):
    N = c.num_train_timesteps
    if c.timestep_spacing == "linspace":
        return np.linspace(0, N - 1, n).round()[::-1].copy().astype(np.int64)
    if c.timestep_spacing == "leading":
        ts = (np.arange(0, n) * (N // n)).round()[::-1].copy().astype(np.int64)
        ts += c.steps_offset
        return ts
    ts = np.round(np.arange(N, 0, -N / n)).astype(np.int64)
    ts -= 1
    return ts


class Base:
    order = 1
    has_begin = True

    def __init__(self, cls, passed):
        self.config = Cfg({k: passed.get(k, v) for k, v in DEFAULTS[cls].items()})
        self.betas = make_betas(self.config)
        self.alphas = 1.0 - self.betas
        self.alphas_cumprod = torch.cumprod(self.alphas, dim=0)
        self.begin_index = None
        self.step_index = None

    def set_begin_index(self, i):
        self.begin_index = i


class Alpha(Base):
    has_begin = False
    init_noise_sigma = 1.0

    def scale_model_input(self, x, t):
        return x

    def add_noise(self, x, noise, t):
        a = self.alphas_cumprod[t]
        return a ** 0.5 * x + (1 - a) ** 0.5 * noise


class DDIM(Alpha):
    def __init__(self, passed):
        super().__init__("DDIMScheduler", passed)
        self.final = torch.tensor(1.0) if self.config.set_alpha_to_one else self.alphas_cumprod[0]

    def set_timesteps(self, n):
        self.n = n
        self.timesteps = torch.from_numpy(int_spacing(self.config, n))

    def step(self, m, t, x, generator=None):
        c = self.config
        t = int(t)
        prev = t - c.num_train_timesteps // self.n
        a = self.alphas_cumprod[t]
        ap = self.alphas_cumprod[prev] if prev >= 0 else self.final
        b = 1 - a
        if c.prediction_type == "epsilon":
            x0, e = (x - b ** 0.5 * m) / a ** 0.5, m
        elif c.prediction_type == "sample":
            x0, e = m, (x - a ** 0.5 * m) / b ** 0.5
        else:
            x0, e = a ** 0.5 * x - b ** 0.5 * m, a ** 0.5 * m + b ** 0.5 * x
        if c.clip_sample:
            x0 = x0.clamp(-1.0, 1.0)
        var = ((1 - ap) / b) * (1 - a / ap)
        std = 0.0 * var ** 0.5
        return ap ** 0.5 * x0 + (1 - ap - std ** 2) ** 0.5 * e


class DDPM(Alpha):
    def __init__(self, passed):
        super().__init__("DDPMScheduler", passed)
        self.one = torch.tensor(1.0)

    def set_timesteps(self, n):
        self.n = n
        self.timesteps = torch.from_numpy(int_spacing(self.config, n))

    def prev_t(self, t):
        i = (self.timesteps == t).nonzero(as_tuple=True)[0][0]
        return torch.tensor(-1) if i == self.timesteps.shape[0] - 1 else self.timesteps[i + 1]

    def step(self, m, t, x, generator=None):
        c = self.config
        pt = self.prev_t(t)
        a = self.alphas_cumprod[t]
        ap = self.alphas_cumprod[pt] if pt >= 0 else self.one
        b, bp = 1 - a, 1 - ap
        ca = a / ap
        cb = 1 - ca
        if c.prediction_type == "epsilon":
            x0 = (x - b ** 0.5 * m) / a ** 0.5
        elif c.prediction_type == "sample":
            x0 = m
        else:
            x0 = a ** 0.5 * x - b ** 0.5 * m
        if c.clip_sample:
            x0 = x0.clamp(-c.clip_sample_range, c.clip_sample_range)
        mean = (ap ** 0.5 * cb) / b * x0 + ca ** 0.5 * bp / b * x
        v = 0
        if t > 0:
            noise = torch.randn(m.shape, generator=generator, dtype=m.dtype)
            var = torch.clamp((1 - ap) / (1 - a) * cb, min=1e-20)
            v = var ** 0.5 * noise
        return mean + v


class PNDM(Alpha):
    def __init__(self, passed):
        super().__init__("PNDMScheduler", passed)
        self.final = torch.tensor(1.0) if self.config.set_alpha_to_one else self.alphas_cumprod[0]

    def set_timesteps(self, n):
        c = self.config
        N = c.num_train_timesteps
        self.n = n
        if c.timestep_spacing == "linspace":
            _t = np.linspace(0, N - 1, n).round().astype(np.int64)
        elif c.timestep_spacing == "leading":
            _t = (np.arange(0, n) * (N // n)).round()
            _t += c.steps_offset
        else:
            _t = np.round(np.arange(N, 0, -N / n))[::-1].astype(np.int64)
            _t -= 1
        if c.skip_prk_steps:
            self.prk = np.array([])
            plms = np.concatenate([_t[:-1], _t[-2:-1], _t[-1:]])[::-1].copy()
        else:
            prk = np.array(_t[-4:]).repeat(2) + np.tile(np.array([0, N // n // 2]), 4)
            self.prk = (prk[:-1].repeat(2)[1:-1])[::-1].copy()
            plms = _t[:-3][::-1].copy()
        self.timesteps = torch.from_numpy(np.concatenate([self.prk, plms]).astype(np.int64))
        self.ets, self.counter, self.cur_model_output, self.cur_sample = [], 0, 0, None

    def step(self, m, t, x, generator=None):
        t = int(t)
        ratio = self.config.num_train_timesteps // self.n
        if self.counter < len(self.prk) and not self.config.skip_prk_steps:
            prev = t - (0 if self.counter % 2 else ratio // 2)
            ts = int(self.prk[self.counter // 4 * 4])
            if self.counter % 4 == 0:
                self.cur_model_output += 1 / 6 * m
                self.ets.append(m)
                self.cur_sample = x
            elif (self.counter - 1) % 4 == 0 or (self.counter - 2) % 4 == 0:
                self.cur_model_output += 1 / 3 * m
            else:
                m = self.cur_model_output + 1 / 6 * m
                self.cur_model_output = 0
            cur = self.cur_sample if self.cur_sample is not None else x
            out = self.prev_sample(cur, ts, prev, m)
            self.counter += 1
            return out
        prev = t - ratio
        if self.counter != 1:
            self.ets = self.ets[-3:]
            self.ets.append(m)
        else:
            prev, t = t, t + ratio
        e = self.ets
        if len(e) == 1 and self.counter == 0:
            self.cur_sample = x
        elif len(e) == 1 and self.counter == 1:
            m = (m + e[-1]) / 2
            x = self.cur_sample
            self.cur_sample = None
        elif len(e) == 2:
            m = (3 * e[-1] - e[-2]) / 2
        elif len(e) == 3:
            m = (23 * e[-1] - 16 * e[-2] + 5 * e[-3]) / 12
        else:
            m = (1 / 24) * (55 * e[-1] - 59 * e[-2] + 37 * e[-3] - 9 * e[-4])
        out = self.prev_sample(x, t, prev, m)
        self.counter += 1
        return out

    def prev_sample(self, x, t, prev, m):
        a = self.alphas_cumprod[t]
        ap = self.alphas_cumprod[prev] if prev >= 0 else self.final
        b, bp = 1 - a, 1 - ap
        if self.config.prediction_type == "v_prediction":
            m = a ** 0.5 * m + b ** 0.5 * x
        coeff = (ap / a) ** 0.5
        denom = a * bp ** 0.5 + (a * b * ap) ** 0.5
        return coeff * x - (ap - a) * m / denom


class Sigma(Base):
    zero_snr = False

    def __init__(self, cls, passed):
        super().__init__(cls, passed)
        if self.zero_snr and self.config.get("rescale_betas_zero_snr"):
            self.alphas_cumprod[-1] = 2 ** -24

    @property
    def init_noise_sigma(self):
        mx = self.sigmas.max()
        return mx if self.config.timestep_spacing in ["linspace", "trailing"] else (mx ** 2 + 1) ** 0.5

    def index_for_timestep(self, t):
        idx = (self.timesteps == t).nonzero()
        return idx[1 if len(idx) > 1 else 0].item()

    def init_step(self, t):
        if self.step_index is None:
            self.step_index = self.index_for_timestep(t) if self.begin_index is None else self.begin_index

    def scale_model_input(self, x, t):
        self.init_step(t)
        s = self.sigmas[self.step_index]
        return x / ((s ** 2 + 1) ** 0.5)

    def add_noise(self, x, noise, t):
        i = self.index_for_timestep(t) if self.begin_index is None else (self.step_index if self.step_index is not None else self.begin_index)
        return x + noise * self.sigmas[i]

    def interp_sigmas(self, n, karras_ok=True, use_config_range=False):
        c = self.config
        ts = float_spacing(c, n)
        sig = np.array(((1 - self.alphas_cumprod) / self.alphas_cumprod) ** 0.5)
        log_sigmas = np.log(sig)
        sig = np.interp(ts, np.arange(0, len(sig)), sig)
        if karras_ok and c.get("use_karras_sigmas"):
            lo = c.sigma_min if use_config_range and c.sigma_min is not None else sig[-1].item()
            hi = c.sigma_max if use_config_range and c.sigma_max is not None else sig[0].item()
            sig = karras(lo, hi, n)
            ts = np.array([sigma_to_t(s, log_sigmas) for s in sig])
        return ts, sig

    def x0(self, m, x, s):
        p = self.config.prediction_type
        if p == "epsilon":
            return x - s * m
        if p == "v_prediction":
            return m * (-s / (s ** 2 + 1) ** 0.5) + (x / (s ** 2 + 1))
        return m


class Euler(Sigma):
    zero_snr = True

    def __init__(self, passed):
        super().__init__("EulerDiscreteScheduler", passed)

    def set_timesteps(self, n):
        ts, sig = self.interp_sigmas(n, use_config_range=True)
        last = ((1 - self.alphas_cumprod[0]) / self.alphas_cumprod[0]) ** 0.5 if self.config.final_sigmas_type == "sigma_min" else 0
        self.sigmas = torch.from_numpy(np.concatenate([sig, [last]]).astype(np.float32))
        self.timesteps = torch.from_numpy(ts.astype(np.float32))
        self.step_index = self.begin_index = None

    def step(self, m, t, x, generator=None):
        self.init_step(t)
        s = self.sigmas[self.step_index]
        s_hat = s * (0.0 + 1)
        x0 = self.x0(m, x, s_hat)
        d = (x - x0) / s_hat
        out = x + d * (self.sigmas[self.step_index + 1] - s_hat)
        self.step_index += 1
        return out


class EulerA(Sigma):
    zero_snr = True

    def __init__(self, passed):
        super().__init__("EulerAncestralDiscreteScheduler", passed)

    def set_timesteps(self, n):
        ts, sig = self.interp_sigmas(n, karras_ok=False)
        self.sigmas = torch.from_numpy(np.concatenate([sig, [0.0]]).astype(np.float32))
        self.timesteps = torch.from_numpy(ts)
        self.step_index = self.begin_index = None

    def step(self, m, t, x, generator=None):
        self.init_step(t)
        s = self.sigmas[self.step_index]
        x0 = self.x0(m, x, s)
        sf, st = self.sigmas[self.step_index], self.sigmas[self.step_index + 1]
        up = (st ** 2 * (sf ** 2 - st ** 2) / sf ** 2) ** 0.5
        down = (st ** 2 - up ** 2) ** 0.5
        out = x + (x - x0) / s * (down - s)
        out = out + torch.randn(m.shape, generator=generator, dtype=m.dtype) * up
        self.step_index += 1
        return out


class LMS(Sigma):
    def __init__(self, passed):
        super().__init__("LMSDiscreteScheduler", passed)

    def set_timesteps(self, n):
        ts, sig = self.interp_sigmas(n)
        self.sigmas = torch.from_numpy(np.concatenate([sig, [0.0]]).astype(np.float32))
        self.timesteps = torch.from_numpy(ts).to(dtype=F32)
        self.step_index = self.begin_index = None
        self.derivatives = []

    def coeff(self, order, t, cur):
        def f(tau):
            prod = 1.0
            for k in range(order):
                if cur != k:
                    prod *= (tau - self.sigmas[t - k]) / (self.sigmas[t - cur] - self.sigmas[t - k])
            return prod
        return integrate.quad(f, self.sigmas[t], self.sigmas[t + 1], epsrel=1e-4)[0]

    def step(self, m, t, x, generator=None):
        self.init_step(t)
        s = self.sigmas[self.step_index]
        d = (x - self.x0(m, x, s)) / s
        self.derivatives.append(d)
        if len(self.derivatives) > 4:
            self.derivatives.pop(0)
        order = min(self.step_index + 1, 4)
        cs = [self.coeff(order, self.step_index, k) for k in range(order)]
        out = x + sum(c * dd for c, dd in zip(cs, reversed(self.derivatives)))
        self.step_index += 1
        return out


class Heun(Sigma):
    order = 2

    def __init__(self, passed):
        super().__init__("HeunDiscreteScheduler", passed)

    def set_timesteps(self, n):
        ts, sig = self.interp_sigmas(n)
        sig = torch.from_numpy(np.concatenate([sig, [0.0]]).astype(np.float32))
        self.sigmas = torch.cat([sig[:1], sig[1:-1].repeat_interleave(2), sig[-1:]])
        ts = torch.from_numpy(ts)
        self.timesteps = torch.cat([ts[:1], ts[1:].repeat_interleave(2)]).to(dtype=F32)
        self.prev_d = self.dt = self.sample = None
        self.step_index = self.begin_index = None

    def step(self, m, t, x, generator=None):
        self.init_step(t)
        first = self.dt is None
        i = self.step_index
        s, sn = (self.sigmas[i], self.sigmas[i + 1]) if first else (self.sigmas[i - 1], self.sigmas[i])
        s_hat = s * (0 + 1)
        x0 = self.x0(m, x, s_hat if first else sn)
        if self.config.clip_sample:
            x0 = x0.clamp(-self.config.clip_sample_range, self.config.clip_sample_range)
        if first:
            d = (x - x0) / s_hat
            dt = sn - s_hat
            self.prev_d, self.dt, self.sample = d, dt, x
        else:
            d = (x - x0) / sn
            d = (self.prev_d + d) / 2
            dt, x = self.dt, self.sample
            self.prev_d = self.dt = self.sample = None
        self.step_index += 1
        return x + d * dt


def alpha_sigma(s):
    a = 1 / ((s ** 2 + 1) ** 0.5)
    return a, s * a


class Multistep(Base):
    init_noise_sigma = 1.0

    def __init__(self, cls, passed):
        super().__init__(cls, passed)
        if self.config.get("rescale_betas_zero_snr"):
            self.alphas_cumprod[-1] = 2 ** -24

    def schedule(self, n, last, round_karras, karras_final_last, use_range):
        c = self.config
        N = c.num_train_timesteps
        if c.timestep_spacing == "linspace":
            ts = np.linspace(0, last - 1, n + 1).round()[::-1][:-1].copy().astype(np.int64)
        elif c.timestep_spacing == "leading":
            ts = (np.arange(0, n + 1) * (last // (n + 1))).round()[::-1][:-1].copy().astype(np.int64)
            ts += c.steps_offset
        else:
            ts = np.arange(last, 0, -N / n).round().copy().astype(np.int64)
            ts -= 1
        sig = np.array(((1 - self.alphas_cumprod) / self.alphas_cumprod) ** 0.5)
        if c.use_karras_sigmas:
            log_sigmas = np.log(sig)
            fl = np.flip(sig).copy()
            lo = c.sigma_min if use_range and c.sigma_min is not None else fl[-1].item()
            hi = c.sigma_max if use_range and c.sigma_max is not None else fl[0].item()
            sig = karras(lo, hi, n)
            ts = np.array([sigma_to_t(s, log_sigmas) for s in sig])
            if round_karras:
                ts = ts.round()
            last_sigma = sig[-1] if karras_final_last else ((1 - self.alphas_cumprod[0]) / self.alphas_cumprod[0]) ** 0.5
        else:
            sig = np.interp(ts, np.arange(0, len(sig)), sig)
            last_sigma = ((1 - self.alphas_cumprod[0]) / self.alphas_cumprod[0]) ** 0.5
        if c.final_sigmas_type == "zero":
            last_sigma = 0
        self.sigmas = torch.from_numpy(np.concatenate([sig, [last_sigma]]).astype(np.float32))
        self.timesteps = torch.from_numpy(ts).to(dtype=torch.int64)
        self.step_index = self.begin_index = None
        self.model_outputs = [None] * c.solver_order
        self.lower_order_nums = 0

    def index_for_timestep(self, t):
        idx = (self.timesteps == t).nonzero()
        if len(idx) == 0:
            return len(self.timesteps) - 1
        return idx[1].item() if len(idx) > 1 else idx[0].item()

    def init_step(self, t):
        if self.step_index is None:
            self.step_index = self.index_for_timestep(t) if self.begin_index is None else self.begin_index

    def scale_model_input(self, x, t):
        return x

    def add_noise(self, x, noise, t):
        i = self.index_for_timestep(t) if self.begin_index is None else (self.step_index if self.step_index is not None else self.begin_index)
        a, s = alpha_sigma(self.sigmas[i])
        return a * x + s * noise

    def lam(self, i):
        a, s = alpha_sigma(self.sigmas[i])
        return a, s, torch.log(a) - torch.log(s)


class DPM(Multistep):
    def __init__(self, passed):
        super().__init__("DPMSolverMultistepScheduler", passed)

    def set_timesteps(self, n):
        self.schedule(n, self.config.num_train_timesteps, self.config.beta_schedule != "squaredcos_cap_v2", False, False)

    def step(self, m, t, x, generator=None):
        c = self.config
        self.init_step(t)
        i, L = self.step_index, len(self.timesteps)
        final = i == L - 1 and (c.euler_at_final or (c.lower_order_final and L < 15) or c.final_sigmas_type == "zero")
        second = i == L - 2 and c.lower_order_final and L < 15
        a, s, _ = self.lam(i)
        p = c.prediction_type
        m = (x - s * m) / a if p == "epsilon" else (m if p == "sample" else a * x - s * m)
        for k in range(c.solver_order - 1):
            self.model_outputs[k] = self.model_outputs[k + 1]
        self.model_outputs[-1] = m
        sde = c.algorithm_type == "sde-dpmsolver++"
        noise = torch.randn(m.shape, generator=generator, dtype=F32) if sde else None
        at, st, lt = self.lam(i + 1)
        a0, s0, l0 = self.lam(i)
        h = lt - l0
        if c.solver_order == 1 or self.lower_order_nums < 1 or final:
            if sde:
                out = (st / s0 * torch.exp(-h)) * x + (at * (1 - torch.exp(-2.0 * h))) * m + st * torch.sqrt(1.0 - torch.exp(-2 * h)) * noise
            else:
                out = (st / s0) * x - (at * (torch.exp(-h) - 1.0)) * m
        elif c.solver_order == 2 or self.lower_order_nums < 2 or second:
            _, _, l1 = self.lam(i - 1)
            m0, m1 = self.model_outputs[-1], self.model_outputs[-2]
            r0 = (l0 - l1) / h
            D0, D1 = m0, (1.0 / r0) * (m0 - m1)
            if sde:
                base = (st / s0 * torch.exp(-h)) * x + (at * (1 - torch.exp(-2.0 * h))) * D0
                if c.solver_type == "heun":
                    base = base + (at * ((1.0 - torch.exp(-2.0 * h)) / (-2.0 * h) + 1.0)) * D1
                else:
                    base = base + 0.5 * (at * (1 - torch.exp(-2.0 * h))) * D1
                out = base + st * torch.sqrt(1.0 - torch.exp(-2 * h)) * noise
            elif c.solver_type == "heun":
                out = (st / s0) * x - (at * (torch.exp(-h) - 1.0)) * D0 + (at * ((torch.exp(-h) - 1.0) / h + 1.0)) * D1
            else:
                out = (st / s0) * x - (at * (torch.exp(-h) - 1.0)) * D0 - 0.5 * (at * (torch.exp(-h) - 1.0)) * D1
        else:
            _, _, l1 = self.lam(i - 1)
            _, _, l2 = self.lam(i - 2)
            m0, m1, m2 = self.model_outputs[-1], self.model_outputs[-2], self.model_outputs[-3]
            h0, h1 = l0 - l1, l1 - l2
            r0, r1 = h0 / h, h1 / h
            D10, D11 = (1.0 / r0) * (m0 - m1), (1.0 / r1) * (m1 - m2)
            D1 = D10 + (r0 / (r0 + r1)) * (D10 - D11)
            D2 = (1.0 / (r0 + r1)) * (D10 - D11)
            if sde:
                out = ((st / s0 * torch.exp(-h)) * x + (at * (1.0 - torch.exp(-2.0 * h))) * m0
                       + (at * ((1.0 - torch.exp(-2.0 * h)) / (-2.0 * h) + 1.0)) * D1
                       + (at * ((1.0 - torch.exp(-2.0 * h) - 2.0 * h) / (2.0 * h) ** 2 - 0.5)) * D2
                       + st * torch.sqrt(1.0 - torch.exp(-2 * h)) * noise)
            else:
                out = ((st / s0) * x - (at * (torch.exp(-h) - 1.0)) * m0 + (at * ((torch.exp(-h) - 1.0) / h + 1.0)) * D1
                       - (at * ((torch.exp(-h) - 1.0 + h) / h ** 2 - 0.5)) * D2)
        if self.lower_order_nums < c.solver_order:
            self.lower_order_nums += 1
        self.step_index += 1
        return out


class UniPC(Multistep):
    def __init__(self, passed):
        super().__init__("UniPCMultistepScheduler", passed)

    def set_timesteps(self, n):
        self.schedule(n, self.config.num_train_timesteps, True, True, True)
        self.last_sample = None

    def coeffs(self, ti, si, order, older, m0):
        c = self.config
        at, st, lt = self.lam(ti)
        a0, s0, l0 = self.lam(si)
        h = lt - l0
        rks, D1s = [], []
        for k in range(1, order):
            mk = self.model_outputs[-(k + 1)]
            rk = (self.lam(older(k))[2] - l0) / h
            rks.append(rk)
            D1s.append((mk - m0) / rk)
        rks.append(torch.ones(()))
        rks = torch.stack(rks)
        hh = -h if c.predict_x0 else h
        hphi1 = torch.expm1(hh)
        hphik = hphi1 / hh - 1
        fact = 1
        Bh = hh if c.solver_type == "bh1" else torch.expm1(hh)
        R, b = [], []
        for k in range(1, order + 1):
            R.append(torch.pow(rks, k - 1))
            b.append(hphik * fact / Bh)
            fact *= k + 1
            hphik = hphik / hh - 1 / fact
        return at, st, a0, s0, hphi1, Bh, torch.stack(R), torch.stack(b), D1s

    def predictor(self, x, order):
        i = self.step_index
        m0 = self.model_outputs[-1]
        at, st, a0, s0, hphi1, Bh, R, b, D1s = self.coeffs(i + 1, i, order, lambda k: i - k, m0)
        res = 0
        if D1s:
            D1s = torch.stack(D1s, dim=1)
            rhos = torch.ones(1) * 0.5 if order == 2 else torch.linalg.solve(R[:-1, :-1], b[:-1])
            res = torch.einsum("k,bkc...->bc...", rhos, D1s)
        if self.config.predict_x0:
            return st / s0 * x - at * hphi1 * m0 - at * Bh * res
        return at / a0 * x - st * hphi1 * m0 - st * Bh * res

    def corrector(self, mt, last, this, order):
        i = self.step_index
        m0 = self.model_outputs[-1]
        at, st, a0, s0, hphi1, Bh, R, b, D1s = self.coeffs(i, i - 1, order, lambda k: i - (k + 1), m0)
        rhos = torch.ones(1) * 0.5 if order == 1 else torch.linalg.solve(R, b)
        res = torch.einsum("k,bkc...->bc...", rhos[:-1], torch.stack(D1s, dim=1)) if D1s else 0
        D1t = mt - m0
        if self.config.predict_x0:
            return st / s0 * last - at * hphi1 * m0 - at * Bh * (res + rhos[-1] * D1t)
        return at / a0 * last - st * hphi1 * m0 - st * Bh * (res + rhos[-1] * D1t)

    def step(self, m, t, x, generator=None):
        c = self.config
        self.init_step(t)
        i = self.step_index
        use_c = i > 0 and (i - 1) not in c.disable_corrector and self.last_sample is not None
        a, s, _ = self.lam(i)
        p = c.prediction_type
        if c.predict_x0:
            mc = (x - s * m) / a if p == "epsilon" else (m if p == "sample" else a * x - s * m)
        else:
            mc = m if p == "epsilon" else ((x - a * m) / s if p == "sample" else a * m + s * x)
        if use_c:
            x = self.corrector(mc, self.last_sample, x, self.this_order)
        for k in range(c.solver_order - 1):
            self.model_outputs[k] = self.model_outputs[k + 1]
        self.model_outputs[-1] = mc
        order = min(c.solver_order, len(self.timesteps) - i) if c.lower_order_final else c.solver_order
        self.this_order = min(order, self.lower_order_nums + 1)
        self.last_sample = x
        out = self.predictor(x, self.this_order)
        if self.lower_order_nums < c.solver_order:
            self.lower_order_nums += 1
        self.step_index += 1
        return out


CLASSES = {"DDIMScheduler": DDIM, "DDPMScheduler": DDPM, "PNDMScheduler": PNDM, "LMSDiscreteScheduler": LMS,
           "EulerDiscreteScheduler": Euler, "EulerAncestralDiscreteScheduler": EulerA, "HeunDiscreteScheduler": Heun,
           "DPMSolverMultistepScheduler": DPM, "UniPCMultistepScheduler": UniPC}
STOCHASTIC = {"DDPMScheduler", "EulerAncestralDiscreteScheduler"}
RAMP = ((0.01 * torch.arange(256, dtype=F32)) / 256).reshape(1, 4, 8, 8)


def fake_model(xin, t):
    c = 0.05 * torch.sin(torch.tensor(float(t), dtype=F32) / 100)
    return ((0.3 * xin) + c) + RAMP


def f32_list(t):
    return [float(np.format_float_positional(v, unique=True)) for v in t.reshape(-1).numpy().astype(np.float32)]


def run(cls, passed, n, strength=None, keep_all=True):
    sched = CLASSES[cls](passed)
    sched.set_timesteps(n)
    timesteps = sched.timesteps
    sigmas = getattr(sched, "sigmas", None)
    init = float(sched.init_noise_sigma)
    noise = torch.randn([1, 4, 8, 8], generator=torch.Generator().manual_seed(0), dtype=F32)
    if strength is None:
        x = noise * sched.init_noise_sigma
        loop = timesteps
    else:
        init_t = min(int(n * strength), n)
        start = max(n - init_t, 0)
        loop = timesteps[start * sched.order:]
        if sched.has_begin:
            sched.set_begin_index(start * sched.order)
        clean = torch.randn([1, 4, 8, 8], generator=torch.Generator().manual_seed(3), dtype=F32) * 0.5
        x = sched.add_noise(clean, noise, loop[:1])
    x_init = x
    steps = []
    for k, t in enumerate(loop):
        xin = sched.scale_model_input(x, t)
        eps = fake_model(xin, t)
        gen = torch.Generator().manual_seed(7) if cls in STOCHASTIC or cls == "DPMSolverMultistepScheduler" else None
        x = sched.step(eps, t, x, generator=gen)
        keep = keep_all or k < 2 or k >= len(loop) - 2 or k % 8 == 0
        steps.append({"t": t.item(), "xin_sum": math.fsum(xin.reshape(-1).double().tolist()), "x": f32_list(x) if keep else None})
    return {
        "timesteps": [v.item() for v in timesteps],
        "sigmas": None if sigmas is None else [float(v) for v in sigmas.double()],
        "init_noise_sigma": init,
        "x_init": f32_list(x_init),
        "steps": steps,
    }


def self_check():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../../../shared/reference/scheduler_cases_public.json")
    if not os.path.exists(path):
        return
    for case in json.load(open(path))["cases"]:
        got = run(case["scheduler"], case["config_passed"], case["num_inference_steps"])
        assert got["timesteps"] == case["timesteps"], case["id"]
        worst = 0.0
        for a, b in zip(got["steps"], case["steps"]):
            ref = np.array(b["x"])
            worst = max(worst, float(np.abs(np.array(a["x"]) - ref).max() / np.abs(ref).max()))
        print(f"self-check {case['id']}: max relative x error {worst:.2e}", file=sys.stderr)
        assert worst < 5e-6, case["id"]


def filtered(cls, overrides):
    return {**{k: v for k, v in SD15.items() if k in DEFAULTS[cls]}, **overrides}


VARIANTS = [
    # (id prefix, class, overrides, step counts)
    ("ddim", "DDIMScheduler", {}, [1, 4, 20, 25, 50]),
    ("ddim_trailing", "DDIMScheduler", {"timestep_spacing": "trailing"}, [4, 25]),
    ("ddim_linspace_v_zero_snr", "DDIMScheduler", {"timestep_spacing": "linspace", "prediction_type": "v_prediction", "rescale_betas_zero_snr": True}, [10]),
    ("ddpm", "DDPMScheduler", {}, [1, 4, 10, 25]),
    ("ddpm_clip_sample", "DDPMScheduler", {"clip_sample": True, "prediction_type": "sample", "beta_schedule": "linear"}, [10]),
    ("pndm", "PNDMScheduler", {}, [1, 4, 10, 20, 50]),
    ("pndm_prk", "PNDMScheduler", {"skip_prk_steps": False}, [4, 10]),
    ("pndm_trailing_v", "PNDMScheduler", {"timestep_spacing": "trailing", "prediction_type": "v_prediction"}, [7]),
    ("lms", "LMSDiscreteScheduler", {}, [1, 4, 10, 20, 50]),
    ("lms_karras", "LMSDiscreteScheduler", {"use_karras_sigmas": True}, [4, 25]),
    ("lms_leading", "LMSDiscreteScheduler", {"timestep_spacing": "leading"}, [10]),
    ("euler", "EulerDiscreteScheduler", {}, [1, 4, 20, 25, 50]),
    ("euler_karras", "EulerDiscreteScheduler", {"use_karras_sigmas": True}, [4, 10, 25]),
    ("euler_trailing", "EulerDiscreteScheduler", {"timestep_spacing": "trailing"}, [10, 25]),
    ("euler_leading_v_sigma_min", "EulerDiscreteScheduler", {"timestep_spacing": "leading", "prediction_type": "v_prediction", "final_sigmas_type": "sigma_min"}, [10]),
    ("euler_zero_snr_trailing", "EulerDiscreteScheduler", {"timestep_spacing": "trailing", "rescale_betas_zero_snr": True, "prediction_type": "v_prediction"}, [10]),
    ("euler_ancestral", "EulerAncestralDiscreteScheduler", {}, [1, 4, 10, 20, 50]),
    ("euler_ancestral_leading", "EulerAncestralDiscreteScheduler", {"timestep_spacing": "leading"}, [10]),
    ("heun", "HeunDiscreteScheduler", {}, [1, 4, 10, 25]),
    ("heun_karras", "HeunDiscreteScheduler", {"use_karras_sigmas": True}, [10]),
    ("heun_trailing_v", "HeunDiscreteScheduler", {"timestep_spacing": "trailing", "prediction_type": "v_prediction"}, [6]),
    ("dpmpp_2m", "DPMSolverMultistepScheduler", {}, [1, 4, 10, 20, 25, 50]),
    ("dpmpp_2m_karras", "DPMSolverMultistepScheduler", {"use_karras_sigmas": True}, [4, 10, 25]),
    ("dpmpp_2m_trailing", "DPMSolverMultistepScheduler", {"timestep_spacing": "trailing"}, [10]),
    ("dpmpp_2m_leading_sigma_min", "DPMSolverMultistepScheduler", {"timestep_spacing": "leading", "final_sigmas_type": "sigma_min"}, [10, 20]),
    ("dpmpp_3m_heun", "DPMSolverMultistepScheduler", {"solver_order": 3, "solver_type": "heun"}, [10, 20]),
    ("dpmpp_3m", "DPMSolverMultistepScheduler", {"solver_order": 3, "euler_at_final": True}, [25]),
    ("dpmpp_2m_sde", "DPMSolverMultistepScheduler", {"algorithm_type": "sde-dpmsolver++"}, [10]),
    ("dpmpp_2m_cosine_v", "DPMSolverMultistepScheduler", {"beta_schedule": "squaredcos_cap_v2", "prediction_type": "v_prediction"}, [10]),
    ("unipc", "UniPCMultistepScheduler", {}, [1, 4, 10, 20, 25, 50]),
    ("unipc_karras", "UniPCMultistepScheduler", {"use_karras_sigmas": True}, [4, 10, 25]),
    ("unipc_trailing_bh1_sigma_min", "UniPCMultistepScheduler", {"timestep_spacing": "trailing", "solver_type": "bh1", "final_sigmas_type": "sigma_min"}, [10]),
    ("unipc_order3", "UniPCMultistepScheduler", {"solver_order": 3}, [10, 20]),
    ("unipc_noise_sigma_min", "UniPCMultistepScheduler", {"predict_x0": False, "final_sigmas_type": "sigma_min", "disable_corrector": [0, 3]}, [10]),
]
IMG2IMG = [(name, cls) for name, cls in [("ddim", "DDIMScheduler"), ("ddpm", "DDPMScheduler"), ("pndm", "PNDMScheduler"),
                                          ("lms", "LMSDiscreteScheduler"), ("euler", "EulerDiscreteScheduler"),
                                          ("euler_ancestral", "EulerAncestralDiscreteScheduler"), ("heun", "HeunDiscreteScheduler"),
                                          ("dpmpp_2m", "DPMSolverMultistepScheduler"), ("unipc", "UniPCMultistepScheduler")]]


def main():
    self_check()
    cases = []
    for prefix, cls, overrides, counts in VARIANTS:
        for n in counts:
            passed = filtered(cls, overrides)
            got = run(cls, passed, n, keep_all=n <= 4)
            cases.append({"id": f"{prefix}_{n}", "scheduler": cls, "num_inference_steps": n, "config_passed": passed,
                          "generator_passed_to_step": True, **got})
    for name, cls in IMG2IMG:
        passed = filtered(cls, {})
        got = run(cls, passed, 10, strength=0.65)
        cases.append({"id": f"{name}_img2img_10_strength_0.65", "scheduler": cls, "num_inference_steps": 10, "strength": 0.65,
                      "config_passed": passed, "generator_passed_to_step": True, **got})
    meta = {"description": "Trajectories of a torch port of diffusers' schedulers (make_fixtures.py) under the fake UNet of "
                           "shared/reference/scheduler_cases_public.json; img2img cases start from add_noise(0.5 * randn(seed 3), randn(seed 0)).",
            "torch_version": torch.__version__, "numpy_version": np.__version__,
            "steps_x": "x of every step for up to 4 steps (and img2img), else of steps 0-1, every 8th and the last two (null elsewhere)"}
    json.dump({"meta": meta, "cases": cases}, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
