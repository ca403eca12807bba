// The admin page: units and staff accounts, through the JSON API.
import { api, ApiError } from './api.js';

const root = document.getElementById('admin');
const selfId = Number(root.dataset.selfId);
const unitList = document.getElementById('units');
const staffBody = document.getElementById('staff');
const form = document.getElementById('new-staff');
const formUnits = document.getElementById('new-staff-units');
const message = document.getElementById('admin-message');
const ROLES = ['worker', 'nurse', 'lead', 'admin'];
let units = [];

function say(text, isError = false) {
  message.textContent = text;
  message.classList.toggle('error', isError);
  message.hidden = false;
}

function explain(error) {
  if (!(error instanceof ApiError)) return 'The server could not be reached.';
  const fields = error.body && error.body.errors;
  if (fields) return Object.entries(fields).map(([name, why]) => `${name}: ${[].concat(why).join(' ')}`).join('; ');
  return error.message;
}

function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function unitBoxes(name, chosen, onChange) {
  return units.map((unit) => {
    const box = el('input', { type: 'checkbox', name, value: String(unit.id), checked: chosen.includes(unit.id) });
    if (onChange) box.addEventListener('change', onChange);
    return el('label', {}, [box, unit.name]);
  });
}

const checkedIds = (container) => [...container.querySelectorAll('input[type=checkbox]:checked')].map((b) => Number(b.value));

async function change(user, body, done) {
  try {
    await api('PATCH', `/api/v1/users/${user.id}`, body);
    say(done);
  } catch (error) {
    say(`${user.name}: ${explain(error)}`, true);
  }
  await loadStaff();
}

function staffRow(user) {
  const self = user.id === selfId;
  const role = el('select', { 'aria-label': `Role of ${user.name}`, disabled: self },
    ROLES.map((r) => el('option', { value: r, selected: r === user.role, textContent: r })));
  role.addEventListener('change', () => change(user, { role: role.value }, `${user.name} is now ${role.value}.`));
  const choice = el('fieldset', { className: 'unit-choice', disabled: self });
  choice.append(...unitBoxes(`units-${user.id}`, user.unit_ids,
    () => change(user, { unit_ids: checkedIds(choice) }, `${user.name}'s units changed.`)));
  const toggle = el('button', { type: 'button', className: 'toggle', disabled: self,
    textContent: user.active ? 'Deactivate' : 'Activate' });
  toggle.addEventListener('click', () => change(user, { active: !user.active },
    `${user.name} is ${user.active ? 'deactivated' : 'active again'}.`));
  const row = el('tr', { className: user.active ? 'active' : 'inactive' }, [
    el('td', { textContent: user.name }), el('td', { className: 'username', textContent: user.username }),
    el('td', {}, [role]), el('td', {}, [choice]),
    el('td', {}, [el('span', { className: 'state', textContent: user.active ? 'active ' : 'inactive ' }), toggle]),
  ]);
  row.dataset.username = user.username;
  return row;
}

async function loadStaff() {
  const staff = await api('GET', '/api/v1/users');
  staffBody.replaceChildren(...staff.map(staffRow));
}

async function loadUnits() {
  units = await api('GET', '/api/v1/units');
  unitList.replaceChildren(...units.map((unit) => el('li', {}, [
    el('strong', { textContent: unit.name }), el('span', { className: 'starts', textContent: `shifts ${unit.shift_starts.join(', ')}` }),
  ])));
  formUnits.replaceChildren(el('legend', { textContent: 'Units' }), ...unitBoxes('unit_ids', units.length === 1 ? [units[0].id] : []));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const body = {
    username: data.get('username').trim(), name: data.get('name').trim(), role: data.get('role'),
    password: data.get('password'), unit_ids: checkedIds(formUnits),
  };
  try {
    const user = await api('POST', '/api/v1/users', body);
    form.reset();
    say(`${user.name} can now log in as ${user.username}.`);
    await loadStaff();
  } catch (error) {
    say(explain(error), true);
  }
});

loadUnits().then(loadStaff).catch((error) => say(explain(error), true));
