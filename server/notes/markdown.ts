import { Marked } from "marked";
import sanitizeHtml from "sanitize-html";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Raw HTML in a note is shown as text, never interpreted. */
const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    html: ({ text }) => escape(text),
    // Images become links: a note never loads anything from elsewhere by itself being shown.
    image: ({ href, text }) => `<a href="${escape(href)}">${escape(text || href)}</a>`,
  },
});

/**
 * What the sanitiser keeps from the Markdown's HTML: text formatting, lists, code, quotes, tables
 * and links to http(s) and mailto only. No images (no tracking pixels), no styles, no event
 * handlers, no script, data or javascript URLs.
 */
const POLICY: sanitizeHtml.IOptions = {
  allowedTags: ["p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "input"],
  allowedAttributes: { a: ["href", "title"], input: ["type", "checked", "disabled"], th: ["align"], td: ["align"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow", target: "_blank" }),
    // Task-list boxes only, always read-only.
    input: (tagName, attribs) => (attribs.type === "checkbox" ? { tagName, attribs: { type: "checkbox", disabled: "", ...(attribs.checked !== undefined ? { checked: "" } : {}) } } : { tagName: "span", attribs: {} }),
  },
};
POLICY.allowedAttributes = { ...(POLICY.allowedAttributes as Record<string, string[]>), a: ["href", "title", "rel", "target"] };

/** Markdown to HTML that is safe to insert into the page. */
export function renderMarkdown(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, POLICY);
}
