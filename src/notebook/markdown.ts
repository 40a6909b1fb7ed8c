/** Markdown to HTML, safe for text from data: raw HTML as text (but bare `<details>`/`<summary>`), safe links only. */
import { Marked, Tokens } from "marked";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML content and attributes (also `'`). @example escapeHtml("<a>") // "&lt;a&gt;" */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Whether an address is http(s), mailto, `#…` or relative. @example safeUrl("javascript:alert(1)") // false */
export function safeUrl(href: string): boolean {
  const trimmed = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  return scheme === null || ["http", "https", "mailto"].includes(scheme[1].toLowerCase());
}

/** `<details>`, optionally with `<summary>text</summary>`, or `</details>`: nothing else, no attributes. */
const DETAILS = /^\s*(?:<details>\s*(?:<summary>([^<>]*)<\/summary>)?|<\/details>)\s*$/;

/** A foldable block's tag as HTML (its summary text escaped), or null for any other raw HTML. */
function detailsTag(text: string): string | null {
  const match = DETAILS.exec(text);
  if (match === null) return null;
  if (text.includes("</details>")) return "</details>";
  return match[1] === undefined ? "<details>" : `<details><summary>${escapeHtml(match[1].trim())}</summary>`;
}

// Each override returns false to let marked render the token as usual.
const safeMarked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return detailsTag(token.text) ?? escapeHtml(token.text);
    },
    link(token: Tokens.Link): string | false {
      return safeUrl(token.href) ? false : escapeHtml(token.text);
    },
    image(token: Tokens.Image): string | false {
      return safeUrl(token.href) ? false : escapeHtml(token.text);
    },
  },
});

/** Markdown as HTML, raw HTML escaped, unsafe links dropped. @example markdownHtml("*a*") // "<p><em>a</em></p>\n" */
export function markdownHtml(source: string): string {
  return safeMarked.parse(source, { async: false }) as string;
}
