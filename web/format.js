// format.js: how numbers, money, instants and business days are shown.
//
// Money arrives from the API as integer fen (*_fen). It is formatted with integer arithmetic on
// BigInt only: no amount is ever divided by 100 as a float, so 6,174.00 is always 6,174.00.
import { isEn } from './i18n.js';

const GROUP = /\B(?=(\d{3})+(?!\d))/g;

/** Formats integer fen as "6,174.00" (or "-12.50"); '' for null/undefined; '—' if not an integer. */
export function fmtMoney(fen) {
  if (fen === null || fen === undefined || fen === '') return '';
  let b;
  try {
    b = BigInt(fen);
  } catch {
    return '—';
  }
  const neg = b < 0n;
  if (neg) b = -b;
  const yuan = (b / 100n).toString().replace(GROUP, ',');
  const cents = (b % 100n).toString().padStart(2, '0');
  return (neg ? '-' : '') + yuan + '.' + cents;
}

/** Formats fen with the currency sign: "¥6,174.00". */
export function fmtYuan(fen) {
  const s = fmtMoney(fen);
  if (s === '' || s === '—') return s;
  return s.startsWith('-') ? '-¥' + s.slice(1) : '¥' + s;
}

/** Whole yuan of integer fen (truncated toward zero) with separators: for chart axes. */
export function fmtYuanShort(fen) {
  let b;
  try {
    b = BigInt(Math.round(Number(fen))); // axis ticks are integers in fen already
  } catch {
    return '';
  }
  const neg = b < 0n;
  if (neg) b = -b;
  const yuan = b / 100n;
  if (!isEn() && yuan >= 10000n) {
    // 1.2万: tenths of 万 from integers only.
    const tenths = (yuan + 500n) / 1000n;
    const s = (tenths / 10n).toString() + (tenths % 10n ? '.' + (tenths % 10n).toString() : '');
    return (neg ? '-' : '') + s + '万';
  }
  if (isEn() && yuan >= 1000n) {
    const tenths = (yuan + 50n) / 100n;
    const s = (tenths / 10n).toString().replace(GROUP, ',') + (tenths % 10n ? '.' + (tenths % 10n).toString() : '');
    return (neg ? '-' : '') + s + 'k';
  }
  return (neg ? '-' : '') + yuan.toString().replace(GROUP, ',');
}

/** Sums integer fen exactly (BigInt) and returns a Number (safe below 2^53 fen). */
export function sumFen(values) {
  let s = 0n;
  for (const v of values) if (v !== null && v !== undefined) s += BigInt(v);
  return Number(s);
}

/** Percentage of part in whole with one decimal, as text ("12.3%"); '' if whole is 0. */
export function fmtShare(part, whole) {
  if (!whole) return '';
  const p = BigInt(part), w = BigInt(whole);
  const tenths = (p * 1000n + w / 2n) / w;
  return (tenths / 10n).toString() + '.' + (tenths % 10n).toString() + '%';
}

/** Formats a count with separators. */
export function fmtInt(n) {
  if (n === null || n === undefined) return '';
  return String(n).replace(GROUP, ',');
}

const partsCache = new Map();
function formatter(tz) {
  let f = partsCache.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz || 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    partsCache.set(tz, f);
  }
  return f;
}

function localParts(epochMs, tz) {
  const o = {};
  for (const p of formatter(tz).formatToParts(new Date(epochMs))) o[p.type] = p.value;
  return o;
}

/** An instant (UTC epoch seconds) as "YYYY-MM-DD HH:MM" in the venue's time zone. */
export function fmtInstant(epochSeconds, tz) {
  if (epochSeconds === null || epochSeconds === undefined || epochSeconds === '') return '';
  const p = localParts(Number(epochSeconds) * 1000, tz);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Only the time part "HH:MM" of an instant in the venue's zone. */
export function fmtTime(epochSeconds, tz) {
  const p = localParts(Number(epochSeconds) * 1000, tz);
  return `${p.hour}:${p.minute}`;
}

/** The venue's current business day (YYYY-MM-DD): the local date of now minus the cut-off. */
export function businessToday(venue) {
  const cutoff = venue && Number.isInteger(venue.cutoff_minutes) ? venue.cutoff_minutes : 360;
  const p = localParts(Date.now() - cutoff * 60000, venue && venue.timezone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** YYYY-MM-DD plus n days (calendar arithmetic in UTC, no zone involved). */
export function addDays(day, n) {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}

/** First day of the month of day. */
export function monthStart(day) {
  return day.slice(0, 8) + '01';
}

/** Last day of the month of day. */
export function monthEnd(day) {
  const [y, m] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Number of days from a to b inclusive. */
export function daysBetween(a, b) {
  const ms = Date.parse(b + 'T00:00:00Z') - Date.parse(a + 'T00:00:00Z');
  return Math.round(ms / 86400000) + 1;
}

/** ISO weekday 1 (Mon) .. 7 (Sun) of YYYY-MM-DD. */
export function weekdayOf(day) {
  const w = new Date(day + 'T00:00:00Z').getUTCDay();
  return w === 0 ? 7 : w;
}

/** True if s is a real date YYYY-MM-DD. */
export function isDay(s) {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === s;
}

/** Reads "12.50" / "12.5" / "12" as integer fen, or null if it is not a plain amount of yuan
 * with at most two decimals (no "$", no "1,2", no "12.345"). */
export function parseYuan(text) {
  const s = String(text ?? '').trim();
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(BigInt(m[1]) * 100n + BigInt((m[2] || '').padEnd(2, '0')));
}

/** Reads a percentage "10" / "12.5" / "9.75" as basis points (1000 / 1250 / 975), or null if it
 * is not a plain number with at most two decimals between 0 and 100. */
export function parsePercentBp(text) {
  const bp = parseYuan(text); // the same shape: digits, at most two decimals, times 100
  return bp === null || bp > 10000 ? null : bp;
}

/** Minutes as "1小时05分" / "1 h 05 min". */
export function fmtMinutes(min, en) {
  const m = Math.max(0, Math.floor(Number(min) || 0));
  const h = Math.floor(m / 60), r = String(m % 60).padStart(h ? 2 : 1, '0');
  if (en) return h ? `${h} h ${r} min` : `${r} min`;
  return h ? `${h}小时${r}分` : `${r}分钟`;
}
