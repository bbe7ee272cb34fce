/** Luhn (ISO/IEC 7812) check over the digits of a string. */
export function luhnValid(text: string): boolean {
  const digits = text.replace(/\D/g, '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length >= 12 && sum % 10 === 0;
}

/** IBAN lengths by country (ISO 13616 registry, SEPA and neighbours). */
const IBAN_LENGTH: Record<string, number> = {
  AD: 24, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FR: 27, GB: 22, GI: 23, GR: 27,
  HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24,
  SE: 24, SI: 19, SK: 24, SM: 27, VA: 22,
};

/** ISO 13616 mod-97 check with the country's length. */
export function ibanValid(text: string): boolean {
  const iban = text.replace(/\s/g, '').toUpperCase();
  if (IBAN_LENGTH[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of code) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** SSA rules: no area 000, 666 or 9xx; no group 00; no serial 0000. */
export function ssnValid(text: string): boolean {
  const [area, group, serial] = [text.slice(0, 3), text.slice(4, 6), text.slice(7)];
  return area !== '000' && area !== '666' && !area.startsWith('9') && group !== '00' && serial !== '0000';
}

/** Card brands by issuer prefix: Visa, Mastercard, Amex, Discover, Diners, JCB. */
export function cardPrefixValid(text: string): boolean {
  const d = text.replace(/\D/g, '');
  return /^(4\d{12}(\d{3}){0,2}|5[1-5]\d{14}|2(2[2-9][1-9]|[3-6]\d\d|7[01]\d|720)\d{12}|3[47]\d{13}|6011\d{12}|65\d{14}|3(0[0-5]|[68]\d)\d{11}|35(2[89]|[3-8]\d)\d{12})$/.test(d);
}
