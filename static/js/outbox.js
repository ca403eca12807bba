// Records waiting for the server, kept in localStorage with their uids until the server has answered for good.
// Retrying is always safe: the server stores a uid once and answers a replay with 200.
import { api, ApiError } from './api.js';

const FINAL = new Set([200, 201, 409, 422]); // anything else (offline, 401, 5xx, 403/404) stays queued
const BATCH = 500;

export function newUid() {
  const b = crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs a secure context; tablets may use http
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export class Outbox extends EventTarget {
  constructor(key) {
    super();
    this.key = key;
    this.sending = null;
    this.again = false;
    this.needsLogin = false;
    window.addEventListener('storage', (e) => { if (e.key === key) this.changed(); });
  }

  items() {
    try { return JSON.parse(localStorage.getItem(this.key)) || []; } catch { return []; }
  }

  changed() { this.dispatchEvent(new Event('change')); }

  add(type, body) {
    const items = this.items();
    items.push({ type, body, queued_at: new Date().toISOString() });
    localStorage.setItem(this.key, JSON.stringify(items));
    this.changed();
  }

  settle(answered) {
    // Re-read: records added while a batch was in flight must stay.
    const items = this.items().filter((item) => !answered.has(item.body.uid));
    localStorage.setItem(this.key, JSON.stringify(items));
    this.changed();
  }

  flush() {
    if (this.sending) { this.again = true; return this.sending; }
    this.sending = this.send().finally(() => {
      this.sending = null;
      if (this.again) { this.again = false; this.flush(); }
    });
    return this.sending;
  }

  async send() {
    const snapshot = this.items();
    for (let i = 0; i < snapshot.length; i += BATCH) {
      const batch = snapshot.slice(i, i + BATCH);
      let answer;
      try {
        answer = await api('POST', '/api/v1/sync', { records: batch.map(({ type, body }) => ({ type, body })) });
      } catch (error) {
        this.needsLogin = error instanceof ApiError && [400, 401].includes(error.status);
        this.changed();
        return false;
      }
      this.needsLogin = false;
      const answered = new Set();
      answer.results.forEach((result, n) => { if (FINAL.has(result.status)) answered.add(batch[n].body.uid); });
      this.settle(answered);
    }
    return true;
  }
}
