/** R survey's `hadamard(n)`: the 0/1 Hadamard matrix its BRR replicates use (precooked, Paley, doubled). */

/** R's `hadamard.list` (orders 4, 16, 28, 36), each row as hex digits of its 0/1 entries. */
const PRECOOKED = [
  "f a c 9",
  "ffff aaaa cccc 9999 f0f0 a5a5 c3c3 9696 ff00 aa55 cc33 9966 f00f a55a c33c 9669",
  "fffffff 9c71c78 83cd378 83b2e66 9a0f8d6 952c5ae 8cd239e 58aa7f0 45b59d4 46cbcac 561774a 4b64e9a 5959b26 2d1eae8 " +
    "3666b34 2b3b51c 31d74b2 32f89ca 2ced646 ea545e4 f1632cc f09ce1c e54ad52 e6392b2 e8a792a dffe000 bf81f80 7f8007e",
  "fffffffff 5c7dc8564 b8fb90ac8 71f721592 e3ee42b24 c7dc8564a 8fb90ac96 1f721592e 3ee42b25c 7dc8564b8 fb90ac970 " +
    "f721592e2 ee42b25c6 dc8564b8e b90ac971e 721592e3e e42b25c7c c8564b8fa 90ac971f6 21592e3ee 42b25c7dc 8564b8fb8 " +
    "0ac971f72 1592e3ee4 2b25c7dc8 564b8fb90 ac971f720 592e3ee42 b25c7dc84 64b8fb90a c971f7214 92e3ee42a 25c7dc856 " +
    "4b8fb90ac 971f72158 2e3ee42b2",
];
const SIZES = [4, 16, 28, 36];

/** R's `small.primes` of `paley` up to 1000 (p ≡ 3 mod 4). */
const PRIMES = [
  3, 7, 11, 19, 23, 31, 43, 47, 59, 67, 71, 79, 83, 103, 107, 127, 131, 139, 151, 163, 167, 179, 191, 199,
];
PRIMES.push(...[211, 223, 227, 239, 251, 263, 271, 283, 307, 311, 331, 347, 359, 367, 379, 383, 419, 431, 439, 443]);
PRIMES.push(...[463, 467, 479, 487, 491, 499, 503, 523, 547, 563, 571, 587, 599, 607, 619, 631, 643, 647, 659, 683]);
PRIMES.push(...[691, 719, 727, 739, 743, 751, 787, 811, 823, 827, 839, 859, 863, 883, 887, 907, 911, 919, 947, 967]);
PRIMES.push(...[971, 983, 991]);

type Matrix = number[][];

function precooked(k: number): Matrix {
  const n = SIZES[k];
  return PRECOOKED[k]
    .split(" ")
    .map((row) => Array.from({ length: n }, (_, j) => (parseInt(row[j >> 2], 16) >> (3 - (j & 3))) & 1));
}

/** R's `hadamard.doubler`: rbind(cbind(H, H), cbind(H, 1 − H)). */
const doubled = (h: Matrix): Matrix => [...h.map((r) => [...r, ...r]), ...h.map((r) => [...r, ...r.map((x) => 1 - x)])];

/** R's `paley(prime = p)`: the Paley construction of order p + 1. */
function paleyOfPrime(p: number): Matrix {
  const residues = new Set([0, 1]);
  for (let i = 2; i <= Math.floor((p - 1) / 2); i++) residues.add((i * i) % p);
  const m = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, j) => (residues.has((i + j) % p) ? 0 : 1)),
  );
  return [new Array<number>(p + 1).fill(1), ...m.map((r) => [1, ...r])];
}

/** R's `paley(n, nmax)`; null where R returns NULL. */
function paley(n: number, nmax: number): Matrix | null {
  const nceil = n + 4 - (n % 4);
  let nn = nceil;
  if ((n % 4) + 4 === n % 8) {
    while (nn % 8 === 0) nn /= 2;
    if (PRIMES.includes(nn - 1)) {
      let m = paleyOfPrime(nn - 1);
      for (; nn < nceil; nn *= 2) m = doubled(m);
      return m;
    }
  }
  if (n > PRIMES[PRIMES.length - 1]) return null;
  const p = Math.min(...PRIMES.filter((q) => q >= n));
  if (p + 1 > nceil + 4 && nceil + 4 < nmax) return paley(nceil + 3, 2 * (nceil + 3));
  return p > nmax ? null : paleyOfPrime(p);
}

/**
 * R's `hadamard(n)`: a 0/1 Hadamard matrix with more than n rows, as R survey picks it (so BRR replicates match R's).
 * @example hadamard(20).length // 24
 */
export function hadamard(n: number): Matrix {
  const m = n - (n % 4);
  const fit = SIZES.findIndex((s) => m < s && m + 4 >= s);
  if (fit >= 0) return precooked(fit);
  if (SIZES.every((s) => m < s)) return precooked(0);
  const sizes = SIZES.map((s) => s * 2 ** Math.max(0, Math.ceil(Math.log2((n + 1) / s))));
  let best = 0;
  sizes.forEach((s, k) => (s - n < sizes[best] - n ? (best = k) : 0));
  const h = sizes[best] - n > 4 ? paley(n, sizes[best]) : null;
  if (h !== null) return h;
  let out = precooked(best);
  for (let i = 0; i < Math.ceil(Math.log2(sizes[best] / SIZES[best])); i++) out = doubled(out);
  return out;
}
