;; saxpy as clang -O3 -msimd128 compiles benchmarks/kernels/saxpy.c: an f64x2
;; loop and a scalar tail, on arrays already in linear memory. The stand-in
;; for the C -> wasm kernel when clang is not installed (js_boundary.py).
(module
  (memory (export "memory") 1 65536)
  (func (export "saxpy") (param $a f64) (param $x i32) (param $y i32) (param $out i32) (param $n i32)
    (local $i i32) (local $va v128) (local $m i32)
    (local.set $va (f64x2.splat (local.get $a)))
    (local.set $m (i32.and (local.get $n) (i32.const -2)))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $i) (local.get $m)))
        (v128.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
          (f64x2.add
            (f64x2.mul (local.get $va) (v128.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))
            (v128.load (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))))
        (local.set $i (i32.add (local.get $i) (i32.const 2)))
        (br $vec)))
    (if (i32.lt_u (local.get $i) (local.get $n))
      (then
        (f64.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 3)))
          (f64.add
            (f64.mul (local.get $a) (f64.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 3)))))
            (f64.load (i32.add (local.get $y) (i32.shl (local.get $i) (i32.const 3))))))))))
