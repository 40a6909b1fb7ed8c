import { describe, expect, it } from "vitest";
import {
  decimal,
  exponential,
  grouped,
  integer,
  interval,
  pText,
  pValue,
  percent,
  points,
  range,
  signedPoints,
} from "../src/present/format";

/** Independent reference: ICU's number formatting (Node ships full ICU), for values away from rounding ties. */
const icu = (lang: "da-DK" | "en-US", decimals: number, grouping = false) =>
  new Intl.NumberFormat(lang, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
    useGrouping: grouping,
  });

describe("format: numbers as the report writes them", () => {
  it("the brief's examples", () => {
    expect(percent(0.4403)).toBe("44,0");
    expect(integer(4128)).toBe("4.128");
    expect(integer(4128, "en")).toBe("4,128");
    expect(interval({ ciLow: 0.4213, ciHigh: 0.4587 })).toBe("42,1–45,9");
  });

  it("decimals and decimal sign agree with Intl (da-DK, en-US) away from ties", () => {
    for (const x of [0, 0.3, 1.234, 12.3456, 99.94, 0.01234, 5.5501]) {
      for (const d of [0, 1, 2, 4]) {
        expect(decimal(x, d), `${x}/${d}`).toBe(icu("da-DK", d).format(x));
        expect(decimal(x, d, "en"), `${x}/${d}`).toBe(icu("en-US", d).format(x));
      }
    }
    expect(percent(0.12345, 2, "en")).toBe("12.35"); // 12.345 → 12.35 is not a binary tie: 100 * 0.12345 = 12.345000000000001
  });

  it("integers: rounded, grouped by thousands as Intl does (da '.', en ',')", () => {
    for (const x of [0, 7, 999, 1000, 4128, 46764.4, 177677, 1234567.6, -4128]) {
      expect(integer(x), String(x)).toBe(icu("da-DK", 0, true).format(Math.round(x)).replace("-", "−"));
      expect(integer(x, "en"), String(x)).toBe(icu("en-US", 0, true).format(Math.round(x)));
    }
  });

  it("grouped decimals agree with Intl (da-DK, en-US) with grouping, away from ties", () => {
    for (const x of [0, 0.3, 999.94, 1000.04, 12345.64, 177677.4, 1234567.89, -4128.25]) {
      for (const d of [0, 1, 2]) {
        expect(grouped(x, d), `${x}/${d}`).toBe(icu("da-DK", d, true).format(x).replace("-", "−"));
        expect(grouped(x, d, "en"), `${x}/${d}`).toBe(icu("en-US", d, true).format(x));
      }
    }
  });

  it("exponential notation: toExponential's digits, decimal comma in Danish", () => {
    for (const x of [0.000123, 1.5e-7, 42, 0]) {
      for (const d of [1, 2]) {
        const [mantissa, exponent] = x.toExponential(d).split("e");
        expect(exponential(x, d, "en")).toBe(`${mantissa}e${exponent}`);
        expect(exponential(x, d)).toBe(`${icu("da-DK", d).format(Number(mantissa))}e${exponent}`);
      }
    }
  });

  it("ranges, intervals and percentage points", () => {
    expect(range(1.25, 3.5, 2)).toBe("1,25–3,50");
    expect(interval({ ciLow: 0.012, ciHigh: 0.034 }, 1, "en")).toBe("1.2–3.4");
    expect(points(0.4403 - 0.3912)).toBe("4,9");
    expect(points(-0.021)).toBe("−2,1");
    expect(decimal(-0.04, 1)).toBe("0,0"); // rounds to zero: no sign
    expect(decimal(-0.04, 1, "en")).toBe("-0.0");
    expect(signedPoints(0.021)).toBe("+2,1");
    expect(signedPoints(-0.003)).toBe("−0,3");
    expect(signedPoints(0.0004)).toBe("0,0");
    expect(signedPoints(-0.0004)).toBe("0,0");
    expect(signedPoints(0.0125, 2, "en")).toBe("+1.25");
  });

  it("p-values: fixed decimals, '< 0,001' below the last decimal", () => {
    expect(pValue(0.01234)).toBe("0,012");
    expect(pValue(0.00099)).toBe("< 0,001");
    expect(pValue(0.001)).toBe("0,001");
    expect(pValue(0.00002, 4, "en")).toBe("< 0.0001");
    expect(pText(0.5)).toBe("p = 0,500");
    expect(pText(0.00002, 4)).toBe("p < 0,0001");
    expect(pText(0.1234, 4, "en")).toBe("p = 0.1234");
  });
});
