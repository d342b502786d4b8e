/* bizday.c: calendars, TZif zones and business days (see bizday.h). */
#include "core/bizday.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date. */
int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int *year, int *month, int *day)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t y = yoe + era * 400;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    *year = (int)(y + (m <= 2));
    *month = (int)m;
    *day = (int)d;
}

int weekday_from_days(int64_t z)
{
    return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

int64_t epoch_from_civil(const struct civil *c)
{
    return days_from_civil(c->year, c->month, c->day) * 86400 + c->hour * 3600 +
           c->minute * 60 + c->second;
}

void civil_from_epoch(int64_t epoch, struct civil *c)
{
    int64_t days = floor_div(epoch, 86400);
    int64_t rem = epoch - days * 86400;
    civil_from_days(days, &c->year, &c->month, &c->day);
    c->hour = (int)(rem / 3600);
    c->minute = (int)(rem % 3600 / 60);
    c->second = (int)(rem % 60);
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return dm[m - 1];
}

/* Reads exactly n digits at s into *v. */
static bool digits(const char *s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return true;
}

static bool date_fields(const char *s, int *y, int *m, int *d)
{
    if (!digits(s, 4, y) || s[4] != '-' || !digits(s + 5, 2, m) || s[7] != '-' ||
        !digits(s + 8, 2, d))
        return false;
    if (*y < 1900 || *y > 2999 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
        return false;
    return true;
}

bool date_parse(const char *s, int64_t *days)
{
    int y, m, d;
    if (!s || strlen(s) != 10 || !date_fields(s, &y, &m, &d)) return false;
    *days = days_from_civil(y, m, d);
    return true;
}

void date_format(int64_t days, char out[11])
{
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    /* Written digit by digit: years are 1900-2999 here, and gcc cannot prove the width. */
    y %= 10000;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = 0;
}

bool datetime_parse(const char *s, struct civil *c)
{
    size_t n = s ? strlen(s) : 0;
    if (n != 16 && n != 19) return false;
    if (!date_fields(s, &c->year, &c->month, &c->day)) return false;
    if ((s[10] != ' ' && s[10] != 'T') || !digits(s + 11, 2, &c->hour) || s[13] != ':' ||
        !digits(s + 14, 2, &c->minute))
        return false;
    c->second = 0;
    if (n == 19 && (s[16] != ':' || !digits(s + 17, 2, &c->second))) return false;
    return c->hour < 24 && c->minute < 60 && c->second < 60;
}

void iso_week(int64_t days, int *iso_year, int *week)
{
    int wd = weekday_from_days(days);          /* 0 = Sunday */
    int iso_wd = wd == 0 ? 7 : wd;             /* 1 = Monday ... 7 = Sunday */
    int64_t thursday = days - iso_wd + 4;      /* the Thursday of this ISO week */
    int y, m, d;
    civil_from_days(thursday, &y, &m, &d);
    *iso_year = y;
    *week = (int)((thursday - days_from_civil(y, 1, 1)) / 7 + 1);
}

bool hhmm_parse(const char *s, int *minutes)
{
    int h, m;
    if (!s || strlen(s) != 5 || !digits(s, 2, &h) || s[2] != ':' || !digits(s + 3, 2, &m))
        return false;
    if (h > 23 || m > 59) return false;
    *minutes = h * 60 + m;
    return true;
}

int64_t bizday_of_local(const struct civil *local, int cutoff_minutes)
{
    int64_t day = days_from_civil(local->year, local->month, local->day);
    if (local->hour * 60 + local->minute < cutoff_minutes) day--;
    return day;
}

/* ---- Time zones ------------------------------------------------------------------------- */

/* A POSIX TZ rule (the TZif footer) for instants after the last transition:
 * "CST-8" (no DST) or "EST5EDT,M3.2.0,M11.1.0". Only the M (month.week.day) form of the
 * transition dates is supported, which is what every current zone uses. */
struct tz_rule {
    bool present, has_dst;
    int32_t std_off, dst_off;           /* seconds east of UTC */
    int start_m, start_w, start_d, start_secs;
    int end_m, end_w, end_d, end_secs;
};

struct tz {
    int64_t *trans;   /* transition instants, ascending */
    uint8_t *idx;     /* offset index in force from trans[i] */
    int32_t *offs;    /* offsets of the local time types */
    uint32_t ntrans, ntypes;
    int32_t first_off; /* before the first transition */
    struct tz_rule rule;
};

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
    return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* Parses a POSIX offset "[+-]hh[:mm[:ss]]" (west positive, as POSIX writes it). */
static const char *posix_offset(const char *p, int32_t *secs_west)
{
    int sign = 1;
    if (*p == '+' || *p == '-') sign = *p++ == '-' ? -1 : 1;
    int h = 0, m = 0, s = 0;
    if (*p < '0' || *p > '9') return NULL;
    while (*p >= '0' && *p <= '9') h = h * 10 + (*p++ - '0');
    if (*p == ':') {
        p++;
        while (*p >= '0' && *p <= '9') m = m * 10 + (*p++ - '0');
        if (*p == ':') {
            p++;
            while (*p >= '0' && *p <= '9') s = s * 10 + (*p++ - '0');
        }
    }
    *secs_west = sign * (h * 3600 + m * 60 + s);
    return p;
}

static const char *posix_name(const char *p)
{
    if (*p == '<') {
        while (*p && *p != '>') p++;
        return *p ? p + 1 : NULL;
    }
    const char *start = p;
    while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) p++;
    return p - start >= 3 ? p : NULL;
}

static const char *posix_date(const char *p, int *m, int *w, int *d, int *secs)
{
    if (*p != 'M') return NULL;
    p++;
    if (sscanf(p, "%d.%d.%d", m, w, d) != 3) return NULL;
    while (*p && *p != '/' && *p != ',') p++;
    *secs = 7200;
    if (*p == '/') {
        int32_t v;
        p = posix_offset(p + 1, &v);
        if (!p) return NULL;
        *secs = v; /* a time of day: "/2" is 02:00 */
    }
    return p;
}

static void parse_rule(const char *s, struct tz_rule *r)
{
    memset(r, 0, sizeof *r);
    const char *p = posix_name(s);
    int32_t west;
    if (!p || !(p = posix_offset(p, &west))) return;
    r->std_off = -west;
    r->present = true;
    if (!*p) return;
    const char *q = posix_name(p);
    if (!q) return;
    r->dst_off = r->std_off + 3600;
    if (*q && *q != ',') {
        if (!(q = posix_offset(q, &west))) return;
        r->dst_off = -west;
    }
    if (*q != ',') return;
    q = posix_date(q + 1, &r->start_m, &r->start_w, &r->start_d, &r->start_secs);
    if (!q || *q != ',') return;
    q = posix_date(q + 1, &r->end_m, &r->end_w, &r->end_d, &r->end_secs);
    if (!q) return;
    r->has_dst = true;
}

/* Day number of the w-th (5 = last) weekday d of month m in year y. */
static int64_t rule_day(int y, int m, int w, int d)
{
    int64_t first = days_from_civil(y, m, 1);
    int64_t day = first + ((d - weekday_from_days(first)) + 7) % 7 + (w - 1) * 7;
    int64_t next = m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
    while (day >= next) day -= 7;
    return day;
}

static int32_t rule_offset(const struct tz_rule *r, int64_t utc)
{
    if (!r->has_dst) return r->std_off;
    struct civil c;
    civil_from_epoch(utc + r->std_off, &c);
    /* DST starts at start_secs local standard time, ends at end_secs local daylight time. */
    int64_t start = rule_day(c.year, r->start_m, r->start_w, r->start_d) * 86400 +
                    r->start_secs - r->std_off;
    int64_t end =
        rule_day(c.year, r->end_m, r->end_w, r->end_d) * 86400 + r->end_secs - r->dst_off;
    bool in_dst = start < end ? (utc >= start && utc < end) : !(utc >= end && utc < start);
    return in_dst ? r->dst_off : r->std_off;
}

static bool zone_name_ok(const char *name)
{
    if (!name || !*name || name[0] == '/' || strlen(name) > 64 || strstr(name, ".."))
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '/' || *p == '_' || *p == '-' || *p == '+'))
            return false;
    return true;
}

struct tz *tz_load(const char *name)
{
    if (!zone_name_ok(name)) return NULL;
    struct tz *tz = calloc(1, sizeof *tz);
    unsigned char *buf = NULL;
    FILE *f = NULL;
    if (!tz) return NULL;
    if (strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0) {
        tz->rule.present = true;
        return tz;
    }
    const char *dir = getenv("TZDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
    f = fopen(path, "rb");
    if (!f) goto fail;
    /* Zone files are a few KiB; 256 KiB is a generous cap against a wrong file. */
    enum { CAP = 256 * 1024 };
    buf = malloc(CAP);
    if (!buf) goto fail;
    size_t n = fread(buf, 1, CAP, f);
    if (n < 44 || memcmp(buf, "TZif", 4) != 0) goto fail;
    /* Skip the v1 (32-bit) block and read the v2+ (64-bit) block that follows it. */
    uint32_t cnt[6];
    for (int i = 0; i < 6; i++) cnt[i] = be32(buf + 20 + 4 * i);
    size_t v1 = 44 + cnt[3] * 5 + cnt[4] * 6 + cnt[5] + cnt[2] * 8 + cnt[1] + cnt[0];
    if (buf[4] < '2' || v1 + 44 > n || memcmp(buf + v1, "TZif", 4) != 0) goto fail;
    const unsigned char *h = buf + v1;
    uint32_t isutc = be32(h + 20), isstd = be32(h + 24), leap = be32(h + 28);
    uint32_t timecnt = be32(h + 32), typecnt = be32(h + 36), charcnt = be32(h + 40);
    size_t body = (size_t)timecnt * 9 + typecnt * 6 + charcnt + leap * 12 + isstd + isutc;
    if (typecnt == 0 || typecnt > 256 || v1 + 44 + body > n) goto fail;
    const unsigned char *p = h + 44;
    tz->trans = malloc(sizeof(int64_t) * (timecnt ? timecnt : 1));
    tz->idx = malloc(timecnt ? timecnt : 1);
    tz->offs = malloc(sizeof(int32_t) * typecnt);
    if (!tz->trans || !tz->idx || !tz->offs) goto fail;
    for (uint32_t i = 0; i < timecnt; i++) tz->trans[i] = be64(p + 8 * i);
    p += 8 * timecnt;
    for (uint32_t i = 0; i < timecnt; i++) {
        if (p[i] >= typecnt) goto fail;
        tz->idx[i] = p[i];
    }
    p += timecnt;
    for (uint32_t i = 0; i < typecnt; i++) tz->offs[i] = (int32_t)be32(p + 6 * i);
    tz->ntrans = timecnt;
    tz->ntypes = typecnt;
    tz->first_off = tz->offs[0];
    /* Footer: "\n<POSIX TZ>\n" after the body. */
    const unsigned char *foot = h + 44 + body;
    if (foot < buf + n && *foot == '\n') {
        char rule[128];
        size_t k = 0;
        foot++;
        while (foot < buf + n && *foot != '\n' && k + 1 < sizeof rule) rule[k++] = (char)*foot++;
        rule[k] = 0;
        parse_rule(rule, &tz->rule);
    }
    free(buf);
    fclose(f);
    return tz;
fail:
    free(buf);
    if (f) fclose(f);
    tz_free(tz);
    return NULL;
}

void tz_free(struct tz *tz)
{
    if (!tz) return;
    free(tz->trans);
    free(tz->idx);
    free(tz->offs);
    free(tz);
}

bool tz_valid(const char *name)
{
    struct tz *tz = tz_load(name);
    bool ok = tz != NULL;
    tz_free(tz);
    return ok;
}

int32_t tz_offset_at(const struct tz *tz, int64_t utc)
{
    if (tz->ntrans == 0 || utc < tz->trans[0])
        return tz->ntrans == 0 && tz->rule.present ? rule_offset(&tz->rule, utc) : tz->first_off;
    if (utc >= tz->trans[tz->ntrans - 1] && tz->rule.present) {
        /* After the last listed transition the footer rule governs. */
        if (!tz->rule.has_dst) return tz->rule.std_off;
        return rule_offset(&tz->rule, utc);
    }
    uint32_t lo = 0, hi = tz->ntrans; /* find last trans <= utc */
    while (hi - lo > 1) {
        uint32_t mid = (lo + hi) / 2;
        if (tz->trans[mid] <= utc) lo = mid;
        else hi = mid;
    }
    return tz->offs[tz->idx[lo]];
}

void tz_to_local(const struct tz *tz, int64_t utc, struct civil *local)
{
    civil_from_epoch(utc + tz_offset_at(tz, utc), local);
}

int64_t tz_from_local(const struct tz *tz, const struct civil *local)
{
    int64_t naive = epoch_from_civil(local);
    /* Try the offsets in force a day either side; the earliest consistent instant wins. */
    int32_t a = tz_offset_at(tz, naive - 86400), b = tz_offset_at(tz, naive + 86400);
    int64_t ua = naive - a, ub = naive - b;
    bool oka = tz_offset_at(tz, ua) == a, okb = tz_offset_at(tz, ub) == b;
    if (oka && okb) return ua < ub ? ua : ub;
    if (oka) return ua;
    if (okb) return ub;
    return ua; /* in a gap: read with the offset before it */
}

int64_t bizday_of_instant(const struct tz *tz, int cutoff_minutes, int64_t utc)
{
    struct civil c;
    tz_to_local(tz, utc, &c);
    return bizday_of_local(&c, cutoff_minutes);
}

int64_t bizday_start(const struct tz *tz, int cutoff_minutes, int64_t day)
{
    struct civil c;
    civil_from_days(day, &c.year, &c.month, &c.day);
    c.hour = cutoff_minutes / 60;
    c.minute = cutoff_minutes % 60;
    c.second = 0;
    return tz_from_local(tz, &c);
}
