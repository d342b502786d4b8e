/* export.c: tables to CSV, .xlsx and terminal text (see export.h). */
#include "core/export.h"

#include "core/buf.h"
#include "core/log.h"
#include "core/money.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static const char *col_title(const struct table_col *c, bool english)
{
    return english ? c->title_en : c->title_zh;
}

/* The text of one cell (into buf, at least 64 bytes), "" for null or missing. */
static const char *cell_text(const json_t *row, const struct table_col *c, char *buf)
{
    json_t *v = json_object_get(row, c->key);
    if (!v || json_is_null(v)) return "";
    if (json_is_string(v)) return json_string_value(v);
    if (json_is_integer(v)) {
        if (c->type == COL_MONEY) return money_format(json_integer_value(v), buf);
        snprintf(buf, 64, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    if (json_is_boolean(v)) return json_is_true(v) ? "1" : "0";
    return "";
}

/* Sums of the INT and MONEY columns, for the totals row. */
static void column_sums(const struct table *t, long long *sums)
{
    for (int k = 0; k < t->ncols; k++) sums[k] = 0;
    size_t i;
    json_t *row;
    json_array_foreach(t->rows, i, row)
    {
        for (int k = 0; k < t->ncols; k++) {
            json_t *v = json_object_get(row, t->cols[k].key);
            if (json_is_integer(v)) sums[k] += json_integer_value(v);
        }
    }
}

static const char *totals_label(bool english)
{
    return english ? "Total" : "合计";
}

char *export_csv(const struct table *tables, int ntables, bool english, size_t *len)
{
    struct buf b = {0};
    buf_puts(&b, "\xEF\xBB\xBF");
    char cell[64];
    for (int n = 0; n < ntables; n++) {
        const struct table *t = &tables[n];
        if (n > 0) buf_puts(&b, "\r\n");
        if (ntables > 1) {
            buf_csv_field(&b, english ? t->title_en : t->title_zh);
            buf_puts(&b, "\r\n");
        }
        for (int k = 0; k < t->ncols; k++) {
            if (k) buf_puts(&b, ",");
            buf_csv_field(&b, col_title(&t->cols[k], english));
        }
        buf_puts(&b, "\r\n");
        size_t i;
        json_t *row;
        json_array_foreach(t->rows, i, row)
        {
            for (int k = 0; k < t->ncols; k++) {
                if (k) buf_puts(&b, ",");
                buf_csv_field(&b, cell_text(row, &t->cols[k], cell));
            }
            buf_puts(&b, "\r\n");
        }
        if (t->totals && t->ncols > 0) {
            long long sums[64];
            column_sums(t, sums);
            for (int k = 0; k < t->ncols && k < 64; k++) {
                if (k) buf_puts(&b, ",");
                if (k == 0) buf_csv_field(&b, totals_label(english));
                else if (t->cols[k].type == COL_MONEY) buf_puts(&b, money_format(sums[k], cell));
                else if (t->cols[k].type == COL_INT) buf_printf(&b, "%lld", sums[k]);
            }
            buf_puts(&b, "\r\n");
        }
    }
    *len = b.len;
    return buf_take(&b);
}

/* Excel sheet names: at most 31 characters, none of []:*?/\ ; we keep the first 31 code
 * points and replace the forbidden ones. */
static void sheet_name(const char *title, int index, char *out, size_t n)
{
    size_t w = 0, chars = 0;
    for (const char *p = title; *p && chars < 31 && w + 5 < n; chars++) {
        size_t clen = 1;
        unsigned char c = (unsigned char)*p;
        if (c >= 0xF0) clen = 4;
        else if (c >= 0xE0) clen = 3;
        else if (c >= 0xC0) clen = 2;
        if (strchr("[]:*?/\\", *p)) {
            out[w++] = '_';
            p++;
            continue;
        }
        for (size_t k = 0; k < clen && *p; k++) out[w++] = *p++;
    }
    out[w] = 0;
    if (w == 0) snprintf(out, n, "Sheet%d", index + 1);
}

char *export_xlsx(const struct table *tables, int ntables, bool english, size_t *len)
{
    char path[] = "/tmp/ktvoffice-export-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        log_error("export: cannot create a temporary file");
        return NULL;
    }
    close(fd);
    char *out = NULL;
    lxw_workbook *wb = workbook_new(path);
    if (!wb) goto out;
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_bg_color(bold, 0xEAF1FB);
    format_set_border(bold, LXW_BORDER_THIN);
    lxw_format *money = workbook_add_format(wb);
    format_set_num_format(money, "#,##0.00");
    lxw_format *money_bold = workbook_add_format(wb);
    format_set_num_format(money_bold, "#,##0.00");
    format_set_bold(money_bold);
    lxw_format *text = workbook_add_format(wb);
    format_set_num_format(text, "@"); /* text cells: Excel must not turn 0912345678 into a number */
    for (int n = 0; n < ntables; n++) {
        const struct table *t = &tables[n];
        char name[160];
        sheet_name(english ? t->title_en : t->title_zh, n, name, sizeof name);
        lxw_worksheet *ws = workbook_add_worksheet(wb, name);
        if (!ws) ws = workbook_add_worksheet(wb, NULL);
        for (int k = 0; k < t->ncols; k++) {
            worksheet_write_string(ws, 0, (lxw_col_t)k, col_title(&t->cols[k], english), bold);
            double width = (double)text_width(col_title(&t->cols[k], english)) + 2;
            worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, width < 12 ? 12 : width,
                                 t->cols[k].type == COL_TEXT ? text : NULL);
        }
        worksheet_freeze_panes(ws, 1, 0);
        size_t i;
        json_t *row;
        lxw_row_t r = 1;
        char cell[64];
        json_array_foreach(t->rows, i, row)
        {
            for (int k = 0; k < t->ncols; k++) {
                const struct table_col *c = &t->cols[k];
                json_t *v = json_object_get(row, c->key);
                if (!v || json_is_null(v)) continue;
                if (c->type == COL_MONEY && json_is_integer(v)) {
                    /* A spreadsheet number is an IEEE double by the file format's definition;
                     * the cell gets the exact decimal text read by strtod, so it shows the
                     * same fen the product computed in integers. */
                    const char *s = money_format(json_integer_value(v), cell);
                    worksheet_write_number(ws, r, (lxw_col_t)k, strtod(s, NULL), money);
                } else if (c->type == COL_INT && json_is_integer(v)) {
                    worksheet_write_number(ws, r, (lxw_col_t)k, (double)json_integer_value(v), NULL);
                } else {
                    worksheet_write_string(ws, r, (lxw_col_t)k, cell_text(row, c, cell),
                                           c->type == COL_TEXT ? text : NULL);
                }
            }
            r++;
        }
        if (t->totals && t->ncols > 0 && t->ncols <= 64) {
            long long sums[64];
            column_sums(t, sums);
            worksheet_write_string(ws, r, 0, totals_label(english), bold);
            for (int k = 1; k < t->ncols; k++) {
                if (t->cols[k].type == COL_MONEY)
                    worksheet_write_number(ws, r, (lxw_col_t)k,
                                           strtod(money_format(sums[k], cell), NULL), money_bold);
                else if (t->cols[k].type == COL_INT)
                    worksheet_write_number(ws, r, (lxw_col_t)k, (double)sums[k], bold);
            }
        }
    }
    if (workbook_close(wb) != LXW_NO_ERROR) {
        log_error("export: writing the workbook failed");
        goto out;
    }
    size_t n = 0;
    FILE *f = fopen(path, "rb");
    if (!f) goto out;
    fseek(f, 0, SEEK_END);
    long sz = ftell(f);
    fseek(f, 0, SEEK_SET);
    out = sz > 0 ? malloc((size_t)sz) : NULL;
    if (out) n = fread(out, 1, (size_t)sz, f);
    fclose(f);
    if (out && n != (size_t)sz) {
        free(out);
        out = NULL;
    }
    *len = n;
out:
    unlink(path);
    return out;
}

size_t text_width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        unsigned cp;
        int n;
        if (*p < 0x80) cp = *p, n = 1;
        else if (*p >= 0xF0) cp = *p & 7, n = 4;
        else if (*p >= 0xE0) cp = *p & 15, n = 3;
        else cp = *p & 31, n = 2;
        for (int k = 1; k < n && p[k]; k++) cp = cp << 6 | (p[k] & 63);
        for (int k = 0; k < n && *p; k++) p++;
        /* Wide: CJK, Hangul, full-width forms (the ranges that matter for Chinese text). */
        bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                    (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                    (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                    (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        w += wide ? 2 : 1;
    }
    return w;
}

static void pad(struct buf *b, const char *s, size_t width, bool right)
{
    size_t w = text_width(s);
    if (right)
        for (size_t i = w; i < width; i++) buf_puts(b, " ");
    buf_puts(b, s);
    if (!right)
        for (size_t i = w; i < width; i++) buf_puts(b, " ");
}

char *export_text(const struct table *tables, int ntables, bool english, size_t *len)
{
    struct buf b = {0};
    char cell[64];
    for (int n = 0; n < ntables; n++) {
        const struct table *t = &tables[n];
        if (t->ncols > 64) continue;
        size_t widths[64];
        long long sums[64];
        if (t->totals) column_sums(t, sums);
        for (int k = 0; k < t->ncols; k++) widths[k] = text_width(col_title(&t->cols[k], english));
        size_t i;
        json_t *row;
        json_array_foreach(t->rows, i, row)
        {
            for (int k = 0; k < t->ncols; k++) {
                size_t w = text_width(cell_text(row, &t->cols[k], cell));
                if (w > widths[k]) widths[k] = w;
            }
        }
        if (t->totals)
            for (int k = 0; k < t->ncols; k++) {
                const char *s = k == 0 ? totals_label(english)
                                : t->cols[k].type == COL_MONEY ? money_format(sums[k], cell)
                                                               : "";
                if (t->cols[k].type == COL_INT) snprintf(cell, sizeof cell, "%lld", sums[k]), s = cell;
                if (text_width(s) > widths[k]) widths[k] = text_width(s);
            }
        if (n > 0) buf_puts(&b, "\n");
        buf_printf(&b, "%s\n", english ? t->title_en : t->title_zh);
        for (int k = 0; k < t->ncols; k++) {
            if (k) buf_puts(&b, "  ");
            pad(&b, col_title(&t->cols[k], english), widths[k],
                t->cols[k].type == COL_MONEY || t->cols[k].type == COL_INT);
        }
        buf_puts(&b, "\n");
        for (int k = 0; k < t->ncols; k++) {
            if (k) buf_puts(&b, "  ");
            for (size_t w = 0; w < widths[k]; w++) buf_puts(&b, "-");
        }
        buf_puts(&b, "\n");
        json_array_foreach(t->rows, i, row)
        {
            for (int k = 0; k < t->ncols; k++) {
                if (k) buf_puts(&b, "  ");
                pad(&b, cell_text(row, &t->cols[k], cell), widths[k],
                    t->cols[k].type == COL_MONEY || t->cols[k].type == COL_INT);
            }
            buf_puts(&b, "\n");
        }
        if (t->totals) {
            for (int k = 0; k < t->ncols; k++) {
                if (k) buf_puts(&b, "  ");
                const char *s = "";
                if (k == 0) s = totals_label(english);
                else if (t->cols[k].type == COL_MONEY) s = money_format(sums[k], cell);
                else if (t->cols[k].type == COL_INT) snprintf(cell, sizeof cell, "%lld", sums[k]), s = cell;
                pad(&b, s, widths[k], k > 0);
            }
            buf_puts(&b, "\n");
        }
    }
    *len = b.len;
    return buf_take(&b);
}
