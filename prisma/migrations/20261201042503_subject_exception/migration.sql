-- AlterTable
ALTER TABLE "SubjectCommunicationDecision" ADD COLUMN     "exception" TEXT;

-- Until now the exception was kept at the start of `reason` as "<article>: <reason or the
-- exception's label>" (shared/subjects/exceptions.ts encodeReason, removed): split it out.
UPDATE "SubjectCommunicationDecision" d SET "exception" = x.code,
  reason = NULLIF(substr(d.reason, length(x.article) + 3), x.label)
FROM (VALUES
  ('unintelligible', 'Art. 34(3)(a)', 'The data was unintelligible to anyone not authorised (e.g. state-of-the-art encryption, key not compromised)'),
  ('noLongerHighRisk', 'Art. 34(3)(b)', 'Measures taken since mean the high risk is no longer likely to materialise'),
  ('disproportionateEffort', 'Art. 34(3)(c)', 'Individual contact would take disproportionate effort: a public communication instead')
) AS x(code, article, label)
WHERE d.reason LIKE x.article || ': %';
