"""Physics kernels: an n-body leapfrog step, Lennard-Jones forces, Ising
Metropolis sweeps with an LCG, the heat and wave equations, a projectile
with drag, a 2-D diffusion with np.roll."""
import math

import numpy as np

from .cases import C, rng


def nbody_leapfrog(pos, vel, mass, dt: float, steps: int, soft: float = 1e-3):
    n = pos.shape[0]
    for _ in range(steps):
        acc = np.zeros_like(pos)
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                d = pos[j] - pos[i]
                r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2] + soft * soft
                acc[i] += mass[j] * d / (r2 * math.sqrt(r2))
        vel += acc * dt
        pos += vel * dt
    ke = 0.5 * np.sum(mass * np.sum(vel ** 2, axis=1))
    return ke


def lennard_jones(pos, box: float, rc: float = 2.5):
    """Forces and potential energy with minimum-image periodic boundaries."""
    n = len(pos)
    f = np.zeros((n, 3))
    epot = 0.0
    rc2 = rc * rc
    for i in range(n - 1):
        for j in range(i + 1, n):
            d = pos[i] - pos[j]
            d -= box * np.round(d / box)
            r2 = np.dot(d, d)
            if r2 < rc2:
                inv2 = 1.0 / r2
                inv6 = inv2 * inv2 * inv2
                epot += 4.0 * inv6 * (inv6 - 1.0)
                fij = 24.0 * inv2 * inv6 * (2.0 * inv6 - 1.0) * d
                f[i] += fij
                f[j] -= fij
    return f, epot


def ising_metropolis(spins, beta: float, sweeps: int, seed: int):
    """Metropolis on a periodic L x L lattice of int8 spins; an LCG drives it."""
    L = spins.shape[0]
    state = seed
    accepted = 0
    for _ in range(sweeps):
        for _k in range(L * L):
            state = (1103515245 * state + 12345) & 0x7FFFFFFF
            i = (state >> 16) % L
            state = (1103515245 * state + 12345) & 0x7FFFFFFF
            j = (state >> 16) % L
            s = spins[i, j]
            nb = spins[(i + 1) % L, j] + spins[i - 1, j] + spins[i, (j + 1) % L] + spins[i, j - 1]
            dE = 2 * int(s) * int(nb)
            state = (1103515245 * state + 12345) & 0x7FFFFFFF
            u = state / 2147483648.0
            if dE <= 0 or u < math.exp(-beta * dE):
                spins[i, j] = -s
                accepted += 1
    return accepted, int(spins.sum())


def heat_explicit(u0, alpha: float, dx: float, dt: float, steps: int):
    r = alpha * dt / (dx * dx)
    if r > 0.5:
        raise ValueError(f"unstable: r = {r:.3f} > 0.5")
    u = u0.copy()
    for _ in range(steps):
        u[1:-1] = u[1:-1] + r * (u[2:] - 2.0 * u[1:-1] + u[:-2])
    return u


def wave_leapfrog(u0, c: float, dx: float, dt: float, steps: int):
    c2 = (c * dt / dx) ** 2
    prev = u0.copy()
    cur = u0.copy()
    cur[1:-1] = u0[1:-1] + 0.5 * c2 * (u0[2:] - 2 * u0[1:-1] + u0[:-2])
    for _ in range(steps):
        nxt = np.zeros_like(cur)
        nxt[1:-1] = 2 * cur[1:-1] - prev[1:-1] + c2 * (cur[2:] - 2 * cur[1:-1] + cur[:-2])
        prev, cur = cur, nxt
    return cur


def projectile_drag(v0: float, angle_deg: float, k: float, dt: float):
    """Euler integration until the projectile lands; returns (range, time, max height)."""
    th = math.radians(angle_deg)
    x, y = 0.0, 0.0
    vx, vy = v0 * math.cos(th), v0 * math.sin(th)
    t = 0.0
    ymax = 0.0
    while True:
        v = math.hypot(vx, vy)
        ax = -k * v * vx
        ay = -9.81 - k * v * vy
        x += vx * dt
        y += vy * dt
        vx += ax * dt
        vy += ay * dt
        t += dt
        ymax = max(ymax, y)
        if y < 0.0:
            return x, t, ymax
        if t > 1000.0:
            raise RuntimeError("projectile never landed")


def diffusion_roll(u, d: float, steps: int):
    for _ in range(steps):
        lap = (np.roll(u, 1, axis=0) + np.roll(u, -1, axis=0) + np.roll(u, 1, axis=1)
               + np.roll(u, -1, axis=1) - 4 * u)
        u = u + d * lap
    return u


def _lattice(L, seed):
    return np.where(rng(seed).random((L, L)) < 0.5, -1, 1).astype(np.int8)


_bump = np.exp(-((np.linspace(0, 1, 21) - 0.5) ** 2) / 0.01)

CASES = [
    C(nbody_leapfrog, (rng(1).normal(size=(4, 3)), rng(2).normal(size=(4, 3)) * 0.1,
                       np.array([1.0, 0.5, 0.2, 0.1]), 0.01, 5), ulps=0),
    C(lennard_jones, (rng(3).uniform(0, 4, (6, 3)), 4.0), (np.zeros((1, 3)), 4.0)),
    C(ising_metropolis, (_lattice(6, 4), 0.44, 3, 12345), (_lattice(4, 5), 2.0, 2, 1)),
    C(heat_explicit, (_bump, 1.0, 0.05, 0.001, 30), (_bump, 1.0, 0.05, 0.01, 30)),
    C(wave_leapfrog, (_bump, 1.0, 0.05, 0.02, 25),),
    C(projectile_drag, (30.0, 45.0, 0.01, 0.01), (10.0, 80.0, 0.0, 0.05), ulps=1),
    C(diffusion_roll, (rng(6).random((5, 6)), 0.1, 4),),
]
