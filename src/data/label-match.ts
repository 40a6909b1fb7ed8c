/** Labels compared as a person reads them: case, punctuation, question numbers and common rewordings aside. */

/** Lower case, one space, no punctuation: `normalizeLabel("Ved ikke.") // "ved ikke"`. */
function normalizeLabel(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Rewordings a supplier uses for the same answer or phrase, applied to normalised text (longest first). */
const SYNONYMS: [RegExp, string][] = [
  [/\bhverken( \S+)? eller( \S+)?\b/g, "hverken eller"],
  [/\bikke (valgt|nævnt|markeret|afkrydset)\b/g, "nej"],
  [/\b(valgt|nævnt|markeret|afkrydset)\b/g, "ja"],
  [/\bkunstig intelligens\b/g, "ai"],
  [/\bfærre end\b/g, "under"],
  [/\bseks\b/g, "6"],
];
const STOPWORDS = new Set("og i af for til om på de den det en et med at er der som vi os du".split(" "));

/** A label's words as compared: `labelWords("Q2. Hverken positivt eller negativt", "Q2") // ["hverken", "eller"]`. */
export function labelWords(text: string, variableName = ""): string[] {
  let t = normalizeLabel(text);
  const own = normalizeLabel(variableName);
  if (own !== "" && (t === own || t.startsWith(`${own} `))) t = t.slice(own.length);
  t = t.replace(/^\s*[a-z]{1,3}\d+[a-z]?(?: \d+[a-z]?)*(?= )/, "");
  for (const [pattern, replacement] of SYNONYMS) t = t.replace(pattern, replacement);
  return t.split(" ").filter((w) => w !== "" && !STOPWORDS.has(w));
}

/** How well two words match: 1 the same, 0.8 sharing a stem of 5+ letters (most of the shorter word), else 0. */
function wordMatch(a: string, b: string): number {
  if (a === b) return 1;
  const short = Math.min(a.length, b.length);
  let k = 0;
  while (k < short && a[k] === b[k]) k++;
  return k >= 5 && k >= 0.6 * short ? 0.8 : 0;
}

/** Weighted Dice similarity (0–1) of two word lists: `similarity(labelWords("a b"), labelWords("b c")) // 0.5`. */
export function similarity(a: readonly string[], b: readonly string[], weight = (_word: string) => 1): number {
  const side = (x: readonly string[], y: readonly string[]): number =>
    x.reduce((sum, w) => sum + weight(w) * Math.max(0, ...y.map((v) => wordMatch(w, v))), 0);
  const total = [...a, ...b].reduce((sum, w) => sum + weight(w), 0);
  return total === 0 ? 0 : (side(a, b) + side(b, a)) / total;
}

/** Rare words count more: weight log(1 + lists / lists holding the word). @example rarity(lists)("viden") */
export function rarity(lists: readonly (readonly string[])[]): (word: string) => number {
  const df = new Map<string, number>();
  for (const list of lists) for (const w of new Set(list)) df.set(w, (df.get(w) ?? 0) + 1);
  return (word) => Math.log(1 + lists.length / (df.get(word) ?? 1));
}

/** A pairing found by `pairBest`: indexes into the two lists and its score. */
interface Pair {
  left: number;
  right: number;
  score: number;
}

/**
 * Pairs items one to one, best scores first (at least `min`); with `lastByElimination` a last pair left on each side
 * too (0.5 × its score, at least 0.3). @example pairBest([[1, 0.2], [0.3, 0.9]], 0.5).length // 2
 */
export function pairBest(scores: readonly (readonly number[])[], min: number, lastByElimination = false): Pair[] {
  const all: Pair[] = [];
  scores.forEach((row, left) => row.forEach((score, right) => score >= min && all.push({ left, right, score })));
  all.sort((x, y) => y.score - x.score || x.left - y.left || x.right - y.right);
  const usedLeft = new Set<number>();
  const usedRight = new Set<number>();
  const pairs: Pair[] = [];
  for (const p of all) {
    if (usedLeft.has(p.left) || usedRight.has(p.right)) continue;
    pairs.push(p);
    usedLeft.add(p.left);
    usedRight.add(p.right);
  }
  const leftOpen = scores.map((_, i) => i).filter((i) => !usedLeft.has(i));
  const rightOpen = (scores[0] ?? []).map((_, j) => j).filter((j) => !usedRight.has(j));
  if (lastByElimination && leftOpen.length === 1 && rightOpen.length === 1 && pairs.length > 0) {
    const [left, right] = [leftOpen[0], rightOpen[0]];
    pairs.push({ left, right, score: Math.max(0.3, 0.5 * scores[left][right]) });
  }
  return pairs;
}
