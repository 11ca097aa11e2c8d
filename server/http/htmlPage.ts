import { renderPage } from "./pages.js";

/** A small server-rendered page without script whose `content` is ready HTML; prefer a template with renderPage(). */
export function htmlPage(lang: string, title: string, content: string) {
  return renderPage("raw", lang, { title, content });
}
