import { describe, expect, it } from "vitest";
import { PDFParse } from "pdf-parse";
import { noticePdf } from "../notices/pdf.js";
import { reportPdf } from "../reports/pdf.js";
import type { ReportView } from "../reports/presenter.js";

const TEXT = "Ungefärligt antal: 120 → 150 – Omtrentlig antall berørte, Østfold, Ærø, Åre (synthetic)";

/** The fonts are embedded (a TrueType font file in the PDF) and every glyph reads back as written. */
async function check(pdf: Buffer) {
  const raw = pdf.toString("latin1");
  expect(raw).toMatch(/\/FontFile2/);
  expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
  expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  const text = (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;
  expect(text.replace(/\s+/g, " ")).toContain(TEXT);
}

describe("PDFs", () => {
  it("a notice embeds a font with every glyph it prints (→, –, å, ø, æ)", async () => {
    await check(await noticePdf({ subject: "Underrättelse om personuppgiftsincident", reference: "INC-2026-0001/1", organization: "Elm", phase: "initial", body: TEXT }));
  });

  it("an authority report does too", async () => {
    const r = { title: "Melding om brudd", authorityName: "Datatilsynet", phase: "initial", language: "nb", submittedAt: null, caseReference: null, fields: [{ label: "Hva skjedde", value: TEXT }], missing: [] };
    await check(await reportPdf(r as unknown as ReportView, "INC-2026-0001"));
  });
});
