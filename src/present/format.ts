/** Numbers as the report writes them, Danish (decimal comma, thousands dot) or English. */
import type { Lang } from "../codebook";

/** Danish text of a number: the minus sign U+2212 (as Intl's da-DK), none when it rounds to zero. */
function danishSign(text: string): string {
  if (!text.startsWith("-")) return text;
  return /[1-9]/.test(text) ? `\u2212${text.slice(1)}` : text.slice(1);
}

/** A number with fixed decimals; decimal comma and minus sign (−) in Danish. @example decimal(-1.234, 2) // "−1,23" */
export function decimal(x: number, decimals = 1, lang: Lang = "da"): string {
  const text = x.toFixed(decimals);
  return lang === "da" ? danishSign(text.replace(".", ",")) : text;
}

/** A proportion (0–1) as a percentage without the sign. @example percent(0.4403) // "44,0" */
export function percent(proportion: number, decimals = 1, lang: Lang = "da"): string {
  return decimal(100 * proportion, decimals, lang);
}

/** A rounded whole number with a thousands separator. @example integer(177677.4, "en") // "177,677" */
export function integer(x: number, lang: Lang = "da"): string {
  return grouped(Math.round(x), 0, lang);
}

/** A number with `decimals` decimals and a thousands separator. @example grouped(12345.64) // "12.345,6" */
export function grouped(x: number, decimals = 1, lang: Lang = "da"): string {
  const [whole, fraction] = x.toFixed(decimals).split(".");
  const [thousands, point] = lang === "da" ? [".", ","] : [",", "."];
  const text = whole.replace(/\B(?=(\d{3})+(?!\d))/g, thousands) + (fraction === undefined ? "" : point + fraction);
  return lang === "da" ? danishSign(text) : text;
}

/** Exponential notation with `digits` mantissa decimals. @example exponential(0.000123) // "1,23e-4" */
export function exponential(x: number, digits = 2, lang: Lang = "da"): string {
  const text = x.toExponential(digits);
  return lang === "da" ? text.replace(".", ",") : text;
}

/** Two numbers as a range with an en dash (no scaling). @example range(42.13, 45.87) // "42,1–45,9" */
export function range(low: number, high: number, decimals = 1, lang: Lang = "da"): string {
  return `${decimal(low, decimals, lang)}–${decimal(high, decimals, lang)}`;
}

/** A share's confidence interval in percent. @example interval({ ciLow: 0.4213, ciHigh: 0.4587 }) // "42,1–45,9" */
export function interval(estimate: { ciLow: number; ciHigh: number }, decimals = 1, lang: Lang = "da"): string {
  return range(100 * estimate.ciLow, 100 * estimate.ciHigh, decimals, lang);
}

/** A difference of proportions in percentage points, no plus sign. @example points(-0.021) // "−2,1" */
export const points = percent;

/** Percentage points with a sign ("+", "−", none at zero). @example signedPoints(-0.003) // "−0,3" */
export function signedPoints(difference: number, decimals = 1, lang: Lang = "da"): string {
  const rounded = Math.round(10 ** decimals * 100 * difference) / 10 ** decimals;
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : ""}${decimal(Math.abs(rounded), decimals, lang)}`;
}

/** A p-value, or "< 0,001" when it rounds below the last decimal. @example pValue(0.00002) // "< 0,001" */
export function pValue(p: number, decimals = 3, lang: Lang = "da"): string {
  const smallest = 10 ** -decimals;
  return p < smallest ? `< ${decimal(smallest, decimals, lang)}` : decimal(p, decimals, lang);
}

/** A p-value as "p = 0,012" or "p < 0,001". @example pText(0.01234) // "p = 0,012" */
export function pText(p: number, decimals = 3, lang: Lang = "da"): string {
  const value = pValue(p, decimals, lang);
  return value.startsWith("<") ? `p ${value}` : `p = ${value}`;
}
