/* test_import_rules.c: the pure rules of the bill import (sales/import.c) on small hand-made
 * files: every rejection reason, exact money, local time to UTC, files in any column order and
 * encoding, and what skip-invalid rejects. */
#include "core/bizday.h"
#include "harness.h"
#include "sales/import.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>

static struct tz *shanghai;

static const char *BILLS_HEAD =
    "bill_no,room,room_type,opened_at,closed_at,status,cashier,member_phone,booker,gross,"
    "discount,total,note\n";
static const char *LINES_HEAD = "bill_no,line_no,kind,item,qty,unit_price,amount\n";
static const char *PAYS_HEAD = "bill_no,method,amount\n";

/* Reads three texts (NULL for a missing file). */
static struct import_model *read3(const char *bills, const char *lines, const char *pays)
{
    const char *data[IMPORT_NFILES] = {bills, lines, pays};
    size_t len[IMPORT_NFILES] = {bills ? strlen(bills) : 0, lines ? strlen(lines) : 0,
                                 pays ? strlen(pays) : 0};
    return import_read(data, len, shanghai, NULL, NULL);
}

/* bills.csv with one data row appended to the standard header. */
static char *with_head(const char *head, const char *rows)
{
    size_t n = strlen(head) + strlen(rows) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%s%s", head, rows);
    return s;
}

/* Reads a bill row, one line and a payment of amount pay. */
static struct import_model *one_bill(const char *bill_row, const char *line_row,
                                     const char *pay_row)
{
    char *b = with_head(BILLS_HEAD, bill_row);
    char *l = with_head(LINES_HEAD, line_row);
    char *p = with_head(PAYS_HEAD, pay_row);
    struct import_model *m = read3(b, l, p);
    free(b);
    free(l);
    free(p);
    return m;
}

/* The first error (not warning), or NULL. */
static const struct import_issue *first_error(const struct import_model *m)
{
    for (uint32_t i = 0; i < m->nissues; i++)
        if (!m->issues[i].warning) return &m->issues[i];
    return NULL;
}

static const char *GOOD_BILL =
    "B1,8016,标准包,2019-01-17 22:05:21,2019-01-18 01:40:00,settled,收银员1,0912345678,小王,"
    "168.00,68.00,100.00,\n";
static const char *GOOD_LINE = "B1,1,goods,雪花啤酒,10,10.00,100.00\n";
static const char *GOOD_PAY = "B1,cash,100.00\n";

static void a_good_bill_reads_exactly(void)
{
    struct import_model *m = one_bill(GOOD_BILL, GOOD_LINE, GOOD_PAY);
    CHECK(m != NULL);
    CHECK_INT(m->nerrors, 0);
    CHECK_INT(m->nbills, 1);
    CHECK_INT(m->rows_read, 3);
    const struct import_bill *b = &m->bills[0];
    CHECK_STR(import_str(m, b->bill_no), "B1");
    CHECK_STR(import_str(m, b->room_type), "标准包");
    CHECK_STR(import_str(m, b->member_phone), "0912345678");
    CHECK_INT(b->gross_fen, 16800);
    CHECK_INT(b->discount_fen, 6800);
    CHECK_INT(b->total_fen, 10000);
    CHECK_INT(b->paid_fen, 10000);
    CHECK_INT(b->voided, 0);
    CHECK_INT(b->nlines, 1);
    CHECK_INT(b->npayments, 1);
    /* D1/D2: local Asia/Shanghai (UTC+8) times become UTC instants. */
    struct civil opened = {2019, 1, 17, 14, 5, 21}, closed = {2019, 1, 17, 17, 40, 0};
    CHECK_INT(b->opened_at, epoch_from_civil(&opened));
    CHECK_INT(b->closed_at, epoch_from_civil(&closed));
    const struct import_line *l = &m->lines[b->first_line];
    CHECK_INT(l->qty, 10);
    CHECK(l->has_unit_price && l->has_amount);
    CHECK_INT(l->unit_price_fen, 1000);
    CHECK_INT(l->amount_fen, 10000);
    struct bill sb;
    import_fill_bill(m, 0, &sb);
    CHECK_STR(sb.status, "settled");
    CHECK_STR(sb.cashier, "收银员1");
    CHECK_STR(sb.source, "import");
    CHECK(!import_refused(m, false));
    import_model_free(m);
}

/* D2: 07:30 local is 23:30 UTC the day before. */
static void local_morning_is_previous_utc_day(void)
{
    struct import_model *m =
        one_bill("B1,1,,2019-02-05 07:00:00,2019-02-05 07:30:00,settled,,,,10,0,10,\n",
                 "B1,1,room,包厢,1,,\n", "B1,cash,10\n");
    CHECK_INT(m->nerrors, 0);
    struct civil utc = {2019, 2, 4, 23, 30, 0};
    CHECK_INT(m->bills[0].closed_at, epoch_from_civil(&utc));
    CHECK_INT(m->bills[0].total_fen, 1000);
    import_model_free(m);
}

/* One money rule: the value in total of GOOD_BILL is replaced by v. */
static void check_total_refused(const char *v, const char *zh_part, const char *en_part)
{
    char row[300];
    snprintf(row, sizeof row,
             "B1,8016,标准包,2019-01-17 22:05:21,2019-01-18 01:40:00,settled,,,,168.00,68.00,%s,\n",
             v);
    struct import_model *m = one_bill(row, GOOD_LINE, GOOD_PAY);
    const struct import_issue *e = first_error(m);
    CHECK(e != NULL);
    if (e) {
        CHECK_INT(e->file, IMPORT_BILLS);
        CHECK_INT(e->row, 2);
        CHECK_STR(e->column, "total");
        if (!strstr(e->zh, zh_part)) harness_fail(__FILE__, __LINE__, "zh: %s", e->zh);
        if (!strstr(e->en, en_part)) harness_fail(__FILE__, __LINE__, "en: %s", e->en);
    }
    CHECK_INT(m->bills[0].state, IMPORT_REJECTED);
    CHECK(import_refused(m, false));
    CHECK(!import_refused(m, true));
    import_model_free(m);
}

/* M3: typed amounts are exact or refused with the reason. */
static void money_is_exact_or_refused_with_reason(void)
{
    check_total_refused("100.005", "小数超过两位", "more than two decimals");
    check_total_refused("\"$100\"", "金额格式不对", "not an amount");
    check_total_refused("\"1,00\"", "金额格式不对", "not an amount");
    check_total_refused("-100.00", "不能为负数", "negative");
    check_total_refused("99.99", "不等于", "is not gross");
    /* "12.5" is 12.50, never 125. */
    struct import_model *m =
        one_bill("B1,1,,2019-01-17 22:00:00,2019-01-17 23:00:00,settled,,,,12.5,0,12.5,\n",
                 "B1,1,goods,茶,1,12.5,12.5\n", "B1,wechat,12.50\n");
    CHECK_INT(m->nerrors, 0);
    CHECK_INT(m->bills[0].total_fen, 1250);
    CHECK_INT(m->lines[0].amount_fen, 1250);
    import_model_free(m);
}

/* I1's six rows: total and gross empty is one error naming total. */
static void missing_total_is_one_error(void)
{
    struct import_model *m =
        one_bill("B1,8016,标准包,2019-01-25 16:47:35,2019-01-25 16:47:17,settled,,,,,30.00,,\n",
                 "B1,1,package,标准包阳光档干唱套餐,1,,\n", "");
    CHECK_INT(m->nerrors, 1);
    const struct import_issue *e = first_error(m);
    CHECK_STR(e->column, "total");
    CHECK(strstr(e->zh, "实收金额为空") != NULL);
    CHECK(strstr(e->en, "total is missing") != NULL);
    /* The bill is rejected with its line; closed before opened is only a warning. */
    CHECK_INT(m->rejected_bills, 1);
    CHECK_INT(m->rejected_rows, 2);
    CHECK_INT(m->nwarnings, 1);
    import_model_free(m);
}

static void gross_may_be_derived_from_total(void)
{
    struct import_model *m =
        one_bill("B1,1,,2019-01-17 22:00:00,2019-01-17 23:00:00,settled,,,,,20.00,80.00,\n",
                 "B1,1,room,包厢,1,,\n", "B1,cash,80\n");
    CHECK_INT(m->nerrors, 0);
    CHECK_INT(m->nwarnings, 1);
    CHECK_INT(m->bills[0].gross_fen, 10000);
    CHECK(m->bills[0].gross_derived);
    import_model_free(m);
}

/* Each field rule names its column. */
static void check_bill_error(const char *row, const char *column, const char *zh_part)
{
    struct import_model *m = one_bill(row, GOOD_LINE, GOOD_PAY);
    const struct import_issue *e = first_error(m);
    CHECK(e != NULL);
    if (e) {
        if (strcmp(e->column, column) != 0)
            harness_fail(__FILE__, __LINE__, "column %s, expected %s (%s)", e->column, column,
                         e->zh);
        if (!strstr(e->zh, zh_part)) harness_fail(__FILE__, __LINE__, "zh: %s", e->zh);
    }
    import_model_free(m);
}

static void field_rules_name_their_column(void)
{
    check_bill_error("B1,1,,2019-01-17 22:00,2019-02-30 01:00:00,settled,,,,168,68,100,\n",
                     "closed_at", "时间格式不对");
    check_bill_error("B1,1,,17/01/2019 22:00,2019-01-18 01:00:00,settled,,,,168,68,100,\n",
                     "opened_at", "时间格式不对");
    check_bill_error("B1,1,,2019-01-17 22:00,,settled,,,,168,68,100,\n", "closed_at", "时间为空");
    check_bill_error("B1,1,,2019-01-17 22:00,2019-01-18 01:00,paid,,,,168,68,100,\n", "status",
                     "状态应为");
    check_bill_error(",1,,2019-01-17 22:00,2019-01-18 01:00,settled,,,,168,68,100,\n", "bill_no",
                     "账单号为空");
    check_bill_error("B1,1,,2019-01-17 22:00,2019-01-18 01:00,settled,,abc,,168,68,100,\n",
                     "member_phone", "只能包含数字");
    check_bill_error("B1,123456789012345678901,,2019-01-17 22:00,2019-01-18 01:00,settled,,,,168,"
                     "68,100,\n",
                     "room", "太长");
    check_bill_error("B1,1,,2019-01-17 22:00,2019-01-18 01:00,settled,,,,168,68.001,100,\n",
                     "discount", "小数超过两位");
    check_bill_error("B1,1,,2019-01-17 22:00,2019-01-18 01:00,settled,,,,168,68,100\n", "",
                     "这一行只有 12 个字段");
    check_bill_error("B1,1,,2019-01-17 22:00,2019-01-18 01:00,settled,,,,168,68,100,,x\n", "",
                     "比表头的 13 列多");
    check_bill_error("B1,\"1,,2019-01-17 22:00,2019-01-18 01:00,settled,,,,168,68,100,\n", "",
                     "引号没有闭合");
}

static void line_and_payment_rules(void)
{
    struct {
        const char *line, *pay, *file_col, *zh;
        int file;
    } cases[] = {
        {"B1,1,drink,雪花啤酒,10,10.00,100.00\n", GOOD_PAY, "kind", "类型应为", IMPORT_LINES},
        {"B1,1,goods,雪花啤酒,1.5,10.00,15.00\n", GOOD_PAY, "qty", "必须是整数", IMPORT_LINES},
        {"B1,1,goods,雪花啤酒,10,10.00,99.00\n", GOOD_PAY, "amount", "不等于 单价", IMPORT_LINES},
        {"B1,0,goods,雪花啤酒,10,10.00,100.00\n", GOOD_PAY, "line_no", "超出范围", IMPORT_LINES},
        {"B1,1,goods,,10,10.00,100.00\n", GOOD_PAY, "item", "项目名称为空", IMPORT_LINES},
        {GOOD_LINE, "B1,bitcoin,100.00\n", "method", "付款方式应为", IMPORT_PAYMENTS},
        {GOOD_LINE, "B1,cash,100.001\n", "amount", "小数超过两位", IMPORT_PAYMENTS},
        {GOOD_LINE, "B1,cash,60.00\n", "total", "付款合计 60.00 与实收 100.00 不符", IMPORT_BILLS},
        {GOOD_LINE, "", "total", "没有付款记录", IMPORT_BILLS},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        struct import_model *m = one_bill(GOOD_BILL, cases[i].line, cases[i].pay);
        const struct import_issue *e = first_error(m);
        CHECK(e != NULL);
        if (e && (e->file != cases[i].file || strcmp(e->column, cases[i].file_col) != 0 ||
                  !strstr(e->zh, cases[i].zh)))
            harness_fail(__FILE__, __LINE__, "case %zu: %s row %u %s: %s", i,
                         import_file_names[e->file], e->row, e->column, e->zh);
        /* The bill goes with its bad row. */
        CHECK_INT(m->bills[0].state, IMPORT_REJECTED);
        CHECK_INT(m->rejected_bills, 1);
        import_model_free(m);
    }
    /* "3.0" from a spreadsheet is three; Chinese kinds and methods are understood. */
    struct import_model *m =
        one_bill(GOOD_BILL, "B1,1,商品,雪花啤酒,10.0,10.00,100.00\n", "B1,微信,60\nB1,现金,40\n");
    CHECK_INT(m->nerrors, 0);
    CHECK_STR(import_line_kinds[m->lines[0].kind], "goods");
    CHECK_STR(import_pay_methods[m->payments[0].method], "wechat");
    CHECK_STR(import_pay_methods[m->payments[1].method], "cash");
    import_model_free(m);
}

/* A line or payment naming a bill that is not in bills.csv is rejected on its own. */
static void rows_of_a_missing_bill_are_reported(void)
{
    char *b = with_head(BILLS_HEAD, GOOD_BILL);
    char *l = with_head(LINES_HEAD, "B1,1,goods,雪花啤酒,10,10.00,100.00\nB9,1,goods,红牛,1,,\n");
    char *p = with_head(PAYS_HEAD, "B1,cash,100\nB8,cash,5\n");
    struct import_model *m = read3(b, l, p);
    CHECK_INT(m->nerrors, 2);
    CHECK_INT(m->issues[0].file, IMPORT_LINES);
    CHECK_INT(m->issues[0].row, 3);
    CHECK_STR(m->issues[0].column, "bill_no");
    CHECK(strstr(m->issues[0].zh, "B9 不在 bills.csv 中") != NULL);
    CHECK(strstr(m->issues[0].en, "not in bills.csv") != NULL);
    CHECK_INT(m->issues[1].file, IMPORT_PAYMENTS);
    /* B1 itself is fine and importable with skip-invalid. */
    CHECK_INT(m->bills[0].state, IMPORT_VALID);
    CHECK_INT(m->rejected_bills, 0);
    CHECK_INT(m->rejected_rows, 2);
    CHECK(import_refused(m, false));
    CHECK(!import_refused(m, true));
    size_t n = 0;
    char *csv = import_rejects_csv(m, true, &n);
    CHECK(csv && strstr(csv, "bill_lines.csv,3,B9,") != NULL);
    CHECK(csv && strstr(csv, "bill_payments.csv,3,B8,") != NULL);
    free(csv);
    import_model_free(m);
    free(b);
    free(l);
    free(p);
}

static void duplicate_bill_numbers_reject_both(void)
{
    char *b =
        with_head(BILLS_HEAD, "B1,1,,2019-01-17 22:00,2019-01-18 01:00,settled,,,,10,0,10,\n"
                              "B2,1,,2019-01-17 22:00,2019-01-18 01:00,settled,,,,20,0,20,\n"
                              "B1,1,,2019-01-17 22:00,2019-01-18 02:00,settled,,,,10,0,10,\n");
    char *l = with_head(LINES_HEAD, "B1,1,room,包厢,1,,\nB1,2,room,包厢,1,,\nB2,1,room,包厢,1,,\n"
                                    "B2,1,goods,茶,1,,\n");
    char *p = with_head(PAYS_HEAD, "B1,cash,10\nB2,cash,20\n");
    struct import_model *m = read3(b, l, p);
    CHECK_INT(m->bills[0].state, IMPORT_REJECTED);
    CHECK_INT(m->bills[2].state, IMPORT_REJECTED);
    /* B2's lines both say line_no 1. */
    CHECK_INT(m->bills[1].state, IMPORT_REJECTED);
    bool dup_row4 = false, dup_line = false;
    for (uint32_t i = 0; i < m->nissues; i++) {
        if (m->issues[i].file == IMPORT_BILLS && m->issues[i].row == 4 &&
            strstr(m->issues[i].zh, "重复"))
            dup_row4 = true;
        if (m->issues[i].file == IMPORT_LINES && strstr(m->issues[i].zh, "行号 1 重复"))
            dup_line = true;
    }
    CHECK(dup_row4);
    CHECK(dup_line);
    import_model_free(m);
    free(b);
    free(l);
    free(p);
}

/* Columns in any order, Chinese headers, no line_no column (numbered in file order). */
static void columns_in_any_order_and_chinese(void)
{
    const char *b = "实收,账单号,结账时间,开台时间,状态,房号,优惠,应收\n"
                    "90.00,X1,2019-03-01 23:00:00,2019-03-01 21:00:00,作废,V01,10,100\n";
    const char *l = "项目,数量,类型,账单号\n啤酒,2,goods,X1\n果盘,1,goods,X1\n";
    const char *p = "金额,方式,账单号\n90,支付宝,X1\n";
    struct import_model *m = read3(b, l, p);
    CHECK_INT(m->nerrors, 0);
    CHECK_INT(m->bills[0].voided, 1);
    CHECK_INT(m->bills[0].total_fen, 9000);
    CHECK_STR(import_str(m, m->bills[0].room), "V01");
    CHECK_INT(m->lines[0].line_no, 1);
    CHECK_INT(m->lines[1].line_no, 2);
    CHECK_STR(import_str(m, m->lines[1].item), "果盘");
    import_model_free(m);
}

static void whole_file_problems_refuse_everything(void)
{
    struct import_model *m;
    /* Unknown column. */
    m = read3("bill_no,opened_at,closed_at,status,total,totl\n", LINES_HEAD, PAYS_HEAD);
    CHECK(m->file_error);
    CHECK(import_refused(m, true));
    CHECK_STR(m->issues[0].column, "totl");
    import_model_free(m);
    /* Missing required column. */
    m = read3("bill_no,opened_at,closed_at,status\n", LINES_HEAD, PAYS_HEAD);
    CHECK(m->file_error);
    CHECK_STR(m->issues[0].column, "total");
    CHECK(strstr(m->issues[0].zh, "缺少必需的列") != NULL);
    import_model_free(m);
    /* Empty, binary and missing files. */
    const char bin[] = {'P', 'K', 3, 4, 0, 1, 2, 3, 0};
    const char *data[IMPORT_NFILES] = {"", bin, NULL};
    size_t len[IMPORT_NFILES] = {0, sizeof bin, 0};
    m = import_read(data, len, shanghai, NULL, NULL);
    CHECK(m->file_error);
    CHECK_INT(m->nerrors, 3);
    CHECK(strstr(m->issues[0].zh, "是空的") != NULL);
    CHECK(strstr(m->issues[1].zh, "不是 CSV") != NULL);
    CHECK(strstr(m->issues[2].zh, "缺少文件") != NULL);
    import_model_free(m);
    /* A header repeated. */
    m = read3("bill_no,opened_at,closed_at,status,total,实收\n", LINES_HEAD, PAYS_HEAD);
    CHECK(m->file_error);
    import_model_free(m);
}

/* I2 for bills: a GBK file reads like its UTF-8 original. */
static void gbk_bills_read_like_utf8(void)
{
    char *utf8 = with_head(BILLS_HEAD, GOOD_BILL);
    char gbk[1024];
    iconv_t cd = iconv_open("GBK", "UTF-8");
    char *in = utf8, *out = gbk;
    size_t inleft = strlen(utf8), outleft = sizeof gbk - 1;
    CHECK(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
    iconv_close(cd);
    *out = 0;
    char *l = with_head(LINES_HEAD, GOOD_LINE), *p = with_head(PAYS_HEAD, GOOD_PAY);
    struct import_model *m = read3(gbk, l, p);
    CHECK_INT(m->nerrors, 0);
    CHECK_STR(m->encoding[IMPORT_BILLS], "gbk");
    CHECK_STR(import_str(m, m->bills[0].room_type), "标准包");
    CHECK_STR(import_str(m, m->bills[0].cashier), "收银员1");
    import_model_free(m);
    free(utf8);
    free(l);
    free(p);
}

/* The rejects file holds every row of a rejected bill with a reason, as written. */
static void rejects_file_lists_rows_with_reasons(void)
{
    struct import_model *m =
        one_bill("B1,8016,标准包,2019-01-25 16:47:35,2019-01-25 17:47:17,settled,,,,,30.00,,\n",
                 "B1,1,package,套餐,1,,\n", "B1,cash,5\n");
    size_t n = 0;
    char *csv = import_rejects_csv(m, false, &n);
    CHECK(csv != NULL);
    if (csv) {
        CHECK(strncmp(csv, "\xEF\xBB\xBF文件,行号,账单号,原因,原始内容\r\n", 3 + 34) == 0);
        CHECK(strstr(csv, "bills.csv,2,B1,total: 实收金额为空") != NULL);
        CHECK(strstr(csv, "bill_lines.csv,2,B1,随所属账单 B1 一起拒收") != NULL);
        CHECK(strstr(csv, "bill_payments.csv,2,B1,") != NULL);
        CHECK(strstr(csv, "\"B1,cash,5\"") != NULL);
        CHECK_INT(n, strlen(csv));
    }
    free(csv);
    import_model_free(m);
}

/* Mutated files (bytes flipped, cut, quotes and commas inserted) never crash the reader and
 * every problem found names a file and a reason. A small deterministic fuzz run. */
static void mutated_files_never_crash(void)
{
    char *b = with_head(BILLS_HEAD, GOOD_BILL);
    char *l = with_head(LINES_HEAD, GOOD_LINE);
    char *p = with_head(PAYS_HEAD, GOOD_PAY);
    char *orig[IMPORT_NFILES] = {b, l, p};
    uint64_t x = 88172645463325252ull; /* xorshift64 */
    static const char inserts[] = "\",\r\n\xff\x00.-9 ";
    for (int iter = 0; iter < 3000; iter++) {
        char *mut[IMPORT_NFILES];
        size_t len[IMPORT_NFILES];
        for (int f = 0; f < IMPORT_NFILES; f++) {
            size_t n = strlen(orig[f]);
            mut[f] = malloc(n + 8);
            memcpy(mut[f], orig[f], n);
            len[f] = n;
            for (int k = 0; k < 3; k++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                size_t at = (size_t)(x % (len[f] ? len[f] : 1));
                switch ((x >> 32) % 3) {
                case 0:
                    mut[f][at] = inserts[(x >> 40) % (sizeof inserts - 1)];
                    break;
                case 1:
                    len[f] = at;
                    break;
                default:
                    mut[f][at] = (char)(x >> 48);
                    break;
                }
            }
        }
        const char *data[IMPORT_NFILES] = {mut[0], mut[1], mut[2]};
        struct import_model *m = import_read(data, len, shanghai, NULL, NULL);
        CHECK(m != NULL);
        for (uint32_t i = 0; m && i < m->nissues; i++)
            CHECK(m->issues[i].zh[0] && m->issues[i].en[0] && m->issues[i].file < IMPORT_NFILES);
        if (m && !import_refused(m, true)) {
            size_t n = 0;
            free(import_rejects_csv(m, iter & 1, &n));
        }
        import_model_free(m);
        for (int f = 0; f < IMPORT_NFILES; f++)
            free(mut[f]);
    }
    free(b);
    free(l);
    free(p);
}

int main(void)
{
    shanghai = tz_load("Asia/Shanghai");
    if (!shanghai) {
        fprintf(stderr, "no Asia/Shanghai zone\n");
        return 1;
    }
    RUN(a_good_bill_reads_exactly);
    RUN(local_morning_is_previous_utc_day);
    RUN(money_is_exact_or_refused_with_reason);
    RUN(missing_total_is_one_error);
    RUN(gross_may_be_derived_from_total);
    RUN(field_rules_name_their_column);
    RUN(line_and_payment_rules);
    RUN(rows_of_a_missing_bill_are_reported);
    RUN(duplicate_bill_numbers_reject_both);
    RUN(columns_in_any_order_and_chinese);
    RUN(whole_file_problems_refuse_everything);
    RUN(gbk_bills_read_like_utf8);
    RUN(rejects_file_lists_rows_with_reasons);
    RUN(mutated_files_never_crash);
    tz_free(shanghai);
    return harness_finish("sales/import_rules");
}
