// What the check sheet says of presence: "Scanned ✓" and of what, or, for a resident whose level requires a scan,
// the rule with a Scan button and the reasons that let a tapped check through. The outcomes wait for one of them,
// except those that raise a critical alert: a missing resident or one in danger is never held up for a label.
// A scan counts only at the check: once it is older than the server's window the sheet says so and lets it go.
import { danger } from './board-view.js';

const MIN_REASON = 3;
const MAX_REASON = 200;

function scannedText({ kind, room, unverified }) {
  if (unverified) return 'Scanned — the server checks this code when the check is sent';
  return `Scanned ✓ (${kind === 'wristband' ? 'wristband' : `room ${room}`})`;
}

function span(seconds) {
  if (seconds && seconds % 60 === 0) return `${seconds / 60} minute${seconds === 60 ? '' : 's'}`;
  return `${seconds} second${seconds === 1 ? '' : 's'}`;
}

export class SheetPresence {
  // onScan(): open the scanner from the sheet; now(): the board's clock (which stamps the check's occurred_at);
  // windowSeconds: how long after its reading a scan still counts (the server's SCAN_WINDOW_SECONDS).
  constructor(sheet, onScan, { now = Date.now, windowSeconds = 120 } = {}) {
    this.sheet = sheet;
    this.now = now;
    this.windowSeconds = windowSeconds;
    this.expiry = null;
    this.scannedLine = document.getElementById('presence-scanned');
    this.rule = document.getElementById('scan-rule');
    this.otherBox = document.getElementById('reason-other-box');
    this.other = document.getElementById('reason-other');
    this.scan = null;
    this.required = false;
    this.reason = null;
    this.rule.addEventListener('click', (event) => {
      const tapped = event.target.closest('button');
      if (!tapped) return;
      if (tapped.id === 'sheet-scan') onScan();
      else if (tapped.dataset.reasonOther !== undefined) { this.choose(tapped, null); this.otherBox.hidden = false; this.other.focus(); this.fromOther(); }
      else if (tapped.dataset.reason) { this.otherBox.hidden = true; this.choose(tapped, tapped.dataset.reason); }
    });
    this.other.addEventListener('input', () => this.fromOther());
  }

  // r: the resident's board row; scan: { token, kind, room, unverified, at } when the sheet was opened by a scan.
  show(r, scan) {
    clearTimeout(this.expiry);
    this.row = r;
    this.scan = scan || null;
    this.required = Boolean(r.scan_required) && !this.scan;
    this.reason = null;
    this.scannedLine.hidden = !this.scan;
    this.scannedLine.classList.remove('expired');
    if (this.scan) {
      this.scannedLine.textContent = scannedText(this.scan);
      this.expiry = setTimeout(() => this.expire(), this.scan.at + this.windowSeconds * 1000 - this.now());
    }
    this.rule.hidden = !this.required;
    document.getElementById('scan-rule-text').textContent =
      `Scan required (${r.observation_level.replaceAll('_', ' ')}): scan the room or wristband code, or give a reason`;
    this.other.value = '';
    this.otherBox.hidden = true;
    this.choose(null, null);
  }

  // The scan is too old to show the worker is here now: say so, and ask again for a scan (or a reason).
  expire() {
    if (!this.scan) return;
    this.scan = null;
    this.required = Boolean(this.row.scan_required);
    this.scannedLine.classList.add('expired');
    this.scannedLine.textContent = `The scan was more than ${span(this.windowSeconds)} ago and no longer counts: `
      + (this.required ? 'scan the code again, or give a reason' : 'record the check without it, or cancel and scan again');
    this.rule.hidden = !this.required;
    this.lock();
  }

  choose(button, reason) {
    this.rule.querySelectorAll('[aria-pressed]').forEach((b) => b.setAttribute('aria-pressed', String(b === button)));
    this.reason = reason;
    this.lock();
  }

  fromOther() {
    const words = this.other.value.trim();
    this.reason = words.length >= MIN_REASON ? words.slice(0, MAX_REASON) : null;
    this.lock();
  }

  lock() {
    const locked = this.required && !this.reason;
    this.sheet.querySelectorAll('.quick .outcome, .states .outcome:not(.danger)').forEach((b) => { b.disabled = locked; });
  }

  // The presence the check of this outcome records.
  body(outcome) {
    if (this.scan) return { method: 'scanned', token: this.scan.token, scanned_at: new Date(this.scan.at).toISOString() };
    if (this.reason) return { method: 'tapped', reason: this.reason };
    if (this.required && danger(outcome)) return { method: 'tapped', reason: `${danger(outcome)}: emergency, no scan` };
    return { method: 'tapped' };
  }
}
