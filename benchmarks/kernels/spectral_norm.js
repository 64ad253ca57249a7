// spectral_norm.py in plain JavaScript.
function evalA(i, j) {
  return 1.0 / (((i + j) * (i + j + 1)) / 2 + i + 1);
}

function aTimesU(u, au) {
  const n = u.length;
  for (let i = 0; i < n; i++) {
    let s = 0.0;
    for (let j = 0; j < n; j++) s += evalA(i, j) * u[j];
    au[i] = s;
  }
}

function atTimesU(u, atu) {
  const n = u.length;
  for (let i = 0; i < n; i++) {
    let s = 0.0;
    for (let j = 0; j < n; j++) s += evalA(j, i) * u[j];
    atu[i] = s;
  }
}

export function spectral_norm(n) {
  const u = new Float64Array(n).fill(1.0);
  const v = new Float64Array(n);
  const tmp = new Float64Array(n);
  for (let k = 0; k < 10; k++) {
    aTimesU(u, tmp); atTimesU(tmp, v);
    aTimesU(v, tmp); atTimesU(tmp, u);
  }
  let vbv = 0.0, vv = 0.0;
  for (let i = 0; i < n; i++) {
    vbv += u[i] * v[i];
    vv += v[i] * v[i];
  }
  return Math.sqrt(vbv / vv);
}
