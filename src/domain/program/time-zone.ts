/**
 * The program's time zone (decision 0021). A meeting's time is stored as the
 * wall-clock time where it is held, with a nominal Z; these functions place that
 * wall clock in the program's IANA zone, using only the zone data of the runtime
 * (Intl), so no time zone library is needed.
 */

/** Is this an IANA zone the runtime knows (e.g. America/Chicago)? */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{1,60}$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(zone: string, at: Date): Record<string, number> {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    });
    formatters.set(zone, format);
  }
  return Object.fromEntries(format.formatToParts(at).filter((p) => p.type !== "literal").map((p) => [p.type, Number(p.value)]));
}

/** The wall clock in a zone at a moment, as YYYY-MM-DDTHH:MM:SS. */
export function wallClockAt(zone: string, at: Date): string {
  const p = parts(zone, at);
  const pad = (n: number | undefined, width = 2) => String(n ?? 0).padStart(width, "0");
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** The zone's offset from UTC at a moment, in minutes (east positive). */
export function offsetMinutes(zone: string, at: Date): number {
  const wall = Date.parse(`${wallClockAt(zone, at)}Z`);
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** A change of offset: the moment, and the offsets before and after. */
export interface ZoneTransition {
  at: Date;
  from: number;
  to: number;
}

const DAY = 86_400_000;

/**
 * The zone's changes of offset between two moments: found day by day, then to the
 * minute by halving. Zones change at most a few times a year, never twice in a day.
 */
export function transitions(zone: string, start: Date, end: Date): ZoneTransition[] {
  const found: ZoneTransition[] = [];
  let before = start.getTime();
  let offset = offsetMinutes(zone, start);
  for (let t = before + DAY; t <= end.getTime() + DAY; t += DAY) {
    const next = offsetMinutes(zone, new Date(t));
    if (next !== offset) {
      let low = t - DAY;
      let high = t;
      while (high - low > 60_000) {
        const middle = low + Math.floor((high - low) / 120_000) * 60_000;
        if (offsetMinutes(zone, new Date(middle)) === offset) low = middle; else high = middle;
      }
      found.push({ at: new Date(high), from: offset, to: next });
      offset = next;
    }
    before = t;
  }
  return found;
}
