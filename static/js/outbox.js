// Records waiting for the server, kept in localStorage with their uids until the server has answered for good.
// Retrying is always safe: the server stores a uid once and answers a replay with 200.
// A record the server refuses (403, 404, 409, 422) moves to a list of its own, with the reason, until a person
// discards it or records it again: it is never dropped unseen and never retried forever.
import { api, ApiError } from './api.js';

const STORED = new Set([200, 201]);
const REFUSED = new Set([403, 404, 409, 422]); // anything else (offline, 401, 5xx) stays queued
const BATCH = 500;

export function newUid() {
  const b = crypto.getRandomValues(new Uint8Array(16)); // randomUUID needs a secure context; tablets may use http
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// The server's reason in words: field messages, or the record's own.
export function reasonOf(result) {
  const errors = result.errors || {};
  const words = Object.entries(errors).map(([field, why]) => {
    const text = [].concat(why).map((w) => (typeof w === 'string' ? w : JSON.stringify(w))).join(' ');
    return field === '_record' ? text : `${field.replaceAll('_', ' ')}: ${text}`;
  });
  return words.join('; ') || (result.status === 403 ? 'not allowed for your role' : `refused (${result.status})`);
}

export class Outbox extends EventTarget {
  constructor(key) {
    super();
    this.key = key;
    this.refusedKey = `${key}.refused`;
    this.sending = null;
    this.again = false;
    this.needsLogin = false;
    window.addEventListener('storage', (e) => { if (e.key === key || e.key === this.refusedKey) this.changed(); });
  }

  read(key) {
    try { return JSON.parse(localStorage.getItem(key)) || []; } catch { return []; }
  }

  items() { return this.read(this.key); }

  refused() { return this.read(this.refusedKey); }

  changed() { this.dispatchEvent(new Event('change')); }

  add(type, body, label = '') {
    const items = this.items();
    items.push({ type, body, label, queued_at: new Date().toISOString() });
    localStorage.setItem(this.key, JSON.stringify(items));
    this.changed();
  }

  // Take a record back before it was stored (undo), or drop a refused one; false if neither list has it.
  remove(uid) {
    let found = false;
    for (const key of [this.key, this.refusedKey]) {
      const items = this.read(key);
      const kept = items.filter((item) => item.body.uid !== uid);
      if (kept.length !== items.length) {
        localStorage.setItem(key, JSON.stringify(kept));
        found = true;
      }
    }
    if (found) this.changed();
    return found;
  }

  settle(answered, refused) {
    // Re-read: records added (or taken back) while a batch was in flight must stay as they are now.
    const items = this.items().filter((item) => !answered.has(item.body.uid));
    localStorage.setItem(this.key, JSON.stringify(items));
    if (refused.length) localStorage.setItem(this.refusedKey, JSON.stringify([...this.refused(), ...refused]));
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
        this.needsLogin = error instanceof ApiError && error.status === 401;
        this.changed();
        return false;
      }
      this.needsLogin = false;
      const answered = new Set();
      const stored = [];
      const refused = [];
      answer.results.forEach((result, n) => {
        const item = batch[n];
        if (STORED.has(result.status)) stored.push({ ...item, id: result.id });
        else if (REFUSED.has(result.status)) refused.push({ ...item, status: result.status, reason: reasonOf(result) });
        else return;
        answered.add(item.body.uid);
      });
      this.settle(answered, refused);
      if (stored.length) this.dispatchEvent(new CustomEvent('stored', { detail: stored }));
      if (refused.length) this.dispatchEvent(new CustomEvent('refused', { detail: refused }));
    }
    return true;
  }
}
