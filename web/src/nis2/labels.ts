/** Words for the NIS2 panel (display only; the rules live in shared/nis2). */
export const DISRUPTION_LABELS = { none: "None", minor: "Minor", severe: "Severe (caused or capable of causing)" } as const;
export const LOSS_LABELS = { none: "None", minor: "Minor", severe: "Severe (caused or capable of causing)" } as const;
export const DAMAGE_LABELS = { none: "None", minor: "Minor", considerable: "Considerable material or non-material damage" } as const;
export const THRESHOLD_LABELS = {
  tradeSecretsExfiltrated: "Trade secrets were exfiltrated (IR 2024/2690 Art. 3(1)(b))",
  deathOfPerson: "Caused or could cause the death of a person (Art. 3(1)(c))",
  healthDamage: "Caused or could cause considerable damage to a person's health (Art. 3(1)(d))",
  maliciousAccessSevere: "Successful, suspectedly malicious unauthorised access that could cause severe disruption (Art. 3(1)(e))",
} as const;
