/** The report's claims on the site: the page "Rapportens udsagn", report/claims.json, the index's overview. */
import { codeLabel, columnSpec } from "../codebook";
import { checkText } from "../present/claim-text";
import { integer, percent, signedPoints } from "../present/format";
import { STATUS_WORDS, type ClaimStatus } from "../report/claim-tests";
import type { ClaimResult } from "../report/claims";
import { figureDefinition } from "../report/figures";
import type { MarginSensitivity } from "../report/margin-sensitivity";
import { escapeHtml } from "./markdown";
import { sectionName } from "./report-data";

/** The page's file name and title. @example CLAIMS_PAGE_FILE // "udsagn.html" */
export const CLAIMS_PAGE_FILE = "udsagn.html";
export const CLAIMS_PAGE_TITLE = "Rapportens udsagn";

const PLACES: Record<string, string> = { heading: "overskrift", text: "brødtekst", "figure-note": "figurnote" };
const ORDER: ClaimStatus[] = ["reproduced", "holds", "same_direction", "does_not_hold", "not_checkable"];

const pct = (x: number): string => `${percent(x)} %`;

function checksHtml(r: ClaimResult): string {
  if (r.checks.length === 0) return escapeHtml(r.reason);
  const items = r.checks.map(
    (c) =>
      `<li>${escapeHtml(c.label)}: ${escapeHtml(checkText(c))} – <em>${escapeHtml(STATUS_WORDS[c.status])}</em></li>`,
  );
  return `<ul>${items.join("")}</ul>`;
}

/** The statuses counted, in words: "12 gengivet inden for reglen, …". */
function countsText(results: readonly ClaimResult[]): string {
  return ORDER.map((s) => [s, results.filter((r) => r.status === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${integer(n)} ${STATUS_WORDS[s]}`)
    .join(", ");
}

/** The page's body: how the claims are judged, then a table row per claim.
 * @example claimsPageBody(await evaluateClaims(…)) */
export function claimsPageBody(results: readonly ClaimResult[]): string {
  const rows = results.map(
    (r) =>
      `<tr id="${escapeHtml(r.id)}"><td>${escapeHtml(sectionName(r.section))}, ${escapeHtml(PLACES[r.place])}</td>` +
      `<td><q>${escapeHtml(r.text)}</q></td><td>${escapeHtml(r.meaning)}</td>` +
      `<td class="status-${r.status}"><strong>${escapeHtml(STATUS_WORDS[r.status])}</strong></td><td>${checksHtml(r)}</td></tr>`,
  );
  return (
    `<h1>${CLAIMS_PAGE_TITLE}</h1>\n` +
    `<p>Hver sætning i rapporten, der nævner et tal eller påstår noget, med hvad den betyder i data og dens status, beregnet fra panelet ved denne kørsel. ` +
    `Et tal er <em>${STATUS_WORDS.reproduced}</em>, når genberegningen opfylder rapportens afrundingsregel. Et udsagn <em>${STATUS_WORDS.holds}</em> kun, ` +
    `når forskellen går i rapportens retning og en test afviser nul på 5 %-niveau; går den samme vej med p ≥ 0,05, står der <em>${STATUS_WORDS.same_direction}</em> med p og interval. ` +
    `Forskelle mellem områder, hvis baser overlapper, er testet med deres fælles kovarians. Et udsagn med flere tjek har det svageste tjeks status.</p>\n` +
    `<p>I alt ${integer(results.length)} udsagn: ${escapeHtml(countsText(results))}.</p>\n` +
    `<table><caption>Rapportens udsagn, deres betydning i data og status</caption><thead><tr>` +
    `<th scope="col">Hvor</th><th scope="col">Rapportens tekst</th><th scope="col">Betydning i data</th><th scope="col">Status</th>` +
    `<th scope="col">Tjek (95 %-konfidensinterval, p) eller hvorfor det ikke kan tjekkes</th></tr></thead>\n<tbody>\n${rows.join("\n")}\n</tbody></table>`
  );
}

const round6 = (x: number | null): number | null =>
  x === null ? null : Object.is(Number(x.toFixed(6)), -0) ? 0 : Number(x.toFixed(6));

/** report/claims.json: every claim with its status and checks, numbers to 6 decimals. @example claimsJson(results) */
export function claimsJson(results: readonly ClaimResult[]): string {
  const records = results.map((r) => ({
    id: r.id,
    section: r.section,
    place: r.place,
    text: r.text,
    meaning: r.meaning,
    figures: r.figures,
    tests: r.tests,
    reason: r.reason,
    status: r.status,
    checks: r.checks.map((c) => ({
      label: c.label,
      unit: c.unit,
      value: round6(c.value),
      ci_low: round6(c.ciLow),
      ci_high: round6(c.ciHigh),
      p: round6(c.p),
      status: c.status,
    })),
  }));
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** The index's overview: the claims' statuses counted, the estimated margins' moves.
 * @example overviewHtml(results, moves) */
export function overviewHtml(results: readonly ClaimResult[], sensitivity: readonly MarginSensitivity[]): string {
  const flagged = results
    .filter((r) => r.status === "does_not_hold" || r.status === "same_direction")
    .map(
      (r) =>
        `<li><a href="${CLAIMS_PAGE_FILE}#${escapeHtml(r.id)}">${escapeHtml(STATUS_WORDS[r.status])}</a>: <q>${escapeHtml(r.text)}</q></li>`,
    );
  const claims =
    `<h2 id="udsagn">Rapportens udsagn</h2>\n<p>${integer(results.length)} udsagn fra rapportens tekst: ${escapeHtml(countsText(results))}. ` +
    `Se <a href="${CLAIMS_PAGE_FILE}">${CLAIMS_PAGE_TITLE}</a>.</p>\n` +
    (flagged.length > 0 ? `<ul>\n${flagged.join("\n")}\n</ul>\n` : "");
  const head = `<h2 id="skoen">Skønnede marginer</h2>\n`;
  if (sensitivity.length === 0) return `${claims}${head}<p>Ingen af vægtningens marginer er skøn.</p>\n`;
  const ids = Object.keys(sensitivity[0].moves[0].changes);
  const factors = sensitivity[0].moves.map((m) => m.factor);
  const factorText = factors.map((f) => `${signedPoints(f - 1, 0)} %`).join(" / ");
  const rows = sensitivity.map((s) => {
    const cells = ids.map(
      (id) => `<td class="num">${s.moves.map((m) => signedPoints(m.changes[id], 2)).join(" / ")}</td>`,
    );
    const what = `${columnSpec(s.variable).label.da}: ${codeLabel(s.variable, s.level)}`;
    return `<tr><th scope="row">${escapeHtml(what)}</th><td class="num">${integer(s.count)}</td><td class="num">${pct(s.share)}</td>${cells.join("")}</tr>`;
  });
  const names = ids.map((id) => `<th scope="col">${escapeHtml(figureDefinition(id).label.da)}</th>`).join("");
  const largest = Math.max(
    ...sensitivity.flatMap((s) => s.moves.flatMap((m) => Object.values(m.changes).map(Math.abs))),
  );
  return (
    `${claims}${head}<p>${integer(sensitivity.length)} af vægtningens marginer er skøn (kilde <code>estimate</code> i marginfilen), og hvert tal afhænger af dem. ` +
    `Tabellen viser, hvor mange procentpoint sammenfatningens tal flytter sig, når ét skøn flyttes ${escapeHtml(factorText)} ` +
    `(variablens andre niveauer justeres, så totalen er den samme) og panelet vægtes igen. Største flytning: ${percent(largest, 2)} point.</p>\n` +
    `<table><caption>Skønnede marginer og flytning af sammenfatningens tal i procentpoint (${escapeHtml(factorText)})</caption><thead><tr>` +
    `<th scope="col">Skønnet margin</th><th scope="col">Antal virksomheder</th><th scope="col">Andel</th>${names}</tr></thead>\n` +
    `<tbody>\n${rows.join("\n")}\n</tbody></table>\n`
  );
}
