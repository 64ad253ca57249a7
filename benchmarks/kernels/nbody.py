"""N-body with scalar arithmetic: the Computer Language Benchmarks Game's five
Jovian planets, each body a tuple (x, y, z, vx, vy, vz, mass). Advances `steps`
steps of 0.01 and returns the total energy."""
import math

PI = 3.141592653589793
SOLAR_MASS = 4.0 * PI * PI
DAYS_PER_YEAR = 365.24

SUN = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS)
JUPITER = (4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
           1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
           -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS)
SATURN = (8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
          -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
          2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS)
URANUS = (1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
          2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
          -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS)
NEPTUNE = (1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
           2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
           -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS)


def _pair(b1, b2, dt):
    x1, y1, z1, vx1, vy1, vz1, m1 = b1
    x2, y2, z2, vx2, vy2, vz2, m2 = b2
    dx = x1 - x2
    dy = y1 - y2
    dz = z1 - z2
    d2 = dx * dx + dy * dy + dz * dz
    mag = dt / (d2 * math.sqrt(d2))
    b1m = m1 * mag
    b2m = m2 * mag
    return ((x1, y1, z1, vx1 - dx * b2m, vy1 - dy * b2m, vz1 - dz * b2m, m1),
            (x2, y2, z2, vx2 + dx * b1m, vy2 + dy * b1m, vz2 + dz * b1m, m2))


def _move(b, dt):
    x, y, z, vx, vy, vz, m = b
    return (x + dt * vx, y + dt * vy, z + dt * vz, vx, vy, vz, m)


def _kinetic(b):
    return 0.5 * b[6] * (b[3] * b[3] + b[4] * b[4] + b[5] * b[5])


def _potential(b1, b2):
    dx = b1[0] - b2[0]
    dy = b1[1] - b2[1]
    dz = b1[2] - b2[2]
    return b1[6] * b2[6] / math.sqrt(dx * dx + dy * dy + dz * dz)


def nbody(steps: int) -> float:
    sun, jup, sat, ura, nep = SUN, JUPITER, SATURN, URANUS, NEPTUNE
    px = jup[3] * jup[6] + sat[3] * sat[6] + ura[3] * ura[6] + nep[3] * nep[6]
    py = jup[4] * jup[6] + sat[4] * sat[6] + ura[4] * ura[6] + nep[4] * nep[6]
    pz = jup[5] * jup[6] + sat[5] * sat[6] + ura[5] * ura[6] + nep[5] * nep[6]
    sun = (0.0, 0.0, 0.0, -px / SOLAR_MASS, -py / SOLAR_MASS, -pz / SOLAR_MASS, SOLAR_MASS)
    dt = 0.01
    for _ in range(steps):
        sun, jup = _pair(sun, jup, dt)
        sun, sat = _pair(sun, sat, dt)
        sun, ura = _pair(sun, ura, dt)
        sun, nep = _pair(sun, nep, dt)
        jup, sat = _pair(jup, sat, dt)
        jup, ura = _pair(jup, ura, dt)
        jup, nep = _pair(jup, nep, dt)
        sat, ura = _pair(sat, ura, dt)
        sat, nep = _pair(sat, nep, dt)
        ura, nep = _pair(ura, nep, dt)
        sun = _move(sun, dt)
        jup = _move(jup, dt)
        sat = _move(sat, dt)
        ura = _move(ura, dt)
        nep = _move(nep, dt)
    e = _kinetic(sun) + _kinetic(jup) + _kinetic(sat) + _kinetic(ura) + _kinetic(nep)
    e -= _potential(sun, jup) + _potential(sun, sat) + _potential(sun, ura) + _potential(sun, nep)
    e -= _potential(jup, sat) + _potential(jup, ura) + _potential(jup, nep)
    e -= _potential(sat, ura) + _potential(sat, nep) + _potential(ura, nep)
    return e
