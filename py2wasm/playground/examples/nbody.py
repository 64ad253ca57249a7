"""N-body: a sun and two planets in a plane, advanced with a leapfrog step.

`energy_after(steps, dt)` runs the simulation and returns the total energy,
which a correct integrator keeps nearly constant.
"""
import math

G = 39.47841760435743  # 4 * pi**2: astronomical units, years, solar masses


def _accel(dx: float, dy: float, m: float) -> tuple[float, float]:
    r2 = dx * dx + dy * dy
    f = G * m / (r2 * math.sqrt(r2))
    return f * dx, f * dy


def energy_after(steps: int, dt: float) -> float:
    """Total energy of the system after `steps` steps of size `dt` years."""
    m0, m1, m2 = 1.0, 9.54e-4, 2.86e-4
    x0, y0, vx0, vy0 = 0.0, 0.0, 0.0, 0.0
    x1, y1, vx1, vy1 = 5.2, 0.0, 0.0, 2.755
    x2, y2, vx2, vy2 = -9.58, 0.0, 0.0, -2.03
    for _ in range(steps):
        ax01, ay01 = _accel(x1 - x0, y1 - y0, 1.0)
        ax02, ay02 = _accel(x2 - x0, y2 - y0, 1.0)
        ax12, ay12 = _accel(x2 - x1, y2 - y1, 1.0)
        vx0 += dt * (m1 * ax01 + m2 * ax02)
        vy0 += dt * (m1 * ay01 + m2 * ay02)
        vx1 += dt * (m2 * ax12 - m0 * ax01)
        vy1 += dt * (m2 * ay12 - m0 * ay01)
        vx2 -= dt * (m0 * ax02 + m1 * ax12)
        vy2 -= dt * (m0 * ay02 + m1 * ay12)
        x0 += dt * vx0
        y0 += dt * vy0
        x1 += dt * vx1
        y1 += dt * vy1
        x2 += dt * vx2
        y2 += dt * vy2
    kinetic = 0.5 * (m0 * (vx0 * vx0 + vy0 * vy0) + m1 * (vx1 * vx1 + vy1 * vy1)
                     + m2 * (vx2 * vx2 + vy2 * vy2))
    d01 = math.hypot(x1 - x0, y1 - y0)
    d02 = math.hypot(x2 - x0, y2 - y0)
    d12 = math.hypot(x2 - x1, y2 - y1)
    potential = -G * (m0 * m1 / d01 + m0 * m2 / d02 + m1 * m2 / d12)
    return kinetic + potential
