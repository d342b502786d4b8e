/* routes.c: the route table of the whole product: one table per area, listed here.
 * A new area adds its header and one line below. */
#include "core/http.h"

#include "core/audit.h"
#include "core/auth.h"
#include "core/json.h"
#include "core/venue.h"
#include "core/version.h"
#include "finance/finance.h"
#include "finance/freport.h"
#include "finance/groupbuy.h"
#include "finance/petty.h"
#include "finance/records.h"
#include "finance/transfers.h"
#include "frontdesk/api.h"
#include "master/api.h"
#include "members/members.h"
#include "sales/api.h"
#include "reports/api.h"
#include "shifts/shifts.h"

/* GET /api/v1/health: the server answers and the database is reachable. */
static void health(struct request *req)
{
    int64_t one = 0;
    enum db_status s = db_int(req->db, &one, "SELECT 1", "");
    json_t *out = json_pack("{s:s,s:s,s:i}", "status", s == DB_OK ? "ok" : "degraded", "version",
                            KTV_VERSION, "schema", db_schema_version(req->db));
    reply_json(req, s == DB_OK ? 200 : 503, out);
}

static const struct route core_routes[] = {
    {"GET", "/api/v1/health", health, NULL, ACCESS_PUBLIC, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};

const struct route *const route_tables[] = {
    core_routes, auth_routes, venue_routes, audit_routes, master_routes,
    reports_routes,
    sales_routes,
    shifts_routes,
    frontdesk_routes,
    finance_routes,
    freport_routes,
    groupbuy_routes,
    records_routes,
    transfers_routes,
    petty_routes,
    members_routes,
    NULL,
};
