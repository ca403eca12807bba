// The plan page: its author signs a draft with the resident's participation, and the page then shows it in force.
// The signature keeps its uid until the server has answered for good, so a retry after a lost answer is a replay,
// never a second signature.
import { api, ApiError } from './api.js';
import { explain, say } from './notice.js';
import { newUid } from './outbox.js';
import { watchSession } from './relogin.js';

const FLASH = 'facility.plan-flash';

function tell(form, text, kind) {
  const box = form.querySelector('[data-role=message]');
  say(box, text, kind === 'failed');
  box.className = `message ${kind}`;
  box.hidden = !text;
}

const signForm = document.getElementById('plan-sign');
if (signForm) {
  signForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const participation = signForm.elements.resident_participation.value;
    if (!participation) {
      tell(signForm, "Not signed: say how the resident took part (resident participation).", 'failed');
      signForm.querySelector('input[name=resident_participation]').focus();
      return;
    }
    const body = { uid: signForm.dataset.uid || newUid(), resident_participation: participation };
    signForm.dataset.uid = body.uid;
    const button = signForm.querySelector('button[type=submit]');
    button.disabled = true;
    tell(signForm, 'Sending…', 'waiting');
    try {
      const plan = await api('POST', `/api/v1/plans/${signForm.dataset.planId}/sign`, body);
      delete signForm.dataset.uid;
      sessionStorage.setItem(FLASH, `Signed ✓ — in force (version ${plan.version})`);
      window.location.reload();
    } catch (error) {
      const answered = error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401;
      if (answered) delete signForm.dataset.uid; // refused for good: the next tap is a new signature
      tell(signForm, answered ? `Not signed: ${explain(error)}` : 'Not signed yet: no answer from the server. Sign again to retry.', 'failed');
      button.disabled = false;
    }
  });
}

const flash = sessionStorage.getItem(FLASH);
if (flash) {
  sessionStorage.removeItem(FLASH);
  const box = document.getElementById('plan-flash');
  box.textContent = flash;
  box.hidden = false;
}
document.querySelectorAll('[data-needs-script]').forEach((button) => { button.disabled = false; });
watchSession({ onSignedOut() {}, onSignedIn() {} });
