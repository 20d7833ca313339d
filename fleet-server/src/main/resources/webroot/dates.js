// Dates as the worker means them: in the browser's zone (the municipality's), never the UTC date that
// toISOString() gives (which before 01:00 Danish time is still yesterday).

/** The date of `d` in the browser's (the worker's) zone as yyyy-mm-dd, for date inputs; not the UTC date. */
export function localDate(d = new Date()) {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 10);
}

/** The date and minute of `d` in the browser's zone as yyyy-mm-ddThh:mm, for datetime-local inputs. */
export function localDateTime(d = new Date()) {
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}
