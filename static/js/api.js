// JSON calls to the API with the session's CSRF token; a session that has ended is announced to the page.
const meta = () => document.querySelector('meta[name="csrf-token"]');
const LOGIN = '/api/v1/auth/login';
let last = Date.now();

// When this page last spoke to the server (each request keeps the session from going idle).
export const lastCall = () => last;

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export function setToken(token) {
  meta().content = token;
}

// Pages listen for this to offer a new login in place instead of failing quietly.
function signedOut() {
  window.dispatchEvent(new CustomEvent('facility:signed-out'));
}

export async function api(method, path, body, retried = false) {
  const options = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  if (method !== 'GET') options.headers['X-CSRFToken'] = meta().content;
  last = Date.now();
  const response = await fetch(path, options);
  const data = response.status === 204 ? null : await response.json().catch(() => null);
  if (response.ok) return data;
  // A refused CSRF token means either a stale token or a session that is gone: the server tells which.
  if (response.status === 400 && method !== 'GET' && !retried && /CSRF/.test((data && data.message) || '')) {
    if (await renewToken()) return api(method, path, body, true);
    throw new ApiError(401, { message: 'login required' });
  }
  if (response.status === 401 && path !== LOGIN) signedOut();
  throw new ApiError(response.status, data);
}

// True when the session still holds (and the page now has its current token), false when it has ended.
export async function renewToken() {
  try {
    setToken((await api('GET', '/api/v1/auth/me')).csrf_token);
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return false;
    throw error;
  }
}

// Log in again without leaving the page; the new session's token replaces the old one.
export async function login(username, password) {
  const answer = await api('POST', LOGIN, { username, password });
  setToken(answer.csrf_token);
  return answer.user;
}
