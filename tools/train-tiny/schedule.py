"""SD 1.x's DDPM noise schedule (training) and its diffusers scheduler config (export).

betas = linspace(sqrt(0.00085), sqrt(0.012), 1000) ** 2 ("scaled_linear"),
alphas_cumprod = cumprod(1 - betas); x_t = sqrt(ab_t) x_0 + sqrt(1 - ab_t) eps.
"""
import torch

NUM_TRAIN_TIMESTEPS = 1000
BETA_START, BETA_END = 0.00085, 0.012

# SD 1.5's scheduler/scheduler_config.json.
SCHEDULER_CONFIG = {
    "_class_name": "PNDMScheduler",
    "_diffusers_version": "0.6.0",
    "beta_end": BETA_END,
    "beta_schedule": "scaled_linear",
    "beta_start": BETA_START,
    "clip_sample": False,
    "num_train_timesteps": NUM_TRAIN_TIMESTEPS,
    "prediction_type": "epsilon",
    "set_alpha_to_one": False,
    "skip_prk_steps": True,
    "steps_offset": 1,
    "timestep_spacing": "leading",
    "trained_betas": None,
}


def alphas_cumprod(beta_start=BETA_START, beta_end=BETA_END, n=NUM_TRAIN_TIMESTEPS):
    betas = torch.linspace(beta_start ** 0.5, beta_end ** 0.5, n, dtype=torch.float32) ** 2
    return torch.cumprod(1.0 - betas, dim=0)


class DDPMSchedule:
    def __init__(self):
        self.alphas_cumprod = alphas_cumprod()

    def add_noise(self, x0, noise, t):
        ab = self.alphas_cumprod[t].view(-1, *([1] * (x0.dim() - 1)))
        return ab.sqrt() * x0 + (1 - ab).sqrt() * noise

    def snr(self, t):
        ab = self.alphas_cumprod[t]
        return ab / (1 - ab)

    def min_snr_weight(self, t, gamma=5.0):
        """Min-SNR-gamma loss weight for epsilon prediction (Hang et al. 2023): min(SNR, g) / SNR."""
        snr = self.snr(t)
        return torch.clamp(snr, max=gamma) / snr
