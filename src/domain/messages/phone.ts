/**
 * A phone number as the text provider writes it (E.164: "+" and up to 15 digits).
 * Numbers are typed by hand on Allies' forms ("(312) 555-0142"); a program is in the
 * United States (SSI, SSDI), so ten digits, or eleven starting with 1, are a North
 * American number. Anything else without a leading "+" cannot be texted: guessing a
 * country would text a stranger.
 */
export function textableNumber(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const trimmed = phone.trim();
  const digits = trimmed.replace(/[\s().-]/g, "");
  if (/^\+[1-9]\d{7,14}$/.test(digits)) return digits;
  if (/^[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return `+1${digits}`;
  if (/^1[2-9]\d{2}[2-9]\d{6}$/.test(digits)) return `+${digits}`;
  return null;
}
