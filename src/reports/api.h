/* reports/api.h: endpoints of the reports: the daily takings (营业日报) and the sales summary,
 * as JSON and as CSV / Excel downloads. */
#ifndef KTV_REPORTS_API_H
#define KTV_REPORTS_API_H

#include "core/http.h"

/* GET /api/v1/reports/takings, /takings/export, /sales, /sales/export (module "reports", read). */
extern const struct route reports_routes[];

#endif
