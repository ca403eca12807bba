// What became of each record made on this tablet: stored, waiting to be sent, or refused with the server's reason.
// The outbox answers for every uid (a record leaves its queue only once the server stored or refused it), so the
// list survives a reload and never says "stored" for a record the server has not acknowledged.
import { el, hhmm, tapTarget } from './care-view.js';

const KEEP = 30;

export class Recent {
  constructor(outbox, userId) {
    this.outbox = outbox;
    this.key = `facility.care.recent.${userId}`; // per tab and user: a shared tablet shows nobody else's list
    this.last = null;
  }

  read() {
    try { return JSON.parse(sessionStorage.getItem(this.key)) || []; } catch { return []; }
  }

  add(uid, label, occurredAt) {
    const items = [{ uid, label, at: occurredAt }, ...this.read()].slice(0, KEEP);
    sessionStorage.setItem(this.key, JSON.stringify(items));
    this.last = uid;
  }

  stateOf(uid) {
    const refused = this.outbox.refused().find((item) => item.body.uid === uid);
    if (refused) return { state: 'refused', reason: refused.reason };
    if (this.outbox.items().some((item) => item.body.uid === uid)) return { state: 'waiting' };
    return { state: 'stored' };
  }

  line(item) {
    const { state, reason } = this.stateOf(item.uid);
    const li = el('li', `recent-${state}`);
    li.dataset.uid = item.uid;
    li.dataset.state = state;
    const said = { stored: 'stored ✓', waiting: 'waiting to send', refused: `not stored — ${reason}` }[state];
    li.append(el('time', '', hhmm(item.at)), el('span', 'what', item.label), el('span', 'state', said));
    return li;
  }

  render() {
    const items = this.read();
    const list = document.getElementById('recent');
    list.replaceChildren(...(items.length ? items.map((item) => this.line(item)) : [el('li', 'empty', 'Nothing yet this session.')]));
    this.renderSaved(items.find((item) => item.uid === this.last));
    this.renderRefused();
  }

  // The bar at the top answers the last tap: stored, kept here, or refused and why.
  renderSaved(item) {
    const bar = document.getElementById('saved');
    if (!item) { bar.hidden = true; return; }
    const { state, reason } = this.stateOf(item.uid);
    const words = {
      stored: `Stored ✓ ${hhmm(item.at)} — ${item.label}`,
      waiting: this.outbox.sending ? `Sending… ${item.label}` : `Kept on this tablet — ${item.label} (sent when the network is back)`,
      refused: `Not stored — ${item.label}: ${reason}`,
    }[state];
    document.getElementById('saved-text').textContent = words;
    bar.dataset.state = state;
    bar.hidden = false;
  }

  renderRefused() {
    const refused = this.outbox.refused().filter((item) => ['adl', 'note', 'group', 'outing', 'outing.return'].includes(item.type));
    document.getElementById('refused').hidden = refused.length === 0;
    document.getElementById('refused-list').replaceChildren(...refused.map((item) => {
      const li = el('li');
      li.dataset.uid = item.body.uid;
      li.append(el('span', 'what', `${item.label || item.type} (${hhmm(item.body.occurred_at)})`),
        el('span', 'reason', item.reason), tapTarget('discard', 'Discard', () => this.outbox.remove(item.body.uid)));
      return li;
    }));
  }
}
