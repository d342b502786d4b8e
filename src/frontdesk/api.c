/* frontdesk/api.c: the front desk's route table. The handlers live beside it:
 *   api_plans.c  price plans, holidays, packages, role limits   (module rooms / settings)
 *   api_board.c  room board, room states, reservations          (module bills)
 *   api_stays.c  open, order, return, gift, change room, extend (module bills)
 *   api_bills.c  quote, checkout, receipt, voids, refunds       (module bills)
 * Reads need the module's read permission, writes its write permission and the CSRF token. */
#include "frontdesk/api.h"

#include "frontdesk/api_internal.h"

const struct route frontdesk_routes[] = {
    /* Pricing: edited by whoever edits rooms; read by the till too (module bills reads the
     * board, which prices with these). */
    {"GET", "/api/v1/price-plans", fd_plans_list, "rooms", ACCESS_READ, 0},
    {"POST", "/api/v1/price-plans", fd_plans_create, "rooms", ACCESS_WRITE, 0},
    {"GET", "/api/v1/price-plans/:id", fd_plans_get, "rooms", ACCESS_READ, 0},
    {"PUT", "/api/v1/price-plans/:id", fd_plans_update, "rooms", ACCESS_WRITE, 0},
    {"DELETE", "/api/v1/price-plans/:id", fd_plans_delete, "rooms", ACCESS_WRITE, 0},
    {"GET", "/api/v1/holidays", fd_holidays_list, "rooms", ACCESS_READ, 0},
    {"PUT", "/api/v1/holidays/:day", fd_holidays_put, "rooms", ACCESS_WRITE, 0},
    {"DELETE", "/api/v1/holidays/:day", fd_holidays_delete, "rooms", ACCESS_WRITE, 0},
    {"GET", "/api/v1/packages", fd_packages_list, "bills", ACCESS_READ, 0},
    {"POST", "/api/v1/packages", fd_packages_create, "rooms", ACCESS_WRITE, 0},
    {"GET", "/api/v1/packages/:id", fd_packages_get, "bills", ACCESS_READ, 0},
    {"PUT", "/api/v1/packages/:id", fd_packages_update, "rooms", ACCESS_WRITE, 0},
    /* The authority matrix is a setting: a manager sets the cashiers' limits. */
    {"GET", "/api/v1/role-limits", fd_role_limits_list, "bills", ACCESS_READ, 0},
    {"PUT", "/api/v1/role-limits/:role", fd_role_limits_put, "settings", ACCESS_WRITE, 0},

    /* The room board and reservations. */
    {"GET", "/api/v1/frontdesk/board", fd_board, "bills", ACCESS_READ, 0},
    {"PUT", "/api/v1/frontdesk/rooms/:id/state", fd_room_state, "bills", ACCESS_WRITE, 0},
    {"GET", "/api/v1/frontdesk/reservations", fd_reservations_list, "bills", ACCESS_READ, 0},
    {"POST", "/api/v1/frontdesk/reservations", fd_reservations_create, "bills", ACCESS_WRITE, 0},
    {"POST", "/api/v1/frontdesk/reservations/:id/cancel", fd_reservations_cancel, "bills",
     ACCESS_WRITE, 0},
    {"POST", "/api/v1/frontdesk/reservations/:id/arrive", fd_reservations_arrive, "bills",
     ACCESS_WRITE, 0},
    {"GET", "/api/v1/frontdesk/members", fd_members_lookup, "bills", ACCESS_READ, 0},

    /* Stays. */
    {"GET", "/api/v1/stays", fd_stays_list, "bills", ACCESS_READ, 0},
    {"POST", "/api/v1/stays", fd_stays_open, "bills", ACCESS_WRITE, 0},
    {"GET", "/api/v1/stays/:id", fd_stays_get, "bills", ACCESS_READ, 0},
    {"POST", "/api/v1/stays/:id/items", fd_stays_order, "bills", ACCESS_WRITE, 0},
    {"POST", "/api/v1/stays/:id/returns", fd_stays_return, "bills", ACCESS_WRITE, 0},
    {"POST", "/api/v1/stays/:id/gifts", fd_stays_gift, "bills", ACCESS_WRITE, 0},
    {"POST", "/api/v1/stays/:id/change-room", fd_stays_change_room, "bills", ACCESS_WRITE, 0},
    {"POST", "/api/v1/stays/:id/extend", fd_stays_extend, "bills", ACCESS_WRITE, 0},
    {"POST", "/api/v1/stays/:id/cancel", fd_stays_cancel, "bills", ACCESS_WRITE, 0},
    /* A quote writes nothing, but it is a POST (it carries the discounts asked for): read
     * permission is enough. */
    {"POST", "/api/v1/stays/:id/quote", fd_stays_quote, "bills", ACCESS_READ, 0},
    {"POST", "/api/v1/stays/:id/checkout", fd_stays_checkout, "bills", ACCESS_WRITE, 0},

    /* Bills after the fact. */
    {"GET", "/api/v1/frontdesk/bills/:id", fd_bills_get, "bills", ACCESS_READ, 0},
    {"GET", "/api/v1/bills/:id/receipt", fd_bills_receipt, "bills", ACCESS_READ, 0},
    {"POST", "/api/v1/bills/:id/void", fd_bills_void, "bills", ACCESS_WRITE, 0},
    {"POST", "/api/v1/bills/:id/refunds", fd_bills_refund, "bills", ACCESS_WRITE, 0},
    {NULL, NULL, NULL, NULL, 0, 0},
};
