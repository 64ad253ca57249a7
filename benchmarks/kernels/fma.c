/* fma.py in C (compiled to wasm; the call loop is in the Node driver). */
__attribute__((export_name("fma"))) double kernel_fma(double x, double y, double z) {
  return x * y + z;
}
