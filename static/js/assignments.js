// Who has which residents this shift. A lead picks a worker for each resident and saves the whole set; a worker
// takes or releases residents for themselves. After each save the page shows what the server kept.
import { api } from './api.js';
import { hhmm } from './clock.js';

const root = document.getElementById('assignments');
const unitId = Number(root.dataset.unitId);
const lead = root.dataset.lead === 'yes';
const me = Number(document.querySelector('.who').dataset.userId);
const rowsBody = document.getElementById('assign-rows');
const statusLine = document.getElementById('assign-status');
const path = `/api/v1/units/${unitId}/assignments`;

let residents = [];
let staff = [];
let holders = new Map(); // resident id → { user_id, name } of this shift

function say(words, problem = false) {
  statusLine.textContent = words;
  statusLine.classList.toggle('problem', problem);
}

function keep(answer) {
  holders = new Map();
  for (const { user_id: userId, name, resident_ids: ids } of answer.assignments) {
    for (const id of ids) holders.set(id, { user_id: userId, name });
  }
  document.getElementById('shift').textContent = `This shift: ${hhmm(answer.shift_start)}–${hhmm(answer.shift_end)}`;
}

function cell(...content) {
  const td = document.createElement('td');
  td.append(...content);
  return td;
}

function picker(r) {
  const select = document.createElement('select');
  select.dataset.residentId = r.id;
  select.setAttribute('aria-label', `Worker for ${r.display_name}`);
  select.append(new Option('— nobody —', ''), ...staff.map((s) => new Option(s.name, String(s.id))));
  select.value = String(holders.get(r.id)?.user_id ?? '');
  return select;
}

function mineNow() {
  return [...holders].filter(([, h]) => h.user_id === me).map(([id]) => id);
}

function selfControl(r) {
  const holder = holders.get(r.id);
  const mine = holder?.user_id === me;
  const who = Object.assign(document.createElement('span'), {
    className: `holder${mine ? ' mine' : ''}`, textContent: holder ? (mine ? 'You' : holder.name) : 'Nobody',
  });
  if (holder && !mine) return [who];
  const change = Object.assign(document.createElement('button'), { type: 'button', textContent: mine ? 'Release' : 'Take' });
  change.dataset.residentId = r.id;
  change.setAttribute('aria-label', `${mine ? 'Release' : 'Take'} ${r.display_name}`);
  change.addEventListener('click', () => {
    const ids = mine ? mineNow().filter((id) => id !== r.id) : [...mineNow(), r.id];
    save({ assignments: [{ user_id: me, resident_ids: ids }] }, `${r.display_name} ${mine ? 'released' : 'is yours'}`);
  });
  return [who, change];
}

function render() {
  rowsBody.replaceChildren(...residents.map((r) => {
    const tr = document.createElement('tr');
    tr.dataset.residentId = r.id;
    const name = Object.assign(document.createElement('th'), { scope: 'row', textContent: r.display_name });
    const control = lead ? [picker(r)] : selfControl(r);
    tr.append(name, cell(r.observation_level.replaceAll('_', ' ')), cell(...control));
    return tr;
  }));
}

async function save(body, what) {
  try {
    keep(await api('PUT', path, body));
    say(`Saved at ${hhmm(Date.now())}${what ? ` — ${what}` : ''}.`);
    render();
  } catch (error) {
    say(`Not saved: ${error.message}`, true);
    if (!lead) await load(); // someone else may have taken the resident; a lead keeps their picks to try again
  }
}

async function load() {
  try {
    const [board, answer, people] = await Promise.all([api('GET', `/api/v1/units/${unitId}/board`), api('GET', path),
      lead ? api('GET', `/api/v1/units/${unitId}/staff`) : Promise.resolve([])]);
    document.getElementById('assign-title').textContent = `${board.unit.name} assignments`;
    residents = [...board.residents].sort((a, b) => a.room.localeCompare(b.room));
    staff = people;
    keep(answer);
  } catch (error) {
    say(`Could not load the assignments: ${error.message}`, true);
  }
  render();
}

if (lead) {
  rowsBody.addEventListener('change', () => say('Changed — not saved yet.'));
  document.getElementById('assign-save').addEventListener('click', () => {
    const byUser = new Map();
    rowsBody.querySelectorAll('select').forEach((select) => {
      if (!select.value) return;
      const userId = Number(select.value);
      byUser.set(userId, [...(byUser.get(userId) || []), Number(select.dataset.residentId)]);
    });
    save({ assignments: [...byUser].map(([userId, ids]) => ({ user_id: userId, resident_ids: ids })) });
  });
}
load();
