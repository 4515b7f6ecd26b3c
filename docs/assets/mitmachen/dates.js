/* Days: written YYYY-MM-DD into the file, shown the way the page's language writes them (22. November 2026). */

export class Day {
  constructor(iso) {
    this.iso = iso;
  }
}

export function today() {
  const d = new Date();
  return new Day(d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
    String(d.getDate()).padStart(2, "0"));
}

const LONG = new Intl.DateTimeFormat(document.documentElement.lang || "de",
  { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export function shown(day) {
  const [year, month, date] = day.iso.split("-").map(Number);
  return LONG.format(Date.UTC(year, month - 1, date));
}
