// The caseload's unsigned notes: a tap signs (or co-signs) one through the API and says so in its line.
import { api, ApiError } from './api.js';
import { newUid } from './outbox.js';

for (const button of document.querySelectorAll('#to-sign button.sign')) {
  const line = button.closest('li');
  const state = line.querySelector('.sign-state');
  const uid = newUid(); // one per line: a retry never signs twice
  button.addEventListener('click', async () => {
    button.disabled = true;
    state.textContent = 'Signing…';
    try {
      const answer = await api('POST', `/api/v1/sessions/${line.dataset.sessionId}/${button.dataset.action}`, { uid });
      state.textContent = answer.status === 'awaiting_cosign' ? 'Signed — waiting for a co-signature.' : 'Signed.';
      line.dataset.state = 'signed';
    } catch (error) {
      button.disabled = false;
      state.textContent = error instanceof ApiError && error.body ? `Not signed: ${error.body.message}` : 'Not signed yet: try again.';
    }
  });
}
