/* audit.h: the audit trail: who did what, when, with the record before and after.
 *
 * Every write of the product calls audit_record inside its own transaction, so the trail and
 * the change land together or not at all. The table is append-only (triggers refuse UPDATE and
 * DELETE). */
#ifndef KTV_AUDIT_H
#define KTV_AUDIT_H

#include <jansson.h>
#include <stdint.h>

#include "core/db.h"
#include "core/http.h"

/* Who acts: a signed-in user, or the command line ("cli"). */
struct actor {
    int64_t user_id; /* 0 for the command line */
    int64_t venue_id;
    const char *username;
    const char *request_id; /* "" outside a request */
};

/* The actor of a request (borrows from it). */
struct actor actor_of(const struct request *req);
/* The command-line actor for a venue. */
struct actor actor_cli(int64_t venue_id);

/* Appends one audit row. before and after are borrowed (may be NULL). action is a verb such as
 * "create", "update", "deactivate", "import"; entity a table-like noun ("room", "product"). */
enum db_status audit_record(struct db *db, const struct actor *who, const char *action,
                            const char *entity, const char *entity_id, const json_t *before,
                            const json_t *after);

/* GET /api/v1/audit */
extern const struct route audit_routes[];

#endif
