# « 1 déc. 2026 », « 1 déc. 2026, 14:30 » (N: the French abbreviations with their full stop,
# « mars », « juin » unabbreviated).
DATE_FORMAT = "j N Y"
SHORT_DATE_FORMAT = "j N Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j N Y, H:i"
SHORT_DATETIME_FORMAT = "j N Y, H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1  # lundi
