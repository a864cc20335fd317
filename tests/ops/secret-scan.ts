// What must never be in a server's output: the secret values a test run used, anything shaped
// like a full API key, a payment card number (Luhn-valid 16 digits), or a password field in clear.

const KEY = /sib-[A-Za-z0-9_-]{16,}/g;
const CARD = /\b(?:\d{4}[ -]?){3}\d{4}\b/g;
const PASSWORD_FIELD = /"(?:password|currentPassword|newPassword)"\s*:\s*"(?!\[redacted\])[^"]+"/gi;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** The names of the secrets found in `output`: each of `known` that appears, and the shapes above. */
export function secretsIn(output: string, known: Record<string, string>): string[] {
  const found = Object.entries(known).filter(([, value]) => value && output.includes(value)).map(([name]) => name);
  if (output.match(KEY)) found.push(`an API key (${output.match(KEY)![0].slice(0, 8)}…)`);
  if ((output.match(CARD) ?? []).some((card) => luhn(card.replace(/\D/g, "")))) found.push("a card number");
  if (output.match(PASSWORD_FIELD)) found.push("a password field");
  return found;
}
