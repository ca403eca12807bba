// The tablet board: one tile per resident, soonest due first.
import { api } from './api.js';

const root = document.getElementById('rounds');
const unitId = root.dataset.unitId;
const board = document.getElementById('board');

function minutesUntil(iso) {
  return Math.round((new Date(iso) - Date.now()) / 60000);
}

function tile(resident) {
  const li = document.createElement('li');
  li.className = `tile status-${resident.status}`;
  li.dataset.residentId = resident.id;
  const due = minutesUntil(resident.next_check_due_at);
  li.innerHTML = '';
  const name = document.createElement('strong');
  name.className = 'name';
  name.textContent = resident.display_name;
  const level = document.createElement('span');
  level.className = 'level';
  level.textContent = resident.observation_level;
  const when = document.createElement('span');
  when.className = 'due';
  when.textContent = due >= 0 ? `due in ${due} min` : `${-due} min overdue`;
  const flags = document.createElement('span');
  flags.className = 'precautions';
  flags.textContent = resident.precautions.join(' · ');
  li.append(name, level, when, flags);
  return li;
}

async function refresh() {
  const data = await api('GET', `/api/v1/units/${unitId}/board`);
  document.getElementById('unit-name').textContent = `${data.unit.name} rounds`;
  board.replaceChildren(...data.residents.map(tile));
}

refresh();
setInterval(() => refresh().catch(() => {}), 20000);
