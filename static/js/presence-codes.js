// What a scanned presence code names: its kind, room and residents, asked of the server and remembered on this
// tablet (ids only, never names) so that a code read before still opens the right sheet without a network.
import { api, ApiError } from './api.js';

const KEEP = 400;
const REPLACED = 'This code was replaced by a new label — ask for a new label.';
const UNKNOWN = 'This code is not one of this unit’s labels.';

export class PresenceCodes {
  constructor(key) {
    this.key = key;
  }

  known() {
    try { return JSON.parse(localStorage.getItem(this.key)) || {}; } catch { return {}; }
  }

  keep(token, code) {
    const known = this.known();
    delete known[token];
    known[token] = code;
    const tokens = Object.keys(known);
    for (const old of tokens.slice(0, Math.max(0, tokens.length - KEEP))) delete known[old];
    localStorage.setItem(this.key, JSON.stringify(known));
  }

  forget(token) {
    const known = this.known();
    if (!(token in known)) return;
    delete known[token];
    localStorage.setItem(this.key, JSON.stringify(known));
  }

  // → { code: { kind, room, unit_id, resident_ids } }, { refused: words }, or { offline: true, code? } when the
  // server could not be asked (then the code is the one remembered, if any).
  async lookUp(token) {
    try {
      const answer = await api('GET', `/api/v1/presence-codes/${encodeURIComponent(token)}`);
      const code = { kind: answer.kind, room: answer.room, unit_id: answer.unit_id,
        resident_ids: answer.residents.map((r) => r.id) };
      this.keep(token, code);
      return { code };
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      if (status === 410 || status === 404) {
        this.forget(token);
        return { refused: status === 410 ? REPLACED : UNKNOWN, status };
      }
      if (status === 401) return { refused: 'Signed out — log in again to scan.', status };
      if (status && status < 500) return { refused: `This code cannot be used (${error.message}).`, status };
      return { offline: true, code: this.known()[token] };
    }
  }
}
