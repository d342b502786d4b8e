/* reports/range.c: the range of business days of a report request (see range.h). */
#include "reports/range.h"

#include "core/bizday.h"

#include <stdio.h>
#include <string.h>

static bool refuse(struct range_problem *why, const char *field, const char *code)
{
    why->field = field;
    why->code = code;
    return false;
}

/* Parses one date argument; an absent one leaves *present false. */
static bool one_date(const char *s, const char *field, const char *label_zh, const char *label_en,
                     int64_t *day, bool *present, struct range_problem *why)
{
    *present = s && *s;
    if (!*present) return true;
    if (date_parse(s, day)) return true;
    /* Echo what was typed, but only printable ASCII and cut short: it may be anything, and the
     * message must stay valid UTF-8 for the JSON reply. */
    char shown[28];
    size_t k = 0;
    for (const char *p = s; *p && k < 24; p++)
        shown[k++] = *p >= 0x20 && *p < 0x7F ? *p : '?';
    shown[k] = 0;
    snprintf(why->message_zh, sizeof why->message_zh,
             "%s“%s”无效：日期格式为 年-月-日（如 2019-02-05），且须是真实存在的日期", label_zh,
             shown);
    snprintf(why->message_en, sizeof why->message_en,
             "%s \"%s\" is not valid: dates are YYYY-MM-DD (e.g. 2019-02-05) and must exist",
             label_en, shown);
    return refuse(why, field, "invalid_date");
}

bool report_range_parse(const char *from, const char *to, int64_t last_day, int default_days,
                        int max_days, int64_t *from_day, int64_t *to_day, struct range_problem *why)
{
    memset(why, 0, sizeof *why);
    int64_t f = 0, t = 0;
    bool has_from, has_to;
    if (!one_date(from, "from", "开始日期", "start date", &f, &has_from, why) ||
        !one_date(to, "to", "结束日期", "end date", &t, &has_to, why))
        return false;
    if (!has_from && !has_to) {
        t = last_day;
        f = last_day - (default_days > 0 ? default_days : 1) + 1;
    } else if (!has_from) {
        f = t;
    } else if (!has_to) {
        t = f;
    }
    if (f > t) {
        snprintf(why->message_zh, sizeof why->message_zh, "结束日期不能早于开始日期");
        snprintf(why->message_en, sizeof why->message_en,
                 "the end date must not be before the start date");
        return refuse(why, "to", "range_reversed");
    }
    if (t - f + 1 > max_days) {
        snprintf(why->message_zh, sizeof why->message_zh,
                 "日期范围太长：最多 %d 天，请缩短范围或分段查询", max_days);
        snprintf(why->message_en, sizeof why->message_en,
                 "the range is too long: at most %d days; shorten it or ask in parts", max_days);
        return refuse(why, "to", "range_too_long");
    }
    *from_day = f;
    *to_day = t;
    return true;
}
