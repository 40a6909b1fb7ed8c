/** Normal, t, beta, F and chi-square distributions, to about 1e-12 relative (test/distributions checks them). */

const SQRT2 = Math.SQRT2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const LN_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

function assertProbability(p: number, fn: string): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${fn}: probability must be in [0, 1], got ${p}`);
}

function assertPositive(value: number, name: string, fn: string): void {
  if (!(value > 0)) throw new RangeError(`${fn}: ${name} must be > 0, got ${value}`);
}

/** erfc(x) for x ≥ 0: the series of erf below 2.5 (all terms positive), else a continued fraction (modified Lentz). */
function erfcNonNegative(x: number): number {
  if (x < 2.5) {
    let term = x;
    let sum = x;
    const x2 = x * x;
    for (let n = 1; n < 500; n++) {
      term *= (2 * x2) / (2 * n + 1);
      sum += term;
      if (term < sum * 1e-17) break;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
  }
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 1000; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : d;
    c = x + a / c;
    c = c === 0 ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Standard normal distribution function P(Z ≤ x) (`lowerTail = false`: P(Z > x)): `pnorm(1.959963984540054) // 0.975`. */
export function pnorm(x: number, lowerTail = true): number {
  if (Number.isNaN(x)) throw new RangeError("pnorm: x is NaN");
  const z = lowerTail ? x : -x;
  if (z === Infinity) return 1;
  if (z === -Infinity) return 0;
  if (z < 0) return 0.5 * erfcNonNegative(-z / SQRT2);
  return 1 - 0.5 * erfcNonNegative(z / SQRT2);
}

/** Standard normal quantile, the x with P(Z ≤ x) = p: `qnorm(0.975) // 1.959963984540054`. */
export function qnorm(p: number): number {
  assertProbability(p, "qnorm");
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  // the lower tail, where pnorm is accurate; A&S 26.2.23 start (error < 4.5e-4), then Halley steps
  const lower = p < 0.5;
  const q = lower ? p : 1 - p;
  const t = Math.sqrt(-2 * Math.log(q));
  let x = -(
    t -
    (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t)
  );
  for (let i = 0; i < 50; i++) {
    const e = pnorm(x) - q;
    const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
    const step = u / (1 + (x * u) / 2);
    x -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return lower ? x : -x;
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
  let y = x;
  const tmp0 = x + 5.2421875;
  const tmp = (x + 0.5) * Math.log(tmp0) - tmp0;
  let ser = 0.999999999999997092;
  for (const c of LANCZOS) ser += c / ++y;
  return tmp + Math.log((2.5066282746310005 * ser) / x);
}

const lbeta = (a: number, b: number): number => lgamma(a) + lgamma(b) - lgamma(a + b);

/** Continued fraction of the incomplete beta (modified Lentz), valid for x < (a + 1) / (a + b + 2). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) return h;
  }
  throw new Error(`pbeta: continued fraction did not converge (a=${a}, b=${b}, x=${x})`);
}

/** [I_x(a, b), 1 − I_x(a, b)], given x and y = 1 − x apart so that neither loses precision. */
function incompleteBeta(x: number, y: number, a: number, b: number): [number, number] {
  if (x <= 0) return [0, 1];
  if (y <= 0) return [1, 0];
  const logFront = a * Math.log(x) + b * Math.log(y) - lbeta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    const lower = (Math.exp(logFront) * betaContinuedFraction(a, b, x)) / a;
    return [lower, 1 - lower];
  }
  const upper = (Math.exp(logFront) * betaContinuedFraction(b, a, y)) / b;
  return [1 - upper, upper];
}

/** Beta distribution function I_x(a, b) (`lowerTail = false`: 1 − I_x(a, b)): `pbeta(0.5, 2, 3) // 0.6875`. */
export function pbeta(x: number, a: number, b: number, lowerTail = true): number {
  assertPositive(a, "shape a", "pbeta");
  assertPositive(b, "shape b", "pbeta");
  if (Number.isNaN(x)) throw new RangeError("pbeta: x is NaN");
  const [lower, upper] = incompleteBeta(Math.min(Math.max(x, 0), 1), Math.min(Math.max(1 - x, 0), 1), a, b);
  return lowerTail ? lower : upper;
}

function dbeta(x: number, a: number, b: number): number {
  if (x <= 0 || x >= 1) return 0;
  return Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lbeta(a, b));
}

/** Beta quantile, the x with I_x(a, b) = p: `qbeta(0.5, 2, 2) // 0.5`. */
export function qbeta(p: number, a: number, b: number): number {
  assertProbability(p, "qbeta");
  if (!(a >= 0) || !(b >= 0) || (a === 0 && b === 0))
    throw new RangeError(`qbeta: shapes must be >= 0 and not both 0, got a=${a}, b=${b}`);
  if (a === 0) return 0;
  if (b === 0) return 1;
  if (p === 0) return 0;
  if (p === 1) return 1;
  // Newton steps inside a bisection bracket, on the side where the distribution function is accurate
  let lo = 0;
  let hi = 1;
  const mean = a / (a + b);
  let x = Math.min(Math.max(mean, 1e-12), 1 - 1e-12);
  const useUpper = p > 0.5;
  const target = useUpper ? 1 - p : p;
  for (let i = 0; i < 400; i++) {
    const [lower, upper] = incompleteBeta(x, 1 - x, a, b);
    const f = useUpper ? target - upper : lower - target; // increasing in x in both cases
    if (f === 0) return x;
    if (f < 0) lo = x;
    else hi = x;
    const dens = dbeta(x, a, b);
    let next = dens > 0 ? x - f / dens : NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - x) <= 1e-15 * Math.max(x, 1e-300) || hi - lo <= 1e-15 * Math.max(lo, 1e-300)) return next;
    x = next;
  }
  return x;
}

/** Student t distribution function P(T ≤ t) on `df` (may be Infinity): `pt(2.262157162740992, 9) // 0.975`. */
export function pt(t: number, df: number, lowerTail = true): number {
  assertPositive(df, "df", "pt");
  if (Number.isNaN(t)) throw new RangeError("pt: t is NaN");
  if (df === Infinity) return pnorm(t, lowerTail);
  if (!Number.isFinite(t)) return t > 0 === lowerTail ? 1 : 0;
  const t2 = t * t;
  // P(|T| > |t|) = I_{df/(df+t^2)}(df/2, 1/2); 1 - that = I_{t^2/(df+t^2)}(1/2, df/2).
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  const [twoSidedTail, inner] = incompleteBeta(x, y, df / 2, 0.5);
  const tail = 0.5 * twoSidedTail; // P(T > |t|)
  const body = 0.5 + 0.5 * inner; // P(T <= |t|)
  const upper = t >= 0 ? tail : body;
  const lower = t >= 0 ? body : tail;
  return lowerTail ? lower : upper;
}

function dt(t: number, df: number): number {
  return Math.exp(
    lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/** Student t quantile on `df` degrees of freedom (may be Infinity): `qt(0.975, 9) // 2.262157162740992`. */
export function qt(p: number, df: number): number {
  assertProbability(p, "qt");
  assertPositive(df, "df", "qt");
  if (df === Infinity) return qnorm(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  const lower = p < 0.5;
  const q = lower ? p : 1 - p; // lower-tail probability of -|t|
  // the exact beta inversion, polished by Newton on pt's accurate tail
  const x = qbeta(2 * q, df / 2, 0.5); // x = df / (df + t^2)
  let t = x > 0 ? -Math.sqrt((df * (1 - x)) / x) : -Infinity;
  if (!Number.isFinite(t)) t = qnorm(q) * 10;
  for (let i = 0; i < 100; i++) {
    const f = pt(t, df) - q;
    const d = dt(t, df);
    if (!(d > 0)) break;
    const step = f / d;
    t -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(t))) break;
  }
  return lower ? t : -t;
}

/**
 * F distribution function on (df1, df2) degrees of freedom (df2 may be Infinity); `lowerTail = false` for a p-value.
 * @example pf(3.0, 2, 10, false) // 0.09537...
 */
export function pf(f: number, df1: number, df2: number, lowerTail = true): number {
  assertPositive(df1, "df1", "pf");
  assertPositive(df2, "df2", "pf");
  if (Number.isNaN(f)) throw new RangeError("pf: f is NaN");
  if (f <= 0) return lowerTail ? 0 : 1;
  if (f === Infinity) return lowerTail ? 1 : 0;
  if (df2 === Infinity) {
    // df1·F is chi-square(df1)
    const [lo, up] = incompleteGamma(df1 / 2, (df1 * f) / 2);
    return lowerTail ? lo : up;
  }
  const x = (df1 * f) / (df1 * f + df2);
  const y = df2 / (df1 * f + df2);
  const [lower, upper] = incompleteBeta(x, y, df1 / 2, df2 / 2);
  return lowerTail ? lower : upper;
}

/** Regularized incomplete gamma [P(a, x), Q(a, x)]: series for x < a + 1, continued fraction otherwise. */
function incompleteGamma(a: number, x: number): [number, number] {
  if (x <= 0) return [0, 1];
  const logFront = -x + a * Math.log(x) - lgamma(a);
  if (x < a + 1) {
    let ap = a;
    let sum = 1 / a;
    let del = sum;
    for (let n = 0; n < 100000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-17) break;
    }
    const p = sum * Math.exp(logFront);
    return [p, 1 - p];
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  const q = Math.exp(logFront) * h;
  return [1 - q, q];
}

/** Chi-square distribution function on `df` (`lowerTail = false`: a p-value): `pchisq(3.841458820694124, 1, false)`. */
export function pchisq(x: number, df: number, lowerTail = true): number {
  assertPositive(df, "df", "pchisq");
  const [lo, up] = incompleteGamma(df / 2, Math.max(x, 0) / 2);
  return lowerTail ? lo : up;
}
