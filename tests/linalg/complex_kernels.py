"""Realistic kernels built on numpy.linalg with complex matrices, compiled
in tests/linalg/test_complex_kernels.py and compared with NumPy."""
import math

import numpy as np


def schrodinger_step(h, psi, dt):
    """psi(t + dt) = exp(-i H dt) psi(t) through the eigendecomposition of
    the Hermitian H."""
    w, v = np.linalg.eigh(h)
    c = v.conj().T @ psi
    return v @ (np.exp(-1j * w * dt) * c)


def channel_estimate(pilots, received):
    """Least-squares channel taps h with pilots @ h ~ received, and the
    residual energy."""
    h, res, rank, s = np.linalg.lstsq(pilots, received)
    return h, np.linalg.norm(pilots @ h - received)


def music_spectrum(x, sources, angles):
    """MUSIC pseudo-spectrum of a uniform linear array: the noise subspace
    of the sample covariance (eigh), then 1 / |E_n^H a(theta)|^2."""
    m = x.shape[0]
    n = x.shape[1]
    cov = (x @ x.conj().T) / n
    w, v = np.linalg.eigh(cov)
    noise = v[:, :m - sources].copy()
    out = np.zeros(angles.shape[0])
    k = np.arange(m)
    for i in range(angles.shape[0]):
        a = np.exp(1j * math.pi * k * math.sin(angles[i]))
        p = noise.conj().T @ a
        out[i] = 1.0 / np.linalg.norm(p) ** 2
    return out


def nodal_voltages(y, current):
    """Phasor node voltages of an AC network: Y V = I."""
    return np.linalg.solve(y, current)


def polar_unitary(a):
    """The unitary factor of the polar decomposition a = U P (U = W V^H from the SVD)."""
    w, s, vh = np.linalg.svd(a)
    return w @ vh


def eig_reconstruct(a):
    """V diag(w) V^-1 from eig: a again."""
    w, v = np.linalg.eig(a)
    return (v * w[None, :]) @ np.linalg.inv(v)


def whiten(x):
    """Whitened samples L^-1 x with L the Cholesky factor of the sample covariance."""
    n = x.shape[1]
    cov = (x @ x.conj().T) / n
    low = np.linalg.cholesky(cov)
    return np.linalg.solve(low, x)


def unitary_power(q, k: int):
    """q ** k (matrix power) and its determinant (modulus 1 for a unitary q)."""
    p = np.linalg.matrix_power(q, k)
    return p, np.linalg.det(p), np.linalg.slogdet(q)
