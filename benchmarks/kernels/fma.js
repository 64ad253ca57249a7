// fma in plain JavaScript (the call-overhead loop is in benchmarks/node/driver.mjs).
export function fma(x, y, z) {
  return x * y + z;
}
