/**
 * Default incident categories: the ENISA / TF-CSIRT Reference Security Incident Taxonomy
 * (RSIT), top-level classes, plus the two that a SaaS processor meets that RSIT folds into
 * "other" (organisational mishandling and availability failures without malice).
 * Deployments can replace the list (config TAXONOMY_FILE).
 */
export interface TaxonomyCategory {
  id: string;
  label: string;
  description: string;
  /** Personal data is commonly involved; the UI suggests checking `personalData`. */
  oftenPersonalData?: boolean;
}

export const DEFAULT_TAXONOMY: TaxonomyCategory[] = [
  { id: "abusive-content", label: "Abusive content", description: "Spam, harmful speech, child sexual abuse material or violent content." },
  { id: "malicious-code", label: "Malicious code", description: "Infected system, command-and-control, malware distribution or configuration." },
  { id: "information-gathering", label: "Information gathering", description: "Scanning, sniffing, social engineering." },
  { id: "intrusion-attempts", label: "Intrusion attempts", description: "Exploitation attempts, login attempts, new attack signatures." },
  { id: "intrusions", label: "Intrusions", description: "Privileged or unprivileged account compromise, application or system compromise, burglary.", oftenPersonalData: true },
  { id: "availability", label: "Availability", description: "Denial of service, sabotage, outage (no malice)." },
  { id: "information-content-security", label: "Information content security", description: "Unauthorised access to or modification of information, data loss, data leak.", oftenPersonalData: true },
  { id: "fraud", label: "Fraud", description: "Unauthorised use of resources, copyright, masquerade, phishing.", oftenPersonalData: true },
  { id: "vulnerable", label: "Vulnerable", description: "Weak cryptography, DDoS amplifier, potentially unwanted accessible services, information disclosure, vulnerable system." },
  { id: "organisational", label: "Organisational mishandling", description: "Mis-sent e-mail, lost device, wrong access rights granted, procedure not followed.", oftenPersonalData: true },
  { id: "other", label: "Other", description: "Uncategorised incidents, including those not yet understood." },
];
