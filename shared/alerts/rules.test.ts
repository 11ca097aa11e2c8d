import { describe, expect, it } from "vitest";
import { DEFAULT_TAXONOMY } from "../taxonomy.js";
import { alertGroup, allResolved, guessCategory, severityFromWord } from "./rules.js";

const known = DEFAULT_TAXONOMY.map((c) => c.id);

describe("alert rules", () => {
  it("map senders' severity words to Vakt's scale", () => {
    expect(severityFromWord("critical")).toBe("critical");
    expect(severityFromWord(" Warning ")).toBe("medium");
    expect(severityFromWord("error")).toBe("high");
    expect(severityFromWord("info")).toBe("low");
    expect(severityFromWord("purple")).toBeNull();
    expect(severityFromWord(undefined)).toBeNull();
  });

  it("guess a taxonomy class: an explicit known label first, then keywords", () => {
    expect(guessCategory({ labels: { category: "Fraud", alertname: "InstanceDown" }, title: "x", known })).toBe("fraud");
    expect(guessCategory({ labels: { category: "nonsense", alertname: "InstanceDown" }, title: "x", known })).toBe("availability");
    expect(guessCategory({ labels: {}, title: "Brute force on /login", known })).toBe("intrusion-attempts");
    expect(guessCategory({ labels: { alertname: "S3PublicBucketExposed" }, title: "bucket", known })).toBe("information-content-security");
    expect(guessCategory({ labels: { alertname: "CertificateExpiry" }, title: "TLS certificate expires soon", known })).toBe("vulnerable");
    expect(guessCategory({ labels: { team: "core" }, title: "Something odd", known })).toBeNull();
    // A deployment's own taxonomy without the class: no guess rather than an unknown id.
    expect(guessCategory({ labels: { alertname: "InstanceDown" }, title: "down", known: ["other"] })).toBeNull();
  });

  it("group by source and the label that names what alerts", () => {
    expect(alertGroup("Prom", { alertname: "HighErrorRate", job: "api" })).toBe("Prom · alertname=HighErrorRate");
    expect(alertGroup("Sentry", { project: "web" })).toBe("Sentry · project=web");
    expect(alertGroup("Hook", { team: "x" })).toBe("Hook");
  });

  it("call an incident's alerts resolved only when all are, and there are some", () => {
    expect(allResolved([])).toBe(false);
    expect(allResolved([{ status: "resolved" }, { status: "firing" }])).toBe(false);
    expect(allResolved([{ status: "resolved" }, { status: "resolved" }])).toBe(true);
  });
});
