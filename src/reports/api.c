/* reports/api.c: the report endpoints: read the range, build the report, answer JSON or a
 * download. No SQL here (store.c), no arithmetic (takings.c, sales.c).
 *
 *   GET /api/v1/reports/takings?from=YYYY-MM-DD&to=YYYY-MM-DD
 *   GET /api/v1/reports/takings/export?format=xlsx|csv&from&to
 *   GET /api/v1/reports/sales?from&to
 *   GET /api/v1/reports/sales/export?format=xlsx|csv&from&to
 *
 * Dates are business days of the venue; without them the takings show yesterday's business day
 * and the sales the 30 business days up to it (range.h). */
#include "reports/api.h"

#include "core/venue.h"
#include "reports/range.h"
#include "reports/render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads and checks the range, loads the venue and builds the report. Replies (an error) and
 * returns NULL on failure; the caller owns the result. */
static json_t *build(struct request *req, enum reports_kind kind)
{
    struct venue v;
    enum db_status s = venue_load(req->db, req->user.venue_id, &v);
    if (s != DB_OK) {
        reply_db_error(req, s, "门店", "venue");
        return NULL;
    }
    int64_t last_day = 0;
    if (!reports_last_day(&v, now_epoch(), &last_day)) {
        reply_internal(req);
        return NULL;
    }
    bool takings = kind == REPORTS_TAKINGS;
    int64_t from = 0, to = 0;
    struct range_problem why;
    if (!report_range_parse(req_query(req, "from"), req_query(req, "to"), last_day,
                            takings ? TAKINGS_DEFAULT_DAYS : SALES_DEFAULT_DAYS,
                            takings ? TAKINGS_MAX_DAYS : SALES_MAX_DAYS, &from, &to, &why)) {
        reply_error(req, 400, why.code, why.field, why.message_zh, why.message_en);
        return NULL;
    }
    json_t *report = NULL;
    s = reports_build(req->db, &v, kind, from, to, &report);
    if (s != DB_OK) {
        reply_db_error(req, s, "报表", "report");
        return NULL;
    }
    return report;
}

static void takings(struct request *req)
{
    json_t *report = build(req, REPORTS_TAKINGS);
    if (report) reply_json(req, 200, report);
}

static void sales(struct request *req)
{
    json_t *report = build(req, REPORTS_SALES);
    if (report) reply_json(req, 200, report);
}

/* The export of either report: format=xlsx (the default) or csv. */
static void export(struct request *req, enum reports_kind kind)
{
    const char *format = req_query(req, "format");
    bool csv = format && strcmp(format, "csv") == 0;
    if (format && !csv && strcmp(format, "xlsx") != 0) {
        reply_error(req, 400, "invalid_field", "format", "导出格式只能是 xlsx 或 csv",
                    "the export format is xlsx or csv");
        return;
    }
    json_t *report = build(req, kind);
    if (!report) return;
    size_t len = 0;
    char *bytes =
        reports_export(report, kind, csv ? REPORTS_CSV : REPORTS_XLSX, req->english, &len);
    char filename[160];
    reports_filename(report, kind, csv ? "csv" : "xlsx", req->english, filename, sizeof filename);
    json_decref(report);
    if (!bytes) {
        reply_internal(req);
        return;
    }
    reply_bytes(req, 200,
                csv ? "text/csv; charset=utf-8"
                    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                bytes, len, filename);
}

static void takings_export(struct request *req)
{
    export(req, REPORTS_TAKINGS);
}

static void sales_export(struct request *req)
{
    export(req, REPORTS_SALES);
}

const struct route reports_routes[] = {
    {"GET", "/api/v1/reports/takings", takings, "reports", ACCESS_READ, 0},
    {"GET", "/api/v1/reports/takings/export", takings_export, "reports", ACCESS_READ, 0},
    {"GET", "/api/v1/reports/sales", sales, "reports", ACCESS_READ, 0},
    {"GET", "/api/v1/reports/sales/export", sales_export, "reports", ACCESS_READ, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
