// Plain-JavaScript twin of mandelbrot.py, for the timing comparison.
export function mandelbrot(cx, cy, maxIter) {
  let x = 0.0, y = 0.0;
  for (let i = 0; i < maxIter; i++) {
    const x2 = x * x, y2 = y * y;
    if (x2 + y2 > 4.0) return i;
    y = 2.0 * x * y + cy;
    x = x2 - y2 + cx;
  }
  return maxIter;
}

// The whole grid in one call: {data, shape} like the package's 2-D result.
export function mandelbrot_grid(width, height, x0, x1, y0, y1, maxIter) {
  const out = new Int32Array(width * height);
  for (let j = 0; j < height; j++) {
    const cy = y1 - ((y1 - y0) * j) / (height - 1);
    for (let i = 0; i < width; i++) out[j * width + i] = mandelbrot(x0 + ((x1 - x0) * i) / (width - 1), cy, maxIter);
  }
  return { data: out, shape: [height, width] };
}
