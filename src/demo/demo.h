/* demo/demo.h: the shell around the demo generator: it stores the demo venue through the
 * master and sales stores, or writes its bills as bill-import files (format v1) for the
 * benchmarks. The generation itself is pure and lives in generator.h. */
#ifndef KTV_DEMO_DEMO_H
#define KTV_DEMO_DEMO_H

#include <stdbool.h>
#include <stdint.h>

#include "core/db.h"

/* The demo venue's name, zone and cut-off, and the default password of its users. */
#define DEMO_VENUE_NAME "星光KTV（演示店）"
#define DEMO_TIMEZONE "Asia/Shanghai"
#define DEMO_CUTOFF_MINUTES 360
#define DEMO_DEFAULT_PASSWORD "ktvdemo123"

struct demo_options {
    int days; /* business days of bills, ending with end_day (0: catalogue only) */
    uint64_t seed;
    int64_t end_day;      /* the last business day (a day number) */
    const char *password; /* of every demo user (the admin is created by init_venue) */
    int64_t live_now;     /* UTC now when run without --end-date: the rooms in use are opened
                             shortly before it (0: the fixed, seed-only layout) */
};

/* What a run wrote (or exported), for the command line to print and the audit to keep. */
struct demo_summary {
    int64_t first_day, last_day;
    int users, room_types, rooms, products, packages;
    int64_t bills, voided, lines, payments;
    int64_t gross_fen, discount_fen, service_fen, net_fen; /* settled bills only */
    int64_t last_day_bills, last_day_net_fen;              /* settled bills of last_day */
    int64_t after_midnight;                                /* bills settled after 00:00 */
    uint64_t fingerprint;                                  /* demo_day_fingerprint of all */
    /* What the front desk and the back office left around the bills. */
    int plans, members;
    int64_t shifts, shifts_reviewed, shifts_open, days_confirmed;
    int64_t overs, shorts; /* closed shifts with a difference */
    int64_t topups, topup_principal_fen, topup_bonus_fen, member_paid_fen;
    int open_stays, reservations;
};

/* Adds the demo users, rooms, products, packages with their terms, price plans (in force from
 * the first business day) and members to venue_id (which must have no bills and none of these
 * yet), then opts->days business days ending with opts->end_day as the front desk would have
 * left them: each day's cashier shifts (afternoon, evening, night: opened with a 500.00 float,
 * every payment of a settled bill tagged with the shift of its cashier, pay-outs and safe
 * drops, closed by a count with a frozen Z report), its bills, the members' top-ups and
 * payments from their balance, and the back office's review and confirmation of every day
 * but the last two. The last day stays live: its night shift open, rooms in use with goods
 * ordered, a room out of service and two reservations for the next evening.
 * The catalogue and users are one transaction, each business day one more; the run is
 * audited once (action "demo"), in the last transaction. Fills *out. On an error, what was
 * committed stays: the command line removes the database it created. Logs the cause. */
enum db_status demo_populate(struct db *db, int64_t venue_id, const struct demo_options *opts,
                             struct demo_summary *out);

/* Writes bills.csv, bill_lines.csv and bill_payments.csv (import format v1, UTF-8, local
 * times of Asia/Shanghai; bills.csv carries the optional service column, and the service
 * charge is also a line of kind service) plus rooms.csv, products.csv and packages.csv into dir
 * (created if missing) with exactly nbills bills over the `days` business days ending with end_day.
 * A benchmark venue is far busier than the demo's 32 rooms: each business day packs as many
 * generated venue-days (streams, each with its own seed) as it needs, so a million bills fit
 * one year and a single report reads all of them; bill numbers carry the stream
 * ("202501010042-07"). Deterministic. Returns false with a message on stderr on an I/O error. */
bool demo_export_csv(const char *dir, uint64_t seed, int64_t end_day, int days, int64_t nbills,
                     struct demo_summary *out);

/* The petty cash of the demo venue (demo/petty.c): a fund of 3,000.00 set up on first_day and
 * each week's issues, settlements, direct expenses and replenishment up to last_day, through
 * the petty-cash store (journal entries posted as backfill). Deterministic from seed. Runs its
 * own transactions (one per week); the venue must have its chart of accounts. */
enum db_status demo_petty_cash(struct db *db, int64_t venue_id, uint64_t seed, int64_t first_day,
                               int64_t last_day);

/* The demo's group-buy platforms (demo/groupbuy.c). demo_voucher_paid gives a Meituan or
 * Douyin voucher tender the price its guest paid the platform (about 85 % / 80 % of the face,
 * in whole yuan), as the till records it. demo_groupbuy then imports each platform's
 * settlement statements month by month through the group-buy store (settled T+1 net of the
 * platform's fee; the last two days verified only; a few real-life exceptions), its journal
 * entries posted as backfill. Deterministic from seed; own transactions (one per statement). */
struct bill_payment;
void demo_voucher_paid(struct bill_payment *p);
enum db_status demo_groupbuy(struct db *db, int64_t venue_id, uint64_t seed, int64_t first_day,
                             int64_t last_day);

/* The demo's fund transfers (demo/transfers.c): each channel's takings settled into the bank
 * the next day net of its fee (WeChat Pay and Alipay 0.6 %, cards 0.38 %), the safe's cash
 * deposited twice a week keeping 20,000.00, 3,000.00 drawn for change on the 15th. Reads the
 * amounts from the books, so it first posts the history written so far (finance_ensure); its
 * entries of confirmed days are backfill. Own transactions (one per day). */
enum db_status demo_transfers(struct db *db, int64_t venue_id, int64_t first_day, int64_t last_day);

#endif
