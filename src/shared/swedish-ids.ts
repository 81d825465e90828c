// Swedish identity numbers: organisationsnummer and personnummer/samordningsnummer.
// Both end in a Luhn check digit computed over the nine digits before it (weights 2,1,2,1,…).

export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    const d = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(d / 10) + (d % 10);
  }
  return (10 - (sum % 10)) % 10;
}

/** Why a number was refused, stable (the pages' Swedish text is keyed by it); `error` is the English. */
export type IdProblem = 'org_format' | 'org_digits' | 'check_digit' | 'personal_format' | 'birth_date';

export type IdResult = { ok: true; value: string } | { ok: false; error: string; problem: IdProblem };

/**
 * Validates an organisationsnummer given as NNNNNNNNNN, NNNNNN-NNNN, or the same with the
 * `16` century prefix, and returns it normalised as NNNNNN-NNNN.
 */
export function parseOrgNumber(input: string): IdResult {
  const trimmed = input.trim();
  const m = /^(16)?(\d{6})-?(\d{4})$/.exec(trimmed);
  if (!m) {
    return {
      ok: false,
      error: 'must be 10 digits as NNNNNN-NNNN (optionally prefixed by 16)',
      problem: 'org_format',
    };
  }
  const digits = m[2]! + m[3]!;
  if (Number(digits.slice(2, 4)) < 20) {
    return { ok: false, error: 'digits 3–4 must be 20 or more', problem: 'org_digits' };
  }
  if (luhnCheckDigit(digits.slice(0, 9)) !== Number(digits[9])) {
    return { ok: false, error: 'check digit does not match (Luhn)', problem: 'check_digit' };
  }
  return { ok: true, value: `${digits.slice(0, 6)}-${digits.slice(6)}` };
}

/** The ten digits of an organisationsnummer in any accepted format, without validation; null if none. */
export function orgNumberDigits(input: string): string | null {
  const digits = input.replace(/\D/g, '');
  if (digits.length === 12 && digits.startsWith('16')) return digits.slice(2);
  return digits.length === 10 ? digits : null;
}

/**
 * Validates a personnummer or samordningsnummer (day + 60): YYMMDD-NNNC, YYMMDD+NNNC (over 100),
 * or 12 digits with century. Returns it normalised with century as YYYYMMDD-NNNC.
 */
export function parsePersonalNumber(input: string, today: Date = new Date()): IdResult {
  const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/.exec(input.trim());
  if (!m) return { ok: false, error: 'must be YYMMDD-NNNN or YYYYMMDD-NNNN', problem: 'personal_format' };
  const [, century, yy, mm, dd, sep, last4] = m as unknown as [
    string,
    string | undefined,
    string,
    string,
    string,
    string,
    string,
  ];
  const day = Number(dd) > 60 ? Number(dd) - 60 : Number(dd);
  const month = Number(mm);
  let year: number;
  if (century) {
    year = Number(century + yy);
  } else {
    const thisYear = today.getUTCFullYear();
    year = thisYear - ((((thisYear - Number(yy)) % 100) + 100) % 100);
    if (sep === '+') year -= 100;
  }
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || day < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return { ok: false, error: 'not a valid date of birth', problem: 'birth_date' };
  }
  if (luhnCheckDigit(yy + mm + dd + last4.slice(0, 3)) !== Number(last4[3])) {
    return { ok: false, error: 'check digit does not match (Luhn)', problem: 'check_digit' };
  }
  return { ok: true, value: `${year}${mm}${dd}-${last4}` };
}
