// store.js: what the whole UI shares: the signed-in user, their permissions, the venue, and
// whether the screen is phone-sized.
const { reactive } = Vue;

export const session = reactive({
  ready: false,  // /auth/me answered (signed in or not)
  user: null,    // {id, username, display_name, role, role_name}
  permissions: {}, // {module: {read, write}}
  venue: null,   // {id, name, timezone, cutoff_minutes}
});

/** Takes the body of POST /auth/login or GET /auth/me. */
export function setSession(me) {
  session.user = me ? me.user : null;
  session.permissions = (me && me.permissions) || {};
  session.venue = me ? me.venue : null;
}

/** True if the signed-in user may read (or, with write, change) module. module may be an
 * array: any one of them is enough. No module means any signed-in user. */
export function can(module, write = false) {
  if (!session.user) return false;
  if (!module) return true;
  const list = Array.isArray(module) ? module : [module];
  return list.some((m) => {
    const p = session.permissions[m];
    return !!(p && (write ? p.write : p.read));
  });
}

const phoneQuery = window.matchMedia('(max-width: 768px)');
export const ui = reactive({ isPhone: phoneQuery.matches });
phoneQuery.addEventListener('change', (e) => {
  ui.isPhone = e.matches;
});
