// What every consumer computes with the package (tests/toolchains/test_matrix.py
// checks it against EXPECTED). PKG is replaced by the entry under test.
import { fma, scaled, total, loaded } from "PKG";

export const result = {
  fma: fma(3, -1, 2),
  scaled: scaled(3),
  scaled2: scaled(3, 3, 2),
  total: total(new Float64Array([1, 2, 3])),
  loaded: loaded(),
};
