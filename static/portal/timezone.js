// Progressive enhancement for the timezone field (mentoring/timezones.py): where the field asks
// for it (data-tz-detect, the join page), preselect the zone this browser reports.
document.addEventListener("DOMContentLoaded", () => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone || !zone.includes("/")) return;
  for (const select of document.querySelectorAll("select[data-tz-detect]")) {
    let option = Array.from(select.options).find((o) => o.value === zone);
    if (!option) {
      option = new Option(zone.split("/").pop().replaceAll("_", " "), zone);
      select.prepend(option);
    }
    select.value = zone;
  }
});
