/**
 * Numbers as the report writes them: Danish (decimal comma, thousands dot) or English, rounded
 * by `toFixed`, the same in the notebooks, the ask command and the site.
 *
 * @example percent(0.4403) // "44,0"
 */
import type { Lang } from "../codebook";

/**
 * A number with a fixed number of decimals; decimal comma in Danish.
 * @example decimal(1.234, 2) // "1,23"
 */
export function decimal(x: number, decimals = 1, lang: Lang = "da"): string {
  const text = x.toFixed(decimals);
  return lang === "da" ? text.replace(".", ",") : text;
}

/**
 * A proportion (0–1) as a percentage without the sign.
 * @example percent(0.4403) // "44,0"
 */
export function percent(proportion: number, decimals = 1, lang: Lang = "da"): string {
  return decimal(100 * proportion, decimals, lang);
}

/**
 * A whole number (rounded) with a thousands separator: "." in Danish, "," in English.
 * @example integer(177677.4, "en") // "177,677"
 */
export function integer(x: number, lang: Lang = "da"): string {
  return String(Math.round(x)).replace(/\B(?=(\d{3})+(?!\d))/g, lang === "da" ? "." : ",");
}

/**
 * A number with `decimals` decimals and a thousands separator (rounding as {@link decimal}).
 * @example grouped(12345.64) // "12.345,6"
 */
export function grouped(x: number, decimals = 1, lang: Lang = "da"): string {
  const [whole, fraction] = x.toFixed(decimals).split(".");
  const separators = lang === "da" ? { thousands: ".", decimal: "," } : { thousands: ",", decimal: "." };
  const wholeGrouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, separators.thousands);
  return fraction === undefined ? wholeGrouped : `${wholeGrouped}${separators.decimal}${fraction}`;
}

/**
 * A number in exponential notation with `digits` decimals in the mantissa.
 * @example exponential(0.000123) // "1,23e-4"
 */
export function exponential(x: number, digits = 2, lang: Lang = "da"): string {
  const text = x.toExponential(digits);
  return lang === "da" ? text.replace(".", ",") : text;
}

/**
 * Two numbers as a range with an en dash, each with `decimals` decimals (no scaling).
 * @example range(42.13, 45.87) // "42,1–45,9"
 */
export function range(low: number, high: number, decimals = 1, lang: Lang = "da"): string {
  return `${decimal(low, decimals, lang)}–${decimal(high, decimals, lang)}`;
}

/**
 * The confidence interval of an estimated proportion, in percent.
 * @example interval({ ciLow: 0.4213, ciHigh: 0.4587 }) // "42,1–45,9"
 */
export function interval(
  estimate: { readonly ciLow: number; readonly ciHigh: number },
  decimals = 1,
  lang: Lang = "da",
): string {
  return range(100 * estimate.ciLow, 100 * estimate.ciHigh, decimals, lang);
}

/**
 * A difference of two proportions in percentage points, without a plus sign.
 * @example points(-0.021) // "-2,1"
 */
export const points = percent;

/**
 * A difference in percentage points with its sign: "+", a true minus "−", none when it rounds to zero.
 * @example signedPoints(-0.003) // "−0,3"
 */
export function signedPoints(difference: number, decimals = 1, lang: Lang = "da"): string {
  const scale = 10 ** decimals;
  const rounded = Math.round(scale * 100 * difference) / scale;
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "";
  return `${sign}${decimal(Math.abs(rounded), decimals, lang)}`;
}

/**
 * A p-value with `decimals` decimals, or "< 0,001" when it rounds below the last decimal.
 * @example pValue(0.00002) // "< 0,001"
 */
export function pValue(p: number, decimals = 3, lang: Lang = "da"): string {
  const smallest = 10 ** -decimals;
  return p < smallest ? `< ${decimal(smallest, decimals, lang)}` : decimal(p, decimals, lang);
}

/**
 * A p-value written as "p = 0,012" or "p < 0,001".
 * @example pText(0.01234) // "p = 0,012"
 */
export function pText(p: number, decimals = 3, lang: Lang = "da"): string {
  const value = pValue(p, decimals, lang);
  return value.startsWith("<") ? `p ${value}` : `p = ${value}`;
}

const BASE_SIZE_WORDS: Record<Lang, string> = { da: "vægtet basis", en: "weighted base" };

/**
 * The size of a domain: its number of respondents and its weighted base.
 * @example baseSize([true, false, true], [10.5, 3, 20]) // "n = 2 · vægtet basis = 31"
 */
export function baseSize(domain: ArrayLike<boolean>, weights: ArrayLike<number>, lang: Lang = "da"): string {
  if (domain.length !== weights.length) {
    throw new Error(
      `baseSize: the domain has ${domain.length} rows but there are ${weights.length} weights; expected one weight per row`,
    );
  }
  let n = 0;
  let weighted = 0;
  for (let i = 0; i < domain.length; i++) {
    if (domain[i]) {
      n++;
      weighted += weights[i];
    }
  }
  return `n = ${integer(n, lang)} · ${BASE_SIZE_WORDS[lang]} = ${integer(weighted, lang)}`;
}
