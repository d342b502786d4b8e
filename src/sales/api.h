/* sales/api.h: endpoints of bills (list, detail, export) and imports (bills, products, rooms,
 * batches and their rejected rows). */
#ifndef KTV_SALES_API_H
#define KTV_SALES_API_H

#include "core/http.h"

extern const struct route sales_routes[];

#endif
