"""Machine learning kernels: a k-means step, logistic regression by
gradient descent, softmax cross-entropy with its gradient, kNN regression
with argsort, a float32 dense layer, PCA with np.linalg, naive Bayes."""
import numpy as np
import numpy.typing as npt

from .cases import C, rng


def kmeans_step(X, centers):
    d = ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)
    labels = np.argmin(d, axis=1)
    new = np.empty_like(centers)
    for k in range(centers.shape[0]):
        members = X[labels == k]
        if len(members) == 0:
            new[k] = centers[k]
        else:
            new[k] = members.mean(axis=0)
    inertia = d[np.arange(X.shape[0]), labels].sum()
    return new, labels, inertia


def logistic_regression(X, y, lr: float, epochs: int):
    n, p = X.shape
    w = np.zeros(p)
    b = 0.0
    for _ in range(epochs):
        z = X @ w + b
        pred = 1.0 / (1.0 + np.exp(-z))
        err = pred - y
        w -= lr * (X.T @ err) / n
        b -= lr * err.mean()
    return w, b


def softmax_xent(logits, labels):
    """Mean cross-entropy and its gradient w.r.t. the logits."""
    n, k = logits.shape
    z = logits - logits.max(axis=1, keepdims=True)
    ez = np.exp(z)
    p = ez / ez.sum(axis=1, keepdims=True)
    loss = 0.0
    for i in range(n):
        loss -= np.log(p[i, labels[i]])
    grad = p.copy()
    grad[np.arange(n), labels] -= 1.0
    return loss / n, grad / n


def knn_regress(Xtr, ytr, Xte, k: int):
    if k > Xtr.shape[0]:
        raise ValueError(f"k={k} exceeds the number of training points ({Xtr.shape[0]})")
    out = np.empty(Xte.shape[0])
    for i in range(Xte.shape[0]):
        d = np.sqrt(((Xtr - Xte[i]) ** 2).sum(axis=1))
        idx = np.argsort(d)[:k]
        w = 1.0 / (d[idx] + 1e-9)
        out[i] = np.sum(w * ytr[idx]) / np.sum(w)
    return out


def dense_relu32(x: npt.NDArray[np.float32], W, b):
    """One float32 layer written with loops and NumPy scalars."""
    out = np.zeros(W.shape[1], dtype=np.float32)
    for j in range(W.shape[1]):
        acc = np.float32(0.0)
        for i in range(x.shape[0]):
            acc += x[i] * W[i, j]
        acc += b[j]
        out[j] = acc if acc > np.float32(0) else np.float32(0)
    return out


def pca(X, ncomp: int):
    Xc = X - X.mean(axis=0)
    cov = Xc.T @ Xc / (X.shape[0] - 1)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1][:ncomp]
    comps = vecs[:, order]
    for j in range(ncomp):  # fix the sign: largest entry positive
        if comps[np.argmax(np.abs(comps[:, j])), j] < 0:
            comps[:, j] = -comps[:, j]
    return vals[order], Xc @ comps


def gaussian_nb_predict(X, means, variances, priors):
    n = X.shape[0]
    k = means.shape[0]
    scores = np.zeros((n, k))
    for c in range(k):
        ll = -0.5 * np.sum(np.log(2 * np.pi * variances[c]) +
                           (X - means[c]) ** 2 / variances[c], axis=1)
        scores[:, c] = ll + np.log(priors[c])
    return np.argmax(scores, axis=1)


def confusion_matrix(y_true, y_pred, k: int):
    cm = np.zeros((k, k), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        cm[t, p] += 1
    acc = np.trace(cm) / len(y_true)
    return cm, acc


_X = np.vstack((rng(1).normal(0, 1, (10, 2)), rng(2).normal(4, 1, (10, 2))))
_y = np.concatenate((np.zeros(10), np.ones(10)))

CASES = [
    C(kmeans_step, (_X, np.array([[0.0, 0.0], [1.0, 1.0], [50.0, 50.0]]))),
    C(logistic_regression, (_X, _y, 0.1, 20), rtol=1e-12),
    C(softmax_xent, (rng(3).normal(size=(5, 4)), np.array([0, 3, 1, 1, 2])), ulps=2),
    C(knn_regress, (_X, _y * 2.5, rng(4).normal(2, 2, (4, 2)), 3), (_X, _y, _X[:2], 50), ulps=2),
    C(dense_relu32, (rng(5).normal(size=6).astype(np.float32),
                     rng(6).normal(size=(6, 4)).astype(np.float32),
                     rng(7).normal(size=4).astype(np.float32))),
    C(pca, (rng(8).normal(size=(12, 3)) * np.array([3.0, 1.0, 0.2]), 2), rtol=1e-9),
    C(gaussian_nb_predict, (_X, np.array([[0.0, 0.0], [4.0, 4.0]]), np.ones((2, 2)),
                            np.array([0.5, 0.5])), ulps=2),
    C(confusion_matrix, (np.array([0, 1, 2, 2, 1, 0]), np.array([0, 2, 2, 2, 1, 1]), 3),),
]
