/* sales/import.c: the pure rules of the bill import (see import.h). No SQL, no I/O. */
#include "sales/import.h"

#include "core/buf.h"
#include "core/csv.h"
#include "core/money.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *const import_file_names[IMPORT_NFILES] = {"bills.csv", "bill_lines.csv",
                                                      "bill_payments.csv"};

const char *const import_line_kinds[] = {"room",    "package", "goods", "min_spend",
                                         "service", "other",   NULL};
const char *const import_pay_methods[] = {"cash",    "wechat", "alipay", "card",  "member",
                                          "voucher", "credit", "mixed",  "other", NULL};

/* Chinese spellings a till or an Excel sheet uses for the kinds and methods. */
static const struct {
    const char *alias;
    int index;
} kind_aliases[] = {{"房费", 0},     {"包厢", 0}, {"套餐", 1},   {"商品", 2}, {"酒水", 2},
                    {"低消补足", 3}, {"低消", 3}, {"服务费", 4}, {"其他", 5}, {NULL, 0}},
  method_aliases[] = {{"现金", 0},   {"微信", 1}, {"微信支付", 1}, {"支付宝", 2},
                      {"银行卡", 3}, {"刷卡", 3}, {"会员", 4},     {"储值", 4},
                      {"会员卡", 4}, {"团购", 5}, {"团购券", 5},   {"券", 5},
                      {"挂账", 6},   {"混合", 7}, {"其他", 8},     {NULL, 0}};

/* ---- columns of the three files ---- */

struct colspec {
    const char *name;
    bool required;
    const char *aliases[4];
};

enum {
    B_NO,
    B_ROOM,
    B_TYPE,
    B_OPENED,
    B_CLOSED,
    B_STATUS,
    B_CASHIER,
    B_PHONE,
    B_BOOKER,
    B_GROSS,
    B_DISCOUNT,
    B_SERVICE,
    B_TOTAL,
    B_NOTE,
    B_NCOLS
};
static const struct colspec bill_cols[B_NCOLS] = {
    {"bill_no", true, {"账单号", "单号", "账单编号"}},
    {"room", false, {"房号", "房间", "包厢"}},
    {"room_type", false, {"房型", "包厢类型"}},
    {"opened_at", true, {"开台时间", "开房时间", "开始时间"}},
    {"closed_at", true, {"结账时间", "结束时间"}},
    {"status", true, {"状态", "账单状态"}},
    {"cashier", false, {"收银员"}},
    {"member_phone", false, {"会员手机", "会员电话", "手机号"}},
    {"booker", false, {"订房人", "营销经理"}},
    {"gross", false, {"应收", "消费金额", "应收金额"}},
    {"discount", false, {"优惠", "折扣", "优惠金额"}},
    {"service", false, {"服务费"}},
    {"total", true, {"实收", "实收金额", "合计"}},
    {"note", false, {"备注"}},
};

enum { L_NO, L_LINE, L_KIND, L_ITEM, L_QTY, L_UNIT, L_AMOUNT, L_NCOLS };
static const struct colspec line_cols[L_NCOLS] = {
    {"bill_no", true, {"账单号", "单号", "账单编号"}},
    {"line_no", false, {"行号", "序号"}},
    {"kind", true, {"类型", "类别"}},
    {"item", true, {"项目", "名称", "商品"}},
    {"qty", true, {"数量"}},
    {"unit_price", false, {"单价"}},
    {"amount", false, {"金额"}},
};

enum { P_NO, P_METHOD, P_AMOUNT, P_NCOLS };
static const struct colspec pay_cols[P_NCOLS] = {
    {"bill_no", true, {"账单号", "单号", "账单编号"}},
    {"method", true, {"方式", "支付方式", "付款方式"}},
    {"amount", true, {"金额", "付款金额"}},
};

/* Longest text fields, in characters (the tables' CHECKs) and bytes (struct bill's arrays). */
#define ROOM_MAX_CHARS 20
#define ROOM_TYPE_MAX_CHARS 50
#define PERSON_MAX_CHARS 50 /* cashier, booker */
#define PHONE_MAX_CHARS 20
#define NOTE_MAX_CHARS 200
#define ITEM_MAX_CHARS 100 /* products.name and packages.name allow 100 */
/* A line number or quantity beyond these is a typo, not a bill. */
#define LINE_NO_MAX 100000
#define QTY_MAX 1000000

/* ---- memory ---- */

static bool grow(void **p, uint32_t *cap, uint32_t need, size_t size)
{
    if (need <= *cap) return true;
    uint64_t n = *cap ? (uint64_t)*cap * 2 : 256;
    while (n < need)
        n *= 2;
    if (n > UINT32_MAX - 1) n = UINT32_MAX - 1;
    if (n < need) return false;
    void *q = realloc(*p, (size_t)n * size);
    if (!q) return false;
    *p = q;
    *cap = (uint32_t)n;
    return true;
}

/* ---- interned strings ---- */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static bool sym_eq(const struct import_model *m, uint32_t sym, const char *s, size_t n)
{
    const char *t = m->pool + m->sym_off[sym];
    return strncmp(t, s, n) == 0 && t[n] == 0;
}

static bool rehash(struct import_model *m, uint32_t cap)
{
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots) return false;
    for (uint32_t sym = 0; sym < m->nsym; sym++) {
        const char *t = m->pool + m->sym_off[sym];
        uint64_t h = hash_bytes(t, strlen(t));
        uint32_t i = (uint32_t)h & (cap - 1);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = sym + 1;
    }
    free(m->slots);
    m->slots = slots;
    m->slot_cap = cap;
    return true;
}

/* The symbol of s if interned, else IMPORT_NONE. */
static uint32_t sym_find(const struct import_model *m, const char *s)
{
    size_t n = strlen(s);
    uint32_t i = (uint32_t)hash_bytes(s, n) & (m->slot_cap - 1);
    while (m->slots[i]) {
        if (sym_eq(m, m->slots[i] - 1, s, n)) return m->slots[i] - 1;
        i = (i + 1) & (m->slot_cap - 1);
    }
    return IMPORT_NONE;
}

/* Interns s; returns its symbol, or IMPORT_NONE when memory runs out. */
static uint32_t intern(struct import_model *m, const char *s)
{
    size_t n = strlen(s);
    if (n == 0) return 0;
    uint64_t h = hash_bytes(s, n);
    uint32_t i = (uint32_t)h & (m->slot_cap - 1);
    while (m->slots[i]) {
        if (sym_eq(m, m->slots[i] - 1, s, n)) return m->slots[i] - 1;
        i = (i + 1) & (m->slot_cap - 1);
    }
    if (m->pool_len + n + 1 > UINT32_MAX) return IMPORT_NONE;
    if (m->pool_len + n + 1 > m->pool_cap) {
        size_t cap = m->pool_cap ? m->pool_cap * 2 : 65536;
        while (cap < m->pool_len + n + 1)
            cap *= 2;
        char *p = realloc(m->pool, cap);
        if (!p) return IMPORT_NONE;
        m->pool = p;
        m->pool_cap = cap;
    }
    uint32_t cap = m->sym_cap;
    if (!grow((void **)&m->sym_off, &cap, m->nsym + 1, sizeof *m->sym_off)) return IMPORT_NONE;
    uint32_t cap2 = m->sym_cap;
    if (!grow((void **)&m->sym_bill, &cap2, m->nsym + 1, sizeof *m->sym_bill)) return IMPORT_NONE;
    m->sym_cap = cap < cap2 ? cap : cap2;
    uint32_t sym = m->nsym++;
    m->sym_off[sym] = (uint32_t)m->pool_len;
    m->sym_bill[sym] = IMPORT_NONE;
    memcpy(m->pool + m->pool_len, s, n + 1);
    m->pool_len += n + 1;
    m->slots[i] = sym + 1;
    /* Keep the table at most half full so probes stay short. */
    if ((uint64_t)m->nsym * 2 > m->slot_cap && !rehash(m, m->slot_cap * 2)) {
        m->out_of_memory = true;
    }
    return sym;
}

const char *import_str(const struct import_model *m, uint32_t sym)
{
    if (sym == IMPORT_NONE || sym >= m->nsym) return "";
    return m->pool + m->sym_off[sym];
}

/* ---- issues ---- */

static void add_issue(struct import_model *m, int file, uint32_t row, const char *column,
                      uint32_t bill, bool warning, const char *zh, const char *en)
{
    if (!grow((void **)&m->issues, &m->issues_cap, m->nissues + 1, sizeof *m->issues)) {
        m->out_of_memory = true;
        return;
    }
    struct import_issue *is = &m->issues[m->nissues];
    memset(is, 0, sizeof *is);
    is->file = (uint8_t)file;
    is->row = row;
    is->bill = bill;
    is->warning = warning;
    snprintf(is->column, sizeof is->column, "%s", column ? column : "");
    is->zh = strdup(zh);
    is->en = strdup(en);
    if (!is->zh || !is->en) {
        free(is->zh);
        free(is->en);
        m->out_of_memory = true;
        return;
    }
    m->nissues++;
    if (warning) {
        m->nwarnings++;
    } else {
        m->nerrors++;
        if (bill != IMPORT_NONE) m->bills[bill].state = IMPORT_REJECTED;
    }
}

/* An error or warning: ZH and EN are parenthesised printf argument lists,
 * ISSUE(m, file, row, column, bill, warning, ("缺少 %s", x), ("missing %s", x)). */
#define PRINTF_ARGS(...) __VA_ARGS__
#define FORMAT_INTO(buf, ...) snprintf(buf, sizeof buf, __VA_ARGS__)
#define ISSUE(m, file, row, col, bill, warn, ZH, EN)                                               \
    do {                                                                                           \
        char zh_[600], en_[600];                                                                   \
        FORMAT_INTO(zh_, PRINTF_ARGS ZH);                                                          \
        FORMAT_INTO(en_, PRINTF_ARGS EN);                                                          \
        add_issue((m), (file), (row), (col), (bill), (warn), zh_, en_);                            \
    } while (0)

/* Seconds a closing may precede its opening and still be taken for clock skew. */
#define CLOCK_SKEW_MAX 600

/* A short quotation of a value for a message: at most 40 bytes, cut on a character boundary. */
static const char *quote(const char *v, char out[64])
{
    size_t n = strlen(v);
    if (n <= 40) {
        snprintf(out, 64, "%s", v);
        return out;
    }
    size_t k = 40;
    while (k > 0 && ((unsigned char)v[k] & 0xC0) == 0x80)
        k--;
    memcpy(out, v, k);
    memcpy(out + k, "…", sizeof "…");
    return out;
}

/* ---- reading a file ---- */

struct reader {
    struct import_model *m;
    int file;
    struct csv csv;
    int col[16];       /* spec column -> field index, -1 if absent */
    char head[16][64]; /* header text as written, per spec column */
    size_t nheader;    /* fields in the header row */
    const struct colspec *spec;
    int ncols;
    uint64_t rows;
    import_progress_fn progress;
    void *progress_ctx;
    struct import_span span;
};

static void file_error(struct import_model *m, int file, uint32_t row, const char *column,
                       const char *zh, const char *en)
{
    add_issue(m, file, row, column, IMPORT_NONE, false, zh, en);
    m->file_error = true;
}

/* Trims blanks around a header or value in place. */
static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = 0;
    return s;
}

static bool header_matches(const struct colspec *c, const char *h)
{
    if (strcasecmp(c->name, h) == 0) return true;
    for (int i = 0; i < 4 && c->aliases[i]; i++)
        if (strcmp(c->aliases[i], h) == 0) return true;
    return false;
}

/* Opens a file and reads its header. False (with a file error) if it cannot be used. */
static bool reader_open(struct reader *r, const char *data, size_t len)
{
    struct import_model *m = r->m;
    const char *name = import_file_names[r->file];
    for (int k = 0; k < r->ncols; k++)
        r->col[k] = -1;
    m->encoding[r->file] = "";
    if (!data) {
        ISSUE(m, r->file, 0, "", IMPORT_NONE, false, ("缺少文件 %s", name),
              ("the file %s is missing", name));
        m->file_error = true;
        return false;
    }
    if (len == 0) {
        ISSUE(m, r->file, 0, "", IMPORT_NONE, false, ("文件 %s 是空的", name),
              ("the file %s is empty", name));
        m->file_error = true;
        return false;
    }
    if (len > IMPORT_MAX_FILE_BYTES) {
        ISSUE(m, r->file, 0, "", IMPORT_NONE, false, ("文件 %s 太大（最多 1.5 GB）", name),
              ("the file %s is too large (at most 1.5 GB)", name));
        m->file_error = true;
        return false;
    }
    if (!csv_open(&r->csv, data, len)) {
        ISSUE(m, r->file, 0, "", IMPORT_NONE, false,
              ("文件 %s 不是 CSV 文本（可能是 Excel 工作簿或其他二进制文件）：请在 Excel "
               "中“另存为 CSV”后再导入",
               name),
              ("the file %s is not CSV text (perhaps an Excel workbook or another binary "
               "file): save it as CSV in Excel and import again",
               name));
        m->file_error = true;
        return false;
    }
    m->encoding[r->file] = r->csv.encoding;
    if (!csv_next(&r->csv)) {
        ISSUE(m, r->file, 1, "", IMPORT_NONE, false, ("文件 %s 没有表头行", name),
              ("the file %s has no header row", name));
        m->file_error = true;
        return false;
    }
    if (r->csv.unterminated_quote) {
        file_error(m, r->file, 1, "", "表头的引号没有闭合",
                   "a quote in the header is never closed");
        return false;
    }
    r->nheader = r->csv.nfields;
    bool ok = true;
    for (size_t i = 0; i < r->csv.nfields; i++) {
        char *h = trim(r->csv.fields[i]);
        if (!*h) continue; /* Excel's trailing empty columns */
        int found = -1;
        for (int k = 0; k < r->ncols; k++)
            if (header_matches(&r->spec[k], h)) found = k;
        char q[64];
        quote(h, q); /* before ISSUE: its message is formatted before its column argument */
        if (found < 0) {
            char known[400] = "";
            size_t w = 0;
            for (int k = 0; k < r->ncols && w < sizeof known - 40; k++)
                w += (size_t)snprintf(known + w, sizeof known - w, "%s%s", k ? ", " : "",
                                      r->spec[k].name);
            ISSUE(m, r->file, 1, q, IMPORT_NONE, false,
                  ("未知的列“%s”（可用的列：%s）", q, known),
                  ("unknown column \"%s\" (known columns: %s)", q, known));
            m->file_error = true;
            ok = false;
            continue;
        }
        if (r->col[found] >= 0) {
            ISSUE(m, r->file, 1, q, IMPORT_NONE, false, ("列“%s”重复出现", q),
                  ("the column \"%s\" appears twice", q));
            m->file_error = true;
            ok = false;
            continue;
        }
        r->col[found] = (int)i;
        snprintf(r->head[found], sizeof r->head[found], "%s", q);
    }
    for (int k = 0; k < r->ncols; k++) {
        if (r->col[k] < 0) snprintf(r->head[k], sizeof r->head[k], "%s", r->spec[k].name);
        if (r->spec[k].required && r->col[k] < 0) {
            ISSUE(m, r->file, 1, r->spec[k].name, IMPORT_NONE, false,
                  ("缺少必需的列“%s”", r->spec[k].name),
                  ("the required column \"%s\" is missing", r->spec[k].name));
            m->file_error = true;
            ok = false;
        }
    }
    return ok;
}

/* Reads the next data row. Fields are trimmed; the row's span is recorded. False at the end. */
static bool reader_next(struct reader *r)
{
    struct csv *c = &r->csv;
    size_t start = c->pos;
    if (!csv_next(c)) return false;
    while (start < c->len && (c->text[start] == '\r' || c->text[start] == '\n'))
        start++;
    size_t end = c->pos;
    while (end > start && (c->text[end - 1] == '\r' || c->text[end - 1] == '\n'))
        end--;
    r->span.start = start;
    r->span.len = (uint32_t)(end - start > UINT32_MAX ? UINT32_MAX : end - start);
    for (size_t i = 0; i < c->nfields; i++)
        c->fields[i] = trim(c->fields[i]);
    r->rows++;
    r->m->rows_read++;
    if (r->progress && r->rows % IMPORT_PROGRESS_EVERY == 0)
        r->progress(r->progress_ctx, import_file_names[r->file], r->rows);
    return true;
}

/* The value of spec column k on the current row ("" if the column is absent). */
static const char *field(struct reader *r, int k)
{
    int i = r->col[k];
    return i >= 0 && (size_t)i < r->csv.nfields ? r->csv.fields[i] : "";
}

/* Checks the shape of the row (quotes, field count). False if the row cannot be read at all. */
static bool row_shape_ok(struct reader *r, uint32_t bill)
{
    struct csv *c = &r->csv;
    uint32_t row = (uint32_t)c->line;
    if (c->unterminated_quote) {
        ISSUE(r->m, r->file, row, "", bill, false,
              ("引号没有闭合：从这一行起到文件末尾都被当成了一个字段%s", ""),
              ("a quote is never closed: everything from this row to the end of the file "
               "reads as one field%s",
               ""));
        return false;
    }
    if (c->nfields < r->nheader) {
        ISSUE(r->m, r->file, row, "", bill, false,
              ("这一行只有 %zu 个字段，表头有 %zu 列", c->nfields, r->nheader),
              ("this row has %zu fields but the header has %zu columns", c->nfields, r->nheader));
        return false;
    }
    for (size_t i = r->nheader; i < c->nfields; i++)
        if (c->fields[i][0]) {
            ISSUE(r->m, r->file, row, "", bill, false,
                  ("这一行有 %zu 个字段，比表头的 %zu 列多（是否有未加引号的逗号？）", c->nfields,
                   r->nheader),
                  ("this row has %zu fields, more than the %zu columns of the header (an "
                   "unquoted comma?)",
                   c->nfields, r->nheader));
            return false;
        }
    return true;
}

/* ---- field rules ---- */

/* Text of at most max_chars characters and max_bytes bytes, without control characters. */
static bool check_text(struct reader *r, int k, uint32_t bill, const char *v, size_t max_chars,
                       size_t max_bytes, const char *what_zh, const char *what_en)
{
    uint32_t row = (uint32_t)r->csv.line;
    size_t chars = 0, bytes = strlen(v);
    for (const unsigned char *p = (const unsigned char *)v; *p; p++) {
        if ((*p & 0xC0) != 0x80) chars++;
        if (*p < 0x20 && *p != '\t') {
            ISSUE(r->m, r->file, row, r->head[k], bill, false, ("%s含有换行或控制字符", what_zh),
                  ("%s contains a line break or a control character", what_en));
            return false;
        }
    }
    if (chars > max_chars || bytes > max_bytes) {
        ISSUE(r->m, r->file, row, r->head[k], bill, false,
              ("%s太长（最多 %zu 个字）", what_zh, max_chars),
              ("%s is too long (at most %zu characters)", what_en, max_chars));
        return false;
    }
    return true;
}

/* Interns a checked text field; 0 ("") when it is refused (issue added) or memory ran out. */
static uint32_t text_sym(struct reader *r, int k, uint32_t bill, size_t max_chars, size_t max_bytes,
                         const char *what_zh, const char *what_en)
{
    const char *v = field(r, k);
    if (!check_text(r, k, bill, v, max_chars, max_bytes, what_zh, what_en)) return 0;
    uint32_t s = intern(r->m, v);
    if (s == IMPORT_NONE) {
        r->m->out_of_memory = true;
        return 0;
    }
    return s;
}

/* Money: required or optional (absent: *present false, *fen 0). */
static bool read_money(struct reader *r, int k, uint32_t bill, bool required, bool negative,
                       int64_t *fen, bool *present)
{
    const char *v = field(r, k);
    *fen = 0;
    if (present) *present = false;
    if (!*v && !required) return true;
    enum money_parse_result res = money_parse(v, strlen(v), negative, fen);
    if (res != MONEY_OK) {
        char q[64];
        if (*v)
            ISSUE(r->m, r->file, (uint32_t)r->csv.line, r->head[k], bill, false,
                  ("%s：“%s”", money_parse_message(res, 0), quote(v, q)),
                  ("%s: \"%s\"", money_parse_message(res, 1), q));
        else
            add_issue(r->m, r->file, (uint32_t)r->csv.line, r->head[k], bill, false,
                      money_parse_message(res, 0), money_parse_message(res, 1));
        return false;
    }
    if (present) *present = true;
    return true;
}

/* A whole number within [min, max]. */
static bool read_int(struct reader *r, int k, uint32_t bill, int64_t min, int64_t max, int64_t *out,
                     const char *what_zh, const char *what_en)
{
    const char *v = field(r, k);
    char q[64];
    const char *p = v;
    bool neg = false;
    if (*p == '-' || *p == '+') neg = *p++ == '-';
    int64_t n = 0;
    bool digits = false;
    while (*p >= '0' && *p <= '9' && n <= max + 1) {
        n = n * 10 + (*p++ - '0');
        digits = true;
    }
    /* "3.0" from a spreadsheet is still three. */
    if (digits && *p == '.') {
        const char *z = p + 1;
        while (*z == '0')
            z++;
        if (!*z && z > p + 1) p = z;
    }
    if (!*v) {
        ISSUE(r->m, r->file, (uint32_t)r->csv.line, r->head[k], bill, false, ("%s为空", what_zh),
              ("%s is missing", what_en));
        return false;
    }
    if (!digits || *p) {
        ISSUE(r->m, r->file, (uint32_t)r->csv.line, r->head[k], bill, false,
              ("%s必须是整数：“%s”", what_zh, quote(v, q)),
              ("%s must be a whole number: \"%s\"", what_en, q));
        return false;
    }
    if (neg) n = -n;
    if (n < min || n > max) {
        ISSUE(r->m, r->file, (uint32_t)r->csv.line, r->head[k], bill, false,
              ("%s超出范围（%lld 到 %lld）：“%s”", what_zh, (long long)min, (long long)max,
               quote(v, q)),
              ("%s is out of range (%lld to %lld): \"%s\"", what_en, (long long)min, (long long)max,
               q));
        return false;
    }
    *out = n;
    return true;
}

static int find_word(const char *const *words, const char *v)
{
    for (int i = 0; words[i]; i++)
        if (strcasecmp(words[i], v) == 0) return i;
    return -1;
}

static bool read_time(struct reader *r, int k, uint32_t bill, const struct tz *tz, int64_t *out)
{
    const char *v = field(r, k);
    struct civil c;
    char q[64];
    if (!*v) {
        add_issue(r->m, r->file, (uint32_t)r->csv.line, r->head[k], bill, false, "时间为空",
                  "the time is missing");
        return false;
    }
    if (!datetime_parse(v, &c)) {
        ISSUE(r->m, r->file, (uint32_t)r->csv.line, r->head[k], bill, false,
              ("时间格式不对，应为 YYYY-MM-DD HH:MM:SS（例如 2019-01-17 22:05:21）：“%s”",
               quote(v, q)),
              ("not a time: write YYYY-MM-DD HH:MM:SS (e.g. 2019-01-17 22:05:21): \"%s\"", q));
        return false;
    }
    *out = tz_from_local(tz, &c);
    return true;
}

/* ---- bills.csv ---- */

static void read_bill_row(struct reader *r, const struct tz *tz)
{
    struct import_model *m = r->m;
    if (!grow((void **)&m->bills, &m->bills_cap, m->nbills + 1, sizeof *m->bills)) {
        m->out_of_memory = true;
        return;
    }
    uint32_t bi = m->nbills++;
    struct import_bill *b = &m->bills[bi];
    memset(b, 0, sizeof *b);
    b->row = (uint32_t)r->csv.line;
    b->span = r->span;
    b->first_line = b->first_payment = IMPORT_NONE;
    if (!row_shape_ok(r, bi)) return;
    uint32_t row = b->row;
    char q[64];

    /* bill_no: the key the other two files refer to. */
    const char *no = field(r, B_NO);
    if (!*no) {
        add_issue(m, r->file, row, r->head[B_NO], bi, false, "账单号为空", "bill_no is missing");
    } else if (check_text(r, B_NO, bi, no, BILL_NO_MAX, BILL_NO_MAX, "账单号", "bill_no")) {
        uint32_t sym = intern(m, no);
        if (sym == IMPORT_NONE) {
            m->out_of_memory = true;
            return;
        }
        b = &m->bills[bi];
        b->bill_no = sym;
        uint32_t first = m->sym_bill[sym];
        if (first != IMPORT_NONE) {
            ISSUE(m, r->file, row, r->head[B_NO], bi, false,
                  ("账单号 %s 重复：第 %u 行已有同号账单", quote(no, q), m->bills[first].row),
                  ("bill_no %s appears twice: row %u has the same number", q, m->bills[first].row));
            ISSUE(m, r->file, m->bills[first].row, r->head[B_NO], first, false,
                  ("账单号 %s 重复：第 %u 行又出现一次（无法确定明细和付款属于哪一张）", q, row),
                  ("bill_no %s appears again at row %u (its lines and payments cannot be told "
                   "apart)",
                   q, row));
        } else {
            m->sym_bill[sym] = bi;
        }
    }
    b->room = text_sym(r, B_ROOM, bi, ROOM_MAX_CHARS, 80, "房号", "room");
    b = &m->bills[bi];
    b->room_type = text_sym(r, B_TYPE, bi, ROOM_TYPE_MAX_CHARS, 200, "房型", "room_type");
    b = &m->bills[bi];
    b->cashier = text_sym(r, B_CASHIER, bi, PERSON_MAX_CHARS, 100, "收银员", "cashier");
    b = &m->bills[bi];
    b->booker = text_sym(r, B_BOOKER, bi, PERSON_MAX_CHARS, 100, "订房人", "booker");
    b = &m->bills[bi];
    b->note = text_sym(r, B_NOTE, bi, NOTE_MAX_CHARS, 400, "备注", "note");
    b = &m->bills[bi];
    const char *phone = field(r, B_PHONE);
    bool phone_ok = true;
    for (const char *p = phone; *p; p++)
        if (!((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == ' ')) phone_ok = false;
    if (!phone_ok)
        ISSUE(m, r->file, row, r->head[B_PHONE], bi, false,
              ("会员手机号只能包含数字、+ 和 -：“%s”", quote(phone, q)),
              ("member_phone may hold only digits, + and -: \"%s\"", q));
    else
        b->member_phone =
            text_sym(r, B_PHONE, bi, PHONE_MAX_CHARS, 40, "会员手机号", "member_phone");
    b = &m->bills[bi];

    bool opened_ok = read_time(r, B_OPENED, bi, tz, &b->opened_at);
    bool closed_ok = read_time(r, B_CLOSED, bi, tz, &b->closed_at);
    /* Old tills stamp the opening and the closing from different clocks: a closing a few
     * seconds "before" the opening is imported with a warning (16 legacy bills, at most 31 s).
     * Beyond CLOCK_SKEW_MAX it is not skew but a wrong date, and the bill is refused. */
    if (opened_ok && closed_ok && b->closed_at < b->opened_at) {
        long long early = (long long)(b->opened_at - b->closed_at);
        if (early <= CLOCK_SKEW_MAX)
            ISSUE(m, r->file, row, r->head[B_CLOSED], bi, true,
                  ("结账时间早于开台时间 %lld 秒，按原样导入", early),
                  ("closed %lld s before it was opened; imported as written", early));
        else
            ISSUE(m, r->file, row, r->head[B_CLOSED], bi, false,
                  ("结账时间早于开台时间 %lld 秒（超过 %d 分钟），请检查日期", early,
                   CLOCK_SKEW_MAX / 60),
                  ("closed %lld s before it was opened (more than %d minutes): check the dates",
                   early, CLOCK_SKEW_MAX / 60));
    }

    const char *status = field(r, B_STATUS);
    if (strcasecmp(status, "settled") == 0 || strcmp(status, "已结账") == 0 ||
        strcmp(status, "结账") == 0)
        b->voided = 0;
    else if (strcasecmp(status, "voided") == 0 || strcmp(status, "作废") == 0 ||
             strcmp(status, "已作废") == 0)
        b->voided = 1;
    else
        ISSUE(m, r->file, row, r->head[B_STATUS], bi, false,
              ("状态应为 settled（已结账）或 voided（作废）：“%s”", quote(status, q)),
              ("status must be settled or voided: \"%s\"", q));

    /* Money: total is the authority and required; gross may be derived from it. */
    bool total_present, gross_present, ok = true;
    if (!*field(r, B_TOTAL)) {
        if (!*field(r, B_GROSS))
            add_issue(m, r->file, row, r->head[B_TOTAL], bi, false,
                      "实收金额为空（应收金额也为空）：无法确定这张账单的金额",
                      "total is missing (and so is gross): the amount of the bill is unknown");
        else
            add_issue(m, r->file, row, r->head[B_TOTAL], bi, false,
                      "实收金额为空：无法确定这张账单收了多少钱",
                      "total is missing: what the bill took is unknown");
        ok = false;
    } else {
        ok &= read_money(r, B_TOTAL, bi, true, false, &b->total_fen, &total_present);
        ok &= read_money(r, B_GROSS, bi, false, false, &b->gross_fen, &gross_present);
    }
    ok &= read_money(r, B_DISCOUNT, bi, false, false, &b->discount_fen, NULL);
    ok &= read_money(r, B_SERVICE, bi, false, false, &b->service_fen, NULL);
    if (!ok) return;
    char t1[32], t2[32], t3[32], t4[32], t5[32];
    if (!gross_present) {
        b->gross_fen = b->total_fen + b->discount_fen - b->service_fen;
        if (b->gross_fen < 0) {
            ISSUE(m, r->file, row, r->head[B_GROSS], bi, false,
                  ("应收金额为空，按实收 + 优惠 - 服务费推算为负数 %s",
                   money_format(b->gross_fen, t1)),
                  ("gross is missing and total + discount - service is negative (%s)", t1));
            return;
        }
        b->gross_derived = true;
        ISSUE(m, r->file, row, r->head[B_GROSS], bi, true,
              ("应收金额为空，按实收 + 优惠 - 服务费推算为 %s", money_format(b->gross_fen, t1)),
              ("gross is missing; derived as total + discount - service = %s", t1));
    } else if (b->total_fen != b->gross_fen - b->discount_fen + b->service_fen) {
        ISSUE(m, r->file, row, r->head[B_TOTAL], bi, false,
              ("实收 %s 不等于 应收 %s - 优惠 %s + 服务费 %s = %s", money_format(b->total_fen, t1),
               money_format(b->gross_fen, t2), money_format(b->discount_fen, t3),
               money_format(b->service_fen, t4),
               money_format(b->gross_fen - b->discount_fen + b->service_fen, t5)),
              ("total %s is not gross %s - discount %s + service %s = %s", t1, t2, t3, t4, t5));
        return;
    }
    b->money_ok = true;
}

/* The bill a line or payment names, or IMPORT_NONE with an error. */
static uint32_t bill_of_row(struct reader *r, int k, uint32_t *bill_no_sym)
{
    const char *no = field(r, k);
    uint32_t row = (uint32_t)r->csv.line;
    char q[64];
    *bill_no_sym = 0;
    if (!*no) {
        add_issue(r->m, r->file, row, r->head[k], IMPORT_NONE, false, "账单号为空",
                  "bill_no is missing");
        return IMPORT_NONE;
    }
    uint32_t sym = sym_find(r->m, no);
    uint32_t bill = sym == IMPORT_NONE ? IMPORT_NONE : r->m->sym_bill[sym];
    if (bill == IMPORT_NONE) {
        ISSUE(r->m, r->file, row, r->head[k], IMPORT_NONE, false,
              ("账单号 %s 不在 bills.csv 中（找不到这条记录所属的账单）", quote(no, q)),
              ("bill_no %s is not in bills.csv (the bill this row belongs to is unknown)", q));
        /* Keep the number for the rejects file. */
        if (strlen(no) <= BILL_NO_MAX) *bill_no_sym = intern(r->m, no);
        if (*bill_no_sym == IMPORT_NONE) *bill_no_sym = 0;
        return IMPORT_NONE;
    }
    *bill_no_sym = sym;
    return bill;
}

/* ---- bill_lines.csv ---- */

static void read_line_row(struct reader *r)
{
    struct import_model *m = r->m;
    if (!grow((void **)&m->lines, &m->lines_cap, m->nlines + 1, sizeof *m->lines)) {
        m->out_of_memory = true;
        return;
    }
    uint32_t li = m->nlines++;
    struct import_line *l = &m->lines[li];
    memset(l, 0, sizeof *l);
    l->row = (uint32_t)r->csv.line;
    l->span = r->span;
    l->bill = IMPORT_NONE;
    uint32_t before = m->nerrors;
    if (!row_shape_ok(r, IMPORT_NONE)) {
        l->bad = true;
        return;
    }
    uint32_t bill_no;
    uint32_t bill = bill_of_row(r, L_NO, &bill_no);
    l = &m->lines[li];
    l->bill = bill;
    l->bill_no = bill_no;
    uint32_t row = l->row;
    char q[64];
    int64_t v;
    if (r->col[L_LINE] >= 0) {
        if (read_int(r, L_LINE, bill, 1, LINE_NO_MAX, &v, "行号", "line_no"))
            m->lines[li].line_no = (int32_t)v;
    } else if (bill != IMPORT_NONE) {
        /* No line_no column: lines are numbered in file order per bill (nlines counts here). */
        m->lines[li].line_no = (int32_t)++m->bills[bill].nlines;
    }
    const char *kind = field(r, L_KIND);
    int ki = find_word(import_line_kinds, kind);
    for (int i = 0; ki < 0 && kind_aliases[i].alias; i++)
        if (strcmp(kind_aliases[i].alias, kind) == 0) ki = kind_aliases[i].index;
    if (ki < 0)
        ISSUE(m, r->file, row, r->head[L_KIND], bill, false,
              ("类型应为 room, package, goods, min_spend, service 或 other：“%s”", quote(kind, q)),
              ("kind must be room, package, goods, min_spend, service or other: \"%s\"", q));
    else
        m->lines[li].kind = (uint8_t)ki;
    if (!*field(r, L_ITEM))
        add_issue(m, r->file, row, r->head[L_ITEM], bill, false, "项目名称为空", "item is missing");
    else {
        m->lines[li].item = text_sym(r, L_ITEM, bill, ITEM_MAX_CHARS, 200, "项目名称", "item");
    }
    int64_t qty = 0;
    bool qty_ok = read_int(r, L_QTY, bill, -QTY_MAX, QTY_MAX, &qty, "数量", "qty");
    l = &m->lines[li];
    l->qty = qty;
    bool unit_ok =
        read_money(r, L_UNIT, bill, false, false, &l->unit_price_fen, &l->has_unit_price);
    l = &m->lines[li];
    bool amount_ok = read_money(r, L_AMOUNT, bill, false, true, &l->amount_fen, &l->has_amount);
    l = &m->lines[li];
    if (qty_ok && unit_ok && amount_ok && l->has_unit_price && l->has_amount &&
        (__int128)l->unit_price_fen * l->qty != l->amount_fen) {
        char t1[32], t2[32], t3[40];
        snprintf(t3, sizeof t3, "%s", money_format(l->unit_price_fen * l->qty, t2));
        ISSUE(m, r->file, row, r->head[L_AMOUNT], bill, false,
              ("金额 %s 不等于 单价 %s × 数量 %lld = %s", money_format(l->amount_fen, t1),
               money_format(l->unit_price_fen, t2), (long long)l->qty, t3),
              ("amount %s is not unit_price %s x qty %lld = %s", t1, t2, (long long)l->qty, t3));
    }
    m->lines[li].bad = m->nerrors != before;
}

/* ---- bill_payments.csv ---- */

static void read_payment_row(struct reader *r)
{
    struct import_model *m = r->m;
    if (!grow((void **)&m->payments, &m->payments_cap, m->npayments + 1, sizeof *m->payments)) {
        m->out_of_memory = true;
        return;
    }
    uint32_t pi = m->npayments++;
    struct import_payment *p = &m->payments[pi];
    memset(p, 0, sizeof *p);
    p->row = (uint32_t)r->csv.line;
    p->span = r->span;
    p->bill = IMPORT_NONE;
    uint32_t before = m->nerrors;
    if (!row_shape_ok(r, IMPORT_NONE)) {
        p->bad = true;
        return;
    }
    uint32_t bill_no;
    uint32_t bill = bill_of_row(r, P_NO, &bill_no);
    p = &m->payments[pi];
    p->bill = bill;
    p->bill_no = bill_no;
    char q[64];
    const char *method = field(r, P_METHOD);
    int mi = find_word(import_pay_methods, method);
    for (int i = 0; mi < 0 && method_aliases[i].alias; i++)
        if (strcmp(method_aliases[i].alias, method) == 0) mi = method_aliases[i].index;
    if (mi < 0)
        ISSUE(m, r->file, p->row, r->head[P_METHOD], bill, false,
              ("付款方式应为 cash, wechat, alipay, card, member, voucher, credit, mixed 或 "
               "other：“%s”",
               quote(method, q)),
              ("method must be cash, wechat, alipay, card, member, voucher, credit, mixed or "
               "other: \"%s\"",
               q));
    else
        m->payments[pi].method = (uint8_t)mi;
    int64_t amount = 0;
    read_money(r, P_AMOUNT, bill, true, false, &amount, NULL);
    p = &m->payments[pi];
    p->amount_fen = amount;
    p->bad = m->nerrors != before;
}

/* ---- grouping and the checks across files ---- */

static int cmp_lines(const void *a, const void *b)
{
    const struct import_line *x = a, *y = b;
    if (x->bill != y->bill) return x->bill < y->bill ? -1 : 1;
    if (x->line_no != y->line_no) return x->line_no < y->line_no ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

static int cmp_payments(const void *a, const void *b)
{
    const struct import_payment *x = a, *y = b;
    if (x->bill != y->bill) return x->bill < y->bill ? -1 : 1;
    return x->row < y->row ? -1 : x->row > y->row;
}

static void group_and_check(struct import_model *m, const char *total_head)
{
    for (uint32_t i = 0; i < m->nbills; i++) {
        m->bills[i].nlines = m->bills[i].npayments = 0;
        m->bills[i].first_line = m->bills[i].first_payment = IMPORT_NONE;
    }
    /* (qsort of a NULL array, even of no elements, is undefined.) */
    if (m->nlines) qsort(m->lines, m->nlines, sizeof *m->lines, cmp_lines);
    if (m->npayments) qsort(m->payments, m->npayments, sizeof *m->payments, cmp_payments);
    for (uint32_t k = 0; k < m->nlines; k++) {
        struct import_line *l = &m->lines[k];
        if (l->bill == IMPORT_NONE) continue;
        struct import_bill *b = &m->bills[l->bill];
        if (b->first_line == IMPORT_NONE) b->first_line = k;
        b->nlines++;
        if (k > 0 && m->lines[k - 1].bill == l->bill && !l->bad && !m->lines[k - 1].bad &&
            m->lines[k - 1].line_no == l->line_no) {
            ISSUE(m, IMPORT_LINES, l->row, "line_no", l->bill, false,
                  ("账单 %s 的行号 %d 重复（第 %u 行已有）", import_str(m, b->bill_no),
                   (int)l->line_no, m->lines[k - 1].row),
                  ("line_no %d of bill %s appears twice (row %u has it)", (int)l->line_no,
                   import_str(m, b->bill_no), m->lines[k - 1].row));
            l->bad = true;
        }
    }
    bool *bad_pay = calloc(m->nbills ? m->nbills : 1, sizeof *bad_pay);
    if (!bad_pay) {
        m->out_of_memory = true;
        return;
    }
    for (uint32_t k = 0; k < m->npayments; k++) {
        struct import_payment *p = &m->payments[k];
        if (p->bill == IMPORT_NONE) continue;
        struct import_bill *b = &m->bills[p->bill];
        if (b->first_payment == IMPORT_NONE) b->first_payment = k;
        b->npayments++;
        if (p->bad)
            bad_pay[p->bill] = true;
        else
            b->paid_fen += p->amount_fen;
    }
    /* A bill's payments sum to its total (checked only when both sides could be read). */
    for (uint32_t i = 0; i < m->nbills; i++) {
        struct import_bill *b = &m->bills[i];
        if (!b->money_ok || bad_pay[i] || b->paid_fen == b->total_fen) continue;
        char t1[32], t2[32];
        if (b->npayments == 0)
            ISSUE(m, IMPORT_BILLS, b->row, total_head, i, false,
                  ("没有付款记录：实收 %s，bill_payments.csv 中没有这张账单的付款",
                   money_format(b->total_fen, t1)),
                  ("no payment: total %s, but bill_payments.csv has no payment for this bill", t1));
        else
            ISSUE(m, IMPORT_BILLS, b->row, total_head, i, false,
                  ("付款合计 %s 与实收 %s 不符", money_format(b->paid_fen, t1),
                   money_format(b->total_fen, t2)),
                  ("payments sum to %s, not the total %s", t1, t2));
    }
    free(bad_pay);
    m->rejected_bills = 0;
    m->rejected_rows = 0;
    for (uint32_t i = 0; i < m->nbills; i++)
        if (m->bills[i].state == IMPORT_REJECTED) {
            m->rejected_bills++;
            m->rejected_rows += 1 + m->bills[i].nlines + m->bills[i].npayments;
        }
    for (uint32_t k = 0; k < m->nlines; k++)
        if (m->lines[k].bill == IMPORT_NONE) m->rejected_rows++;
    for (uint32_t k = 0; k < m->npayments; k++)
        if (m->payments[k].bill == IMPORT_NONE) m->rejected_rows++;
}

/* ---- the whole read ---- */

static void read_file(struct import_model *m, int file, const char *data, size_t len,
                      const struct tz *tz, import_progress_fn progress, void *ctx,
                      char total_head[64])
{
    struct reader r;
    memset(&r, 0, sizeof r);
    r.m = m;
    r.file = file;
    r.progress = progress;
    r.progress_ctx = ctx;
    r.spec = file == IMPORT_BILLS ? bill_cols : file == IMPORT_LINES ? line_cols : pay_cols;
    r.ncols = file == IMPORT_BILLS ? B_NCOLS : file == IMPORT_LINES ? L_NCOLS : P_NCOLS;
    bool ok = reader_open(&r, data, len);
    if (file == IMPORT_BILLS) snprintf(total_head, 64, "%s", r.head[B_TOTAL]);
    /* Rows are only worth reading when every file so far is usable: otherwise every line would
     * be reported again as naming an unknown bill. */
    if (ok && !m->file_error) {
        while (!m->out_of_memory && reader_next(&r)) {
            if (file == IMPORT_BILLS)
                read_bill_row(&r, tz);
            else if (file == IMPORT_LINES)
                read_line_row(&r);
            else
                read_payment_row(&r);
        }
    }
    /* The text stays with the model for the rejects file. */
    m->text[file] = r.csv.text;
    m->text_len[file] = r.csv.len;
    r.csv.text = NULL;
    csv_close(&r.csv);
}

struct import_model *import_read(const char *const data[IMPORT_NFILES],
                                 const size_t len[IMPORT_NFILES], const struct tz *tz,
                                 import_progress_fn progress, void *progress_ctx)
{
    struct import_model *m = calloc(1, sizeof *m);
    if (!m) return NULL;
    m->slot_cap = 1024;
    m->slots = calloc(m->slot_cap, sizeof *m->slots);
    /* Symbol 0 is the empty string. */
    m->pool = malloc(65536);
    m->pool_cap = 65536;
    if (!m->slots || !m->pool || !grow((void **)&m->sym_off, &m->sym_cap, 1, sizeof(uint32_t))) {
        import_model_free(m);
        return NULL;
    }
    m->sym_bill = malloc(m->sym_cap * sizeof *m->sym_bill);
    if (!m->sym_bill) {
        import_model_free(m);
        return NULL;
    }
    m->pool[0] = 0;
    m->pool_len = 1;
    m->sym_off[0] = 0;
    m->sym_bill[0] = IMPORT_NONE;
    m->nsym = 1;
    char total_head[64] = "total";
    for (int f = 0; f < IMPORT_NFILES; f++)
        read_file(m, f, data[f], len[f], tz, progress, progress_ctx, total_head);
    if (!m->file_error && !m->out_of_memory) group_and_check(m, total_head);
    if (m->out_of_memory) {
        import_model_free(m);
        return NULL;
    }
    return m;
}

void import_model_free(struct import_model *m)
{
    if (!m) return;
    for (int f = 0; f < IMPORT_NFILES; f++)
        free(m->text[f]);
    for (uint32_t i = 0; i < m->nissues; i++) {
        free(m->issues[i].zh);
        free(m->issues[i].en);
    }
    free(m->issues);
    free(m->pool);
    free(m->sym_off);
    free(m->sym_bill);
    free(m->slots);
    free(m->bills);
    free(m->lines);
    free(m->payments);
    free(m);
}

/* Rejects valid bill i for a reason of its day (zh, en), like any invalid row. */
static void reject_for_day(struct import_model *m, uint32_t i, const char *zh, const char *en)
{
    struct import_bill *b = &m->bills[i];
    if (b->state != IMPORT_VALID) return;
    add_issue(m, IMPORT_BILLS, b->row, "closed_at", i, false, zh, en);
    if (b->state == IMPORT_REJECTED) {
        m->rejected_bills++;
        m->rejected_rows += 1 + b->nlines + b->npayments;
    }
}

void import_reject_locked(struct import_model *m, uint32_t i, const char *day)
{
    char zh[200], en[200];
    snprintf(zh, sizeof zh, "营业日 %s 已确认锁定，不能再导入该日的账单", day);
    snprintf(en, sizeof en, "business day %s is confirmed and locked; no bill may be imported into it",
             day);
    reject_for_day(m, i, zh, en);
}

void import_reject_future(struct import_model *m, uint32_t i, const char *day, const char *today)
{
    char zh[200], en[200];
    snprintf(zh, sizeof zh, "结账时间属于营业日 %s，晚于今天的营业日 %s：未来的账单不能导入", day,
             today);
    snprintf(en, sizeof en, "closed on business day %s, after today's %s: a bill cannot be in the future",
             day, today);
    reject_for_day(m, i, zh, en);
}

bool import_refused(const struct import_model *m, bool skip_invalid)
{
    return m->file_error || (m->nerrors > 0 && !skip_invalid);
}

void import_fill_bill(const struct import_model *m, uint32_t i, struct bill *b)
{
    const struct import_bill *ib = &m->bills[i];
    memset(b, 0, sizeof *b);
    snprintf(b->bill_no, sizeof b->bill_no, "%s", import_str(m, ib->bill_no));
    snprintf(b->room_no, sizeof b->room_no, "%s", import_str(m, ib->room));
    snprintf(b->room_type, sizeof b->room_type, "%s", import_str(m, ib->room_type));
    b->opened_at = ib->opened_at;
    b->closed_at = ib->closed_at;
    snprintf(b->status, sizeof b->status, "%s", ib->voided ? "voided" : "settled");
    snprintf(b->cashier, sizeof b->cashier, "%s", import_str(m, ib->cashier));
    snprintf(b->member_phone, sizeof b->member_phone, "%s", import_str(m, ib->member_phone));
    snprintf(b->booker, sizeof b->booker, "%s", import_str(m, ib->booker));
    snprintf(b->note, sizeof b->note, "%s", import_str(m, ib->note));
    b->gross_fen = ib->gross_fen;
    b->discount_fen = ib->discount_fen;
    b->service_fen = ib->service_fen;
    b->total_fen = ib->total_fen;
    snprintf(b->source, sizeof b->source, "import");
}

void import_fill_line(const struct import_model *m, uint32_t k, struct bill_line *l)
{
    const struct import_line *il = &m->lines[k];
    memset(l, 0, sizeof *l);
    l->line_no = il->line_no;
    snprintf(l->kind, sizeof l->kind, "%s", import_line_kinds[il->kind]);
    snprintf(l->item, sizeof l->item, "%s", import_str(m, il->item));
    l->qty = il->qty;
    l->has_unit_price = il->has_unit_price;
    l->has_amount = il->has_amount;
    l->unit_price_fen = il->unit_price_fen;
    l->amount_fen = il->amount_fen;
}

/* ---- the rejects file ---- */

struct issue_key {
    uint8_t file;
    uint32_t row;
    uint32_t index;
};

static int cmp_issue_keys(const void *a, const void *b)
{
    const struct issue_key *x = a, *y = b;
    if (x->file != y->file) return x->file < y->file ? -1 : 1;
    if (x->row != y->row) return x->row < y->row ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

struct rejects {
    const struct import_model *m;
    struct issue_key *keys;
    uint32_t nkeys;
    const uint32_t *first_issue; /* per bill */
    bool english;
    struct buf b;
};

/* Writes one rejected row: file,row,bill_no,reason,original. */
static void reject_row(struct rejects *x, int file, uint32_t row, const char *bill_no,
                       uint32_t bill, struct import_span span)
{
    const struct import_model *m = x->m;
    struct buf reason = {0};
    /* Its own errors: binary search for the first key of (file,row). */
    uint32_t lo = 0, hi = x->nkeys;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        const struct issue_key *k = &x->keys[mid];
        if (k->file < file || (k->file == file && k->row < row))
            lo = mid + 1;
        else
            hi = mid;
    }
    for (uint32_t i = lo; i < x->nkeys && x->keys[i].file == file && x->keys[i].row == row; i++) {
        const struct import_issue *is = &m->issues[x->keys[i].index];
        if (reason.len) buf_puts(&reason, x->english ? "; " : "；");
        if (is->column[0]) buf_printf(&reason, "%s: ", is->column);
        buf_puts(&reason, x->english ? is->en : is->zh);
    }
    if (!reason.len && bill != IMPORT_NONE && x->first_issue[bill] != IMPORT_NONE) {
        const struct import_issue *is = &m->issues[x->first_issue[bill]];
        if (x->english)
            buf_printf(&reason, "rejected with its bill %s (%s row %u: %s)", bill_no,
                       import_file_names[is->file], is->row, is->en);
        else
            buf_printf(&reason, "随所属账单 %s 一起拒收（%s 第 %u 行：%s）", bill_no,
                       import_file_names[is->file], is->row, is->zh);
    }
    buf_csv_field(&x->b, import_file_names[file]);
    buf_printf(&x->b, ",%u,", row);
    buf_csv_field(&x->b, bill_no);
    buf_puts(&x->b, ",");
    buf_csv_field(&x->b, reason.data ? reason.data : "");
    buf_puts(&x->b, ",");
    char *orig = NULL;
    if (m->text[file] && span.start + span.len <= m->text_len[file])
        orig = strndup(m->text[file] + span.start, span.len);
    buf_csv_field(&x->b, orig ? orig : "");
    buf_puts(&x->b, "\r\n");
    free(orig);
    buf_free(&reason);
}

char *import_rejects_csv(const struct import_model *m, bool english, size_t *len)
{
    struct rejects x = {.m = m, .english = english};
    x.keys = malloc(sizeof *x.keys * (m->nissues ? m->nissues : 1));
    uint32_t *first = malloc(sizeof *first * (m->nbills ? m->nbills : 1));
    if (!x.keys || !first) {
        free(x.keys);
        free(first);
        return NULL;
    }
    for (uint32_t i = 0; i < m->nbills; i++)
        first[i] = IMPORT_NONE;
    for (uint32_t i = 0; i < m->nissues; i++) {
        const struct import_issue *is = &m->issues[i];
        if (is->warning) continue;
        x.keys[x.nkeys++] = (struct issue_key){is->file, is->row, i};
        if (is->bill != IMPORT_NONE && first[is->bill] == IMPORT_NONE) first[is->bill] = i;
    }
    if (x.nkeys) qsort(x.keys, x.nkeys, sizeof *x.keys, cmp_issue_keys);
    x.first_issue = first;
    buf_puts(&x.b, "\xEF\xBB\xBF");
    buf_puts(&x.b, english ? "file,row,bill_no,reason,original\r\n"
                           : "文件,行号,账单号,原因,原始内容\r\n");
    for (uint32_t i = 0; i < m->nbills; i++) {
        const struct import_bill *b = &m->bills[i];
        if (b->state != IMPORT_REJECTED) continue;
        const char *no = import_str(m, b->bill_no);
        reject_row(&x, IMPORT_BILLS, b->row, no, i, b->span);
        for (uint32_t k = 0; b->first_line != IMPORT_NONE && k < b->nlines; k++) {
            const struct import_line *l = &m->lines[b->first_line + k];
            reject_row(&x, IMPORT_LINES, l->row, no, i, l->span);
        }
        for (uint32_t k = 0; b->first_payment != IMPORT_NONE && k < b->npayments; k++) {
            const struct import_payment *p = &m->payments[b->first_payment + k];
            reject_row(&x, IMPORT_PAYMENTS, p->row, no, i, p->span);
        }
    }
    for (uint32_t k = 0; k < m->nlines; k++)
        if (m->lines[k].bill == IMPORT_NONE)
            reject_row(&x, IMPORT_LINES, m->lines[k].row, import_str(m, m->lines[k].bill_no),
                       IMPORT_NONE, m->lines[k].span);
    for (uint32_t k = 0; k < m->npayments; k++)
        if (m->payments[k].bill == IMPORT_NONE)
            reject_row(&x, IMPORT_PAYMENTS, m->payments[k].row,
                       import_str(m, m->payments[k].bill_no), IMPORT_NONE, m->payments[k].span);
    free(x.keys);
    free(first);
    if (x.b.failed) {
        buf_free(&x.b);
        return NULL;
    }
    *len = x.b.len;
    return buf_take(&x.b);
}
