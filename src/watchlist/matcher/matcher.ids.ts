// Small helpers of the index: id numbers as the index keeps them, and names as written for ties.

/** The ten digits that identify a person (YYMMDDNNNC), whatever format was given; null if none. */
export function personalNumberDigits(input: string): string | null {
  const digits = input.replace(/\D/g, '');
  if (digits.length === 12) return digits.slice(2);
  return digits.length === 10 ? digits : null;
}

/** A name as written, apart from case, spacing and Unicode form. */
export function surface(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('sv').replace(/\s+/g, ' ').trim();
}

/** Hash of a ten-digit id number held as a number. */
export function digitsHash(value: number | string): number {
  const v = Number(value);
  return (Math.imul((v % 4294967296) | 0, 0x9e3779b1) ^ Math.floor(v / 4294967296)) >>> 0 || 1;
}
