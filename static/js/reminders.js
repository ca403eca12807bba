// Reminders of my residents' checks: two minutes before each falls due, a banner (role=alert) naming the resident
// and the due time, and a sound that can be muted on this tablet. Once per due time: a check moves the due time
// and so ends its reminder; one dismissed stays dismissed.
import { play, unlock } from './alert-sound.js';
import { hhmm } from './clock.js';

export const AHEAD_MS = 2 * 60000;
const MUTED = 'facility.reminders.muted';
const GIVEN = 'facility.reminders.given'; // per tab, so a reload does not sound the same reminder again
const KEEP_MS = 60 * 60000;

function given() {
  try { return new Set(JSON.parse(sessionStorage.getItem(GIVEN)) || []); } catch { return new Set(); }
}

export class Reminders {
  constructor() {
    this.banner = document.getElementById('reminder');
    this.list = document.getElementById('reminder-list');
    this.muteButton = document.getElementById('reminder-mute');
    this.muted = localStorage.getItem(MUTED) === 'yes';
    this.reminded = given(); // `${resident id}@${due}` of every reminder given
    this.dismissed = new Set();
    this.showing = [];
    this.shown = '';
    this.muteButton.addEventListener('click', () => {
      this.muted = !this.muted;
      localStorage.setItem(MUTED, this.muted ? 'yes' : 'no');
      this.showMute();
    });
    document.getElementById('reminder-ok').addEventListener('click', () => {
      this.showing.forEach(({ key }) => this.dismissed.add(key));
      this.draw([]);
    });
    // Browsers let a page make sound only after a tap on it.
    document.addEventListener('pointerdown', () => { unlock(); }, { once: true });
    this.showMute();
  }

  showMute() {
    this.muteButton.setAttribute('aria-pressed', String(this.muted));
  }

  // mine: the board rows (as view() makes them) of the residents assigned to me; now: the server's clock.
  update(mine, now) {
    let fresh = false;
    const showing = [];
    for (const r of mine) {
      const key = `${r.id}@${r.due}`;
      if (r.status === 'away' || !Number.isFinite(r.due) || this.dismissed.has(key)) continue;
      const left = r.due - now;
      if (!this.reminded.has(key) && left > 0 && left <= AHEAD_MS) {
        this.remember(key, now);
        fresh = true;
      }
      if (this.reminded.has(key)) showing.push({ key, r });
    }
    this.draw(showing.sort((a, b) => a.r.due - b.r.due));
    if (fresh && !this.muted) play();
  }

  remember(key, now) {
    this.reminded.add(key);
    const recent = [...this.reminded].filter((k) => Number(k.split('@')[1]) > now - KEEP_MS);
    this.reminded = new Set(recent);
    sessionStorage.setItem(GIVEN, JSON.stringify(recent));
  }

  draw(showing) {
    this.showing = showing;
    const words = showing.map(({ r }) => `${r.display_name}: check due at ${hhmm(r.due)}`);
    // Only a change is written, so a screen reader announces each reminder once, not at every redraw.
    if (words.join('\n') === this.shown) return;
    this.shown = words.join('\n');
    this.list.replaceChildren(...words.map((line) => Object.assign(document.createElement('li'), { textContent: line })));
    this.banner.hidden = !showing.length;
  }
}
