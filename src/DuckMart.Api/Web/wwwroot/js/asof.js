// The "As of" date-time picker and the request's asOf. A datetime-local input holds a wall-clock time with no
// zone; the request's time zone gives it one (as a date in a spec is midnight in that zone), so the builder
// sends an instant with its offset, "Z" in UTC. Pure functions: tested without a browser (tests/web/tree.test.mjs).

/** Minutes east of UTC in `zone` at the instant `utcMs` (Intl's "GMT+05:30"); throws RangeError for an unknown zone. */
export function offsetMinutes(zone, utcMs) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(new Date(utcMs)).find(p => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

function pad(n, width = 2) {
  return String(Math.abs(n)).padStart(width, '0');
}

function offsetText(minutes) {
  if (minutes === 0) return 'Z';
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/**
 * The instant for a datetime-local value ("2025-12-31T00:00" or with seconds) in `zone`:
 * "2025-12-31T00:00:00Z" in UTC, "2025-12-31T00:00:00-05:00" in America/New_York. Empty stays empty (asOf is then
 * the request's arrival). An unknown zone sends the wall time as UTC: the server reports the zone itself.
 */
export function toAsOf(local, zone = 'UTC') {
  const text = String(local ?? '').trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m) return text;
  const [, y, mo, d, h, mi, s = '00'] = m;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  let offset = 0;
  try {
    // The offset at the wall time read as UTC, then at the instant that gives: right on both sides of a DST change.
    offset = offsetMinutes(zone || 'UTC', wall);
    offset = offsetMinutes(zone || 'UTC', wall - offset * 60_000);
  } catch {
    offset = 0;
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${offsetText(offset)}`;
}

/** The datetime-local value showing an asOf (an instant, or a date meaning midnight) in `zone`; '' when it is not one. */
export function fromAsOf(asOf, zone = 'UTC') {
  const text = String(asOf ?? '').trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00`;
  const ms = Date.parse(text);
  if (!text.includes('T') || Number.isNaN(ms)) return '';
  let offset = 0;
  try { offset = offsetMinutes(zone || 'UTC', ms); } catch { offset = 0; }
  const t = new Date(ms + offset * 60_000);
  const seconds = t.getUTCSeconds();
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}T${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}${seconds ? `:${pad(seconds)}` : ''}`;
}
