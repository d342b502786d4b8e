/* venue.h: the venue (门店): name, time zone, business-day cut-off; and its settings endpoints.
 * Every business row belongs to a venue; a chain is many venues in one database. */
#ifndef KTV_VENUE_H
#define KTV_VENUE_H

#include <stdint.h>

#include "core/db.h"
#include "core/http.h"

struct venue {
    int64_t id;
    char name[404];
    char timezone[72];
    int cutoff_minutes; /* business day starts at this local minute (360 = 06:00) */
    char address[404];
    char phone[64];
};

/* Loads venue id into *v; DB_NOT_FOUND if none. */
enum db_status venue_load(struct db *db, int64_t id, struct venue *v);
/* Inserts a venue, returning its id. Validates nothing: callers check tz and cut-off. */
enum db_status venue_insert(struct db *db, const char *name, const char *timezone,
                            int cutoff_minutes, int64_t *id);
/* The id of the first venue (the command line's default); DB_NOT_FOUND in an empty database. */
enum db_status venue_first(struct db *db, int64_t *id);

/* GET/PUT /api/v1/venue */
extern const struct route venue_routes[];

#endif
