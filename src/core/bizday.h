/* bizday.h: calendar arithmetic, time zones and the business day (营业日).
 *
 * A venue's business day runs from its cut-off (default 06:00 local) to the next day's cut-off,
 * so a bill settled at 02:30 on the 5th belongs to the 4th. Instants are stored as UTC epoch
 * seconds; a day is a "YYYY-MM-DD" string or a day number (days since 1970-01-01).
 *
 * The calendar functions are pure. Time zones are read from the system's TZif files
 * (/usr/share/zoneinfo, or $TZDIR) once, into an immutable struct tz that is then used without
 * I/O; nothing here touches the process-wide TZ or localtime. */
#ifndef KTV_BIZDAY_H
#define KTV_BIZDAY_H

#include <stdbool.h>
#include <stdint.h>

struct civil {
    int year, month, day;   /* month 1-12, day 1-31 */
    int hour, minute, second;
};

/* Days since 1970-01-01 of a proleptic Gregorian date (negative before 1970). */
int64_t days_from_civil(int year, int month, int day);
/* The inverse of days_from_civil. */
void civil_from_days(int64_t days, int *year, int *month, int *day);
/* 0 = Sunday ... 6 = Saturday. */
int weekday_from_days(int64_t days);
/* Seconds since the epoch of a civil time taken as UTC, and back. */
int64_t epoch_from_civil(const struct civil *c);
void civil_from_epoch(int64_t epoch, struct civil *c);

/* Parses "YYYY-MM-DD" (exactly) into a day number; false if malformed or not a real date. */
bool date_parse(const char *s, int64_t *days);
/* Writes "YYYY-MM-DD" (11 bytes with NUL). */
void date_format(int64_t days, char out[11]);
/* Parses "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DDTHH:MM:SS" (seconds optional); validates ranges. */
bool datetime_parse(const char *s, struct civil *c);
/* ISO-8601 week: year and week number (1-53) of a day. */
void iso_week(int64_t days, int *iso_year, int *week);

/* Parses "HH:MM" into minutes after midnight (0-1439). */
bool hhmm_parse(const char *s, int *minutes);

/* The business day (day number) of a local civil time with a cut-off in minutes after
 * midnight: times before the cut-off belong to the previous day. Pure. */
int64_t bizday_of_local(const struct civil *local, int cutoff_minutes);

struct tz;

/* Loads a zone by IANA name ("Asia/Shanghai") or "UTC". Returns NULL if unknown or the name is
 * not a plain zone name (no "..", no leading '/'). The caller owns the result: tz_free. */
struct tz *tz_load(const char *name);
void tz_free(struct tz *tz);
/* True if name is a loadable zone. */
bool tz_valid(const char *name);

/* Offset from UTC in seconds (east positive) in force at a UTC instant. */
int32_t tz_offset_at(const struct tz *tz, int64_t utc);
/* Local civil time of a UTC instant. */
void tz_to_local(const struct tz *tz, int64_t utc, struct civil *local);
/* The UTC instant of a local civil time. In a gap (spring forward) the time is read with the
 * offset before the gap; in an overlap the earlier instant is taken. */
int64_t tz_from_local(const struct tz *tz, const struct civil *local);

/* The business day of a UTC instant for a venue's zone and cut-off. */
int64_t bizday_of_instant(const struct tz *tz, int cutoff_minutes, int64_t utc);

/* The UTC instant at which a business day starts (its local cut-off). */
int64_t bizday_start(const struct tz *tz, int cutoff_minutes, int64_t day);

#endif
