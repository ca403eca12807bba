// A group session on the tablet: topic, how long, and each attendee's participation in one tap per resident.
import { newUid } from './outbox.js';
import { el, pressOne, pressed } from './care-view.js';

const sheet = document.getElementById('group-sheet');
const list = document.getElementById('attendees');
const problem = document.getElementById('group-error');
let open = null; // { unitId, at, submit }

function attendeeRow(resident) {
  const li = el('li', 'care-attendee');
  li.dataset.residentId = resident.id;
  const choices = el('div', 'care-participation');
  choices.setAttribute('role', 'group');
  choices.setAttribute('aria-label', `${resident.display_name}: participation`);
  choices.append(document.getElementById('participation-choices').content.cloneNode(true));
  li.append(el('span', 'name', resident.display_name), choices);
  return li;
}

export function openGroup({ residents, unitId, at, submit }) {
  open = { unitId, at, submit };
  document.getElementById('group-topic').value = '';
  problem.hidden = true;
  pressOne(document.getElementById('group-duration'), document.querySelector('#group-duration [data-duration="45"]'));
  list.replaceChildren(...residents.map(attendeeRow));
  sheet.showModal();
}

function refuse(words, focus) {
  problem.textContent = words;
  problem.hidden = false;
  if (focus) focus.focus();
}

function save() {
  const topic = document.getElementById('group-topic').value.trim();
  const attendees = [...list.querySelectorAll('li')].map((li) => ({
    resident_id: Number(li.dataset.residentId), participation: pressed(li, 'participation'),
  })).filter((a) => a.participation);
  if (!topic) { refuse('Say what the group was about.', document.getElementById('group-topic')); return; }
  if (!attendees.length) { refuse('Tap how at least one resident took part.'); return; }
  const duration = Number(pressed(document.getElementById('group-duration'), 'duration') || 45);
  const body = { uid: newUid(), unit_id: open.unitId, occurred_at: open.at(), topic, duration_min: duration, attendees };
  const { submit } = open;
  sheet.close();
  submit(body, `group '${topic}', ${duration} min, ${attendees.length} attended`);
}

sheet.addEventListener('click', (event) => {
  const b = event.target.closest('button');
  if (!b || !open) return;
  if (b.dataset.participation) pressOne(b.parentElement, b, true);
  else if (b.dataset.duration) pressOne(b.parentElement, b);
  else if (b.id === 'group-save') save();
  else if (b.dataset.cancel !== undefined) sheet.close();
});
sheet.addEventListener('close', () => { open = null; });
