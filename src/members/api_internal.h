/* members/api_internal.h: what the members area's api files share (not for other areas). */
#ifndef KTV_MEMBERS_API_INTERNAL_H
#define KTV_MEMBERS_API_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>

#include "core/http.h"

/* Whether the caller sees members' phones in full: the roles that keep the member records
 * (write on crm); everyone else sees "138****8000". */
bool members_phone_visible(struct request *req);
/* Sets key to phone, masked unless full. */
void members_set_phone(json_t *o, const char *key, const char *phone, bool full);

/* GET /api/v1/members/liability?month=YYYY-MM | day=YYYY-MM-DD (liability.c). */
void members_liability(struct request *req);
/* GET /api/v1/members/liability/export?month|day&format=xlsx|csv */
void members_liability_export(struct request *req);

#endif
