// What the check sheet says of presence: "Scanned ✓" and of what, or, for a resident whose level requires a scan,
// the rule with a Scan button and the reasons that let a tapped check through. The outcomes wait for one of them,
// except those that raise a critical alert: a missing resident or one in danger is never held up for a label.
import { danger } from './board-view.js';

const MIN_REASON = 3;
const MAX_REASON = 200;

function scannedText({ kind, room, unverified }) {
  if (unverified) return 'Scanned — the server checks this code when the check is sent';
  return `Scanned ✓ (${kind === 'wristband' ? 'wristband' : `room ${room}`})`;
}

export class SheetPresence {
  // onScan(): open the scanner from the sheet.
  constructor(sheet, onScan) {
    this.sheet = sheet;
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
    this.scan = scan || null;
    this.required = Boolean(r.scan_required) && !this.scan;
    this.reason = null;
    this.scannedLine.hidden = !this.scan;
    if (this.scan) this.scannedLine.textContent = scannedText(this.scan);
    this.rule.hidden = !this.required;
    document.getElementById('scan-rule-text').textContent =
      `Scan required (${r.observation_level.replaceAll('_', ' ')}): scan the room or wristband code, or give a reason`;
    this.other.value = '';
    this.otherBox.hidden = true;
    this.choose(null, null);
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
