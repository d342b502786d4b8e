/* frontdesk/api.h: the endpoints of the front desk (rooms priced by the minute, stays, bills
 * at the till, voids and refunds). */
#ifndef KTV_FRONTDESK_API_H
#define KTV_FRONTDESK_API_H

#include "core/http.h"

extern const struct route frontdesk_routes[];

#endif
