// Plain-JavaScript twin of nbody.py, for the timing comparison.
const G = 39.47841760435743;

export function energy_after(steps, dt) {
  const m0 = 1.0, m1 = 9.54e-4, m2 = 2.86e-4;
  let x0 = 0, y0 = 0, vx0 = 0, vy0 = 0;
  let x1 = 5.2, y1 = 0, vx1 = 0, vy1 = 2.755;
  let x2 = -9.58, y2 = 0, vx2 = 0, vy2 = -2.03;
  const acc = (dx, dy) => {
    const r2 = dx * dx + dy * dy;
    const f = G / (r2 * Math.sqrt(r2));
    return [f * dx, f * dy];
  };
  for (let s = 0; s < steps; s++) {
    const [ax01, ay01] = acc(x1 - x0, y1 - y0);
    const [ax02, ay02] = acc(x2 - x0, y2 - y0);
    const [ax12, ay12] = acc(x2 - x1, y2 - y1);
    vx0 += dt * (m1 * ax01 + m2 * ax02);
    vy0 += dt * (m1 * ay01 + m2 * ay02);
    vx1 += dt * (m2 * ax12 - m0 * ax01);
    vy1 += dt * (m2 * ay12 - m0 * ay01);
    vx2 -= dt * (m0 * ax02 + m1 * ax12);
    vy2 -= dt * (m0 * ay02 + m1 * ay12);
    x0 += dt * vx0; y0 += dt * vy0;
    x1 += dt * vx1; y1 += dt * vy1;
    x2 += dt * vx2; y2 += dt * vy2;
  }
  const kinetic = 0.5 * (m0 * (vx0 * vx0 + vy0 * vy0) + m1 * (vx1 * vx1 + vy1 * vy1)
    + m2 * (vx2 * vx2 + vy2 * vy2));
  const d01 = Math.hypot(x1 - x0, y1 - y0);
  const d02 = Math.hypot(x2 - x0, y2 - y0);
  const d12 = Math.hypot(x2 - x1, y2 - y1);
  return kinetic - G * (m0 * m1 / d01 + m0 * m2 / d02 + m1 * m2 / d12);
}
