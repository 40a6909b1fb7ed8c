import { COLORWAY, baseLayout } from "../src/present/charts";
/**
 * The chart builders and tables as a Danish reader sees them: numbers with decimal comma and
 * thousands dot in labels, hover texts and axes; value labels beyond the CI whiskers (never on them);
 * the published value as a diamond; readable log-axis ticks; the funnel's "4.128 · 100 %".
 */
import { describe, expect, it } from "vitest";
import {
  barWithCi,
  boxPlot,
  funnelChart,
  groupedBarsWithCi,
  heatmap,
  logTicks,
  stackedBarsWithCi,
  wrapLabel,
  type PlotTrace,
} from "../src/present/plot";
import { isNumberText, tableHtml } from "../src/present/table";
import { plotHtml, plotSummary } from "../src/present/plotly";
import { chartDescription, chartTable, figureDataHtml } from "../src/present/chart-text";
import { ciBar, groupChart, shareChart } from "../src/present/kit";
import type { Estimate } from "../src/survey";

const bars = [
  { label: "Bruger AI", estimate: 44.03, ciLow: 42.1, ciHigh: 45.9, published: 44 },
  { label: "Systematisk", estimate: 8.04, ciLow: 7.1, ciHigh: 9.1, published: 10 },
  { label: "Ikke relevant", estimate: 16.0, ciLow: 14.6, ciHigh: 17.5 },
];
const numbers = (trace: PlotTrace, key: "x" | "y"): number[] => trace[key] as number[];

describe("bars with confidence intervals", () => {
  const figure = barWithCi(bars, { horizontal: true, valueSuffix: " %", decimals: 1 });
  const [bar, labels, published] = figure.data;

  it("writes numbers the Danish way: Plotly separators, labels and hover texts with a decimal comma", () => {
    expect(figure.layout?.separators).toBe(",.");
    expect(labels.text).toEqual(["\u00a0\u00a0\u00a044,0 %", "\u00a0\u00a0\u00a08,0 %", "\u00a0\u00a0\u00a016,0 %"]);
    expect(bar.hovertext).toEqual([
      "Bruger AI: 44,0 % (95 %-KI 42,1–45,9)",
      "Systematisk: 8,0 % (95 %-KI 7,1–9,1)",
      "Ikke relevant: 16,0 % (95 %-KI 14,6–17,5)",
    ]);
    expect(barWithCi(bars, { lang: "en" }).layout?.separators).toBe(".,");
  });

  it("puts each value label beyond its whisker and beyond the published diamond, never on the bar", () => {
    expect(bar.textposition).toBe("none");
    expect(labels.mode).toBe("text");
    expect(labels.textposition).toBe("middle right");
    const at = numbers(labels, "x");
    bars.forEach((b, i) => expect(at[i]).toBe(Math.max(b.ciHigh, b.published ?? -Infinity)));
    const vertical = barWithCi(bars).data[1];
    expect(vertical.textposition).toBe("top center");
    expect(numbers(vertical, "y")[0]).toBe(45.9);
  });

  it("marks the published values (only where there is one) as diamonds named Rapporten", () => {
    expect(published.name).toBe("Rapporten");
    expect(published.y).toEqual(["Bruger AI", "Systematisk"]);
    expect(published.x).toEqual([44, 10]);
    expect((published.marker as { symbol: string }).symbol).toBe("diamond");
    expect(figure.layout?.showlegend).toBe(true);
    expect(barWithCi(bars.map((b) => ({ ...b, published: null }))).data).toHaveLength(2);
  });

  it("leaves room on the value axis for the labels", () => {
    const range = (figure.layout?.xaxis as { range: number[] }).range;
    expect(range[0]).toBe(0);
    expect(range[1]).toBeGreaterThan(45.9 * 1.1);
  });

  it("summarises a chart for the snapshots without the label traces", () => {
    expect(plotSummary(figure)).toBe(
      '[chart] (untitled)\n  bar "Genberegnet (95 %-KI)": Bruger AI 44.0, Systematisk 8.0, Ikke relevant 16.0\n  scatter "Rapporten": Bruger AI 44.0, Systematisk 10.0',
    );
  });

  it("rejects a value that is not a finite number", () => {
    expect(() => barWithCi([{ label: "x", estimate: NaN, ciLow: 0, ciHigh: 1 }])).toThrow(/estimate\[0\] is NaN/);
  });
});

describe("grouped and stacked bars", () => {
  it("groups each series' bars, labels and diamonds together; one legend entry for the report", () => {
    const figure = groupedBarsWithCi(
      [
        { name: "Under 10", bars: bars.map((b) => ({ ...b, published: null })) },
        { name: "Mindst 10", bars },
        { name: "Alle", bars },
      ],
      { horizontal: true },
    );
    expect(figure.layout?.scattermode).toBe("group");
    expect(figure.layout?.barmode).toBe("group");
    for (const trace of figure.data) expect(["Under 10", "Mindst 10", "Alle"]).toContain(trace.offsetgroup);
    const diamonds = figure.data.filter((t) => t.name === "Rapporten");
    expect(diamonds.map((t) => t.offsetgroup)).toEqual(["Mindst 10", "Alle"]);
    expect(diamonds.map((t) => t.showlegend)).toEqual([true, false]);
  });

  it("stacks the parts and draws the total with its whiskers and the published total", () => {
    const figure = stackedBarsWithCi(
      [
        { name: "Meget stort", values: [13, 11] },
        { name: "Stort", values: [25, 18] },
      ],
      bars.slice(0, 2),
      { valueSuffix: " %" },
    );
    expect(figure.layout?.barmode).toBe("stack");
    expect(figure.data.map((t) => t.type)).toEqual(["bar", "bar", "scatter", "scatter", "scatter"]);
    expect(figure.data[2].error_y).toBeDefined();
    expect(figure.data[0].hovertext).toEqual(["Bruger AI, meget stort: 13,0 %", "Systematisk, meget stort: 11,0 %"]);
    expect(() => stackedBarsWithCi([{ name: "x", values: [1] }], bars)).toThrow(/has 1 values for 3 bars/);
  });
});

describe("other charts", () => {
  it("the funnel writes count and share the Danish way", () => {
    const funnel = funnelChart([
      { label: "Alle SMV'er", count: 4128 },
      { label: "SMV'er, der bruger AI eller finder det relevant", count: 2464 },
    ]);
    expect(funnel.data[0].text).toEqual(["4.128 · 100 %", "2.464 · 60 %"]);
    expect(funnel.data[0].textinfo).toBe("text");
    expect((funnel.data[0].y as string[])[1]).toBe("SMV'er, der bruger AI eller finder<br>det relevant");
  });

  it("a log axis has ticks at 1, 2, 5 × 10^k, written the Danish way", () => {
    expect(logTicks(3.8, 332.6)).toEqual({
      tickvals: [5, 10, 20, 50, 100, 200],
      ticktext: ["5", "10", "20", "50", "100", "200"],
    });
    expect(logTicks(400, 12000).ticktext).toEqual(["500", "1.000", "2.000", "5.000", "10.000"]);
    expect(logTicks(0.15, 0.6).ticktext).toEqual(["0,2", "0,5"]);
    expect(() => logTicks(0, 1)).toThrow(/0 < low/);
    const box = boxPlot(
      [
        { name: "Små", values: [40, 55, 300] },
        { name: "Store", values: [4, 9] },
      ],
      { log: true },
    );
    expect(box.layout?.yaxis).toMatchObject({ type: "log", tickvals: [5, 10, 20, 50, 100, 200] });
  });

  it("a box plot carries five numbers per box (R's type-7 quartiles), never the values it summarises", () => {
    const box = boxPlot([{ name: "Små", values: [50, 10, 40, 20, 30, 1000] }]);
    // sorted 10, 20, 30, 40, 50, 1000: Q1 at 1.25 → 22.5, median at 2.5 → 35, Q3 at 3.75 → 47.5
    expect(box.data).toEqual([
      {
        type: "box",
        name: "Små",
        x: ["Små"],
        lowerfence: [10],
        q1: [22.5],
        median: [35],
        q3: [47.5],
        upperfence: [1000],
      },
    ]);
    expect(chartTable(box)).toEqual({
      head: ["Serie", "Mindste", "1. kvartil", "Median", "3. kvartil", "Største"],
      rows: [["Små", "10", "22,5", "35", "47,5", "1.000"]],
    });
    expect(plotSummary(box)).not.toMatch(/\b(20|30|40|50)\b/);
  });

  it("heat-map cells and colour bar with the unit, decimal comma", () => {
    const map = heatmap([[45.4, 8.8]], ["Salg", "Admin"], ["Viden"], { valueSuffix: " %", decimals: 1 });
    expect(map.data[0].text).toEqual([["45,4 %", "8,8 %"]]);
    expect(map.data[0].colorbar).toEqual({ ticksuffix: " %" });
  });

  it("wraps long labels at word boundaries", () => {
    expect(wrapLabel("SMV'er, der oplever mindst én barriere", 20)).toBe("SMV'er, der oplever<br>mindst én barriere");
    expect(wrapLabel("kort")).toBe("kort");
  });
});

describe("charts from results (the kit)", () => {
  const e = (value: number): Estimate => ({
    value,
    se: 0.01,
    ciLow: value - 0.02,
    ciHigh: value + 0.02,
    level: 0.95,
    df: 100,
    n: 592,
    weightedBase: 1000,
    deff: 1,
  });
  const published = {
    id: "a.b",
    section: "adoption",
    value: 44,
    rule: "round",
    ruleSpec: { kind: "round" as const },
    base: "all",
    quote: "",
  };

  it("a share becomes a bar in percent with its published value", () => {
    expect(ciBar({ label: "Bruger AI", estimate: e(0.44), published })).toEqual({
      label: "Bruger AI",
      estimate: 44,
      ciLow: 42,
      ciHigh: 46,
      published: 44,
    });
    const chart = shareChart([{ label: "Bruger AI", estimate: e(0.44), published }], { horizontal: true });
    expect(chart.data[0].x).toEqual([44]);
    expect(chart.data[2].x).toEqual([44]);
  });

  it("a svyby result becomes grouped bars named by the group and its n", () => {
    const chart = groupChart([
      {
        key: { stoerrelse_2grp: 1 },
        labels: { stoerrelse_2grp: "1" },
        result: [{ label: "Rådgivning", estimate: e(0.62) }],
      },
      {
        key: { stoerrelse_2grp: 2 },
        labels: { stoerrelse_2grp: "2" },
        result: [{ label: "Rådgivning", estimate: e(0.41) }],
      },
    ]);
    expect(chart.data.filter((t) => t.type === "bar").map((t) => t.name)).toEqual([
      "Under 10 årsværk (n = 592)",
      "Mindst 10 årsværk (n = 592)",
    ]);
  });
});

describe("tables", () => {
  it("right-aligns numbers and formatted numbers (kept on one line), not words", () => {
    for (const text of [
      "4.128",
      "44,0",
      "-2,1",
      "+2,1",
      "−0,3",
      "42,1–45,9",
      "3,2 til 12,5",
      "< 0,001",
      "≈ 75 (±5)",
      "45,4 (41,1–49,7)",
      "2,14e-1",
      "44 %",
    ]) {
      expect(isNumberText(text), text).toBe(true);
    }
    for (const text of ["Alle SMV'er", "A1 B2", "ja", "10-49 årsværk", "Fuld raking, Raking med loft"])
      expect(isNumberText(text), text).toBe(false);
    expect(tableHtml([{ a: "Salg", b: "42,1–45,9" }])).toBe(
      '<table class="data-table"><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>Salg</td><td style="text-align:right;white-space:nowrap">42,1–45,9</td></tr></tbody></table>',
    );
  });
});

describe("a chart's text alternative", () => {
  const figure = {
    data: [
      {
        type: "bar",
        orientation: "h",
        name: "Genberegnet (95 %-KI)",
        x: [44.03, 16.0],
        y: ["Bruger AI", "Bruger ikke AI<br>endnu"],
        error_x: { type: "data", symmetric: false, array: [1.9, 1.5], arrayminus: [1.8, 1.4] },
      },
      {
        type: "scatter",
        mode: "text",
        x: [46, 18],
        y: ["Bruger AI", "Bruger ikke AI<br>endnu"],
        text: ["44 %", "16 %"],
      },
      { type: "scatter", mode: "markers", orientation: "h", name: "Rapporten", x: [44], y: ["Bruger AI"] },
    ],
    layout: { title: { text: "Brug af AI <i>(vægtet)</i>" } },
  };

  it("names the chart by its title on the drawing's role=img, and puts its numbers in a collapsed table after it", () => {
    expect(chartDescription(figure)).toBe("Figur: Brug af AI (vægtet)");
    const html = plotHtml(figure, "plot-3");
    expect(html).toContain('<div id="plot-3" class="plotly-figure" role="img" aria-label="Figur: Brug af AI (vægtet)"');
    expect(html.indexOf("</script>")).toBeLessThan(html.indexOf('<details class="figure-data">')); // the draw script finds its div
    expect(html).toMatch(/<details class="figure-data"><summary>Tal bag figuren<\/summary><table><caption>/);
    expect(html).not.toMatch(/<details[^>]* open/);
  });

  it("lists each category with every series' value and interval, Danish numbers, without the value labels", () => {
    expect(chartTable(figure)).toEqual({
      head: ["", "Genberegnet (95 %-KI)", "Rapporten"],
      rows: [
        ["Bruger AI", "44,0 (42,2–45,9)", "44"],
        ["Bruger ikke AI endnu", "16,0 (14,6–17,5)", ""],
      ],
    });
  });

  it("gives a heat map's grid, a Sankey diagram's flows and a histogram's summary", () => {
    expect(chartTable({ data: [{ type: "heatmap", z: [[1.25, 2]], x: ["a", "b"], y: ["r"] }] })).toEqual({
      head: ["", "a", "b"],
      rows: [["r", "1,3", "2"]],
    });
    const sankey = {
      type: "sankey",
      node: { label: ["Alle", "Ud"] },
      link: { source: [0], target: [1], value: [1664] },
    };
    expect(chartTable({ data: [sankey] }).rows).toEqual([["Alle", "Ud", "1.664"]]);
    expect(chartTable({ data: [{ type: "histogram", name: "Vægte", x: [3, 1, 2, 10] }] })).toEqual({
      head: ["Serie", "Antal", "Mindste", "Median", "Største"],
      rows: [["Vægte", "4", "1,0", "2,5", "10,0"]],
    });
  });

  it("escapes hostile labels in the table", () => {
    const html = figureDataHtml({ data: [{ type: "bar", name: '"><img onerror=x>', x: ["&lt;script&gt;"], y: [1] }] });
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;");
  });
});

describe("chart colours", () => {
  /** WCAG 2.1's contrast ratio of two #rrggbb colours. */
  const contrast = (a: string, b: string): number => {
    const luminance = (hex: string): number => {
      const [r, g, bl] = [1, 3, 5]
        .map((i) => parseInt(hex.slice(i, i + 2), 16) / 255)
        .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };

  it("puts a title longer than a sheet takes on two lines, broken near its middle", () => {
    const long = "Rapportens gruppeforskelle før og efter justering for størrelse, branche, alder og region (95 %-KI)";
    expect(baseLayout({ title: long }).title).toEqual({
      text: "Rapportens gruppeforskelle før og efter justering<br>for størrelse, branche, alder og region (95 %-KI)",
    });
    expect(baseLayout({ title: "Kort titel" }).title).toEqual({ text: "Kort titel" });
  });

  it("gives every series a colour of at least 3:1 against the white background (WCAG 1.4.11)", () => {
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2); // WCAG's own example
    const layout = baseLayout({});
    expect(layout.colorway).toBe(COLORWAY);
    for (const color of COLORWAY) expect(contrast(color, "#ffffff"), color).toBeGreaterThanOrEqual(3);
  });
});
