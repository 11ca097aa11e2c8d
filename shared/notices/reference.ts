/** The reference a controller quotes: the incident's and the notice's number to it ("INC-2026-0001/2"). */
export const noticeRef = (incidentReference: string, sequence: number) => `${incidentReference}/${sequence}`;
