"""diffusers' EulerDiscreteScheduler (s_churn = 0, epsilon prediction, linear sigma
interpolation, final sigma 0) for SD 1.x's config, and a classifier-free-guidance sampler.

timestep_spacing "leading" with steps_offset 1 (SD 1.5's config): 20 steps -> 951, 901, ..., 1.
"""
import numpy as np
import torch

from schedule import alphas_cumprod


class EulerDiscreteScheduler:
    def __init__(self, num_train_timesteps=1000, timestep_spacing="leading", steps_offset=1):
        self.n_train = num_train_timesteps
        self.spacing = timestep_spacing
        self.steps_offset = steps_offset
        self.alphas_cumprod = alphas_cumprod(n=num_train_timesteps)
        self.timesteps = self.sigmas = None

    def set_timesteps(self, num_inference_steps):
        n, N = num_inference_steps, self.n_train
        if self.spacing == "linspace":
            ts = np.linspace(0, N - 1, n, dtype=np.float32)[::-1].copy()
        elif self.spacing == "leading":
            ratio = N // n
            ts = (np.arange(0, n) * ratio).round()[::-1].copy().astype(np.float32)
            ts += self.steps_offset
        elif self.spacing == "trailing":
            ratio = N / n
            ts = np.round(np.arange(N, 0, -ratio)).astype(np.float32) - 1
        else:
            raise ValueError(self.spacing)
        ac = self.alphas_cumprod
        sigmas = np.array(((1 - ac) / ac) ** 0.5)
        sigmas = np.interp(ts, np.arange(0, len(sigmas)), sigmas)
        sigmas = np.concatenate([sigmas, [0.0]]).astype(np.float32)
        self.sigmas = torch.from_numpy(sigmas)
        self.timesteps = torch.from_numpy(ts.astype(np.float32))

    @property
    def init_noise_sigma(self):
        max_sigma = self.sigmas.max()
        if self.spacing in ("linspace", "trailing"):
            return max_sigma
        return (max_sigma ** 2 + 1) ** 0.5

    def scale_model_input(self, sample, i):
        sigma = self.sigmas[i]
        return sample / ((sigma ** 2 + 1) ** 0.5)

    def step(self, model_output, i, sample):
        sigma = self.sigmas[i]
        sample = sample.to(torch.float32)
        pred_original_sample = sample - sigma * model_output
        derivative = (sample - pred_original_sample) / sigma
        dt = self.sigmas[i + 1] - sigma
        return sample + derivative * dt


@torch.no_grad()
def sample_cfg(unet, cond, uncond, noise, steps=20, guidance=7.5, scheduler=None):
    """Euler + classifier-free guidance, batched uncond/cond, timestep passed as shape [1].
    cond/uncond: [B,77,D] text states; noise: [B,4,h,w] standard normal. Returns scaled latents."""
    sch = scheduler or EulerDiscreteScheduler()
    sch.set_timesteps(steps)
    x = noise * sch.init_noise_sigma
    ctx = torch.cat([uncond, cond])
    for i, t in enumerate(sch.timesteps):
        x_in = sch.scale_model_input(torch.cat([x, x]), i)
        eps_u, eps_c = unet(x_in, t.view(1), ctx).chunk(2)
        eps = eps_u + guidance * (eps_c - eps_u)
        x = sch.step(eps, i, x)
    return x
