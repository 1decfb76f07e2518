// Personal data: email addresses, phone numbers, payment cards (Luhn and issuer prefixes),
// IBANs (mod-97), national identity numbers (US SSN, UK NI number, others after a cue) and
// dates of birth. Every pattern is gated by a cheap test so ordinary posts pay almost nothing.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { windowEnd, windowStart, type ScanContext } from '../scan-context.js';
import { FACT_AT, FACT_DIGITS_CLOSE, codeAt, type DigitRuns } from '../symbols.js';
import { Group } from '../term-index.js';

const EMAIL = /(?<![\w.%+:/-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b/g;

/** Shared mailboxes that organizations publish on purpose. */
const ROLE_MAILBOX =
  /^(?:support|help|helpdesk|info|information|contact|contactus|hello|hi|sales|press|media|pr|news|newsletter|careers|jobs|recruiting|talent|team|admin|office|noreply|no-reply|donotreply|privacy|security|abuse|postmaster|webmaster|billing|accounts|invoices|feedback|service|customerservice|customercare|care|enquiries|inquiries|marketing|partners|partnerships|investors|ir|legal|compliance|events|orders|returns|shop|store|bookings|reservations|community|social|studio|general|mail|dpo|gdpr|ethics|whistleblowing|speakup)$/i;

const EMAIL_AT = new RegExp(EMAIL.source, 'y');

/** [A-Za-z0-9._%+-]: what an address's local part is made of. */
function isLocalPartUnit(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 46 || code === 95 || code === 37 || code === 43 || code === 45;
}

function isAsciiAlnum(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
}

export function detectEmails(ctx: ScanContext): void {
  const { text } = ctx;
  if ((ctx.facts & FACT_AT) === 0) return;
  // The pattern near each '@', searched from `from`, as a scan of the post would find it: the
  // local part is the run of local-part characters just before the '@' (the look-behind
  // rules out starting inside it), so only the run's start can begin a match.
  let lastEnd = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    const from = Math.max(lastEnd, at - 64);
    let runStart = at;
    while (runStart > 0 && at - runStart <= 64 && isLocalPartUnit(text.charCodeAt(runStart - 1))) runStart--;
    if (runStart < from || runStart === at || !isAsciiAlnum(text.charCodeAt(runStart))) continue;
    EMAIL_AT.lastIndex = runStart;
    const m = EMAIL_AT.exec(at + 256 >= text.length ? text : text.slice(0, at + 256));
    if (!m) continue;
    lastEnd = m.index + m[0].length;
    const local = m[0].slice(0, m[0].indexOf('@'));
    if (ROLE_MAILBOX.test(local)) continue;
    ctx.out.push({ rule: 'personal.email', start: m.index, end: lastEnd, message: 'Contains a personal email address.' });
  }
}

const PHONE_CANDIDATE = /(?:\+|\b)\(?\d[\d\s().\-–]{5,20}\d\b/g;
const PHONE_CUE = /\b(?:call|calling|phone|tel|telephone|mobile|cell|cellphone|whats ?app|text|sms|reach|ring|contact|number|fax|ph|mob|landline|dial)\b/i;
const NOT_PHONE_CUE =
  /(?:\b(?:order|orders|invoice|ticket|ref|reference|case|tracking|shipment|parcel|po|sku|serial|account|acct|id|version|build|isbn|part|item|model|batch|lot|issue|pr|bug|incident|claim|policy|confirmation|booking|receipt|transaction|txn|imei|patent|room|flight|route|zip|postcode)\b[\s:#.]*(?:no\.?|number|num|#)?[\s:#.]*|#\s?)$/i;
/** A shipping reference read so far (`Tracking number 1Z 999 AA1 `): the digits that follow continue it. */
const SHIPPING_CODE_BEFORE = /\b(?:tracking|shipment|parcel|package|waybill|consignment|awb|ups|fedex|usps|dhl)\b[\s:#.]*(?:no\.?|number|num|#|id)?[\s:#.]*(?:[A-Z0-9]{1,12}[\s-]){1,6}$/i;
/** The candidate continues a code of letters and digits (`AA1 01 2345 6784`, `1Z 999 …`). */
const CODE_TOKEN_BEFORE = /(?:^|\s)(?=[A-Z0-9]*[A-Z])(?=[A-Z0-9]*\d)[A-Z0-9]{2,}[\s-]$/;
const NANP = /^(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?([2-9]\d{2})[\s.-]?(\d{4})$/;
const NANP_TOLL_FREE = /^(?:800|833|844|855|866|877|888)$/;
const DATE_LIKE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{4}\s?[-–]\s?\d{2,4})$/;
const IP_LIKE = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const GROUPED = /^(?:\+?\d{1,3}[\s.-])?\(?\d{2,5}\)?(?:[\s.-]\d{2,5}){1,4}$/;
const EUROPE: readonly CountryCode[] = ['GB', 'DE', 'FR', 'NL', 'IE', 'AU', 'IN', 'ES', 'IT'];

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

function isValidPhone(candidate: string): boolean {
  try {
    if (candidate.startsWith('+')) return parsePhoneNumberFromString(candidate)?.isValid() === true;
    const countries: readonly CountryCode[] = candidate.startsWith('0') ? EUROPE : ['US'];
    return countries.some((country) => parsePhoneNumberFromString(candidate, country)?.isValid() === true);
  } catch {
    return false;
  }
}

/** `\s` of a regular expression. */
function isSpace(code: number): boolean {
  return (
    (code >= 9 && code <= 13) || code === 32 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** What `[$€£¥\w.,/-]` matches: a price, a word, or a number going on before the candidate. */
function extendsNumber(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || isDigit(code) || code === 95 || code === 36 || code === 0x20ac ||
    code === 0xa3 || code === 0xa5 || code === 46 || code === 44 || code === 47 || code === 45
  );
}

/** `^\s?(?:%|[.,]\d)` on the two characters after the candidate: a percentage or a decimal. */
function continuesNumber(text: string, at: number): boolean {
  const end = Math.min(text.length, at + 2);
  const c0 = at < end ? text.charCodeAt(at) : -1;
  const c1 = at + 1 < end ? text.charCodeAt(at + 1) : -1;
  return c0 === 37 || ((c0 === 46 || c0 === 44) && isDigit(c1)) || (isSpace(c0) && c1 === 37);
}

export function detectPhones(ctx: ScanContext): void {
  const { text } = ctx;
  PHONE_CANDIDATE.lastIndex = 0;
  for (let m = PHONE_CANDIDATE.exec(text); m !== null; m = PHONE_CANDIDATE.exec(text)) {
    // The candidate without trailing `[\s.\-–(]`, and its digit count.
    const raw = m[0];
    let length = raw.length;
    for (let c = raw.charCodeAt(length - 1); length > 0 && (isSpace(c) || c === 46 || c === 45 || c === 0x2013 || c === 40); c = raw.charCodeAt(length - 1)) length--;
    let digitCount = 0;
    for (let k = 0; k < length; k++) if (isDigit(raw.charCodeAt(k))) digitCount++;
    if (digitCount < 7 || digitCount > 15) continue;
    if (m.index > 0 && extendsNumber(text.charCodeAt(m.index - 1))) continue;
    if (continuesNumber(text, m.index + raw.length)) continue;
    const candidate = length === raw.length ? raw : raw.slice(0, length);
    if (DATE_LIKE.test(candidate) || IP_LIKE.test(candidate)) continue;
    const prefix = text.slice(windowStart(text, m.index, 30), m.index);
    if (NOT_PHONE_CUE.test(prefix)) continue;
    if (CODE_TOKEN_BEFORE.test(prefix) || SHIPPING_CODE_BEFORE.test(text.slice(windowStart(text, m.index, 60), m.index))) continue;
    const cue = PHONE_CUE.test(text.slice(windowStart(text, m.index, 40), windowEnd(text, m.index, m.index + candidate.length + 20)));
    const plus = candidate.startsWith('+');
    const grouped = GROUPED.test(candidate);
    if (!plus && !grouped && !cue) continue;
    const nanp = NANP.exec(candidate);
    if (nanp && NANP_TOLL_FREE.test(nanp[1] ?? '')) continue;
    if (/^0800|^0808|^\+44\s?800|^\+44\s?808|^1[\s-]?800/.test(candidate)) continue;
    const valid = nanp !== null || isValidPhone(candidate) || (cue && digitCount >= 10 && digitCount <= 12);
    if (!valid) continue;
    ctx.out.push({ rule: 'personal.phone', start: m.index, end: m.index + candidate.length, message: 'Contains a phone number.' });
  }
}

const CARD = /(?<![\d.,-])\d(?:[ -]?\d){12,18}(?![\d-]|[.,]\d)/g;
const NOT_CARD_CUE = /\b(?:order|tracking|invoice|isbn|serial|imei|iccid|ref|reference|account|acct|transaction|txn|confirmation|booking)\b[\s:#.]*(?:no\.?|number|#)?[\s:#.]*$/i;

function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Issuer identification: Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro. */
function knownIssuer(d: string): boolean {
  const n = d.length;
  const p2 = Number(d.slice(0, 2));
  const p3 = Number(d.slice(0, 3));
  const p4 = Number(d.slice(0, 4));
  const p6 = Number(d.slice(0, 6));
  if (d.startsWith('4')) return n === 13 || n === 16 || n === 19;
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return n === 16;
  if (p2 === 34 || p2 === 37) return n === 15;
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65 || (p6 >= 622126 && p6 <= 622925)) return n >= 16 && n <= 19;
  if ((p3 >= 300 && p3 <= 305) || p2 === 36 || p2 === 38 || p2 === 39) return n >= 14 && n <= 19;
  if (p4 >= 3528 && p4 <= 3589) return n >= 16 && n <= 19;
  if (p2 === 62) return n >= 16 && n <= 19;
  if (p2 === 50 || (p2 >= 56 && p2 <= 69)) return n >= 12 && n <= 19;
  return false;
}

export function detectCards(ctx: ScanContext): void {
  const { text } = ctx;
  CARD.lastIndex = 0;
  for (let m = CARD.exec(text); m !== null; m = CARD.exec(text)) {
    const digits = digitsOf(m[0]);
    if (digits.length < 13 || digits.length > 19) continue;
    if (!luhn(digits) || !knownIssuer(digits)) continue;
    // Mixed separators ("4111-1111 1111") are fine; a run broken into odd groups is more likely a list of numbers.
    const groups = m[0].split(/[ -]/);
    if (groups.length > 1 && groups.some((g) => g.length < 3 || g.length > 6)) continue;
    if (NOT_CARD_CUE.test(text.slice(windowStart(text, m.index, 30), m.index))) continue;
    ctx.out.push({ rule: 'personal.card', start: m.index, end: m.index + m[0].length, message: 'Contains a payment card number (valid checksum).' });
  }
}

const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b/gi;
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BR: 29, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22,
  DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21,
  HU: 28, IE: 22, IL: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LI: 21, LT: 20, LU: 20, LV: 21, MC: 27, MD: 24,
  ME: 22, MK: 19, MR: 27, MT: 31, MU: 30, NL: 18, NO: 15, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, SA: 24,
  SE: 24, SI: 19, SK: 24, SM: 27, TN: 24, TR: 26, UA: 29, VG: 24, XK: 20,
};

function ibanValid(raw: string): boolean {
  const iban = raw.replace(/ /g, '').toUpperCase();
  if (IBAN_LENGTHS[iban.slice(0, 2)] !== iban.length) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1;
}

export function detectIbans(ctx: ScanContext): void {
  const { text } = ctx;
  IBAN.lastIndex = 0;
  for (let m = IBAN.exec(text); m !== null; m = IBAN.exec(text)) {
    // The regex is greedy over trailing groups; try shorter prefixes so "IBAN … 12 Main St" still resolves.
    let candidate = m[0];
    while (candidate.length > 15 && !ibanValid(candidate)) candidate = candidate.slice(0, -1).trimEnd();
    if (!ibanValid(candidate)) continue;
    ctx.out.push({ rule: 'personal.iban', start: m.index, end: m.index + candidate.length, message: 'Contains a bank account number (IBAN).' });
  }
}

const SSN = /\b(?!000|666|9\d\d)\d{3}([-. ])(?!00)\d{2}\1(?!0000)\d{4}\b/g;
/** Spaced or dotted SSNs look like any other digit groups, so they need a cue just before. */
const SSN_CUE = /\b(?:ssn|ss#|social security|social(?:\s+(?:number|no\.?|#))?\s*(?:#|:|is|was))/i;
const SSN_CUED = /\b(?:ssn|social security(?: number| no\.?| #)?|social(?= *(?:#|:|is\b|was\b)))\s*(?:#|:|is|was)?\s*((?!000|666|9\d\d)\d{3}(?!00)\d{2}(?!0000)\d{4})\b/gi;
const UK_NINO = /\b(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b/g;
/** After an explicit cue any NI-shaped value counts, including HMRC's own example prefix QQ. */
const NINO_CUED = /\b(?:NI|NINO|national insurance)(?:\s+(?:number|no\.?|#))?\s*(?:is|was|:)?\s*([A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D])\b/gi;
const ID_CUED =
  /\b(?:passport|driver'?s? licen[cs]e|driving licen[cs]e|licen[cs]e number|national id|national insurance|id card|identity card|tax id|tax number|tin|sin|nino|aadhaar|personnummer|bsn|nif|dni|nie|medicare|nhs number|employee id)\s*(?:no\.?|number|num|#)?\s*(?:is|was|:)?\s*([A-Z0-9](?:[A-Z0-9 -]{4,16})[A-Z0-9])\b/gi;

/**
 * Shapes of digits that the number patterns need (necessary, not sufficient), found in one
 * pass so that a post with an order number does not pay for every pattern.
 */
const SHAPE_CARD = 1; // 13 digits, at most one space or hyphen between neighbours
const SHAPE_IBAN = 2; // two letters then two digits
const SHAPE_SSN = 4; // ddd-dd-dddd, ddd dd dddd or ddd.dd.dddd
const SHAPE_NINE = 8; // nine digits in a row
const SHAPE_NINO = 16; // a letter, an optional space, then dd dd dd with optional single spaces
const SHAPE_NINO_UPPER = 32; // the same after an upper-case letter
const EVERY_SHAPE = 63;

function isAsciiLetter(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90);
}

/** `\d{2} ?\d{2} ?\d{2}` at `at`. */
function sixDigitsAt(text: string, at: number): boolean {
  let p = at;
  for (let pair = 0; pair < 3; pair++) {
    if (pair > 0 && codeAt(text, p) === 32) p++;
    if (!isDigit(codeAt(text, p)) || !isDigit(codeAt(text, p + 1))) return false;
    p += 2;
  }
  return true;
}

/** The shapes, from the digit runs the normaliser listed (or from every character). */
export function digitShapes(text: string, runs: DigitRuns): number {
  if (runs.count < 0) return digitShapesByScan(text);
  let shapes = 0;
  let chain = 0;
  let previousEnd = -10;
  for (let k = 0; k < runs.count; k++) {
    const start = runs.starts[k] ?? 0;
    let end = start;
    while (isDigit(codeAt(text, end))) end++;
    const length = end - start;
    const gap = codeAt(text, start - 1);
    chain = previousEnd === start - 1 && (gap === 32 || gap === 45) ? chain + length : length;
    previousEnd = end;
    if (chain >= 13) shapes |= SHAPE_CARD;
    if (length >= 9) shapes |= SHAPE_NINE;
    shapes |= runStartShapes(text, start);
    if (length >= 3 && ssnAfter(text, end)) shapes |= SHAPE_SSN;
  }
  return shapes;
}

/** Shapes decided where a run of digits starts: after two letters (IBAN) or after a letter and an optional space (NI number). */
function runStartShapes(text: string, start: number): number {
  const before = codeAt(text, start - 1);
  const letterAt = isAsciiLetter(before) ? start - 1 : before === 32 && isAsciiLetter(codeAt(text, start - 2)) ? start - 2 : -1;
  if (letterAt === -1) return 0;
  let shapes = 0;
  if (letterAt === start - 1 && isAsciiLetter(codeAt(text, start - 2)) && isDigit(codeAt(text, start + 1))) shapes |= SHAPE_IBAN;
  if (sixDigitsAt(text, start)) {
    shapes |= SHAPE_NINO;
    const letter = codeAt(text, letterAt);
    if (letter >= 65 && letter <= 90) shapes |= SHAPE_NINO_UPPER;
  }
  return shapes;
}

/** `([- ])\d{2}\1\d{4}` at `at`, right after three digits. */
function ssnAfter(text: string, at: number): boolean {
  const sep = codeAt(text, at);
  return (
    (sep === 45 || sep === 32 || sep === 46) && isDigit(codeAt(text, at + 1)) && isDigit(codeAt(text, at + 2)) && codeAt(text, at + 3) === sep &&
    isDigit(codeAt(text, at + 4)) && isDigit(codeAt(text, at + 5)) && isDigit(codeAt(text, at + 6)) && isDigit(codeAt(text, at + 7))
  );
}

/** The same shapes from every character, when the runs were too many to list. */
function digitShapesByScan(text: string): number {
  let shapes = 0;
  let lastDigit = -10;
  let chain = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const c = codeAt(text, i);
    if (!isDigit(c)) {
      if (lastDigit === i - 1 && run >= 3 && ssnAfter(text, i)) shapes |= SHAPE_SSN;
      continue;
    }
    if (lastDigit === i - 1) {
      chain++;
      run++;
    } else {
      chain = lastDigit === i - 2 && (codeAt(text, i - 1) === 32 || codeAt(text, i - 1) === 45) ? chain + 1 : 1;
      run = 1;
      shapes |= runStartShapes(text, i);
    }
    lastDigit = i;
    if (chain >= 13) shapes |= SHAPE_CARD;
    if (run >= 9) shapes |= SHAPE_NINE;
  }
  return shapes;
}

export function detectNationalIds(ctx: ScanContext, shapes = digitShapes(ctx.text, ctx.digitRuns)): void {
  const { text } = ctx;
  const found: Array<[number, number]> = [];
  const push = (start: number, end: number, message: string): void => {
    if (found.some(([s, e]) => start < e && s < end)) return;
    found.push([start, end]);
    ctx.out.push({ rule: 'personal.national-id', start, end, message });
  };
  SSN.lastIndex = 0;
  for (let m = (shapes & SHAPE_SSN) !== 0 ? SSN.exec(text) : null; m !== null; m = SSN.exec(text)) {
    const before = text.slice(windowStart(text, m.index, 30), m.index);
    if (m[1] !== '-' && !SSN_CUE.test(before)) continue;
    if (NOT_PHONE_CUE.test(before)) continue;
    push(m.index, m.index + m[0].length, 'Contains a US Social Security number.');
  }
  SSN_CUED.lastIndex = 0;
  for (let m = (shapes & SHAPE_NINE) !== 0 ? SSN_CUED.exec(text) : null; m !== null; m = SSN_CUED.exec(text)) {
    const value = m[1] ?? '';
    const start = m.index + m[0].length - value.length;
    push(start, start + value.length, 'Contains a US Social Security number.');
  }
  NINO_CUED.lastIndex = 0;
  for (let m = (shapes & SHAPE_NINO) !== 0 ? NINO_CUED.exec(text) : null; m !== null; m = NINO_CUED.exec(text)) {
    const value = m[1] ?? '';
    const start = m.index + m[0].length - value.length;
    push(start, start + value.length, 'Contains a UK National Insurance number.');
  }
  UK_NINO.lastIndex = 0;
  for (let m = (shapes & SHAPE_NINO_UPPER) !== 0 ? UK_NINO.exec(text) : null; m !== null; m = UK_NINO.exec(text)) {
    push(m.index, m.index + m[0].length, 'Contains a UK National Insurance number.');
  }
  ID_CUED.lastIndex = 0;
  for (let m = ID_CUED.exec(text); m !== null; m = ID_CUED.exec(text)) {
    const value = (m[1] ?? '').trim();
    if ((value.match(/\d/g)?.length ?? 0) < 5) continue;
    const start = m.index + m[0].lastIndexOf(value);
    push(start, start + value.length, 'Contains an identity document number.');
  }
}

const MONTH = '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';
const DATE =
  `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:19|20)?\\d{2}|(?:19|20)\\d{2}-\\d{1,2}-\\d{1,2}|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?,?\\s+(?:19|20)\\d{2}|${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+(?:19|20)\\d{2})`;
const DOB_EXPLICIT = new RegExp(`\\b(?:d\\.?\\s?o\\.?\\s?b\\.?|date\\s+of\\s+birth|birth\\s?date)\\s*(?:is|was|[:=-])?\\s*(${DATE})`, 'gi');
const DOB_BORN = new RegExp(`\\b(?:born(?:\\s+on)?|birthday\\s+(?:is|was)(?:\\s+on)?)\\s*[:-]?\\s*(${DATE})`, 'gi');
const NAME_WORD = /\b(?!(?:The|Our|We|It|This|That|These|Those|My|Your|Their|His|Her|A|An|I|On|In|At|When|If|And|But|So|Today|Yesterday|Company|Team|Happy|Congrats|Congratulations|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][a-z]+(?:'s)?\b/;
const PERSON_WORD = /\b(?:he|she|they|son|daughter|baby|mother|father|mom|dad|mum|wife|husband|brother|sister|employee|customer|patient|client|applicant|candidate|member|user|child|kid|grandson|granddaughter|mr|mrs|ms|dr|name)\b/i;

export function detectDatesOfBirth(ctx: ScanContext): void {
  if (ctx.hits.get(Group.DobCue).length === 0) return;
  const { text } = ctx;
  const found: Array<[number, number]> = [];
  DOB_EXPLICIT.lastIndex = 0;
  for (let m = DOB_EXPLICIT.exec(text); m !== null; m = DOB_EXPLICIT.exec(text)) {
    found.push([m.index, m.index + m[0].length]);
  }
  DOB_BORN.lastIndex = 0;
  for (let m = DOB_BORN.exec(text); m !== null; m = DOB_BORN.exec(text)) {
    const before = text.slice(windowStart(text, m.index, 60), m.index);
    if (!NAME_WORD.test(before) && !PERSON_WORD.test(before)) continue;
    found.push([m.index, m.index + m[0].length]);
  }
  for (const [start, end] of found) {
    ctx.out.push({ rule: 'personal.dob', start, end, message: 'Contains a date of birth.' });
  }
}

/** `everyShape` runs every number pattern whatever the digit shapes (the tests' reference). */
export function detectPersonal(ctx: ScanContext, everyShape = false): void {
  detectEmails(ctx);
  detectDatesOfBirth(ctx);
  // Every number-shaped detector needs at least six digits close together.
  if ((ctx.facts & FACT_DIGITS_CLOSE) === 0) return;
  const shapes = everyShape ? EVERY_SHAPE : digitShapes(ctx.text, ctx.digitRuns);
  detectPhones(ctx);
  if ((shapes & SHAPE_CARD) !== 0) detectCards(ctx);
  if ((shapes & SHAPE_IBAN) !== 0) detectIbans(ctx);
  detectNationalIds(ctx, shapes);
}
