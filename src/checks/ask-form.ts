/**
 * *Spørg data* used as a form: each spec of `FORM_SPECS` is set with the controls as a user would (choose in the
 * selects, tick the code boxes), and the page's result is read afterwards (compared by `npm run check:ask-page`).
 */
import { filterId, FILTER_SLOTS } from "../ask/browser-controls";
import type { AskSpec } from "../ask/spec";

type Page = import("playwright-core").Page;

/** The specs set through the form: every kind of control, one to three filters, derived and item questions. */
export const FORM_SPECS: readonly string[] = [
  "question=tilbud&by=stoerrelse",
  "question=ai_brug&by=branche,stoerrelse_2grp",
  "question=pot_salg&answers=1,2&by=alder",
  "question=pot_udvikling&stat=mean&by=stoerrelse_2grp",
  "question=ai_brug&stat=total&filter=branche%3D5",
  "question=tilbud&base=barrier&filter=stoerrelse%3D1&filter=alder%3D3",
  "question=bar_admin&filter=branche%3D4,5&filter=alder%3D3&filter=erhvervshus%3D1,2",
  "question=pot_mindst_et&by=stoerrelse",
  "question=bar_viden_mindst_et&base=all&by=alder",
  "question=tilbud_raadgivning_ai&by=tilbud_netvaerk",
  "question=oekonomi&stat=mean&by=erhvervshus",
  "question=ai_brug&by=oekonomi_2grp&filter=interview%3D2",
];

/**
 * Sets `spec` with the page's controls, one choice or tick at a time (each recomputes, as for a user).
 * @example await setWithForm(page, specFromQuery(FORM_SPECS[0]))
 */
export async function setWithForm(page: Page, spec: AskSpec): Promise<void> {
  // Filters are cleared from the last: the page moves later filters up when an earlier one is cleared.
  for (const slot of [...FILTER_SLOTS].reverse()) await page.selectOption(`#${filterId("variable", slot)}`, "");
  await page.selectOption("#ask-question", spec.question);
  await page.selectOption("#ask-stat", spec.stat);
  await page.selectOption("#ask-by1", spec.by[0] ?? "");
  await page.selectOption("#ask-by2", spec.by[1] ?? "");
  await page.selectOption("#ask-base", spec.base ?? "");
  for (const [k, filter] of spec.filters.entries()) {
    const slot = FILTER_SLOTS[k];
    await page.selectOption(`#${filterId("variable", slot)}`, filter.variable);
    for (const code of filter.codes) await page.click(`#${filterId("codes", slot)} input[value="${code}"]`);
  }
  for (const code of spec.answers?.flatMap((a) => a.codes) ?? [])
    await page.click(`#ask-answers input[value="${code}"]`);
}
