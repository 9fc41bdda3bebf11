/**
 * Timestamps for people: in the user's own time zone and locale, with the
 * zone's name so that a time is never mistaken for UTC or the other way
 * round. `container` and the start history store UTC (ISO 8601); only the
 * words on screen are local.
 */

/** Which locale and time zone to write in; the machine's own when left out (tests pin them). */
export interface TimeFormat {
  locale?: string;
  timeZone?: string;
}

/** `7 Aug 2026, 12:05 CEST` (en-GB in Berlin); the text unchanged when it is not a date. */
export function localTime(iso: string, format: TimeFormat = {}): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) {
    return iso;
  }
  return new Intl.DateTimeFormat(format.locale, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
    ...(format.timeZone !== undefined ? { timeZone: format.timeZone } : {}),
  }).format(time);
}
