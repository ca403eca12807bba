// The tokens page: make a system's token (its secret shown this once), list them, revoke one. Every tap says what
// it stored, beside it.
import { api } from './api.js';
import { confirmChange } from './confirm.js';
import { explain, say } from './notice.js';
import { watchSession } from './relogin.js';

const form = document.getElementById('new-token');
const formMessage = document.getElementById('new-token-message');
const message = document.getElementById('tokens-message');
const list = document.getElementById('token-list');
const secret = document.getElementById('secret');
const unitNames = new Map([...document.querySelectorAll('#token-units input')].map((box) => [Number(box.value), box.parentElement.textContent.trim()]));

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

const day = (iso) => (iso ? new Date(iso).toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' }) : '—');

function row(token) {
  const tr = document.createElement('tr');
  tr.dataset.tokenId = token.id;
  tr.dataset.state = token.state;
  tr.append(cell(token.name), cell(token.unit_ids.map((id) => unitNames.get(id) || `unit ${id}`).join(', ')),
    cell(token.scopes.join(', ')), cell(`${day(token.created_at)} by ${token.created_by || 'someone'}`),
    cell(token.expires_at ? day(token.expires_at) : 'no end'));
  const state = cell(token.state);
  if (token.state === 'active') {
    const revoke = document.createElement('button');
    revoke.type = 'button';
    revoke.className = 'revoke';
    revoke.textContent = 'Revoke';
    revoke.addEventListener('click', async () => {
      if (!(await confirmChange(`Revoke "${token.name}"? The system using it is refused from its next request.`))) return;
      try {
        await api('DELETE', `/api/v1/tokens/${token.id}`);
        say(message, `Revoked "${token.name}" ✓`);
      } catch (error) {
        say(message, explain(error), true);
      }
      await load();
    });
    state.append(' ', revoke);
  }
  tr.append(state);
  return tr;
}

async function load() {
  const tokens = await api('GET', '/api/v1/tokens');
  list.replaceChildren(...tokens.map(row));
  if (!tokens.length) list.append(Object.assign(document.createElement('tr'), { innerHTML: '<td colspan="6">No tokens yet.</td>' }));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const checked = (name) => [...form.querySelectorAll(`input[name=${name}]:checked`)].map((box) => box.value);
  const body = {
    name: form.elements.name.value.trim(),
    unit_ids: checked('unit_ids').map(Number),
    scopes: checked('scopes'),
    expires_on: form.elements.expires_on.value || null,
  };
  try {
    const made = await api('POST', '/api/v1/tokens', body);
    document.getElementById('secret-value').textContent = made.token;
    secret.hidden = false;
    say(formMessage, `Made "${made.name}" ✓ — copy its token below`);
    form.reset();
    await load();
  } catch (error) {
    secret.hidden = true;
    say(formMessage, explain(error), true);
  }
});

watchSession({ onSignedOut() {}, onSignedIn: load });
load().catch((error) => say(message, explain(error), true));
