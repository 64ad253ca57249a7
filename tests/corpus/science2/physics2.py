"""Physics kernels written with broadcasting (pos[:, None, :] - pos[None, :, :]),
np.newaxis, np.roll on lattices, np.fill_diagonal, boolean masks for walls,
2-D heat diffusion with slicing, velocity Verlet, the Lorenz system as a
tuple state, a pendulum with math, upwind advection, radioactive decay."""
import math

import numpy as np
import numpy.typing as npt

from ..science.cases import C, rng


def gravity_accel(pos: npt.NDArray[np.float64], mass: npt.NDArray[np.float64], eps: float = 0.01):
    """All-pairs accelerations with broadcasting and a softening length."""
    d = pos[np.newaxis, :, :] - pos[:, np.newaxis, :]
    r2 = np.sum(d ** 2, axis=-1) + eps ** 2
    inv_r3 = r2 ** -1.5
    np.fill_diagonal(inv_r3, 0.0)
    return np.einsum("ij,ijk,j->ik", inv_r3, d, mass)


def gravity_accel_loop(pos, mass, eps=0.01):
    n = pos.shape[0]
    acc = np.zeros_like(pos)
    for i in range(n):
        for j in range(n):
            if i == j:
                continue
            dx = pos[j] - pos[i]
            r2 = dx @ dx + eps * eps
            acc[i] += mass[j] * dx / r2 ** 1.5
    return acc


def lj_energy_forces(pos, sigma: float = 1.0, epsilon: float = 1.0):
    n = len(pos)
    rij = pos[:, None, :] - pos[None, :, :]
    r2 = (rij ** 2).sum(axis=2)
    mask = ~np.eye(n, dtype=bool)
    inv6 = np.zeros_like(r2)
    inv6[mask] = (sigma * sigma / r2[mask]) ** 3
    energy = 2.0 * epsilon * np.sum(inv6 * inv6 - inv6)
    fmag = np.zeros_like(r2)
    fmag[mask] = 24 * epsilon * (2 * inv6[mask] ** 2 - inv6[mask]) / r2[mask]
    forces = np.sum(fmag[:, :, None] * rij, axis=1)
    return energy, forces


def ising_energy_magnetization(s: npt.NDArray[np.int64], J: float = 1.0, h: float = 0.0):
    nb = np.roll(s, 1, axis=0) + np.roll(s, -1, axis=0) + np.roll(s, 1, axis=1) + np.roll(s, -1, axis=1)
    E = -J * np.sum(s * nb) / 2 - h * np.sum(s)
    return E / s.size, s.mean()


def ising_sweep(s, beta: float, rand):
    """One checkerboard-free Metropolis sweep with pre-drawn uniforms."""
    L = s.shape[0]
    s = s.copy()
    accepted = 0
    for i in range(L):
        for j in range(L):
            nb = s[(i + 1) % L, j] + s[i - 1, j] + s[i, (j + 1) % L] + s[i, j - 1]
            dE = 2 * s[i, j] * nb
            if dE <= 0 or rand[i, j] < math.exp(-beta * dE):
                s[i, j] = -s[i, j]
                accepted += 1
    return s, accepted


def heat2d(u0, alpha: float, steps: int):
    if alpha > 0.25:
        raise ValueError(f"unstable: alpha={alpha} > 0.25")
    u = u0.copy()
    for _ in range(steps):
        lap = u[:-2, 1:-1] + u[2:, 1:-1] + u[1:-1, :-2] + u[1:-1, 2:] - 4 * u[1:-1, 1:-1]
        u[1:-1, 1:-1] = u[1:-1, 1:-1] + alpha * lap
    return u


def verlet_spring_chain(x, v, k: float, m: float, dt: float, steps: int):
    """Masses on springs with fixed ends; velocity Verlet with vector forces."""
    def force(x):
        f = np.zeros_like(x)
        ext = np.concatenate(([0.0], x, [0.0]))
        f[:] = k * (ext[2:] - 2 * ext[1:-1] + ext[:-2])
        return f
    a = force(x) / m
    for _ in range(steps):
        x = x + v * dt + 0.5 * a * dt * dt
        a_new = force(x) / m
        v = v + 0.5 * (a + a_new) * dt
        a = a_new
    energy = 0.5 * m * np.dot(v, v) + 0.5 * k * np.sum(np.diff(np.concatenate(([0.0], x, [0.0]))) ** 2)
    return x, v, energy


def lorenz(state: tuple, sigma: float, rho: float, beta: float, dt: float, n: int):
    x, y, z = state
    out = np.zeros((n, 3))
    for i in range(n):
        dx = sigma * (y - x)
        dy = x * (rho - z) - y
        dz = x * y - beta * z
        x, y, z = x + dt * dx, y + dt * dy, z + dt * dz
        out[i] = (x, y, z)
    return out


def pendulum_period(theta0: float, L: float, g: float = 9.81, dt: float = 1e-3) -> float:
    """Time to the first return of the angular velocity sign (half period) times 2."""
    th = theta0
    om = 0.0
    t = 0.0
    while True:
        om_new = om - g / L * math.sin(th) * dt
        th += om_new * dt
        t += dt
        if om < 0 <= om_new or t > 100:
            return 2 * t
        om = om_new


def upwind_advection(u0, c: float, dx: float, dt: float, steps: int):
    cfl = c * dt / dx
    if abs(cfl) > 1:
        raise ValueError(f"CFL number {cfl:.3f} > 1")
    u = u0.copy()
    for _ in range(steps):
        if c > 0:
            u[1:] = u[1:] - cfl * (u[1:] - u[:-1])
        else:
            u[:-1] = u[:-1] - cfl * (u[1:] - u[:-1])
    return u


def particles_in_box(pos, vel, L: float, dt: float, steps: int):
    pos = pos.copy()
    vel = vel.copy()
    bounces = 0
    for _ in range(steps):
        pos += vel * dt
        low = pos < 0
        high = pos > L
        pos[low] = -pos[low]
        pos[high] = 2 * L - pos[high]
        vel[low | high] *= -1
        bounces += int(np.count_nonzero(low | high))
    return pos, vel, bounces


def decay_chain(n0: npt.NDArray[np.float64], lam: npt.NDArray[np.float64], dt: float, steps: int):
    n = n0.copy()
    hist = np.empty((steps + 1, n.size))
    hist[0] = n
    for s in range(steps):
        flow = lam * n * dt
        n[:-1] -= flow[:-1]
        n[1:] += flow[:-1]
        hist[s + 1] = n
    return hist


def kinetic_temperature(vel, masses, kB: float = 1.0):
    ke = 0.5 * np.sum(masses[:, None] * vel ** 2)
    dof = vel.size - vel.shape[1]
    return 2 * ke / (dof * kB)


_pos = rng(400).uniform(0, 3, size=(6, 3))
_spins = np.where(rng(401).random((6, 6)) < 0.5, -1, 1).astype(np.int64)

CASES = [
    C(gravity_accel, (_pos, rng(402).uniform(1, 2, 6)), rtol=1e-12),
    C(gravity_accel_loop, (_pos, rng(402).uniform(1, 2, 6)), ulps=2, rtol=1e-14),
    C(lj_energy_forces, (np.array([[0.0, 0, 0], [1.1, 0, 0], [0, 1.2, 0], [0.9, 1.0, 0.3]]),), rtol=1e-13),
    C(ising_energy_magnetization, (_spins,), (np.ones((3, 3), dtype=np.int64), 1.0, 0.5)),
    C(ising_sweep, (_spins, 0.4, rng(403).random((6, 6))), ulps=1),
    C(heat2d, (np.pad(np.ones((4, 5)), 1), 0.2, 10), (np.zeros((3, 3)), 0.3, 1)),
    # np.dot(v, v): py2wasm adds in k order (docs/arrays.md); OpenBLAS's ddot
    # kernel, so its order, depends on the CPU (1 ulp apart on an AMD EPYC)
    C(verlet_spring_chain, (np.array([0.1, 0.0, -0.1, 0.05]), np.zeros(4), 2.0, 1.0, 0.01, 50),
      ulps=1),
    C(lorenz, ((1.0, 1.0, 1.0), 10.0, 28.0, 8.0 / 3.0, 0.01, 40)),
    C(pendulum_period, (0.3, 1.0), (1.5, 2.0, 9.81, 1e-3), ulps=1),
    C(upwind_advection, (np.exp(-np.linspace(-2, 2, 20) ** 2), 1.0, 0.1, 0.05, 10),
      (np.ones(5), -1.0, 0.1, 0.05, 3), (np.ones(5), 3.0, 0.1, 0.05, 3), ulps=1),
    C(particles_in_box, (rng(404).uniform(0, 1, (5, 2)), rng(405).normal(0, 2, (5, 2)), 1.0, 0.1, 8)),
    C(decay_chain, (np.array([1000.0, 0.0, 0.0]), np.array([0.3, 0.1, 0.0]), 0.5, 12)),
    C(kinetic_temperature, (rng(406).normal(size=(8, 3)), rng(407).uniform(1, 2, 8))),
]
