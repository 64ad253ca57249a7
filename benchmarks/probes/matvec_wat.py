"""Probe (issue 15): what bounds the matrix-vector loops under wasmtime?
Hand-written wasm variants of the loops py2wasm emits, each repeating its
product `reps` times inside wasm (no call overhead), on one matrix in the
instance's linear memory, next to NumPy on one OpenBLAS thread (its own
copy); CPU time, median over interleaved rounds of the best of 3.

Variants (`OP` lanes: f32x4 or f64x2; blocks of 32 bytes = L partial sums):
- ax3: `A @ x` as py2wasm runs it below 12 MiB (3 rows, 2 vectors of
  partial sums each, an i64 block index shifted into byte offsets);
- ax3_ptr: the same with one byte-pointer induction (no shift);
- ax3_add: ax3 without the multiply and x's loads (s += A's vector);
- ax1: one row at a time (py2wasm's stream path, 12-64 MiB);
- ax1_nox: ax1 multiplying by a vector kept in a register (no x loads);
- ax1_add: ax1 without the multiply and x's loads;
- read8: a plain streaming read of A (8 vector adds per 128 bytes);
- xaQ: `x @ A`, Q rows of A per pass over y (py2wasm: 7 below 12 MiB, 8
  above).
All read every byte of A once per product.

    OPENBLAS_NUM_THREADS=1 python benchmarks/probes/matvec_wat.py --op f64x2 --rows 2000 --cols 2000
"""
import argparse
import ctypes
import os
import statistics
import time

os.environ["OPENBLAS_NUM_THREADS"] = "1"

import numpy as np  # noqa: E402
import wasmtime  # noqa: E402


def _rows_loop(op, name, R, mode, ptr):
    """A @ x over groups of R rows; mode "" | "nox" | "add"."""
    s = []
    if ptr:
        for v in range(2):
            if mode == "":
                s.append(f"(local.set $x{v} (v128.load offset={16 * v} (local.get $p)))")
        for r in range(R):
            s.append(f"(local.set $ar (i32.add (local.get $p) (local.get $d{r})))")
            for v in range(2):
                ld = f"(v128.load offset={16 * v} (local.get $ar))"
                prod = ld if mode == "add" else f"({op}.mul {ld} (local.get $x{v}))"
                s.append(f"(local.set $s{r}{v} ({op}.add (local.get $s{r}{v}) {prod}))")
        s.append("(br_if $L (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 32)))"
                 " (local.get $pe)))")
    else:  # py2wasm's shape: o = wrap(q << 5); row r's block at base_r + o
        s.append("(local.set $o (i32.wrap_i64 (i64.shl (local.get $q) (i64.const 5))))")
        s.append("(local.set $ax (i32.add (local.get $x) (local.get $o)))")
        for v in range(2):
            s.append(f"(local.set $x{v} (v128.load offset={16 * v} (local.get $ax)))")
        for r in range(R):
            s.append(f"(local.set $ar (i32.add (local.get $r{r}) (local.get $o)))")
            for v in range(2):
                ld = f"(v128.load offset={16 * v} (local.get $ar))"
                prod = ld if mode == "add" else f"({op}.mul {ld} (local.get $x{v}))"
                s.append(f"(local.set $s{r}{v} ({op}.add (local.get $s{r}{v}) {prod}))")
        s.append("(br_if $L (i64.gt_s (local.get $nb) (local.tee $q (i64.add (local.get $q)"
                 " (i64.const 1)))))")
    inner = "\n".join(s)
    locs = " ".join(f"(local $s{r}{v} v128)" for r in range(R) for v in range(2))
    locs += " (local $x0 v128) (local $x1 v128) "
    locs += " ".join(f"(local $r{r} i32) (local $d{r} i32)" for r in range(R))
    zero = "\n".join(f"(local.set $s{r}{v} (v128.const i64x2 0 0))" for r in range(R) for v in range(2))
    if mode == "nox":
        zero += "\n(local.set $x0 (v128.load (local.get $x))) (local.set $x1 (v128.load offset=16 (local.get $x)))"
    stores = "\n".join(f"(v128.store offset={16 * (2 * r + v)} (i32.add (local.get $y) (i32.mul "
                       f"(local.get $i) (i32.const 32))) (local.get $s{r}{v}))"
                       for r in range(R) for v in range(2))
    rows = "\n".join(f"(local.set $r{r} (i32.add (local.get $a) (i32.mul (i32.add (local.get $i) "
                     f"(i32.const {r})) (local.get $kb))))\n(local.set $d{r} (i32.sub (local.get $r{r}) "
                     "(local.get $x)))" for r in range(R))
    return f"""
 (func (export "{name}") (param $a i32) (param $x i32) (param $y i32) (param $n i32) (param $k i32) (param $reps i32)
  (local $i i32) (local $q i64) (local $nb i64) (local $o i32) (local $ax i32) (local $ar i32) (local $p i32) (local $pe i32) (local $kb i32) {locs}
  (local.set $kb (i32.mul (local.get $k) (i32.const ISZ)))
  (loop $R
   (local.set $i (i32.const 0))
   (loop $G
    {rows}
    {zero}
    (local.set $q (i64.const 0))
    (local.set $nb (i64.extend_i32_u (i32.div_u (local.get $kb) (i32.const 32))))
    (local.set $p (local.get $x))
    (local.set $pe (i32.add (local.get $x) (i32.mul (i32.div_u (local.get $kb) (i32.const 32)) (i32.const 32))))
    (loop $L
      {inner}
    )
    {stores}
    (br_if $G (i32.le_u (local.tee $i (i32.add (local.get $i) (i32.const {R}))) (i32.sub (local.get $n) (i32.const {R}))))
   )
   (br_if $R (local.tee $reps (i32.sub (local.get $reps) (i32.const 1))))
  )
 )"""


def _read(op, name, W):
    locs = " ".join(f"(local $s{w} v128)" for w in range(W))
    zero = "\n".join(f"(local.set $s{w} (v128.const i64x2 0 0))" for w in range(W))
    body = "\n".join(f"(local.set $s{w} ({op}.add (local.get $s{w}) (v128.load offset={16 * w} "
                     "(local.get $p))))" for w in range(W))
    st = "\n".join(f"(v128.store offset={16 * w} (local.get $y) (local.get $s{w}))" for w in range(W))
    return f"""
 (func (export "{name}") (param $a i32) (param $x i32) (param $y i32) (param $n i32) (param $k i32) (param $reps i32)
  (local $p i32) (local $pe i32) {locs}
  (loop $R
   {zero}
   (local.set $p (local.get $a))
   (local.set $pe (i32.add (local.get $a) (i32.mul (i32.mul (local.get $n) (local.get $k)) (i32.const ISZ))))
   (loop $L
    {body}
    (br_if $L (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const {16 * W}))) (local.get $pe)))
   )
   {st}
   (br_if $R (local.tee $reps (i32.sub (local.get $reps) (i32.const 1))))
  )
 )"""


def _axpy(op, name, Q, isz):
    """y = x @ A (A: n rows of k), Q rows per pass over y."""
    spl = f"{op}.splat ({'f32' if op == 'f32x4' else 'f64'}.load"
    locs = " ".join(f"(local $b{q} i32) (local $v{q} v128)" for q in range(Q))
    setup = "\n".join(
        f"(local.set $b{q} (i32.sub (i32.add (local.get $a) (i32.mul (i32.add (local.get $r) "
        f"(i32.const {q})) (local.get $kb))) (local.get $y)))\n(local.set $v{q} ({spl} "
        f"offset={q * isz} (i32.add (local.get $x) (i32.mul (local.get $r) (i32.const {isz}))))))"
        for q in range(Q))
    acc = "(v128.load (local.get $p))"
    for q in range(Q):
        acc = f"({op}.add {acc} ({op}.mul (local.get $v{q}) (v128.load (i32.add (local.get $p) (local.get $b{q})))))"
    return f"""
 (func (export "{name}") (param $a i32) (param $x i32) (param $y i32) (param $n i32) (param $k i32) (param $reps i32)
  (local $r i32) (local $p i32) (local $pe i32) (local $kb i32) {locs}
  (local.set $kb (i32.mul (local.get $k) (i32.const ISZ)))
  (loop $R
   (local.set $p (local.get $y))
   (local.set $pe (i32.add (local.get $y) (local.get $kb)))
   (loop $Z (v128.store (local.get $p) (v128.const i64x2 0 0)) (br_if $Z (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (local.get $pe))))
   (local.set $r (i32.const 0))
   (loop $G
    {setup}
    (local.set $p (local.get $y))
    (loop $L
     (v128.store (local.get $p) {acc})
     (br_if $L (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (local.get $pe))))
    (br_if $G (i32.le_u (local.tee $r (i32.add (local.get $r) (i32.const {Q}))) (i32.sub (local.get $n) (i32.const {Q})))))
   (br_if $R (local.tee $reps (i32.sub (local.get $reps) (i32.const 1))))
  )
 )"""


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--op", choices=["f32x4", "f64x2"], default="f32x4")
    p.add_argument("--rows", type=int, default=500)
    p.add_argument("--cols", type=int, default=None, help="default: --rows (square)")
    p.add_argument("--reps", type=int, default=None, help="products per timed call")
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args()
    op, n = args.op, args.rows
    k = args.cols or n
    dt = np.float32 if op == "f32x4" else np.float64
    isz = np.dtype(dt).itemsize
    funcs = {"ax3": (3, "", False), "ax3_ptr": (3, "", True), "ax3_add": (3, "add", True),
             "ax1": (1, "", True), "ax1_nox": (1, "nox", True), "ax1_add": (1, "add", True)}
    parts = [_rows_loop(op, nm, *v) for nm, v in funcs.items()]
    parts += [_read(op, "read8", 8), _axpy(op, "xa7", 7, isz), _axpy(op, "xa8", 8, isz)]
    names = list(funcs) + ["read8", "xa7", "xa8"]
    nbytes = n * k * isz
    pages = (nbytes + 2 * (n + k) * isz + (1 << 20)) // 65536 + 2
    wat = f'(module (memory (export "mem") {pages})' + "".join(parts) + ")"
    wat = wat.replace("ISZ", str(isz))
    store = wasmtime.Store(wasmtime.Engine())
    ex = wasmtime.Instance(store, wasmtime.Module(store.engine, wat), []).exports(store)
    mem = ex["mem"]
    base = ctypes.addressof(mem.data_ptr(store).contents)
    lin = np.frombuffer((ctypes.c_ubyte * mem.data_len(store)).from_address(base), np.uint8)
    rng = np.random.default_rng(0)
    a = rng.standard_normal((n, k)).astype(dt)
    x, xr = rng.standard_normal(k).astype(dt), rng.standard_normal(n).astype(dt)
    pa = 1 << 16
    px = pa + nbytes + 64
    pxr = px + k * isz + 64
    py = pxr + n * isz + 64
    lin[pa:pa + nbytes] = a.view(np.uint8).ravel()
    lin[px:px + k * isz] = x.view(np.uint8)
    lin[pxr:pxr + n * isz] = xr.view(np.uint8)
    reps = args.reps or max(1, int(2e8 // nbytes))

    def best(f):
        t = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            f()
            t = min(t, time.process_time() - t0)
        return t / reps * 1e3
    res: dict = {}
    for _ in range(args.rounds):
        res.setdefault("NumPy A @ x", []).append(best(lambda: [a @ x for _ in range(reps)]))
        res.setdefault("NumPy x @ A", []).append(best(lambda: [xr @ a for _ in range(reps)]))
        for nm in names:
            f = ex[nm]
            xp = pxr if nm.startswith("xa") else px
            res.setdefault(nm, []).append(best(lambda: f(store, pa, xp, py, n, k, reps)))
    ref = statistics.median(res["NumPy A @ x"])
    print(f"{op} {n} x {k} ({nbytes / 2**20:.1f} MiB), {reps} products per call, "
          f"load average {os.getloadavg()[0]:.1f}")
    for nm, v in res.items():
        print(f"  {nm:12s} {statistics.median(v):8.4f} ms  {statistics.median(v) / ref:5.2f}x NumPy A @ x")


if __name__ == "__main__":
    main()
