/** Normal, t, beta, F and chi-square distributions, to about 1e-12 relative (test/distributions checks them). */

const TINY = 1e-300;

function assertProbability(p: number, fn: string): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${fn}: probability must be in [0, 1], got ${p}`);
}

function assertPositive(value: number, name: string, fn: string): void {
  if (!(value > 0)) throw new RangeError(`${fn}: ${name} must be > 0, got ${value}`);
}

/** b0 + a1/(b1 + a2/(b2 + …)) by the modified Lentz method. */
function lentz(a: (m: number) => number, b: (m: number) => number): number {
  let f = b(0) || TINY;
  let c = f;
  let d = 0;
  for (let m = 1; m <= 100000; m++) {
    d = b(m) + a(m) * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = b(m) + a(m) / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    f *= c * d;
    if (Math.abs(c * d - 1) < 1e-16) break;
  }
  return f;
}

/** Lanczos coefficients (Numerical Recipes, 3rd ed., g = 671/128). */
const LANCZOS = [
  57.1562356658629235, -59.5979603554754912, 14.1360979747417471, -0.491913816097620199, 0.339946499848118887e-4,
  0.465236289270485756e-4, -0.983744753048795646e-4, 0.158088703224912494e-3, -0.210264441724104883e-3,
  0.217439618115212643e-3, -0.16431810653676389e-3, 0.844182239838527433e-4, -0.261908384015814087e-4,
  0.368991826595316234e-5,
];

/** log Γ(x) for x > 0 (below 0.5 by Γ(x) = Γ(x + 1) / x, where the series is accurate). */
function lgamma(x: number): number {
  if (x < 0.5) return lgamma(x + 1) - Math.log(x);
  const tmp0 = x + 5.2421875;
  let ser = 0.999999999999997092;
  LANCZOS.forEach((c, k) => (ser += c / (x + k + 1)));
  return (x + 0.5) * Math.log(tmp0) - tmp0 + Math.log((2.5066282746310005 * ser) / x);
}

const lbeta = (a: number, b: number): number => lgamma(a) + lgamma(b) - lgamma(a + b);

/** Regularized incomplete gamma [P(a, x), Q(a, x)]: series for x < a + 1, continued fraction otherwise. */
function incompleteGamma(a: number, x: number): [number, number] {
  if (x <= 0) return [0, 1];
  const front = Math.exp(-x + a * Math.log(x) - lgamma(a));
  if (x >= a + 1) {
    const q =
      front /
      lentz(
        (m) => -m * (m - a),
        (m) => x + 1 - a + 2 * m,
      );
    return [1 - q, q];
  }
  let [ap, del, sum] = [a, 1 / a, 1 / a];
  for (let n = 0; n < 100000 && Math.abs(del) >= Math.abs(sum) * 1e-17; n++) {
    del *= x / ++ap;
    sum += del;
  }
  return [sum * front, 1 - sum * front];
}

/** [I_x(a, b), 1 − I_x(a, b)], given x and y = 1 − x apart so that neither loses precision. */
function incompleteBeta(x: number, y: number, a: number, b: number): [number, number] {
  if (x <= 0) return [0, 1];
  if (y <= 0) return [1, 0];
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - lbeta(a, b));
  // the continued fraction of I_x(a, b), valid for x < (a + 1) / (a + b + 2); else 1 − I_y(b, a)
  const fraction = (p: number, q: number, z: number) => {
    const term = (m: number) => {
      const k = Math.floor(m / 2);
      if (m % 2 === 0) return (k * (q - k) * z) / ((p + 2 * k - 1) * (p + 2 * k));
      return (-(p + k) * (p + q + k) * z) / ((p + 2 * k) * (p + 2 * k + 1));
    };
    return front / p / lentz(term, () => 1);
  };
  if (x < (a + 1) / (a + b + 2)) {
    const lower = fraction(a, b, x);
    return [lower, 1 - lower];
  }
  const upper = fraction(b, a, y);
  return [1 - upper, upper];
}

/**
 * Standard normal distribution function P(Z ≤ x) (P(Z > x) with `lowerTail = false`).
 * @example pnorm(1.959963984540054) // 0.975
 */
export function pnorm(x: number, lowerTail = true): number {
  if (Number.isNaN(x)) throw new RangeError("pnorm: x is NaN");
  const z = lowerTail ? x : -x;
  if (!Number.isFinite(z)) return z > 0 ? 1 : 0;
  const [inner, outer] = incompleteGamma(0.5, (z * z) / 2); // P(|Z| ≤ |z|), P(|Z| > |z|)
  return z < 0 ? outer / 2 : 0.5 + inner / 2;
}

/** Standard normal quantile: the x with P(Z ≤ x) = p: `qnorm(0.975) // 1.959963984540054`. */
export function qnorm(p: number): number {
  assertProbability(p, "qnorm");
  if (p === 0 || p === 1) return p === 0 ? -Infinity : Infinity;
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p); // the lower tail, where pnorm is accurate
  // Abramowitz & Stegun 26.2.23 start (error < 4.5e-4), then Halley steps
  const t = Math.sqrt(-2 * Math.log(q));
  let x = -(
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t ** 3)
  );
  for (let i = 0; i < 50; i++) {
    const u = (pnorm(x) - q) * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
    const step = u / (1 + (x * u) / 2);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return p < 0.5 ? x : -x;
}

/** Beta distribution function I_x(a, b) (1 − I_x(a, b) with `lowerTail = false`): `pbeta(0.5, 2, 3) // 0.6875`. */
export function pbeta(x: number, a: number, b: number, lowerTail = true): number {
  assertPositive(a, "shape a", "pbeta");
  assertPositive(b, "shape b", "pbeta");
  if (Number.isNaN(x)) throw new RangeError("pbeta: x is NaN");
  const [lower, upper] = incompleteBeta(Math.min(Math.max(x, 0), 1), Math.min(Math.max(1 - x, 0), 1), a, b);
  return lowerTail ? lower : upper;
}

/** Beta quantile: the x with I_x(a, b) = p: `qbeta(0.5, 2, 2) // 0.5`. */
export function qbeta(p: number, a: number, b: number): number {
  assertProbability(p, "qbeta");
  if (!(a >= 0) || !(b >= 0) || (a === 0 && b === 0))
    throw new RangeError(`qbeta: shapes must be >= 0 and not both 0, got a=${a}, b=${b}`);
  if (a === 0) return 0;
  if (b === 0 || p === 1) return 1;
  if (p === 0) return 0;
  // Newton steps kept inside a bisection bracket, on the side where the distribution function is accurate
  let [lo, hi] = [0, 1];
  let x = Math.min(Math.max(a / (a + b), 1e-12), 1 - 1e-12);
  const useUpper = p > 0.5;
  for (let i = 0; i < 400; i++) {
    const [lower, upper] = incompleteBeta(x, 1 - x, a, b);
    const f = useUpper ? 1 - p - upper : lower - p; // increasing in x in both cases
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const density = x <= 0 || x >= 1 ? 0 : Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lbeta(a, b));
    let next = density > 0 ? x - f / density : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, TINY) || hi - lo <= 1e-15 * Math.max(lo, TINY)) return next;
    x = next;
  }
  return x;
}

/**
 * Student t distribution function P(T ≤ t) on `df` degrees of freedom (df may be Infinity).
 * @example pt(2.262157162740992, 9) // 0.975
 */
export function pt(t: number, df: number, lowerTail = true): number {
  assertPositive(df, "df", "pt");
  if (Number.isNaN(t)) throw new RangeError("pt: t is NaN");
  if (df === Infinity) return pnorm(t, lowerTail);
  if (!Number.isFinite(t)) return t > 0 === lowerTail ? 1 : 0;
  // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2)
  const [twoSided, inner] = incompleteBeta(df / (df + t * t), (t * t) / (df + t * t), df / 2, 0.5);
  const [tail, body] = [0.5 * twoSided, 0.5 + 0.5 * inner];
  return t >= 0 === lowerTail ? body : tail;
}

/** Student t quantile on `df` degrees of freedom (df may be Infinity): `qt(0.975, 9) // 2.262157162740992`. */
export function qt(p: number, df: number): number {
  assertProbability(p, "qt");
  assertPositive(df, "df", "qt");
  if (df === Infinity) return qnorm(p);
  if (p === 0 || p === 1) return p === 0 ? -Infinity : Infinity;
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p); // lower-tail probability of −|t|
  // the exact beta inversion x = df / (df + t²), polished by Newton on pt's accurate tail
  const x = qbeta(2 * q, df / 2, 0.5);
  let t = x > 0 ? -Math.sqrt((df * (1 - x)) / x) : -Infinity;
  if (!Number.isFinite(t)) t = qnorm(q) * 10;
  const logConstant = lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  for (let i = 0; i < 100; i++) {
    const density = Math.exp(logConstant - ((df + 1) / 2) * Math.log1p((t * t) / df));
    if (!(density > 0)) break;
    const step = (pt(t, df) - q) / density;
    t -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(t))) break;
  }
  return p < 0.5 ? t : -t;
}

/**
 * F distribution function on (df1, df2) degrees of freedom (df2 may be Infinity); `lowerTail = false` for a p-value.
 * @example pf(3.0, 2, 10, false) // 0.09537...
 */
export function pf(f: number, df1: number, df2: number, lowerTail = true): number {
  assertPositive(df1, "df1", "pf");
  assertPositive(df2, "df2", "pf");
  if (Number.isNaN(f)) throw new RangeError("pf: f is NaN");
  if (f <= 0 || f === Infinity) return f <= 0 === lowerTail ? 0 : 1;
  const [lower, upper] =
    df2 === Infinity
      ? incompleteGamma(df1 / 2, (df1 * f) / 2) // df1·F is chi-square(df1)
      : incompleteBeta((df1 * f) / (df1 * f + df2), df2 / (df1 * f + df2), df1 / 2, df2 / 2);
  return lowerTail ? lower : upper;
}

/**
 * Chi-square distribution function on `df` degrees of freedom (`lowerTail = false` for a p-value).
 * @example pchisq(3.841458820694124, 1, false) // 0.05
 */
export function pchisq(x: number, df: number, lowerTail = true): number {
  assertPositive(df, "df", "pchisq");
  const [lower, upper] = incompleteGamma(df / 2, Math.max(x, 0) / 2);
  return lowerTail ? lower : upper;
}
