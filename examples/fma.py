def fma(x, y, z):
    return x * y + z
