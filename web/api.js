// api.js: the one way the UI talks to the server.
//
// JSON in and out; the CSRF token of the session on every non-GET request; X-Lang: en when
// English is chosen (the server then answers errors in English), zh-CN otherwise; an error body
// {"error":{"code","message","field"}} becomes an ApiError whose message is shown to the user;
// a 401 sends the user back to the login page.
import { isEn, t } from './i18n.js';

let csrfToken = '';
let unauthorizedHandler = null;

/** Remembers the session's CSRF token (from login or /auth/me). */
export function setCsrf(token) {
  csrfToken = token || '';
}

/** Registers what to do when the server answers 401 (the app shows the login page). */
export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

/** An error the server (or the network) reported: status, code, message, field. */
export class ApiError extends Error {
  constructor(status, code, message, field, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field || null;
    this.body = body || null; // the whole reply (a refused import carries its report)
  }
}

/** Builds "/api/v1/x?a=1" from a path and an object of query parameters (empty ones left out). */
export function url(path, params) {
  const u = '/api/v1' + path;
  if (!params) return u;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? u + '?' + s : u;
}

function headersFor(method, extra) {
  const h = { Accept: 'application/json', ...extra };
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) h['X-CSRF-Token'] = csrfToken;
  // Always say which language: the browser's Accept-Language may be English while the UI is not.
  h['X-Lang'] = isEn() ? 'en' : 'zh-CN';
  return h;
}

async function errorOf(resp) {
  let body = null;
  try {
    body = await resp.json();
  } catch {
    /* not JSON: a proxy's page or an empty body */
  }
  const e = body && body.error;
  if (e && e.message) return new ApiError(resp.status, e.code || 'error', e.message, e.field, body);
  if (resp.status === 404) return new ApiError(404, 'not_found', t('common.notAvailable'));
  return new ApiError(resp.status, 'http_' + resp.status, t('common.serverError', { status: resp.status }));
}

function showError(err) {
  if (window.ElementPlus && ElementPlus.ElMessage) {
    ElementPlus.ElMessage({ type: 'error', message: err.message, grouping: true, duration: 5000 });
  }
}

/**
 * Sends a request. body: an object (sent as JSON), a FormData (multipart), or undefined.
 * opts.quiet: do not show the error message (the caller shows it);
 * opts.noAuthRedirect: a 401 is returned as an error instead of going to the login page.
 * Resolves to the parsed JSON (or null for an empty body); rejects with ApiError.
 */
export async function request(method, path, body, opts = {}) {
  const init = { method, credentials: 'same-origin', headers: headersFor(method) };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let resp;
  try {
    resp = await fetch(path.startsWith('/api/') ? path : url(path), init);
  } catch {
    const err = new ApiError(0, 'network', t('common.networkError'));
    if (!opts.quiet) showError(err);
    throw err;
  }
  if (!resp.ok) {
    const err = await errorOf(resp);
    if (resp.status === 401 && !opts.noAuthRedirect && unauthorizedHandler) {
      unauthorizedHandler();
      throw err;
    }
    if (!opts.quiet) showError(err);
    throw err;
  }
  if (resp.status === 204) return null;
  const text = await resp.text();
  return text ? JSON.parse(text) : null;
}

/** GET path with query parameters. */
export function get(path, params, opts) {
  return request('GET', url(path, params), undefined, opts);
}
export function post(path, body, opts) {
  return request('POST', path, body, opts);
}
export function put(path, body, opts) {
  return request('PUT', path, body, opts);
}

/**
 * Downloads a file the server produces (an export): GET with the session, saved under the
 * server's file name (Content-Disposition) or fallbackName. Errors are shown like any other.
 */
export async function download(path, params, fallbackName) {
  let resp;
  try {
    resp = await fetch(url(path, params), { credentials: 'same-origin', headers: headersFor('GET') });
  } catch {
    const err = new ApiError(0, 'network', t('common.networkError'));
    showError(err);
    throw err;
  }
  if (!resp.ok) {
    const err = await errorOf(resp);
    if (resp.status === 401 && unauthorizedHandler) unauthorizedHandler();
    else showError(err);
    throw err;
  }
  const blob = await resp.blob();
  let name = fallbackName;
  const cd = resp.headers.get('Content-Disposition') || '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  if (star) name = decodeURIComponent(star[1]);
  else if (plain) name = plain[1];
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
  return name;
}
