"""Bioinformatics on strings, dicts and NumPy score matrices: edit distance,
Needleman-Wunsch and Smith-Waterman with traceback, k-mer counting with
dicts, GC content and skew, reverse complement with a dict, Hamming
distance, longest common subsequence, codon translation, one-hot encoding,
a position weight matrix score, motif search."""
import numpy as np

from ..science.cases import C

COMPLEMENT = {"A": "T", "T": "A", "C": "G", "G": "C", "N": "N"}
CODONS = {"ATG": "M", "TTT": "F", "TTC": "F", "GGC": "G", "GGA": "G", "AAA": "K", "TAA": "*",
          "TAG": "*", "TGA": "*", "GCT": "A", "GCC": "A", "CTG": "L"}


def edit_distance(a: str, b: str) -> int:
    n, m = len(a), len(b)
    D = np.zeros((n + 1, m + 1), dtype=int)
    D[:, 0] = np.arange(n + 1)
    D[0, :] = np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            D[i, j] = min(D[i - 1, j] + 1, D[i, j - 1] + 1, D[i - 1, j - 1] + cost)
    return int(D[n, m])


def needleman_wunsch(a: str, b: str, match: int = 1, mismatch: int = -1, gap: int = -2):
    n, m = len(a), len(b)
    F = np.zeros((n + 1, m + 1), dtype=np.int64)
    F[:, 0] = gap * np.arange(n + 1)
    F[0, :] = gap * np.arange(m + 1)
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            s = match if a[i - 1] == b[j - 1] else mismatch
            F[i, j] = max(F[i - 1, j - 1] + s, F[i - 1, j] + gap, F[i, j - 1] + gap)
    al_a = ""
    al_b = ""
    i, j = n, m
    while i > 0 or j > 0:
        if i > 0 and j > 0 and F[i, j] == F[i - 1, j - 1] + (match if a[i - 1] == b[j - 1] else mismatch):
            al_a = a[i - 1] + al_a
            al_b = b[j - 1] + al_b
            i -= 1
            j -= 1
        elif i > 0 and F[i, j] == F[i - 1, j] + gap:
            al_a = a[i - 1] + al_a
            al_b = "-" + al_b
            i -= 1
        else:
            al_a = "-" + al_a
            al_b = b[j - 1] + al_b
            j -= 1
    return int(F[n, m]), al_a, al_b


def smith_waterman(a: str, b: str, gap: float = 2.0) -> tuple:
    H = np.zeros((len(a) + 1, len(b) + 1))
    best = 0.0
    pos = (0, 0)
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            s = 3.0 if a[i - 1] == b[j - 1] else -3.0
            h = max(0.0, H[i - 1, j - 1] + s, H[i - 1, j] - gap, H[i, j - 1] - gap)
            H[i, j] = h
            if h > best:
                best = h
                pos = (i, j)
    return best, pos


def kmer_counts(seq: str, k: int) -> dict:
    counts = {}
    for i in range(len(seq) - k + 1):
        kmer = seq[i:i + k]
        if "N" in kmer:
            continue
        counts[kmer] = counts.get(kmer, 0) + 1
    return counts


def top_kmers(seq: str, k: int, n: int) -> list:
    counts = kmer_counts(seq, k)
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return items[:n]


def gc_content_windows(seq: str, w: int):
    out = np.zeros(len(seq) - w + 1)
    for i in range(len(out)):
        win = seq[i:i + w]
        out[i] = (win.count("G") + win.count("C")) / w
    return out


def gc_skew_min(seq: str) -> tuple:
    skew = 0
    best = 0
    where = [0]
    for i, ch in enumerate(seq):
        if ch == "G":
            skew += 1
        elif ch == "C":
            skew -= 1
        if skew < best:
            best = skew
            where = [i + 1]
        elif skew == best:
            where.append(i + 1)
    return best, where


def reverse_complement(seq: str) -> str:
    return "".join(COMPLEMENT[c] for c in reversed(seq.upper()))


def hamming(a: str, b: str) -> int:
    if len(a) != len(b):
        raise ValueError(f"sequences differ in length: {len(a)} vs {len(b)}")
    return sum(1 for x, y in zip(a, b) if x != y)


def lcs_length(a: str, b: str) -> int:
    prev = [0] * (len(b) + 1)
    for ca in a:
        cur = [0]
        for j, cb in enumerate(b):
            cur.append(prev[j] + 1 if ca == cb else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def translate(dna: str) -> str:
    protein = []
    for i in range(0, len(dna) - 2, 3):
        aa = CODONS.get(dna[i:i + 3], "X")
        if aa == "*":
            break
        protein.append(aa)
    return "".join(protein)


def one_hot(seq: str):
    idx = {"A": 0, "C": 1, "G": 2, "T": 3}
    X = np.zeros((len(seq), 4), dtype=np.float32)
    for i, c in enumerate(seq):
        if c in idx:
            X[i, idx[c]] = 1.0
    return X


def pwm_scan(seq: str, pwm):
    """Best log-odds window score of a position weight matrix (rows ACGT)."""
    idx = {"A": 0, "C": 1, "G": 2, "T": 3}
    codes = np.array([idx[c] for c in seq])
    w = pwm.shape[1]
    scores = np.array([pwm[codes[i:i + w], np.arange(w)].sum() for i in range(len(seq) - w + 1)])
    return int(np.argmax(scores)), scores.max()


def find_motif(seq: str, motif: str) -> list:
    hits = []
    start = seq.find(motif)
    while start != -1:
        hits.append(start)
        start = seq.find(motif, start + 1)
    return hits


_dna = "ATGGCGTACGCTTAGCCGATCGGATCCGATGCAATTGCGCGGAACTTAGGCTAN"
_pwm = np.log2(np.array([[0.7, 0.1, 0.1, 0.6], [0.1, 0.1, 0.7, 0.2], [0.1, 0.7, 0.1, 0.1], [0.1, 0.1, 0.1, 0.1]]) / 0.25)

CASES = [
    C(edit_distance, ("kitten", "sitting"), ("", "abc"), ("GATTACA", "GCATGCU")),
    C(needleman_wunsch, ("GATTACA", "GCATGCU"), ("AC", "")),
    C(smith_waterman, ("TGTTACGG", "GGTTGACTA"), ("AAA", "TTT")),
    C(kmer_counts, (_dna, 3), ("ACGT", 5)),
    C(top_kmers, (_dna, 2, 4),),
    C(gc_content_windows, (_dna, 10), ("GC", 2)),
    C(gc_skew_min, (_dna,), ("CCGG",)),
    C(reverse_complement, ("ATGCNacg",), ("",)),
    C(hamming, ("GAGCCTACTAACGGGAT", "CATCGTAATGACGGCCT"), ("AC", "A")),
    C(lcs_length, ("AGGTAB", "GXTXAYB"), ("", "X")),
    C(translate, ("ATGTTTGGCAAACTGTAAGGC",), ("ATGCC",), ("GCTNNNGCC",)),
    C(one_hot, ("ACGTNA",),),
    C(pwm_scan, ("ACGTAGCATCGATGCA", _pwm),),
    C(find_motif, ("GATATATGCATATACTT", "ATAT"), ("AAAA", "C")),
]
