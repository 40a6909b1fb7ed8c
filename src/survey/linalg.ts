/** Small dense linear algebra on row-major `Float64Array`s, for calibration, svyglm and the Rao–Scott test. */

/** A Cholesky factor L (p×p) with the dependent columns dropped (`keep` 0, their rows and columns of L 0). */
interface CholeskyFactor {
  p: number;
  l: Float64Array;
  keep: Uint8Array;
}

/**
 * Cholesky factor of a symmetric positive semi-definite matrix, dropping columns whose pivot falls below 1e-10 of their
 * diagonal (as R's pivoting `qr`: the same fitted values).
 * @example
 * const f = cholesky(Float64Array.from([4, 2, 2, 3]), 2);
 * choleskySolve(f, Float64Array.from([6, 5])); // Float64Array [1, 1]
 */
export function cholesky(a: ArrayLike<number>, p: number): CholeskyFactor {
  if (a.length !== p * p) throw new RangeError(`cholesky: matrix has ${a.length} entries, expected ${p}×${p}`);
  const l = new Float64Array(p * p);
  const keep = new Uint8Array(p);
  for (let j = 0; j < p; j++) {
    const ajj = a[j * p + j];
    let s = ajj;
    for (let k = 0; k < j; k++) if (keep[k]) s -= l[j * p + k] * l[j * p + k];
    if (!(s > 1e-10 * ajj) || ajj === 0) continue;
    keep[j] = 1;
    const ljj = Math.sqrt(s);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let t = a[i * p + j];
      for (let k = 0; k < j; k++) if (keep[k]) t -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = t / ljj;
    }
  }
  return { p, l, keep };
}

/**
 * Solves A x = b with the factor from `cholesky` (0 for dropped columns).
 * @example choleskySolve(cholesky(Float64Array.from([2, 0, 0, 8]), 2), Float64Array.from([2, 4])) // [1, 0.5]
 */
export function choleskySolve(f: CholeskyFactor, b: ArrayLike<number>): Float64Array {
  const { p, l, keep } = f;
  const z = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    if (!keep[i]) continue;
    let s = b[i];
    for (let k = 0; k < i; k++) if (keep[k]) s -= l[i * p + k] * z[k];
    z[i] = s / l[i * p + i];
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    if (!keep[i]) continue;
    let s = z[i];
    for (let k = i + 1; k < p; k++) if (keep[k]) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}

/**
 * Solves A X = B for symmetric positive definite A (p×p) and B (p×m); throws when A is singular.
 * @example solveSymmetric(Float64Array.from([2, 0, 0, 4]), Float64Array.from([2, 4, 4, 8]), 2, 2) // [1, 2, 1, 2]
 */
export function solveSymmetric(a: ArrayLike<number>, b: ArrayLike<number>, p: number, m: number): Float64Array {
  const f = cholesky(a, p);
  for (let j = 0; j < p; j++)
    if (!f.keep[j])
      throw new RangeError(`solveSymmetric: the matrix is singular (column ${j + 1} depends on the others)`);
  const x = new Float64Array(p * m);
  const column = new Float64Array(p);
  for (let c = 0; c < m; c++) {
    for (let r = 0; r < p; r++) column[r] = b[r * m + c];
    const solved = choleskySolve(f, column);
    for (let r = 0; r < p; r++) x[r * m + c] = solved[r];
  }
  return x;
}

/**
 * The minimum-norm solution of H x = b for symmetric positive semi-definite H (p×p), as `MASS::ginv` with R's bounded
 * raking's tolerance: eigenvalues below 256·ε·max dropped.
 * @example pseudoSolve(Float64Array.from([1, 1, 1, 1]), Float64Array.from([2, 2]), 2) // [1, 1]
 */
export function pseudoSolve(h: ArrayLike<number>, b: ArrayLike<number>, p: number): Float64Array {
  const { a, v } = jacobiEigen(Float64Array.from(h), p);
  let maxEig = 0;
  for (let i = 0; i < p; i++) maxEig = Math.max(maxEig, Math.abs(a[i * p + i]));
  const cutoff = 256 * Number.EPSILON * maxEig;
  const x = new Float64Array(p);
  for (let e = 0; e < p; e++) {
    const lambda = a[e * p + e];
    if (!(lambda > cutoff)) continue;
    let proj = 0;
    for (let k = 0; k < p; k++) proj += v[k * p + e] * b[k];
    proj /= lambda;
    for (let k = 0; k < p; k++) x[k] += proj * v[k * p + e];
  }
  return x;
}

/**
 * The Jacobi eigen-decomposition of a symmetric matrix, in place: `a` ends diagonal (the eigenvalues), `v` the vectors.
 * @example jacobiEigen(Float64Array.from([2, 1, 1, 2]), 2).a // diagonal 1, 3
 */
export function jacobiEigen(a: Float64Array, p: number): { a: Float64Array; v: Float64Array } {
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  // a rotation of columns k of `m` by (cos, sin), or with `rows` of its rows
  const rotate = (m: Float64Array, i: number, j: number, cos: number, sin: number, rows: boolean) => {
    for (let k = 0; k < p; k++) {
      const [x, y] = rows ? [i * p + k, j * p + k] : [k * p + i, k * p + j];
      const [mx, my] = [m[x], m[y]];
      m[x] = cos * mx - sin * my;
      m[y] = sin * mx + cos * my;
    }
  };
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += a[i * p + j] * a[i * p + j];
    if (off < 1e-30) break;
    for (let i = 0; i < p; i++)
      for (let j = i + 1; j < p; j++) {
        const aij = a[i * p + j];
        if (Math.abs(aij) < 1e-300) continue;
        const theta = (a[j * p + j] - a[i * p + i]) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const cos = 1 / Math.sqrt(t * t + 1);
        rotate(a, i, j, cos, t * cos, false);
        rotate(a, i, j, cos, t * cos, true);
        rotate(v, i, j, cos, t * cos, false);
      }
  }
  return { a, v };
}

/**
 * The product A B of row-major matrices (A r×k, B k×c).
 * @example matmul(Float64Array.from([1, 2]), Float64Array.from([3, 4]), 1, 2, 1) // [11]
 */
export function matmul(a: ArrayLike<number>, b: ArrayLike<number>, r: number, k: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let m = 0; m < k; m++) {
      const aim = a[i * k + m];
      if (aim === 0) continue;
      for (let j = 0; j < c; j++) out[i * c + j] += aim * b[m * c + j];
    }
  }
  return out;
}

/**
 * The transpose of a row-major r×c matrix.
 * @example transpose(Float64Array.from([1, 2, 3, 4, 5, 6]), 2, 3) // [1, 4, 2, 5, 3, 6]
 */
export function transpose(a: ArrayLike<number>, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}
