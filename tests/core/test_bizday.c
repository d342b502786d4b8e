/* test_bizday.c: calendar, time zones and the business day (cases D1-D5). */
#include "core/bizday.h"
#include "harness.h"

static int64_t day(const char *s)
{
    int64_t d = 0;
    CHECK(date_parse(s, &d));
    return d;
}

static int64_t local_instant(const struct tz *tz, const char *s)
{
    struct civil c;
    CHECK(datetime_parse(s, &c));
    return tz_from_local(tz, &c);
}

static void calendar_round_trips(void)
{
    CHECK_INT(days_from_civil(1970, 1, 1), 0);
    CHECK_INT(days_from_civil(2000, 3, 1), 11017);
    int y, m, d;
    civil_from_days(days_from_civil(2024, 2, 29), &y, &m, &d);
    CHECK_INT(y * 10000 + m * 100 + d, 20240229);
    CHECK_INT(weekday_from_days(day("2021-12-31")), 5); /* a Friday */
    CHECK_INT(weekday_from_days(day("1969-12-31")), 3);
    char out[11];
    date_format(day("2019-02-05"), out);
    CHECK_STR(out, "2019-02-05");
    int64_t x;
    CHECK(!date_parse("2019-02-29", &x));
    CHECK(!date_parse("2019-2-5", &x));
    CHECK(!date_parse("2019-02-05x", &x));
    int iy, w;
    iso_week(day("2021-01-03"), &iy, &w);
    CHECK_INT(iy * 100 + w, 202053);
    iso_week(day("2019-02-05"), &iy, &w);
    CHECK_INT(iy * 100 + w, 201906);
}

/* D5: cut-off 06:00: 05:59 is the previous business day, 06:00 the new one. */
static void d5_same_boundary(void)
{
    struct civil c;
    CHECK(datetime_parse("2019-02-06 05:59:59", &c));
    CHECK_INT(bizday_of_local(&c, 360), day("2019-02-05"));
    CHECK(datetime_parse("2019-02-06 06:00:00", &c));
    CHECK_INT(bizday_of_local(&c, 360), day("2019-02-06"));
    CHECK(datetime_parse("2019-02-06 00:00", &c));
    CHECK_INT(bizday_of_local(&c, 0), day("2019-02-06"));
}

/* D1: opened Fri 31 Dec 22:10, settled Sat 1 Jan 01:40: business day Fri 31 Dec. */
static void d1_late_bill_belongs_to_friday(void)
{
    struct tz *tz = tz_load("Asia/Shanghai");
    CHECK(tz != NULL);
    if (!tz) return;
    int64_t settled = local_instant(tz, "2022-01-01 01:40:00");
    int64_t bd = bizday_of_instant(tz, 360, settled);
    CHECK_INT(bd, day("2021-12-31"));
    CHECK_INT(weekday_from_days(bd), 5);
    tz_free(tz);
}

/* D2: 07:30 local is 23:30 UTC the day before; the report day is the local one. */
static void d2_local_not_utc(void)
{
    struct tz *tz = tz_load("Asia/Shanghai");
    if (!tz) {
        CHECK(tz != NULL);
        return;
    }
    int64_t t = local_instant(tz, "2019-02-06 07:30:00");
    struct civil utc;
    civil_from_epoch(t, &utc);
    CHECK_INT(utc.day, 5);
    CHECK_INT(utc.hour, 23);
    CHECK_INT(bizday_of_instant(tz, 360, t), day("2019-02-06"));
    tz_free(tz);
}

/* D3: 23:59 to 00:01 lasts 2 minutes. D4: a 19:00-09:00 shift lasts 14 h, day it started. */
static void d3_d4_across_midnight(void)
{
    struct tz *tz = tz_load("Asia/Shanghai");
    if (!tz) {
        CHECK(tz != NULL);
        return;
    }
    int64_t a = local_instant(tz, "2019-02-05 23:59:00"), b = local_instant(tz, "2019-02-06 00:01:00");
    CHECK_INT(b - a, 120);
    int64_t s = local_instant(tz, "2019-02-05 19:00:00"), e = local_instant(tz, "2019-02-06 09:00:00");
    CHECK_INT(e - s, 14 * 3600);
    CHECK_INT(bizday_of_instant(tz, 360, s), day("2019-02-05"));
    tz_free(tz);
}

static void zones_and_daylight_saving(void)
{
    struct tz *sh = tz_load("Asia/Shanghai");
    struct tz *ny = tz_load("America/New_York");
    struct tz *utc = tz_load("UTC");
    CHECK(sh && ny && utc);
    if (!sh || !ny || !utc) goto out;
    CHECK_INT(tz_offset_at(sh, 1549300000), 8 * 3600);
    CHECK_INT(tz_offset_at(utc, 1549300000), 0);
    /* Far beyond any listed transition the footer rule decides. */
    struct civil c = {2040, 7, 1, 12, 0, 0};
    CHECK_INT(tz_offset_at(ny, epoch_from_civil(&c)), -4 * 3600);
    struct civil w = {2040, 1, 15, 12, 0, 0};
    CHECK_INT(tz_offset_at(ny, epoch_from_civil(&w)), -5 * 3600);
    /* 2019-11-03 01:30 happens twice in New York: the earlier (EDT) instant is taken. */
    struct civil o = {2019, 11, 3, 1, 30, 0};
    CHECK_INT(tz_from_local(ny, &o), epoch_from_civil(&o) + 4 * 3600);
    /* Business day start: 06:00 Shanghai = 22:00 UTC the day before. */
    CHECK_INT(bizday_start(sh, 360, day("2019-02-05")), day("2019-02-04") * 86400 + 22 * 3600);
    CHECK(tz_load("../etc/passwd") == NULL);
    CHECK(tz_load("No/Such_Zone") == NULL);
    CHECK(!tz_valid(""));
out:
    tz_free(sh);
    tz_free(ny);
    tz_free(utc);
}

static void parses_times(void)
{
    struct civil c;
    CHECK(datetime_parse("2019-01-17 22:05:21", &c));
    CHECK_INT(c.hour * 10000 + c.minute * 100 + c.second, 220521);
    CHECK(datetime_parse("2019-01-17T22:05", &c));
    CHECK(!datetime_parse("2019-01-17 24:00:00", &c));
    CHECK(!datetime_parse("2019/01/17 22:05:21", &c));
    int m;
    CHECK(hhmm_parse("06:00", &m));
    CHECK_INT(m, 360);
    CHECK(!hhmm_parse("6:00", &m));
    CHECK(!hhmm_parse("24:00", &m));
}

int main(void)
{
    RUN(calendar_round_trips);
    RUN(d5_same_boundary);
    RUN(d1_late_bill_belongs_to_friday);
    RUN(d2_local_not_utc);
    RUN(d3_d4_across_midnight);
    RUN(zones_and_daylight_saving);
    RUN(parses_times);
    return harness_finish("core/bizday");
}
