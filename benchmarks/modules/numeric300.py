"""A ~300-line numeric module (number theory, series, root finding, quadrature,
ODE steps, geometry, finance) used to measure `py2wasm build` on a module of a
realistic size: every public function becomes an export of one package."""
import math

TOLERANCE = 1e-12
MAX_ITER = 200


def gcd(a: int, b: int) -> int:
    """Greatest common divisor (Euclid)."""
    a = abs(a)
    b = abs(b)
    while b:
        a, b = b, a % b
    return a


def lcm(a: int, b: int) -> int:
    """Least common multiple."""
    if a == 0 or b == 0:
        return 0
    return abs(a // gcd(a, b) * b)


def is_prime(n: int) -> bool:
    """Trial division by 6k +- 1."""
    if n < 2:
        return False
    if n < 4:
        return True
    if n % 2 == 0 or n % 3 == 0:
        return False
    k = 5
    while k * k <= n:
        if n % k == 0 or n % (k + 2) == 0:
            return False
        k += 6
    return True


def count_primes(n: int) -> int:
    """Number of primes below n."""
    count = 0
    for k in range(2, n):
        if is_prime(k):
            count += 1
    return count


def powmod(base: int, exp: int, mod: int) -> int:
    """base ** exp % mod by repeated squaring."""
    result = 1
    base = base % mod
    while exp > 0:
        if exp & 1:
            result = result * base % mod
        base = base * base % mod
        exp >>= 1
    return result


def isqrt_newton(n: int) -> int:
    """Integer square root by Newton's method."""
    if n < 2:
        return n
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x


def fib_iter(n: int) -> int:
    """n-th Fibonacci number, iteratively."""
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def binomial(n: int, k: int) -> int:
    """n choose k, exact in 64-bit for moderate n."""
    if k < 0 or k > n:
        return 0
    k = min(k, n - k)
    c = 1
    for i in range(k):
        c = c * (n - i) // (i + 1)
    return c


def catalan(n: int) -> int:
    """n-th Catalan number."""
    return binomial(2 * n, n) // (n + 1)


def digit_sum(n: int) -> int:
    """Sum of the decimal digits of |n|."""
    n = abs(n)
    s = 0
    while n:
        s += n % 10
        n //= 10
    return s


def reverse_digits(n: int) -> int:
    """The decimal digits of n in reverse order."""
    r = 0
    while n > 0:
        r = r * 10 + n % 10
        n //= 10
    return r


def is_palindrome(n: int) -> bool:
    """True if n reads the same backwards."""
    return n >= 0 and reverse_digits(n) == n


def harmonic(n: int) -> float:
    """H_n = 1 + 1/2 + ... + 1/n."""
    s = 0.0
    for k in range(1, n + 1):
        s += 1.0 / k
    return s


def leibniz_pi(n: int) -> float:
    """pi from n terms of the Leibniz series."""
    s = 0.0
    sign = 1.0
    for k in range(n):
        s += sign / (2 * k + 1)
        sign = -sign
    return 4.0 * s


def wallis_pi(n: int) -> float:
    """pi from n factors of the Wallis product."""
    p = 1.0
    for k in range(1, n + 1):
        f = 4.0 * k * k
        p *= f / (f - 1.0)
    return 2.0 * p


def exp_taylor(x: float, terms: int) -> float:
    """exp(x) from its Taylor series."""
    s = 1.0
    t = 1.0
    for k in range(1, terms):
        t *= x / k
        s += t
    return s


def sin_taylor(x: float, terms: int) -> float:
    """sin(x) from its Taylor series after reduction to [-pi, pi]."""
    x = math.fmod(x, 2.0 * math.pi)
    if x > math.pi:
        x -= 2.0 * math.pi
    elif x < -math.pi:
        x += 2.0 * math.pi
    s = 0.0
    t = x
    for k in range(terms):
        s += t
        t *= -x * x / ((2 * k + 2) * (2 * k + 3))
    return s


def newton_sqrt(a: float) -> float:
    """sqrt(a) by Newton's iteration."""
    if a < 0.0:
        raise ValueError("math domain error")
    if a == 0.0:
        return 0.0
    x = a if a > 1.0 else 1.0
    for _ in range(MAX_ITER):
        y = 0.5 * (x + a / x)
        if abs(y - x) <= TOLERANCE * y:
            return y
        x = y
    return x


def cubic(x: float) -> float:
    """The test polynomial x^3 - 2x - 5 (Newton's own example)."""
    return x * x * x - 2.0 * x - 5.0


def bisect_root(lo: float, hi: float) -> float:
    """A root of cubic() in [lo, hi] by bisection."""
    flo = cubic(lo)
    for _ in range(MAX_ITER):
        mid = 0.5 * (lo + hi)
        fm = cubic(mid)
        if fm == 0.0 or hi - lo < TOLERANCE:
            return mid
        if (fm < 0.0) == (flo < 0.0):
            lo, flo = mid, fm
        else:
            hi = mid
    return 0.5 * (lo + hi)


def secant_root(x0: float, x1: float) -> float:
    """A root of cubic() by the secant method."""
    f0 = cubic(x0)
    f1 = cubic(x1)
    for _ in range(MAX_ITER):
        if f1 == f0:
            break
        x2 = x1 - f1 * (x1 - x0) / (f1 - f0)
        x0, f0 = x1, f1
        x1, f1 = x2, cubic(x2)
        if abs(x1 - x0) < TOLERANCE:
            break
    return x1


def gaussian(x: float) -> float:
    """The standard normal density."""
    return math.exp(-0.5 * x * x) / math.sqrt(2.0 * math.pi)


def simpson(a: float, b: float, n: int) -> float:
    """Integral of gaussian() over [a, b] by Simpson's rule with n (even) panels."""
    if n % 2 == 1:
        n += 1
    h = (b - a) / n
    s = gaussian(a) + gaussian(b)
    for k in range(1, n):
        w = 4.0 if k % 2 == 1 else 2.0
        s += w * gaussian(a + k * h)
    return s * h / 3.0


def trapezoid(a: float, b: float, n: int) -> float:
    """Integral of gaussian() over [a, b] by the trapezoidal rule."""
    h = (b - a) / n
    s = 0.5 * (gaussian(a) + gaussian(b))
    for k in range(1, n):
        s += gaussian(a + k * h)
    return s * h


def rk4_decay(y0: float, rate: float, t_end: float, steps: int) -> float:
    """y' = -rate * y integrated with classic Runge-Kutta."""
    h = t_end / steps
    y = y0
    for _ in range(steps):
        k1 = -rate * y
        k2 = -rate * (y + 0.5 * h * k1)
        k3 = -rate * (y + 0.5 * h * k2)
        k4 = -rate * (y + h * k3)
        y += h / 6.0 * (k1 + 2.0 * k2 + 2.0 * k3 + k4)
    return y


def logistic(r: float, x0: float, n: int) -> float:
    """n iterations of the logistic map."""
    x = x0
    for _ in range(n):
        x = r * x * (1.0 - x)
    return x


def mandel_iter(cr: float, ci: float, maxiter: int) -> int:
    """Escape time of c = cr + i ci."""
    zr = 0.0
    zi = 0.0
    for i in range(maxiter):
        if zr * zr + zi * zi > 4.0:
            return i
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
    return maxiter


def clamp(x: float, lo: float, hi: float) -> float:
    """x limited to [lo, hi]."""
    return max(lo, min(hi, x))


def lerp(a: float, b: float, t: float) -> float:
    """Linear interpolation."""
    return a + (b - a) * t


def smoothstep(e0: float, e1: float, x: float) -> float:
    """Hermite smooth step between two edges."""
    t = clamp((x - e0) / (e1 - e0), 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def hypot3(x: float, y: float, z: float) -> float:
    """Length of a 3-vector."""
    return math.sqrt(x * x + y * y + z * z)


def heron(a: float, b: float, c: float) -> float:
    """Area of a triangle from its sides."""
    s = 0.5 * (a + b + c)
    return math.sqrt(s * (s - a) * (s - b) * (s - c))


def quadratic_roots(a: float, b: float, c: float) -> tuple[float, float]:
    """Real roots of a x^2 + b x + c, the numerically stable way."""
    d = b * b - 4.0 * a * c
    if d < 0.0:
        raise ValueError("no real roots")
    q = -0.5 * (b + math.copysign(math.sqrt(d), b))
    return q / a, c / q


def to_polar(x: float, y: float) -> tuple[float, float]:
    """Cartesian to polar coordinates."""
    return math.hypot(x, y), math.atan2(y, x)


def from_polar(r: float, phi: float) -> tuple[float, float]:
    """Polar to Cartesian coordinates."""
    return r * math.cos(phi), r * math.sin(phi)


def bezier(p0: float, p1: float, p2: float, p3: float, t: float) -> float:
    """A cubic Bezier curve at t (de Casteljau)."""
    a = lerp(p0, p1, t)
    b = lerp(p1, p2, t)
    c = lerp(p2, p3, t)
    d = lerp(a, b, t)
    e = lerp(b, c, t)
    return lerp(d, e, t)


def compound(principal: float, rate: float, years: int, per_year: int) -> float:
    """Value of a deposit with compound interest."""
    v = principal
    for _ in range(years * per_year):
        v *= 1.0 + rate / per_year
    return v


def loan_payment(principal: float, rate: float, months: int) -> float:
    """Monthly payment of an annuity loan."""
    if rate == 0.0:
        return principal / months
    r = rate / 12.0
    return principal * r / (1.0 - (1.0 + r) ** -months)


def kahan_harmonic(n: int) -> float:
    """H_n summed with Kahan's compensated summation."""
    s = 0.0
    c = 0.0
    for k in range(1, n + 1):
        y = 1.0 / k - c
        t = s + y
        c = (t - s) - y
        s = t
    return s


def celsius_to_fahrenheit(c: float) -> float:
    """Temperature conversion."""
    return c * 9.0 / 5.0 + 32.0
