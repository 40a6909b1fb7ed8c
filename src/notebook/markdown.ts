/**
 * Markdown to HTML for the report site, safe for text that comes from data or file names: raw
 * HTML in the markdown is shown as text (never parsed), and links and images keep only web,
 * mail, in-page and relative addresses (no `javascript:` or `data:` URLs). Rendered with `marked`.
 */
import { Marked, Tokens } from "marked";

/**
 * Escapes text for HTML element content and attribute values (also `'`).
 * @example escapeHtml('<a href="x">') // "&lt;a href=&quot;x&quot;&gt;"
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/**
 * Whether an address is safe in a link or image on the site: http(s), mailto, `#…` or a relative path.
 * @example safeUrl("javascript:alert(1)") // false
 */
export function safeUrl(href: string): boolean {
  const trimmed = href.replace(/[\u0000-\u0020\u007f-\u009f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed);
  return scheme === null || ["http", "https", "mailto"].includes(scheme[1].toLowerCase());
}

// Each override returns false to let marked render the token as usual.
const safeMarked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    link(token: Tokens.Link): string | false {
      return safeUrl(token.href) ? false : escapeHtml(token.text);
    },
    image(token: Tokens.Image): string | false {
      return safeUrl(token.href) ? false : escapeHtml(token.text);
    },
  },
});

/**
 * Markdown rendered to HTML with raw HTML escaped and unsafe links dropped.
 * @example markdownHtml("`a` <img src=x onerror=alert(1)>") // "<p><code>a</code> &lt;img src=x onerror=alert(1)&gt;</p>\n"
 */
export function markdownHtml(source: string): string {
  return safeMarked.parse(source, { async: false }) as string;
}
