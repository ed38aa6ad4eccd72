// Reads .ics files with Mozilla's ical.js, as web calendars do, and prints every event's
// UID, summary, zone and start/end in UTC as JSON: {"<path>": [{uid, summary, zone, start, end}]}.
// Usage: node icaljs_events.cjs <ical.js module path> <file.ics>...
"use strict";
const fs = require("fs");
const [icalPath, ...files] = process.argv.slice(2);
const ICAL = require(icalPath);
const out = {};
for (const file of files) {
  const root = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
  out[file] = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      zone: event.startDate.zone ? event.startDate.zone.tzid : null,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
    };
  });
}
process.stdout.write(JSON.stringify(out));
