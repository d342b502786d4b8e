/* test_groupbuy_rules.c: the pure rules of group-buy reconciliation with hand-made data:
 * voucher codes, the column map check, reading statements (UTF-8 with a BOM and GBK files
 * built here, a title above the header, a total line, alternative spellings and a unit in a
 * header), every refusal with its row and column, the three-way match class by class, the
 * range, and the settlement posting. */
#include "finance/groupbuy.h"
#include "harness.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Meituan's map as the migration seeds it. */
static struct gb_column_map meituan_map(void)
{
    struct gb_column_map m;
    memset(&m, 0, sizeof m);
    static const char *const h[GB_F__MAX] = {
        "券码|团购券码|券号",         "验券时间|验证时间|消费时间", "券面值|门市价|原价",
        "用户实付|团购价|售卖价",     "平台服务费|佣金|技术服务费", "结算金额|商家应得|结算价",
        "结算日期|打款日期|结算时间", "结算批次|结算单号|打款批次"};
    for (int f = 0; f < GB_F__MAX; f++)
        snprintf(m.headers[f], sizeof m.headers[f], "%s", h[f]);
    return m;
}

/* Parses text (NUL-terminated) with the Meituan map and a latest day of 2025-01-31. */
static void parse(const char *text, struct gb_statement *st)
{
    struct gb_column_map m = meituan_map();
    CHECK(gb_parse_statement(text, strlen(text), &m, "2025-01-31", st));
}

/* The issue of row `row` (NULL if none). */
static const struct gb_issue *issue_at(const struct gb_statement *st, unsigned row)
{
    for (size_t i = 0; i < st->nissues; i++)
        if (st->issues[i].row == row) return &st->issues[i];
    return NULL;
}

/* ---- voucher codes ---- */

static void codes_are_normalised(void)
{
    char out[GB_CODE_MAX + 1];
    CHECK(gb_code_normalize(" 1234 5678-9012 ", out));
    CHECK_STR(out, "123456789012");
    CHECK(gb_code_normalize("mt8888", out));
    CHECK_STR(out, "MT8888");
    CHECK(gb_code_normalize("'0012345678", out)); /* Excel's text apostrophe; zeros kept */
    CHECK_STR(out, "0012345678");
    CHECK(gb_code_normalize("=\"0099\"", out));
    CHECK_STR(out, "0099");
    CHECK(!gb_code_normalize("", out));
    CHECK(!gb_code_normalize(" - ", out));
    CHECK(!gb_code_normalize("12/34", out));
    CHECK(!gb_code_normalize("券12", out));
    /* 40 characters are a code, 41 are not. */
    CHECK(gb_code_normalize("1234567890123456789012345678901234567890", out));
    CHECK(!gb_code_normalize("12345678901234567890123456789012345678901", out));
}

/* ---- the column map ---- */

static void column_map_check(void)
{
    enum gb_field f;
    char zh[200], en[200];
    struct gb_column_map m = meituan_map();
    CHECK(gb_column_map_check(&m, &f, zh, en));
    /* Only the code column is required. */
    struct gb_column_map one;
    memset(&one, 0, sizeof one);
    snprintf(one.headers[GB_F_CODE], sizeof one.headers[0], "Voucher");
    CHECK(gb_column_map_check(&one, &f, zh, en));
    one.headers[GB_F_CODE][0] = 0;
    CHECK(!gb_column_map_check(&one, &f, zh, en));
    CHECK_INT(f, GB_F_CODE);
    /* A spelling used by two fields would read one column twice. */
    m = meituan_map();
    snprintf(m.headers[GB_F_NET], sizeof m.headers[0], "结算金额|用户实付");
    CHECK(!gb_column_map_check(&m, &f, zh, en));
    CHECK_INT(f, GB_F_NET);
    CHECK(strstr(zh, "用户实付") != NULL);
    /* An empty spelling ("a||b") and a control character are refused. */
    m = meituan_map();
    snprintf(m.headers[GB_F_FEE], sizeof m.headers[0], "佣金||服务费");
    CHECK(!gb_column_map_check(&m, &f, zh, en));
    CHECK_INT(f, GB_F_FEE);
    m = meituan_map();
    snprintf(m.headers[GB_F_BATCH], sizeof m.headers[0], "批次\n");
    CHECK(!gb_column_map_check(&m, &f, zh, en));
    CHECK_INT(f, GB_F_BATCH);
}

/* ---- reading statements ---- */

/* A statement as Meituan's back office exports it, with a BOM: two title lines, the header
 * (结算金额 with its unit), three vouchers (one verified only), a total line. */
static const char *const STATEMENT_UTF8 =
    "\xEF\xBB\xBF"
    "美团开店宝 结算明细\r\n"
    "门店：星光KTV,,,,,,,\r\n"
    "券码,验券时间,券面值,用户实付,平台服务费,结算金额(元),结算日期,结算批次\r\n"
    "1234 5678 9012,2025-01-05 19:02:11,300.00,198.00,9.90,188.10,2025-01-06,JS20250106\r\n"
    "\"5555-6666-7777\",2025/1/5 20:15,100,68.5,3.43,65.07,2025/1/6,JS20250106\r\n"
    "888899990000,2025-01-06 21:00:00,300.00,198.00,,,,\r\n"
    "合计,,700.00,464.50,13.33,253.17,,\r\n";

static void reads_utf8_with_bom_and_title(void)
{
    struct gb_statement st;
    parse(STATEMENT_UTF8, &st);
    CHECK_INT(st.nissues, 0);
    CHECK_STR(st.encoding, "utf-8-bom");
    CHECK_INT(st.header_line, 3);
    CHECK_INT(st.n, 3);
    CHECK_INT(st.skipped, 1); /* 合计 */
    CHECK_STR(st.found[GB_F_CODE], "券码");
    CHECK_STR(st.found[GB_F_NET], "结算金额");
    CHECK_STR(st.found[GB_F_BATCH], "结算批次");
    if (st.n == 3) {
        const struct gb_row *a = &st.rows[0], *b = &st.rows[1], *c = &st.rows[2];
        CHECK_INT(a->line, 4);
        CHECK_STR(a->code, "123456789012");
        CHECK_STR(a->verified_at, "2025-01-05 19:02:11");
        CHECK_INT(a->face_fen, 30000);
        CHECK_INT(a->paid_fen, 19800);
        CHECK_INT(a->fee_fen, 990);
        CHECK_INT(a->net_fen, 18810);
        CHECK_STR(a->settled_day, "2025-01-06");
        CHECK_STR(a->batch, "JS20250106");
        CHECK_STR(a->batch_key, "JS20250106");
        /* Slashes, one-digit months and days, no seconds; 68.5 is 68.50. */
        CHECK_STR(b->code, "555566667777");
        CHECK_STR(b->verified_at, "2025-01-05 20:15:00");
        CHECK_INT(b->face_fen, 10000);
        CHECK_INT(b->paid_fen, 6850);
        CHECK_INT(b->fee_fen, 343);
        CHECK_INT(b->net_fen, 6507);
        CHECK_STR(b->settled_day, "2025-01-06");
        /* Verified, not settled: no amounts it does not give, no key. */
        CHECK_STR(c->code, "888899990000");
        CHECK_INT(c->fee_fen, GB_UNKNOWN);
        CHECK_INT(c->net_fen, GB_UNKNOWN);
        CHECK_STR(c->settled_day, "");
        CHECK_STR(c->batch_key, "");
    }
    gb_statement_free(&st);
}

/* The same statement saved by Chinese Excel: GBK, no BOM; Douyin's headers through the map's
 * second spellings (核销券码 is not in Meituan's map: a custom map names it). */
static void reads_gbk(void)
{
    const char *utf8 = "核销券码,核销时间,原价,实付金额,软件服务费,商家应得,结算时间\n"
                       "DY20250105001,2025-01-05 18:00:00,128.00,99.00,4.95,94.05,2025-01-07 "
                       "03:00:00\n";
    char gbk[512];
    iconv_t cd = iconv_open("GBK", "UTF-8");
    CHECK(cd != (iconv_t)-1);
    char *in = (char *)utf8, *out = gbk;
    size_t inleft = strlen(utf8), outleft = sizeof gbk;
    CHECK(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
    iconv_close(cd);
    size_t len = sizeof gbk - outleft;
    /* It really is not UTF-8 any more (the file a test of GBK needs). */
    CHECK(len < strlen(utf8));
    struct gb_column_map m;
    memset(&m, 0, sizeof m);
    static const char *const h[GB_F__MAX] = {
        "券码|核销券码",         "核销时间",          "券面值|原价",       "用户实付|实付金额",
        "平台服务费|软件服务费", "结算金额|商家应得", "结算日期|结算时间", "结算批次"};
    for (int f = 0; f < GB_F__MAX; f++)
        snprintf(m.headers[f], sizeof m.headers[f], "%s", h[f]);
    struct gb_statement st;
    CHECK(gb_parse_statement(gbk, len, &m, "2025-01-31", &st));
    CHECK_INT(st.nissues, 0);
    CHECK_STR(st.encoding, "gbk");
    CHECK_INT(st.n, 1);
    CHECK_STR(st.found[GB_F_CODE], "核销券码");
    CHECK_STR(st.found[GB_F_BATCH], ""); /* the map names it, the file has none */
    if (st.n == 1) {
        CHECK_STR(st.rows[0].code, "DY20250105001");
        CHECK_INT(st.rows[0].paid_fen, 9900);
        CHECK_INT(st.rows[0].net_fen, 9405);
        /* A settlement time is read as its date; without a batch the date is the key. */
        CHECK_STR(st.rows[0].settled_day, "2025-01-07");
        CHECK_STR(st.rows[0].batch_key, "2025-01-07");
    }
    gb_statement_free(&st);
}

/* Every problem with its CSV line, its column and a reason; the file is refused whole. */
static void refusals_name_row_and_column(void)
{
    struct gb_statement st;
    parse("券码,验券时间,券面值,用户实付,平台服务费,结算金额,结算日期,结算批次\n"
          "A1,2025-01-05 19:00:00,300.00,198.005,9.90,188.10,2025-01-06,B1\n"      /* line 2 */
          ",2025-01-05 19:00:00,300.00,198.00,9.90,188.10,2025-01-06,B1\n"         /* line 3 */
          "1.23457E+11,2025-01-05 19:00:00,300.00,198.00,,,,\n"                    /* line 4 */
          "A4,2025-02-30 19:00:00,300.00,198.00,,,,\n"                             /* line 5 */
          "A5,2025-01-05 19:00:00,300.00,198.00,9.90,,2025-01-06,B1\n"             /* line 6 */
          "A6,2025-01-05 19:00:00,300.00,198.00,9.90,188.10,2025-02-01,B9\n"       /* line 7 */
          "A7,2025-01-05 19:00:00,￥300,198.00,9.90,188.10,2025-01-06,B1\n"        /* line 8 */
          "A8,2025-01-05 19:00:00,300.00,198.00,9.90,188.10,2025-01-06,B1,extra\n" /* line 9 */
          "A9,2025-01-05 19:00:00,300.00\n"                                        /* line 10 */
          "A10,2025-01-05 19:00:00,300.00,-198.00,,,,\n"                           /* line 11 */
          "A11,,300.00,198.00,,,,\n"                                               /* line 12 */
          "A12,2025-01-05 19:00:00,300.00,198.00,9.90,188.10,2025-01-06,B1\n"      /* line 13 */
          "a-12,2025-01-05 19:00:00,300.00,198.00,9.90,188.10,2025-01-06,B1\n"     /* line 14 */
          "A13,2025-01-05 19:00:00,300.00,198.00,9.90,188.10,2025-01-06,B1\n"      /* line 15 */
          "A13,2025-01-05 19:00:00,300.00,198.00,9.90,188.10,2025-01-07,B2\n"      /* line 16 */
          "A14,2025-01-05 19:00:00,300.00,198.00,9.90,188.10,2025-01-04,B1\n",     /* line 17 */
          &st);
    const struct gb_issue *i;
    CHECK((i = issue_at(&st, 2)) && strcmp(i->column, "用户实付") == 0 &&
          strstr(i->zh, "198.005") && strstr(i->en, "decimal"));
    CHECK((i = issue_at(&st, 3)) && strcmp(i->column, "券码") == 0 && strstr(i->zh, "为空"));
    CHECK((i = issue_at(&st, 4)) && strcmp(i->column, "券码") == 0 && strstr(i->zh, "科学计数法"));
    CHECK((i = issue_at(&st, 5)) && strcmp(i->column, "验券时间") == 0);
    CHECK((i = issue_at(&st, 6)) && strcmp(i->column, "结算金额") == 0 &&
          strstr(i->zh, "已结算的行须有"));
    CHECK((i = issue_at(&st, 7)) && strcmp(i->column, "结算日期") == 0 &&
          strstr(i->zh, "2025-02-01"));
    CHECK((i = issue_at(&st, 8)) && strcmp(i->column, "券面值") == 0);
    CHECK((i = issue_at(&st, 9)) && strcmp(i->column, "") == 0 && strstr(i->zh, "字段比表头多"));
    CHECK((i = issue_at(&st, 10)) && strstr(i->zh, "只有 3 个字段"));
    CHECK((i = issue_at(&st, 11)) && strcmp(i->column, "用户实付") == 0);
    CHECK((i = issue_at(&st, 12)) && strcmp(i->column, "验券时间") == 0 && strstr(i->zh, "为空"));
    /* A12 and a-12 are one code: the same voucher twice in one batch. */
    CHECK(issue_at(&st, 13) == NULL);
    CHECK((i = issue_at(&st, 14)) && strstr(i->zh, "第 13 行已有"));
    /* A13 settled in two batches within the file. */
    CHECK(issue_at(&st, 15) == NULL);
    CHECK((i = issue_at(&st, 16)) && strstr(i->zh, "结算了两次"));
    /* Paid the day before it was used: no platform does that. */
    CHECK((i = issue_at(&st, 17)) && strcmp(i->column, "结算日期") == 0 &&
          strstr(i->zh, "早于验券时间 2025-01-05") && strstr(i->en, "before"));
    CHECK_INT(st.nissues, 14);
    /* The list is in file order. */
    for (size_t k = 1; k < st.nissues; k++)
        CHECK(st.issues[k - 1].row <= st.issues[k].row);
    gb_statement_free(&st);

    /* A file that is not one: empty, binary, without the code column. */
    parse("", &st);
    CHECK_INT(st.nissues, 1);
    CHECK_INT(st.issues[0].row, 0);
    gb_statement_free(&st);
    struct gb_column_map m = meituan_map();
    CHECK(gb_parse_statement("PK\x03\x04\x00\x01", 6, &m, NULL, &st));
    CHECK_INT(st.nissues, 1);
    CHECK(strstr(st.issues[0].zh, "不是 CSV") != NULL);
    gb_statement_free(&st);
    parse("订单号,金额\n1,2.00\n", &st);
    CHECK_INT(st.nissues, 1);
    CHECK(strstr(st.issues[0].zh, "没有找到券码列") != NULL);
    CHECK_INT(st.n, 0);
    gb_statement_free(&st);
}

/* ---- matching ---- */

static struct gb_bill_use bill(int64_t id, const char *day, const char *platform, const char *code,
                               int64_t face, int64_t paid)
{
    struct gb_bill_use b;
    memset(&b, 0, sizeof b);
    b.bill_id = id;
    snprintf(b.bill_no, sizeof b.bill_no, "F%lld", (long long)id);
    snprintf(b.day, sizeof b.day, "%s", day);
    snprintf(b.platform, sizeof b.platform, "%s", platform);
    snprintf(b.code, sizeof b.code, "%s", code);
    b.face_fen = face;
    b.paid_fen = paid;
    return b;
}

static struct gb_row row(int64_t id, const char *platform, const char *code, const char *verified,
                         int64_t face, int64_t paid, int64_t fee, int64_t net, const char *settled,
                         const char *batch)
{
    struct gb_row r;
    memset(&r, 0, sizeof r);
    r.id = id;
    snprintf(r.platform, sizeof r.platform, "%s", platform);
    snprintf(r.code, sizeof r.code, "%s", code);
    snprintf(r.verified_at, sizeof r.verified_at, "%s", verified);
    r.face_fen = face;
    r.paid_fen = paid;
    r.fee_fen = fee;
    r.net_fen = net;
    snprintf(r.settled_day, sizeof r.settled_day, "%s", settled);
    snprintf(r.batch, sizeof r.batch, "%s", batch);
    snprintf(r.batch_key, sizeof r.batch_key, "%s", *settled ? (*batch ? batch : settled) : "");
    return r;
}

static const struct gb_voucher *voucher(const struct gb_match *m, const char *platform,
                                        const char *code)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->vouchers[i].platform, platform) == 0 &&
            strcmp(m->vouchers[i].code, code) == 0)
            return &m->vouchers[i];
    return NULL;
}

#define U GB_UNKNOWN
#define IS(v, k) ((v) && ((v)->classes & (1u << (k))))

/* Ten vouchers, one story each (amounts in fen):
 *   M1  bill 300.00/198.00, settled 198.00 - 9.90 = 188.10          matched
 *   M2  bill 100.00/68.50, statement without a paid price,
 *       settled 65.07 + fee 3.43 = 68.50 = the bill's price           matched
 *   B1  bill 300.00/198.00, no statement                             bill only
 *   S1  statement 300/198 verified and settled 188.10, no bill       statement only
 *   D1  bill 300.00/198.00, statement says paid 188.00, settled
 *       178.60 + 9.40 = 188.00                                       amount differs (-10.00)
 *   U1  bill 300.00/198.00, verified, not settled                    unsettled
 *   N1  bill 300.00/198.00, settled 180.00 with fee 9.90:
 *       180.00 - (198.00 - 9.90) = -8.10                             net differs
 *   T1  on two bills, settled                                       duplicate
 *   X1  bill without a code (an old import)                          uncoded, not matched
 *   Q1  douyin: bill 128/99, settled 94.05 + 4.95                    matched (another platform)
 *   O1  bill on 2025-02-10 (out of the range), no statement          left out by the range */
static void three_way_classes(void)
{
    struct gb_bill_use bills[] = {
        bill(1, "2025-01-05", "meituan", "M1", 30000, 19800),
        bill(2, "2025-01-05", "meituan", "M2", 10000, 6850),
        bill(3, "2025-01-05", "meituan", "B1", 30000, 19800),
        bill(4, "2025-01-06", "meituan", "D1", 30000, 19800),
        bill(5, "2025-01-06", "meituan", "U1", 30000, 19800),
        bill(6, "2025-01-06", "meituan", "N1", 30000, 19800),
        bill(7, "2025-01-06", "meituan", "T1", 30000, 19800),
        bill(8, "2025-01-07", "meituan", "T1", 30000, 19800),
        bill(9, "2025-01-07", "meituan", "", 5000, 5000),
        bill(10, "2025-01-07", "douyin", "Q1", 12800, 9900),
        bill(11, "2025-02-10", "meituan", "O1", 30000, 19800),
    };
    struct gb_row rows[] = {
        row(1, "meituan", "M1", "2025-01-05 19:00:00", 30000, 19800, 990, 18810, "2025-01-06", "B"),
        row(2, "meituan", "M2", "2025-01-05 20:00:00", 10000, U, 343, 6507, "2025-01-06", "B"),
        row(3, "meituan", "S1", "2025-01-04 18:00:00", 30000, 19800, 990, 18810, "2025-01-06", "B"),
        row(4, "meituan", "D1", "2025-01-06 18:00:00", 30000, 18800, 940, 17860, "2025-01-07", "C"),
        row(5, "meituan", "U1", "2025-01-06 19:00:00", 30000, 19800, U, U, "", ""),
        row(6, "meituan", "N1", "2025-01-06 20:00:00", 30000, 19800, 990, 18000, "2025-01-07", "C"),
        row(7, "meituan", "T1", "2025-01-06 21:00:00", 30000, 19800, 990, 18810, "2025-01-07", "C"),
        row(8, "douyin", "Q1", "2025-01-07 18:00:00", 12800, 9900, 495, 9405, "2025-01-08", ""),
    };
    struct gb_match m;
    CHECK(gb_match(bills, 11, rows, 8, "2025-01-01", "2025-01-31", &m));
    /* Vouchers in range: M1 M2 B1 S1 D1 U1 N1 T1 Q1 = 9 (O1 is in February, X1 has no code). */
    CHECK_INT(m.n, 9);
    const struct gb_voucher *v;
    CHECK((v = voucher(&m, "meituan", "M1")) && v->classes == 1u << GB_MATCHED);
    CHECK((v = voucher(&m, "meituan", "M2")) && v->classes == 1u << GB_MATCHED);
    CHECK((v = voucher(&m, "meituan", "B1")) && v->classes == 1u << GB_BILL_ONLY);
    CHECK((v = voucher(&m, "meituan", "S1")) && v->classes == 1u << GB_STATEMENT_ONLY);
    /* S1 has no bill: its day is the verification date. */
    CHECK(v && strcmp(v->day, "2025-01-04") == 0 && v->amount_fen == 19800);
    CHECK((v = voucher(&m, "meituan", "D1")) && v->classes == 1u << GB_AMOUNT_DIFF);
    CHECK(v && v->paid_diff_fen == -1000 && v->face_diff_fen == 0 && v->net_diff_fen == 0);
    CHECK((v = voucher(&m, "meituan", "U1")) && v->classes == 1u << GB_UNSETTLED);
    CHECK((v = voucher(&m, "meituan", "N1")) && v->classes == 1u << GB_NET_DIFF);
    CHECK(v && v->net_diff_fen == -810);
    CHECK((v = voucher(&m, "meituan", "T1")) && v->classes == 1u << GB_DUPLICATE);
    CHECK(v && v->nbills == 2 && v->bill && v->bill->bill_id == 7);
    CHECK((v = voucher(&m, "douyin", "Q1")) && v->classes == 1u << GB_MATCHED);
    CHECK(voucher(&m, "meituan", "O1") == NULL);
    /* Counts and amounts (the price paid: the bill's, else the statement's):
     *   matched M1 198.00 + M2 68.50 + Q1 99.00 = 365.50 */
    CHECK_INT(m.classes[GB_MATCHED].count, 3);
    CHECK_INT(m.classes[GB_MATCHED].amount_fen, 36550);
    CHECK_INT(m.classes[GB_BILL_ONLY].count, 1);
    CHECK_INT(m.classes[GB_BILL_ONLY].amount_fen, 19800);
    CHECK_INT(m.classes[GB_STATEMENT_ONLY].count, 1);
    CHECK_INT(m.classes[GB_STATEMENT_ONLY].amount_fen, 19800);
    CHECK_INT(m.classes[GB_AMOUNT_DIFF].count, 1);
    CHECK_INT(m.classes[GB_UNSETTLED].count, 1);
    CHECK_INT(m.classes[GB_NET_DIFF].count, 1);
    CHECK_INT(m.classes[GB_DUPLICATE].count, 1);
    /* On bills: M1 M2 B1 D1 U1 N1 T1 Q1 = 8; face 300 x 6 + 100 + 128 = 2028.00;
     * paid 198 x 6 + 68.50 + 99 = 1355.50. */
    CHECK_INT(m.on_bills, 8);
    CHECK_INT(m.bills_face_fen, 202800);
    CHECK_INT(m.bills_paid_fen, 135550);
    CHECK_INT(m.on_statements, 8);
    /* Settled: M1 M2 S1 D1 N1 T1 Q1 = 7; net 188.10 + 65.07 + 188.10 + 178.60 + 180.00 + 188.10
     * + 94.05 = 1082.02; fees 9.90 + 3.43 + 9.90 + 9.40 + 9.90 + 9.90 + 4.95 = 57.38;
     * prices cleared 198 + 68.50 (the bill's) + 198 + 188 + 198 + 198 + 99 = 1147.50. */
    CHECK_INT(m.settled, 7);
    CHECK_INT(m.settled_net_fen, 108202);
    CHECK_INT(m.settled_fee_fen, 5738);
    CHECK_INT(m.settled_paid_fen, 114750);
    CHECK_INT(m.uncoded, 1);
    CHECK_INT(m.uncoded_fen, 5000);
    /* Sorted by day: S1 (01-04) first. */
    CHECK_STR(m.vouchers[0].code, "S1");
    gb_match_free(&m);

    /* A narrower range: 2025-01-06 only: D1 U1 N1 T1 (T1's first bill is on the 6th). */
    CHECK(gb_match(bills, 11, rows, 8, "2025-01-06", "2025-01-06", &m));
    CHECK_INT(m.n, 4);
    CHECK_INT(m.classes[GB_MATCHED].count, 0);
    CHECK_INT(m.uncoded, 0);
    gb_match_free(&m);
    /* No range at all: every voucher, O1 too (bill only). */
    CHECK(gb_match(bills, 11, rows, 8, NULL, "", &m));
    CHECK_INT(m.n, 10);
    CHECK_INT(m.classes[GB_BILL_ONLY].count, 2);
    gb_match_free(&m);
}

/* A voucher in several classes at once, and a face value that differs. */
static void several_classes(void)
{
    struct gb_bill_use bills[] = {bill(1, "2025-01-05", "meituan", "F1", 25000, 19800)};
    struct gb_row rows[] = {
        /* Face 300 on the statement (the till applied 250 of it), verified only. */
        row(1, "meituan", "F1", "2025-01-05 19:00:00", 30000, 19800, U, U, "", ""),
        /* Not on a bill and not settled: two classes. */
        row(2, "meituan", "Z1", "2025-01-05 20:00:00", 30000, 19800, U, U, "", ""),
    };
    struct gb_match m;
    CHECK(gb_match(bills, 1, rows, 2, NULL, NULL, &m));
    const struct gb_voucher *v = voucher(&m, "meituan", "F1");
    CHECK(v && v->classes == ((1u << GB_AMOUNT_DIFF) | (1u << GB_UNSETTLED)));
    CHECK(v && v->face_diff_fen == 5000 && v->paid_diff_fen == 0);
    v = voucher(&m, "meituan", "Z1");
    CHECK(v && v->classes == ((1u << GB_STATEMENT_ONLY) | (1u << GB_UNSETTLED)));
    CHECK_INT(m.classes[GB_UNSETTLED].count, 2);
    CHECK_INT(m.classes[GB_UNSETTLED].amount_fen, 39600);
    CHECK_INT(m.classes[GB_MATCHED].count, 0);
    gb_match_free(&m);
    /* Nothing at all. */
    CHECK(gb_match(NULL, 0, NULL, 0, NULL, NULL, &m));
    CHECK_INT(m.n, 0);
    gb_match_free(&m);
}

/* ---- the settlement posting ---- */

static void settlement_entry(void)
{
    /* gb_row_paid: the statement's price; else the bill's; else net + fee. */
    struct gb_row r = row(1, "meituan", "A", "", 30000, 19800, 990, 18810, "2025-01-06", "");
    CHECK_INT(gb_row_paid(&r, 25000), 19800);
    r.paid_fen = U;
    CHECK_INT(gb_row_paid(&r, 25000), 25000);
    CHECK_INT(gb_row_paid(&r, U), 19800); /* 188.10 + 9.90 */
    r.fee_fen = U;
    CHECK_INT(gb_row_paid(&r, U), 18810);

    /* Two vouchers of 198.00 settled net 188.10 + 188.00 with fees 9.90 + 9.90: paid 396.00,
     * net 376.10, fee 19.80, so 0.10 more kept by the platform (contra). */
    struct gb_settlement s;
    memset(&s, 0, sizeof s);
    snprintf(s.platform, sizeof s.platform, "meituan");
    snprintf(s.day, sizeof s.day, "2025-01-06");
    snprintf(s.batch_key, sizeof s.batch_key, "JS1");
    s.rows = 2;
    s.paid_fen = 39600;
    s.net_fen = 37610;
    s.fee_fen = 1980;
    struct journal_entry e;
    gb_posting_settlement(&s, 42, "美团结算", &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_STR(e.day, "2025-01-06");
    CHECK_STR(e.source_kind, "groupbuy");
    CHECK_INT(e.source_id, 42);
    CHECK_INT(e.nlines, 4);
    CHECK_INT(journal_amount(&e, "bank", ""), 37610);
    CHECK_INT(journal_amount(&e, "exp_platform_fee", ""), 1980);
    CHECK_INT(journal_amount(&e, "contra_groupbuy", ""), 10);
    CHECK_INT(journal_amount(&e, "ar_groupbuy", "meituan"), -39600);
    CHECK_INT(journal_debits(&e), 39600);
    /* Net + fee = paid: three lines, no discount. */
    s.net_fen = 37620;
    gb_posting_settlement(&s, 43, "", &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(e.nlines, 3);
    CHECK_INT(journal_amount(&e, "contra_groupbuy", ""), 0);
    /* The platform paid 1.00 more than the price: the discount is credited back. */
    s.net_fen = 37720;
    gb_posting_settlement(&s, 44, "", &e);
    CHECK_INT(journal_finish(&e), JOURNAL_VALID);
    CHECK_INT(journal_amount(&e, "contra_groupbuy", ""), -100);
    CHECK_INT(journal_debits(&e), 37720 + 1980);
}

int main(void)
{
    RUN(codes_are_normalised);
    RUN(column_map_check);
    RUN(reads_utf8_with_bom_and_title);
    RUN(reads_gbk);
    RUN(refusals_name_row_and_column);
    RUN(three_way_classes);
    RUN(several_classes);
    RUN(settlement_entry);
    return harness_finish("finance/groupbuy_rules");
}
