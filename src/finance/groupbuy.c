/* finance/groupbuy.c: the pure rules of group-buy reconciliation: reading a platform's
 * settlement statement with its column map, the three-way match per voucher, and the
 * settlement's journal entry. See groupbuy.h. No I/O here. */
#include "finance/groupbuy.h"

#include "core/bizday.h"
#include "core/csv.h"
#include "core/money.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const gb_field_keys[GB_F__MAX] = {"code", "verified_at", "face",       "paid",
                                              "fee",  "net",         "settled_on", "batch"};
const char *const gb_field_names_zh[GB_F__MAX] = {"券码",       "验券时间", "券面值",   "用户实付",
                                                  "平台服务费", "结算金额", "结算日期", "结算批次"};
const char *const gb_field_names_en[GB_F__MAX] = {
    "voucher code", "verified at", "face value",      "price paid",
    "platform fee", "settled net", "settlement date", "settlement batch"};

const char *const gb_class_keys[GB_CLASS__MAX] = {
    "matched", "bill_only", "statement_only", "amount_diff", "unsettled", "net_diff", "duplicate"};
const char *const gb_class_names_zh[GB_CLASS__MAX] = {
    "三方一致",     "已用未核销（对账单无此券）",   "对账单有、账单未用", "金额不符",
    "已核销未结算", "结算金额不符（≠实付−服务费）", "重复使用或重复结算"};
const char *const gb_class_names_en[GB_CLASS__MAX] = {"matched",
                                                      "used on a bill, not on any statement",
                                                      "on a statement, not used on any bill",
                                                      "face value or price paid differ",
                                                      "verified, not settled",
                                                      "settled net differs from price paid - fee",
                                                      "used twice or settled twice"};

/* Rows above the header that may be a title, the merchant's name, the period... */
#define HEADER_SEARCH_ROWS 20

/* ---- small text helpers ---- */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

static size_t utf8_len(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static bool has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return true;
    return false;
}

/* Splits a map entry into its spellings (trimmed, in place in buf). Returns how many. */
static int spellings(const char *entry, char *buf, size_t bufsize, char *out[], int max)
{
    snprintf(buf, bufsize, "%s", entry);
    int n = 0;
    char *p = buf;
    while (p && n < max) {
        char *bar = strchr(p, '|');
        if (bar) *bar = 0;
        out[n++] = trim(p);
        p = bar ? bar + 1 : NULL;
    }
    return n;
}

/* A header as written, without a money unit the platforms sometimes add: "结算金额（元）". */
static void header_base(const char *h, char *out, size_t n)
{
    static const char *const units[] = {"（元）", "(元)", "（￥）", "(￥)", "(¥)", "（¥）", NULL};
    snprintf(out, n, "%s", h);
    char *t = trim(out);
    if (t != out) memmove(out, t, strlen(t) + 1);
    size_t len = strlen(out);
    for (int i = 0; units[i]; i++) {
        size_t u = strlen(units[i]);
        if (len > u && strcmp(out + len - u, units[i]) == 0) {
            out[len - u] = 0;
            t = trim(out);
            break;
        }
    }
}

static bool header_is(const char *header, const char *spelling)
{
    char base[256];
    header_base(header, base, sizeof base);
    return *spelling && strcasecmp(base, spelling) == 0;
}

/* ---- the column map ---- */

bool gb_column_map_check(const struct gb_column_map *m, enum gb_field *field, char *zh, char *en)
{
    char bufs[GB_F__MAX][GB_HEADERS_MAX + 2];
    char *sp[GB_F__MAX][16];
    int nsp[GB_F__MAX];
    for (int f = 0; f < GB_F__MAX; f++) {
        *field = (enum gb_field)f;
        const char *e = m->headers[f];
        if (strlen(e) > GB_HEADERS_MAX) {
            snprintf(zh, 200, "“%s”列名太长（最多 %d 字节）", gb_field_names_zh[f], GB_HEADERS_MAX);
            snprintf(en, 200, "the %s header is too long (at most %d bytes)", gb_field_names_en[f],
                     GB_HEADERS_MAX);
            return false;
        }
        if (has_control(e)) {
            snprintf(zh, 200, "“%s”列名含有换行或控制字符", gb_field_names_zh[f]);
            snprintf(en, 200, "the %s header holds a control character", gb_field_names_en[f]);
            return false;
        }
        nsp[f] = 0;
        if (!*e) {
            if (f == GB_F_CODE) {
                snprintf(zh, 200, "必须指定券码所在的列");
                snprintf(en, 200, "the voucher code column must be named");
                return false;
            }
            continue;
        }
        nsp[f] = spellings(e, bufs[f], sizeof bufs[f], sp[f], 16);
        for (int i = 0; i < nsp[f]; i++)
            if (!*sp[f][i]) {
                snprintf(zh, 200, "“%s”列名有空的写法（多个写法用 | 分隔）", gb_field_names_zh[f]);
                snprintf(en, 200, "the %s header has an empty spelling (separate spellings with |)",
                         gb_field_names_en[f]);
                return false;
            }
    }
    for (int f = 0; f < GB_F__MAX; f++)
        for (int i = 0; i < nsp[f]; i++)
            for (int g = 0; g <= f; g++)
                for (int k = 0; k < nsp[g] && (g < f || k < i); k++)
                    if (strcasecmp(sp[f][i], sp[g][k]) == 0) {
                        *field = (enum gb_field)f;
                        snprintf(zh, 200, "列名“%.60s”同时用于“%s”和“%s”", sp[f][i],
                                 gb_field_names_zh[g], gb_field_names_zh[f]);
                        snprintf(en, 200, "the header \"%.60s\" is named for both %s and %s",
                                 sp[f][i], gb_field_names_en[g], gb_field_names_en[f]);
                        return false;
                    }
    return true;
}

/* ---- voucher codes, dates, times ---- */

bool gb_code_normalize(const char *in, char *out)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", in ? in : "");
    char *s = trim(buf);
    /* Excel's ways of keeping a number as text: '123 or ="123". */
    if (*s == '\'') s++;
    size_t n = strlen(s);
    if (n >= 3 && s[0] == '=' && s[1] == '"' && s[n - 1] == '"') {
        s[n - 1] = 0;
        s += 2;
    }
    size_t k = 0;
    for (; *s; s++) {
        char ch = *s;
        if (ch == ' ' || ch == '-' || ch == '\t') continue;
        if (ch >= 'a' && ch <= 'z') ch = (char)(ch - 'a' + 'A');
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9'))) return false;
        if (k == GB_CODE_MAX) return false;
        out[k++] = ch;
    }
    out[k] = 0;
    return k > 0;
}

/* "1.23457E+11": a long number Excel showed in scientific notation (the digits are lost). */
static bool scientific(const char *s)
{
    if (!(*s >= '0' && *s <= '9')) return false;
    s++;
    if (*s == '.') {
        s++;
        if (!(*s >= '0' && *s <= '9')) return false;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if (*s != 'E' && *s != 'e') return false;
    s++;
    if (*s == '+') s++;
    if (!(*s >= '0' && *s <= '9')) return false;
    while (*s >= '0' && *s <= '9')
        s++;
    return *s == 0;
}

/* Reads 1..max digits into *v; advances *p. */
static bool digits(const char **p, int max, int *v)
{
    int n = 0, x = 0;
    while (n < max && **p >= '0' && **p <= '9') {
        x = x * 10 + (**p - '0');
        (*p)++;
        n++;
    }
    *v = x;
    return n > 0;
}

/* A date and optional time as the platforms and Excel write them: "2025-01-06",
 * "2025/1/6", "2025-01-06 14:03", "2025-01-06T14:03:21", "2025/1/6 14:03:21". Writes
 * "YYYY-MM-DD" into day and "HH:MM:SS" into time ("" without a time). False if unreadable or
 * not a real date and time. */
static bool read_datetime(const char *s, char day[11], char time[9])
{
    int y, m, d, hh = 0, mm = 0, ss = 0;
    const char *p = s;
    if (!digits(&p, 4, &y) || p - s != 4 || (*p != '-' && *p != '/')) return false;
    char sep = *p++;
    if (!digits(&p, 2, &m) || *p != sep) return false;
    p++;
    if (!digits(&p, 2, &d)) return false;
    time[0] = 0;
    if (*p == ' ' || *p == 'T') {
        while (*p == ' ' || *p == 'T')
            p++;
        if (!digits(&p, 2, &hh) || *p != ':') return false;
        p++;
        const char *q = p;
        if (!digits(&p, 2, &mm) || p - q != 2) return false;
        if (*p == ':') {
            p++;
            q = p;
            if (!digits(&p, 2, &ss) || p - q != 2) return false;
        }
        if (hh > 23 || mm > 59 || ss > 59) return false;
        snprintf(time, 9, "%02u:%02u:%02u", (unsigned)hh % 100u, (unsigned)mm % 100u,
                 (unsigned)ss % 100u);
    }
    if (*p) return false;
    snprintf(day, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
    int64_t dn;
    return m >= 1 && m <= 12 && date_parse(day, &dn);
}

/* ---- reading a statement ---- */

struct reader {
    struct gb_statement *st;
    size_t cap;
};

__attribute__((format(printf, 5, 6))) static void issue(struct gb_statement *st, unsigned row,
                                                        const char *column, const char *en,
                                                        const char *zh_fmt, ...)
{
    if (st->nissues >= GB_MAX_ISSUES) return;
    struct gb_issue *is = &st->issues[st->nissues++];
    is->row = row;
    snprintf(is->column, sizeof is->column, "%s", column ? column : "");
    va_list ap;
    va_start(ap, zh_fmt);
    vsnprintf(is->zh, sizeof is->zh, zh_fmt, ap);
    va_end(ap);
    snprintf(is->en, sizeof is->en, "%s", en);
}

/* A total line at the foot of a statement: 合计, 总计, 小计, 汇总 in its first field. */
static bool total_line(struct csv *c)
{
    static const char *const words[] = {"合计", "总计", "小计", "汇总", NULL};
    for (size_t i = 0; i < c->nfields; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "%s", c->fields[i]);
        char *v = trim(buf);
        if (!*v) continue;
        for (int k = 0; words[k]; k++)
            if (strncmp(v, words[k], strlen(words[k])) == 0) return true;
        return false;
    }
    return false;
}

static bool blank_line(struct csv *c)
{
    for (size_t i = 0; i < c->nfields; i++) {
        const char *v = c->fields[i];
        while (*v == ' ' || *v == '\t' || *v == '\r')
            v++;
        if (*v) return false;
    }
    return true;
}

/* Finds the column of each mapped field in row c; report: a spelling found twice is an issue
 * (only for the header row itself). */
static void resolve_columns(struct gb_statement *st, struct csv *c, const struct gb_column_map *map,
                            int col[GB_F__MAX], bool report)
{
    for (int f = 0; f < GB_F__MAX; f++) {
        col[f] = -1;
        st->found[f][0] = 0;
        if (!map->headers[f][0]) continue;
        char buf[GB_HEADERS_MAX + 2];
        char *sp[16];
        int n = spellings(map->headers[f], buf, sizeof buf, sp, 16);
        for (int k = 0; k < n && col[f] < 0; k++)
            for (size_t i = 0; i < c->nfields; i++)
                if (header_is(c->fields[i], sp[k])) {
                    if (col[f] >= 0) {
                        if (report)
                            issue(st, (unsigned)c->line, sp[k], "the column appears twice",
                                  "列“%.60s”出现了两次", sp[k]);
                        break;
                    }
                    col[f] = (int)i;
                    snprintf(st->found[f], sizeof st->found[f], "%.60s", sp[k]);
                }
    }
}

/* The header row: the first of the first rows that names the code column. */
static bool find_header(struct gb_statement *st, struct csv *c, const struct gb_column_map *map,
                        int col[GB_F__MAX])
{
    for (int k = 0; k < HEADER_SEARCH_ROWS && csv_next(c); k++) {
        resolve_columns(st, c, map, col, false);
        if (col[GB_F_CODE] >= 0) {
            resolve_columns(st, c, map, col, true);
            st->header_line = (unsigned)c->line;
            return true;
        }
    }
    return false;
}

/* A money field: GB_UNKNOWN when empty; false (with an issue) when unreadable. */
static bool read_money(struct gb_statement *st, unsigned row, const char *head, const char *v,
                       int64_t *out)
{
    *out = GB_UNKNOWN;
    if (!*v) return true;
    int64_t fen = 0;
    enum money_parse_result r = money_parse(v, strlen(v), 0, &fen);
    if (r != MONEY_OK) {
        issue(st, row, head, money_parse_message(r, 1), "“%s”%s：“%.40s”", head,
              money_parse_message(r, 0), v);
        return false;
    }
    *out = fen;
    return true;
}

static bool grow(struct reader *r)
{
    struct gb_statement *st = r->st;
    if (st->n < r->cap) return true;
    size_t n = r->cap ? r->cap * 2 : 64;
    struct gb_row *rows = realloc(st->rows, n * sizeof *rows);
    if (!rows) return false;
    st->rows = rows;
    r->cap = n;
    return true;
}

/* Reads the fields of one data row into row; false (with issues) if any is wrong. */
static bool read_row(struct gb_statement *st, struct csv *c, const int col[GB_F__MAX],
                     const char *latest_day, struct gb_row *row)
{
    unsigned line = (unsigned)c->line;
    const char *v[GB_F__MAX];
    for (int f = 0; f < GB_F__MAX; f++)
        v[f] = col[f] >= 0 ? trim(c->fields[col[f]]) : "";
    char heads[GB_F__MAX][64];
    for (int f = 0; f < GB_F__MAX; f++)
        snprintf(heads[f], sizeof heads[f], "%s",
                 st->found[f][0] ? st->found[f] : gb_field_names_zh[f]);
    memset(row, 0, sizeof *row);
    row->line = line;
    bool good = true;

    const char *code = v[GB_F_CODE];
    if (!*code) {
        issue(st, line, heads[GB_F_CODE], "the voucher code is missing", "券码为空");
        good = false;
    } else if (scientific(code)) {
        issue(st, line, heads[GB_F_CODE],
              "the voucher code was turned into scientific notation by Excel (its digits are "
              "lost): export the statement again, or format the column as text",
              "券码被 Excel "
              "显示成了科学计数法（“%.40s”，位数已丢失）：请重新导出对账单，或把该列设为文本",
              code);
        good = false;
    } else if (!gb_code_normalize(code, row->code)) {
        issue(st, line, heads[GB_F_CODE],
              "a voucher code holds letters and digits only, at most 40",
              "券码只能由字母和数字组成（最多 40 位）：“%.60s”", code);
        good = false;
    }

    if (col[GB_F_VERIFIED_AT] >= 0) {
        char day[11], time[9];
        const char *x = v[GB_F_VERIFIED_AT];
        if (!*x) {
            issue(st, line, heads[GB_F_VERIFIED_AT], "the verification time is missing", "“%s”为空",
                  heads[GB_F_VERIFIED_AT]);
            good = false;
        } else if (!read_datetime(x, day, time)) {
            issue(st, line, heads[GB_F_VERIFIED_AT],
                  "not a date and time such as 2025-01-06 14:03:21",
                  "“%s”应为日期时间，如 2025-01-06 14:03:21：“%.40s”", heads[GB_F_VERIFIED_AT], x);
            good = false;
        } else {
            snprintf(row->verified_at, sizeof row->verified_at, "%s%s%s", day, time[0] ? " " : "",
                     time);
        }
    }

    good &= read_money(st, line, heads[GB_F_FACE], v[GB_F_FACE], &row->face_fen);
    good &= read_money(st, line, heads[GB_F_PAID], v[GB_F_PAID], &row->paid_fen);
    good &= read_money(st, line, heads[GB_F_FEE], v[GB_F_FEE], &row->fee_fen);
    good &= read_money(st, line, heads[GB_F_NET], v[GB_F_NET], &row->net_fen);

    const char *on = v[GB_F_SETTLED_ON];
    if (*on) {
        char day[11], time[9];
        if (!read_datetime(on, day, time)) {
            issue(st, line, heads[GB_F_SETTLED_ON], "not a date such as 2025-01-06",
                  "“%s”应为日期，如 2025-01-06：“%.40s”", heads[GB_F_SETTLED_ON], on);
            good = false;
        } else if (latest_day && *latest_day && strcmp(day, latest_day) > 0) {
            issue(st, line, heads[GB_F_SETTLED_ON],
                  "the settlement date is in the future: a payment that has not happened is not "
                  "settled yet",
                  "结算日期 %s 晚于今天（%s）：尚未到账的款项不能作为已结算导入", day, latest_day);
            good = false;
        } else if (row->verified_at[0] && strncmp(day, row->verified_at, 10) < 0) {
            /* A platform pays for a voucher after it is used, never before. */
            issue(st, line, heads[GB_F_SETTLED_ON],
                  "the settlement date is before the voucher was verified",
                  "结算日期 %s 早于验券时间 %.10s：平台只会在验券之后结算", day, row->verified_at);
            good = false;
        } else {
            snprintf(row->settled_day, sizeof row->settled_day, "%s", day);
            if (v[GB_F_NET][0] == 0) {
                issue(st, line, heads[GB_F_NET], "a settled row needs its settled net amount",
                      "已结算的行须有“%s”", heads[GB_F_NET]);
                good = false;
            }
        }
    }

    const char *batch = v[GB_F_BATCH];
    if (utf8_len(batch) > GB_BATCH_MAX || strlen(batch) > GB_BATCH_MAX) {
        issue(st, line, heads[GB_F_BATCH], "the batch number is too long (at most 64)",
              "“%s”太长（最多 64 个字符）", heads[GB_F_BATCH]);
        good = false;
    } else if (has_control(batch)) {
        issue(st, line, heads[GB_F_BATCH], "the batch number holds a control character",
              "“%s”含有换行或控制字符", heads[GB_F_BATCH]);
        good = false;
    } else {
        snprintf(row->batch, sizeof row->batch, "%s", batch);
    }
    /* The key of the row: its batch, else its settlement date, else "" (verified only). A
     * batch number on a row not settled is the platform's order number, not a settlement. */
    if (row->settled_day[0])
        snprintf(row->batch_key, sizeof row->batch_key, "%s",
                 row->batch[0] ? row->batch : row->settled_day);
    return good;
}

static int cmp_code_key(const void *a, const void *b)
{
    const struct gb_row *x = *(const struct gb_row *const *)a,
                        *y = *(const struct gb_row *const *)b;
    int c = strcmp(x->code, y->code);
    if (c) return c;
    c = strcmp(x->batch_key, y->batch_key);
    if (c) return c;
    return x->line < y->line ? -1 : x->line > y->line;
}

/* The same voucher twice in one batch, or settled in two batches, within the file. */
static bool check_duplicates(struct gb_statement *st)
{
    if (st->n < 2) return true;
    const struct gb_row **v = malloc(st->n * sizeof *v);
    if (!v) return false;
    for (size_t i = 0; i < st->n; i++)
        v[i] = &st->rows[i];
    qsort(v, st->n, sizeof *v, cmp_code_key);
    for (size_t i = 1; i < st->n; i++) {
        const struct gb_row *a = v[i - 1], *b = v[i];
        if (strcmp(a->code, b->code) != 0) continue;
        if (strcmp(a->batch_key, b->batch_key) == 0)
            issue(st, b->line, st->found[GB_F_CODE],
                  "the voucher appears twice in the file (same settlement)",
                  "券码 %s 在文件中重复（第 %u 行已有）", b->code, a->line);
        else if (a->settled_day[0] && b->settled_day[0])
            issue(st, b->line, st->found[GB_F_CODE],
                  "the voucher is settled twice in the file (two batches)",
                  "券码 %s 在文件中结算了两次（第 %u 行已结算）", b->code, a->line);
    }
    free(v);
    return true;
}

static int cmp_issue(const void *a, const void *b)
{
    const struct gb_issue *x = a, *y = b;
    return x->row < y->row ? -1 : x->row > y->row;
}

bool gb_parse_statement(const char *data, size_t len, const struct gb_column_map *map,
                        const char *latest_day, struct gb_statement *st)
{
    memset(st, 0, sizeof *st);
    st->encoding = "";
    st->issues = calloc(GB_MAX_ISSUES, sizeof *st->issues);
    if (!st->issues) return false;
    struct reader r = {st, 0};
    struct csv c;
    memset(&c, 0, sizeof c);
    bool ok = true;
    int col[GB_F__MAX];
    if (!data || len == 0) {
        issue(st, 0, "", "the file is empty", "文件是空的");
        goto out;
    }
    if (!csv_open(&c, data, len)) {
        issue(st, 0, "", "not CSV text (perhaps an Excel workbook): save it as CSV in Excel",
              "不是 CSV 文本（可能是 Excel 工作簿）：请在 Excel 中“另存为 CSV”后再导入");
        goto out;
    }
    st->encoding = c.encoding;
    if (!find_header(st, &c, map, col)) {
        issue(st, 0, gb_field_names_zh[GB_F_CODE],
              "no header row names the voucher code column (check the platform's column "
              "settings)",
              "没有找到券码列：表头应有“%.80s”（请检查该平台的列设置，或是否选错了平台）",
              map->headers[GB_F_CODE]);
        goto out;
    }
    size_t nheader = c.nfields;
    while (csv_next(&c)) {
        unsigned line = (unsigned)c.line;
        if (c.unterminated_quote) {
            issue(st, line, "", "a quote is never closed", "引号没有闭合");
            continue;
        }
        if (blank_line(&c)) continue;
        if (total_line(&c)) {
            st->skipped++;
            continue;
        }
        if (st->n >= GB_MAX_ROWS) {
            issue(st, line, "", "too many rows (at most 50,000 in one file)",
                  "行数太多（一个文件最多 50,000 行）");
            break;
        }
        if (c.nfields < nheader) {
            issue(st, line, "", "this row has fewer fields than the header",
                  "这一行只有 %zu 个字段，表头有 %zu 列", c.nfields, nheader);
            continue;
        }
        bool extra = false;
        for (size_t i = nheader; i < c.nfields; i++)
            if (*trim(c.fields[i])) extra = true;
        if (extra) {
            issue(st, line, "", "this row has more fields than the header (an unquoted comma?)",
                  "这一行的字段比表头多（是否有未加引号的逗号？）");
            continue;
        }
        if (!grow(&r)) {
            ok = false;
            goto out;
        }
        if (read_row(st, &c, col, latest_day, &st->rows[st->n])) st->n++;
    }
    if (!check_duplicates(st)) ok = false;
    qsort(st->issues, st->nissues, sizeof *st->issues, cmp_issue);
out:
    csv_close(&c);
    return ok;
}

void gb_statement_free(struct gb_statement *s)
{
    if (!s) return;
    free(s->rows);
    free(s->issues);
    memset(s, 0, sizeof *s);
}

/* ---- the three-way match ---- */

/* One bill use or statement row, for sorting both by voucher. */
struct ref {
    const char *platform, *code;
    bool is_row;
    size_t idx;
};

static int cmp_ref(const void *a, const void *b)
{
    const struct ref *x = a, *y = b;
    int c = strcmp(x->platform, y->platform);
    if (c) return c;
    c = strcmp(x->code, y->code);
    if (c) return c;
    if (x->is_row != y->is_row) return x->is_row ? 1 : -1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_voucher(const void *a, const void *b)
{
    const struct gb_voucher *x = a, *y = b;
    int c = strcmp(x->day, y->day);
    if (c) return c;
    c = strcmp(x->platform, y->platform);
    if (c) return c;
    return strcmp(x->code, y->code);
}

static bool in_range(const char *day, const char *from, const char *to)
{
    if (from && *from && strcmp(day, from) < 0) return false;
    if (to && *to && strcmp(day, to) > 0) return false;
    return true;
}

int64_t gb_row_paid(const struct gb_row *r, int64_t bill_paid_fen)
{
    if (r->paid_fen != GB_UNKNOWN) return r->paid_fen;
    if (bill_paid_fen != GB_UNKNOWN) return bill_paid_fen;
    return (r->net_fen != GB_UNKNOWN ? r->net_fen : 0) +
           (r->fee_fen != GB_UNKNOWN ? r->fee_fen : 0);
}

/* Classifies the voucher v from its bills b[0..nb) and rows r[0..nr). */
static void classify(struct gb_voucher *v, const struct gb_bill_use *const *b, int nb,
                     const struct gb_row *const *r, int nr)
{
    const struct gb_row *settled = NULL;
    const char *verified = NULL;
    for (int i = 0; i < nr; i++) {
        if (r[i]->settled_day[0]) {
            v->nsettled++;
            if (!settled) settled = r[i];
        }
        if (!verified && r[i]->verified_at[0]) verified = r[i]->verified_at;
    }
    v->nbills = nb;
    v->nrows = nr;
    v->bill = nb ? b[0] : NULL;
    v->row = settled ? settled : nr ? r[0] : NULL;
    if (v->bill)
        snprintf(v->day, sizeof v->day, "%s", v->bill->day);
    else if (verified)
        snprintf(v->day, sizeof v->day, "%.10s", verified);
    else if (settled)
        snprintf(v->day, sizeof v->day, "%s", settled->settled_day);

    unsigned c = 0;
    if (!nb) c |= 1u << GB_STATEMENT_ONLY;
    if (!nr) c |= 1u << GB_BILL_ONLY;
    if (nb > 1 || v->nsettled > 1) c |= 1u << GB_DUPLICATE;
    if (nr && !v->nsettled) c |= 1u << GB_UNSETTLED;
    if (v->bill && v->row) {
        if (v->row->face_fen != GB_UNKNOWN) v->face_diff_fen = v->row->face_fen - v->bill->face_fen;
        if (v->row->paid_fen != GB_UNKNOWN) v->paid_diff_fen = v->row->paid_fen - v->bill->paid_fen;
        if (v->face_diff_fen || v->paid_diff_fen) c |= 1u << GB_AMOUNT_DIFF;
    }
    if (settled) {
        int64_t paid = settled->paid_fen != GB_UNKNOWN ? settled->paid_fen
                       : v->bill                       ? v->bill->paid_fen
                                                       : GB_UNKNOWN;
        if (paid != GB_UNKNOWN) {
            int64_t fee = settled->fee_fen != GB_UNKNOWN ? settled->fee_fen : 0;
            v->net_diff_fen = settled->net_fen - (paid - fee);
            if (v->net_diff_fen) c |= 1u << GB_NET_DIFF;
        }
    }
    if (!c) c = 1u << GB_MATCHED;
    v->classes = c;

    if (v->bill)
        v->amount_fen = v->bill->paid_fen;
    else if (v->row && v->row->paid_fen != GB_UNKNOWN)
        v->amount_fen = v->row->paid_fen;
    else if (v->row && v->row->face_fen != GB_UNKNOWN)
        v->amount_fen = v->row->face_fen;
    else if (v->row)
        v->amount_fen = gb_row_paid(v->row, GB_UNKNOWN);
}

static void add_totals(struct gb_match *m, const struct gb_voucher *v)
{
    for (int k = 0; k < GB_CLASS__MAX; k++)
        if (v->classes & (1u << k)) {
            m->classes[k].count++;
            m->classes[k].amount_fen += v->amount_fen;
        }
    if (v->bill) {
        m->on_bills++;
        m->bills_face_fen += v->bill->face_fen;
        m->bills_paid_fen += v->bill->paid_fen;
    }
    if (v->nrows) m->on_statements++;
    if (v->nsettled) {
        const struct gb_row *r = v->row;
        m->settled++;
        m->settled_net_fen += r->net_fen;
        if (r->fee_fen != GB_UNKNOWN) m->settled_fee_fen += r->fee_fen;
        m->settled_paid_fen += gb_row_paid(r, v->bill ? v->bill->paid_fen : GB_UNKNOWN);
    }
}

bool gb_match(const struct gb_bill_use *bills, size_t nbills, const struct gb_row *rows,
              size_t nrows, const char *from, const char *to, struct gb_match *m)
{
    memset(m, 0, sizeof *m);
    struct ref *refs = malloc((nbills + nrows + 1) * sizeof *refs);
    const struct gb_bill_use **b = malloc((nbills + 1) * sizeof *b);
    const struct gb_row **r = malloc((nrows + 1) * sizeof *r);
    m->vouchers = malloc((nbills + nrows + 1) * sizeof *m->vouchers);
    if (!refs || !b || !r || !m->vouchers) {
        free(refs);
        free(b);
        free(r);
        gb_match_free(m);
        return false;
    }
    size_t n = 0;
    for (size_t i = 0; i < nbills; i++) {
        if (!bills[i].code[0]) {
            if (in_range(bills[i].day, from, to)) {
                m->uncoded++;
                m->uncoded_fen += bills[i].paid_fen;
            }
            continue;
        }
        refs[n++] = (struct ref){bills[i].platform, bills[i].code, false, i};
    }
    for (size_t i = 0; i < nrows; i++)
        refs[n++] = (struct ref){rows[i].platform, rows[i].code, true, i};
    qsort(refs, n, sizeof *refs, cmp_ref);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int nb = 0, nr = 0;
        while (j < n && strcmp(refs[j].platform, refs[i].platform) == 0 &&
               strcmp(refs[j].code, refs[i].code) == 0) {
            if (refs[j].is_row)
                r[nr++] = &rows[refs[j].idx];
            else
                b[nb++] = &bills[refs[j].idx];
            j++;
        }
        struct gb_voucher *v = &m->vouchers[m->n];
        memset(v, 0, sizeof *v);
        snprintf(v->platform, sizeof v->platform, "%s", refs[i].platform);
        snprintf(v->code, sizeof v->code, "%s", refs[i].code);
        classify(v, b, nb, r, nr);
        if (in_range(v->day, from, to)) {
            add_totals(m, v);
            m->n++;
        }
        i = j;
    }
    qsort(m->vouchers, m->n, sizeof *m->vouchers, cmp_voucher);
    free(refs);
    free(b);
    free(r);
    return true;
}

void gb_match_free(struct gb_match *m)
{
    if (!m) return;
    free(m->vouchers);
    memset(m, 0, sizeof *m);
}

/* ---- the settlement posting ---- */

void gb_posting_settlement(const struct gb_settlement *s, int64_t settlement_id, const char *memo,
                           struct journal_entry *e)
{
    journal_begin(e, s->day, "groupbuy", settlement_id, memo);
    journal_add(e, "bank", NULL, s->net_fen);
    journal_add(e, "exp_platform_fee", NULL, s->fee_fen);
    /* What the platform kept beyond its fee (or paid beyond the price): its discount. */
    journal_add(e, "contra_groupbuy", NULL, s->paid_fen - s->net_fen - s->fee_fen);
    journal_add(e, "ar_groupbuy", s->platform, -s->paid_fen);
}
