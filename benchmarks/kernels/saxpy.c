/* saxpy.py in C: arrays are (pointer, length); the result goes to out. */
void saxpy(double a, const double *x, int nx, const double *y, int ny, double *out) {
  for (int i = 0; i < nx; i++) out[i] = a * x[i] + y[i];
}
