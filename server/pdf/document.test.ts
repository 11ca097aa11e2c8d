import { describe, expect, it } from "vitest";
import { PDFParse } from "pdf-parse";
import { noticePdf } from "../notices/pdf.js";
import { reportPdf } from "../reports/pdf.js";
import type { ReportView } from "../reports/presenter.js";
import { translator } from "../../shared/i18n/index.js";

const TEXT = "Ungefärligt antal: 120 → 150 – Omtrentlig antall berørte, Østfold, Ærø, Åre (synthetic)";

/** The fonts are embedded (a TrueType font file in the PDF) and every glyph reads back as written. */
async function check(pdf: Buffer): Promise<string> {
  const raw = pdf.toString("latin1");
  expect(raw).toMatch(/\/FontFile2/);
  expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
  expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;
  expect(text.replace(/\s+/g, " ")).toContain(TEXT);
  return text;
}

describe("PDFs", () => {
  it("a notice embeds a font with every glyph it prints (→, –, å, ø, æ)", async () => {
    await check(await noticePdf({ subject: "Underrättelse om personuppgiftsincident", reference: "INC-2026-0001/1", organization: "Elm", phase: "initial", body: TEXT }));
  });

  it("an authority report does too, in one language: phase in words, times on the authority's clock with the zone named", async () => {
    const r = {
      title: "Melding om brudd", authority: "Datatilsynet", authorityName: "Datatilsynet", phase: "initial", language: "nb", submittedAt: "2026-11-20T13:30:00.000Z",
      caseReference: "DT-26/1", fields: [{ label: "Hva skjedde", value: TEXT }], missing: [{ label: "Antall berørte" }],
    };
    const text = await check(await reportPdf(r as unknown as ReportView, "INC-2026-0001"));
    expect(text).toContain(`INC-2026-0001 · ${translator("nb")("reports:document.phase.initial")}`);
    expect(text).toContain("Sendt inn fre. 20. nov. 2026 kl. 14.30 (norsk tid)");
    expect(text).toContain("Opplysninger som mangler");
    expect(text).not.toMatch(/\d{4}-\d\d-\d\dT|initial|Submitted|Generated/);
  });
});
