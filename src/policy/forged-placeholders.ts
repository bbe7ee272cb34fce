const PLACEHOLDER = /<((?:EMAIL_ADDRESS|PHONE_NUMBER|CREDIT_CARD|US_SSN|IBAN_CODE|API_KEY|PERSON)_\d+)>/g;

/**
 * Text from outside (an event, a tool reply) that spells a placeholder (`<EMAIL_ADDRESS_2>`) is
 * a forgery: restored later, it would hand a tool someone else's value. It is defused to
 * `‹EMAIL_ADDRESS_2›` before the run sees it, in string values and object keys alike.
 */
export function defusePlaceholders<T>(value: T): T {
  return defuse(value) as T;
}

function defuse(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(PLACEHOLDER, '‹$1›');
  if (Array.isArray(value)) return value.map(defuse);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [defuse(k) as string, defuse(v)]));
  return value;
}
