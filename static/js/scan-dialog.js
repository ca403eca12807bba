// The Scan dialog: the camera until a presence code is read, then the resident it names (a choice when a room is
// shared, or when offline the code was never read here), or in plain words why the code cannot be used.
// The camera is off whenever the dialog is closed.
import { Scanner, prepare } from './scanner.js';

const SAME_CODE_QUIET_MS = 4000; // a refused code still in front of the camera is not looked up again at once

export class ScanDialog {
  // codes: a PresenceCodes; residents(): the board's residents now; now(): the board's clock; onScanned(resident, scan)
  // where scan = { token, kind, room, unverified, at } (unverified: read offline, the server checks it when the check
  // is sent; at: when the camera read the code, which the check sends as its scanned_at).
  constructor({ unitId, codes, residents, now = Date.now, onScanned }) {
    this.unitId = unitId;
    this.now = now;
    this.codes = codes;
    this.residents = residents;
    this.onScanned = onScanned;
    this.dialog = document.getElementById('scan-dialog');
    this.statusLine = document.getElementById('scan-status');
    this.problemLine = document.getElementById('scan-problem');
    this.pickBox = document.getElementById('scan-pick');
    this.scanner = new Scanner(document.getElementById('scan-video'));
    this.dialog.addEventListener('close', () => this.scanner.stop());
    document.getElementById('scan-close').addEventListener('click', () => this.dialog.close());
    prepare().catch(() => {}); // tried again when the dialog opens
  }

  open() {
    this.busy = false;
    this.refused = { token: null, at: 0 };
    this.problemLine.hidden = true;
    this.pickBox.hidden = true;
    if (!this.dialog.open) this.dialog.showModal();
    this.status('Hold the room or wristband code in front of the camera.');
    this.scanner.start((token) => this.read(token)).catch((error) => {
      this.status('');
      this.problem(`The camera could not be opened (${error.message}). Close this and tap the resident on the board: the check is recorded without a scan, and where the unit asks for one the sheet asks why.`);
    });
  }

  status(words) {
    this.statusLine.textContent = words;
  }

  problem(words) {
    this.problemLine.textContent = words;
    this.problemLine.hidden = false;
  }

  async read(token) {
    const quiet = token === this.refused.token && Date.now() - this.refused.at < SAME_CODE_QUIET_MS;
    if (this.busy || quiet) return;
    const at = this.now(); // the moment of reading, not of the look-up or the pick that follow
    this.busy = true;
    this.status('Code read — looking it up…');
    const found = await this.codes.lookUp(token);
    this.busy = false;
    if (!this.dialog.open) return;
    if (found.refused) { this.refuse(token, found.refused); return; }
    if (!found.code) {
      this.pick(token, at, null, [...this.residents()].sort((a, b) => a.room.localeCompare(b.room)),
        'Offline, and this code was never read on this tablet. Pick the resident: the code is checked when the check is sent.');
      return;
    }
    const { code } = found;
    const rows = code.resident_ids.map((id) => this.residents().find((r) => r.id === id)).filter(Boolean);
    if (code.unit_id !== this.unitId || !rows.length) { this.refuse(token, 'This code is for a resident who is not on this board.'); return; }
    if (rows.length === 1) { this.done(rows[0], { token, kind: code.kind, room: code.room, at }); return; }
    this.pick(token, at, code, rows, `Room ${code.room} is shared — who did you see?`);
  }

  refuse(token, words) {
    this.refused = { token, at: Date.now() };
    this.problem(words);
    this.status('Scan another code, or close this.');
  }

  pick(token, at, code, rows, why) {
    this.scanner.stop();
    this.problemLine.hidden = true;
    this.status('');
    document.getElementById('scan-pick-why').textContent = why;
    document.getElementById('scan-choices').replaceChildren(...rows.map((r) => {
      const li = document.createElement('li');
      const choice = document.createElement('button');
      choice.type = 'button';
      choice.className = 'scan-choice';
      choice.dataset.residentId = r.id;
      choice.textContent = `${r.display_name} · ${r.room}`;
      choice.addEventListener('click', () => this.done(r, { token, kind: code?.kind, room: code?.room, unverified: !code, at }));
      li.append(choice);
      return li;
    }));
    this.pickBox.hidden = false;
  }

  done(resident, scan) {
    this.dialog.close();
    this.onScanned(resident, scan);
  }
}
