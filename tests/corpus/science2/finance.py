"""Quantitative finance: Black-Scholes with math.erf and its vectorized
twin with np.vectorize-free array math, implied volatility by Newton with
a bisection fallback, EMA/MACD, drawdowns with np.maximum.accumulate,
Sharpe and Sortino ratios, VWAP, loan amortization schedules, a binomial
tree (American put), log returns, Bollinger bands with rolling windows."""
import math

import numpy as np
import numpy.typing as npt

from ..science.cases import C, rng


def norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def bs_price(S: float, K: float, T: float, r: float, sigma: float, call: bool = True) -> float:
    if T <= 0 or sigma <= 0:
        return max(S - K, 0.0) if call else max(K - S, 0.0)
    d1 = (math.log(S / K) + (r + 0.5 * sigma ** 2) * T) / (sigma * math.sqrt(T))
    d2 = d1 - sigma * math.sqrt(T)
    if call:
        return S * norm_cdf(d1) - K * math.exp(-r * T) * norm_cdf(d2)
    return K * math.exp(-r * T) * norm_cdf(-d2) - S * norm_cdf(-d1)


def bs_vega(S, K, T, r, sigma):
    d1 = (math.log(S / K) + (r + 0.5 * sigma * sigma) * T) / (sigma * math.sqrt(T))
    return S * math.exp(-0.5 * d1 * d1) / math.sqrt(2 * math.pi) * math.sqrt(T)


def implied_vol(price: float, S: float, K: float, T: float, r: float) -> float:
    sigma = 0.2
    for _ in range(50):
        diff = bs_price(S, K, T, r, sigma) - price
        if abs(diff) < 1e-10:
            return sigma
        v = bs_vega(S, K, T, r, sigma)
        if v < 1e-8:
            break
        sigma -= diff / v
        if sigma <= 0:
            sigma = 1e-4
    lo, hi = 1e-4, 5.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if bs_price(S, K, T, r, mid) > price:
            hi = mid
        else:
            lo = mid
    return 0.5 * (lo + hi)


def bs_vector(S: np.ndarray, K: float, T: float, r: float, sigma: float):
    d1 = (np.log(S / K) + (r + 0.5 * sigma ** 2) * T) / (sigma * np.sqrt(T))
    d2 = d1 - sigma * np.sqrt(T)
    cdf = lambda z: 0.5 * (1.0 + np.array([math.erf(v / math.sqrt(2.0)) for v in z]))
    return S * cdf(d1) - K * np.exp(-r * T) * cdf(d2)


def macd(prices, fast: int = 12, slow: int = 26, signal: int = 9):
    def ema(x, span):
        alpha = 2.0 / (span + 1)
        out = np.empty_like(x)
        out[0] = x[0]
        for i in range(1, len(x)):
            out[i] = alpha * x[i] + (1 - alpha) * out[i - 1]
        return out
    line = ema(prices, fast) - ema(prices, slow)
    sig = ema(line, signal)
    return line, sig, line - sig


def drawdowns(equity):
    peak = np.maximum.accumulate(equity)
    dd = equity / peak - 1.0
    end = int(np.argmin(dd))
    start = int(np.argmax(equity[:end + 1]))
    return dd.min(), start, end


def sharpe_sortino(returns, rf: float = 0.0, periods: int = 252):
    ex = returns - rf / periods
    sharpe = np.sqrt(periods) * ex.mean() / ex.std(ddof=1)
    downside = ex[ex < 0]
    dd = np.sqrt(np.mean(downside ** 2)) if downside.size else np.nan
    sortino = np.sqrt(periods) * ex.mean() / dd
    return sharpe, sortino


def vwap(price, volume):
    cum_pv = np.cumsum(price * volume)
    cum_v = np.cumsum(volume)
    return cum_pv / cum_v


def amortization(principal: float, annual_rate: float, years: int):
    n = years * 12
    r = annual_rate / 12
    if r == 0:
        payment = principal / n
    else:
        payment = principal * r / (1 - (1 + r) ** -n)
    sched = np.zeros((n, 3))
    bal = principal
    for k in range(n):
        interest = bal * r
        princ = payment - interest
        bal -= princ
        sched[k] = [interest, princ, bal]
    return payment, sched


def binomial_american_put(S: float, K: float, T: float, r: float, sigma: float, steps: int) -> float:
    dt = T / steps
    u = math.exp(sigma * math.sqrt(dt))
    d = 1 / u
    p = (math.exp(r * dt) - d) / (u - d)
    disc = math.exp(-r * dt)
    j = np.arange(steps + 1)
    prices = S * u ** (steps - j) * d ** j
    values = np.maximum(K - prices, 0.0)
    for i in range(steps - 1, -1, -1):
        prices = prices[:i + 1] * d * 0 + S * u ** (i - np.arange(i + 1)) * d ** np.arange(i + 1)
        values = disc * (p * values[:-1] + (1 - p) * values[1:])
        values = np.maximum(values, K - prices)
    return float(values[0])


def log_returns_stats(prices):
    lr = np.log(prices[1:] / prices[:-1])
    return lr.sum(), lr.mean(), lr.std(), np.exp(lr.sum()) * prices[0]


def bollinger(prices, window: int, k: float = 2.0):
    n = len(prices)
    mid = np.full(n, np.nan)
    upper = np.full(n, np.nan)
    lower = np.full(n, np.nan)
    for i in range(window - 1, n):
        w = prices[i - window + 1:i + 1]
        m = w.mean()
        s = w.std()
        mid[i] = m
        upper[i] = m + k * s
        lower[i] = m - k * s
    return mid, upper, lower


def portfolio_var(weights, cov, z: float = 1.645):
    w = np.asarray(weights)
    sigma = math.sqrt(w @ cov @ w)
    return z * sigma, sigma


_prices = 100 * np.cumprod(1 + 0.01 * rng(700).normal(size=40))
_ret = 0.01 * rng(701).normal(size=60)

CASES = [
    C(bs_price, (100.0, 100.0, 1.0, 0.05, 0.2), (100.0, 110.0, 0.5, 0.01, 0.3, False), (90.0, 100.0, 0.0, 0.05, 0.2),
      ulps=4),
    C(implied_vol, (10.450583572185565, 100.0, 100.0, 1.0, 0.05), (0.5, 100.0, 150.0, 0.25, 0.0), rtol=1e-12),
    C(bs_vector, (np.array([80.0, 100.0, 120.0]), 100.0, 1.0, 0.05, 0.2), ulps=8, rtol=1e-14),
    C(macd, (_prices,), (_prices, 3, 6, 2)),
    C(drawdowns, (_prices,)),
    C(sharpe_sortino, (_ret,), (np.abs(_ret), 0.01), ulps=2),
    C(vwap, (_prices[:10], rng(702).integers(1, 100, 10).astype(float))),
    C(amortization, (1000.0, 0.06, 1), (1200.0, 0.0, 1), ulps=2),
    C(binomial_american_put, (100.0, 100.0, 1.0, 0.05, 0.2, 20), ulps=8, rtol=1e-12),
    C(log_returns_stats, (_prices,), ulps=2),
    C(bollinger, (_prices, 5), (_prices[:3], 5)),
    C(portfolio_var, ([0.5, 0.3, 0.2], np.array([[0.04, 0.01, 0.0], [0.01, 0.09, 0.02], [0.0, 0.02, 0.16]])),),
]
