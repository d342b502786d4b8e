// router.js: hash routing (#/reports/takings?from=...&to=...). The server serves only real
// files, so every page lives behind the hash; the query keeps a page's filters so a link
// reopens the same view.
const { reactive } = Vue;

export const route = reactive({ path: '/home', query: {} });

function parse() {
  const h = decodeURI(location.hash.replace(/^#/, '')) || '/home';
  const i = h.indexOf('?');
  route.path = (i < 0 ? h : h.slice(0, i)) || '/home';
  route.query = Object.fromEntries(new URLSearchParams(i < 0 ? '' : h.slice(i + 1)));
}
parse();
window.addEventListener('hashchange', parse);

function hashOf(path, query) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query || {})) if (v !== undefined && v !== null && v !== '') q.set(k, v);
  const s = q.toString();
  return '#' + path + (s ? '?' + s : '');
}

/** Goes to a page (adds a history entry). */
export function go(path, query) {
  const h = hashOf(path, query);
  if (location.hash === h) parse();
  else location.hash = h;
}

/** Rewrites the current page's query without reloading it (filters in the address). */
export function setQuery(query) {
  history.replaceState(history.state, '', hashOf(route.path, query));
  route.query = Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)]));
}
