// nbody.py in plain JavaScript: bodies as objects, as a web developer writes it.
const PI = 3.141592653589793;
const SOLAR_MASS = 4.0 * PI * PI;
const DAYS_PER_YEAR = 365.24;

function body(x, y, z, vx, vy, vz, m) {
  return { x, y, z, vx, vy, vz, m };
}

function initial() {
  return [
    body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS),
    body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
      1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
      -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS),
    body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
      -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
      2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS),
    body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
      2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
      -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS),
    body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
      2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
      -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS),
  ];
}

export function nbody(steps) {
  const bodies = initial();
  const nb = bodies.length;
  let px = 0.0, py = 0.0, pz = 0.0;
  for (let i = 1; i < nb; i++) {
    px += bodies[i].vx * bodies[i].m;
    py += bodies[i].vy * bodies[i].m;
    pz += bodies[i].vz * bodies[i].m;
  }
  bodies[0].vx = -px / SOLAR_MASS;
  bodies[0].vy = -py / SOLAR_MASS;
  bodies[0].vz = -pz / SOLAR_MASS;
  const dt = 0.01;
  for (let s = 0; s < steps; s++) {
    for (let i = 0; i < nb; i++) {
      const b1 = bodies[i];
      for (let j = i + 1; j < nb; j++) {
        const b2 = bodies[j];
        const dx = b1.x - b2.x, dy = b1.y - b2.y, dz = b1.z - b2.z;
        const d2 = dx * dx + dy * dy + dz * dz;
        const mag = dt / (d2 * Math.sqrt(d2));
        const b1m = b1.m * mag, b2m = b2.m * mag;
        b1.vx -= dx * b2m; b1.vy -= dy * b2m; b1.vz -= dz * b2m;
        b2.vx += dx * b1m; b2.vy += dy * b1m; b2.vz += dz * b1m;
      }
    }
    for (const b of bodies) {
      b.x += dt * b.vx; b.y += dt * b.vy; b.z += dt * b.vz;
    }
  }
  let e = 0.0;
  for (const b of bodies) e += 0.5 * b.m * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz);
  let p = 0.0;
  for (let i = 0; i < nb; i++) {
    for (let j = i + 1; j < nb; j++) {
      const dx = bodies[i].x - bodies[j].x, dy = bodies[i].y - bodies[j].y, dz = bodies[i].z - bodies[j].z;
      p += bodies[i].m * bodies[j].m / Math.sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e - p;
}
