/* auth.h: passwords, sessions, roles and permissions.
 *
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str). A session is a random
 * 32-byte token sent as an HttpOnly, SameSite=Strict cookie; only its BLAKE2b hash is stored.
 * Each session carries a CSRF token that every write must echo in the X-CSRF-Token header.
 * Permissions are per role and module (read, write), stored in role_permissions and editable
 * by an admin; the admin role has every permission. */
#ifndef KTV_AUTH_H
#define KTV_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/db.h"
#include "core/http.h"

#define SESSION_COOKIE "ktv_session"

/* Initialises libsodium; false if it cannot (the process must not go on). */
bool auth_init(void);

/* Hashes a password into out (crypto_pwhash_STRBYTES, 128 bytes is enough). */
bool auth_hash_password(const char *password, char out[128]);
/* True if password matches the stored hash. */
bool auth_check_password(const char *stored, const char *password);
/* Password rule: 8 to 72 bytes, not all digits. Returns NULL if fine, else the reason
 * (static, Chinese or English). */
const char *auth_password_problem(const char *password, bool english);
/* Writes a random password of 14 letters and digits (15 bytes with NUL). */
void auth_random_password(char out[15]);

/* The roles, in display order, NULL-terminated; and their Chinese names. */
extern const char *const auth_roles[];
const char *auth_role_name_zh(const char *role);
bool auth_role_valid(const char *role);

/* The modules permissions apply to, NULL-terminated, with display names. */
struct module_info {
    const char *id, *name_zh, *name_en;
};
extern const struct module_info auth_modules[];
bool auth_module_valid(const char *module);

/* Loads the session named by the request's cookie into req->user; false if none or expired. */
bool auth_load_session(struct request *req);
/* True if role may read (or write) module. */
bool auth_permitted(struct db *db, const char *role, const char *module, bool write);

/* Creates a session for user_id; writes the raw token (65 bytes with NUL, hex) and the CSRF
 * token (48). Must run inside a write transaction. */
enum db_status auth_session_create(struct db *db, int64_t user_id, const char *ip, int hours,
                                   char token[65], char csrf[48]);

/* Registers a failed login, and tells whether the account or address is throttled now:
 * more than 5 failures for an account, or 30 from one address, in 15 minutes. */
bool auth_throttled(struct db *db, const char *username, const char *ip, int64_t now);
/* The same throttle for a manager's password typed at someone else's till (an approval),
 * counted apart from sign-in: wrong approver passwords sent by any user must not lock the
 * manager out of signing in. auth_approver_failed records one (inside the caller's write
 * transaction). */
bool auth_approver_throttled(struct db *db, const char *username, const char *ip, int64_t now);
enum db_status auth_approver_failed(struct db *db, const char *username, const char *ip,
                                    int64_t now);

/* The auth routes (login, logout, me) and the user and permission administration routes. */
extern const struct route auth_routes[];



/* Inserts a user with a hashed password (hashing done here). Runs inside the caller's write
 * transaction. DB_CONFLICT if the username is taken. */
enum db_status auth_user_insert(struct db *db, int64_t venue_id, const char *username,
                                const char *display_name, const char *role, const char *password,
                                int64_t *id);
#endif
