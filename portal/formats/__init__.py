"""Date and time formats (FORMAT_MODULE_PATH): one unambiguous day-month-year order in both
languages ("1 Dec 2026" / "1 déc. 2026") and a 24-hour clock, so that "12/01/2026" is never
read as 12 January in Malawi, Sri Lanka or Mauritius. Names not set here fall back to
Django's own locale formats (the input formats, for one)."""
