// The incident page: the workflow step the reader may take, an addendum, a mandated report, starting an episode.
import { actionForm, defaultTimes, flashAfterReload, scriptReady, showFlash } from './incident-actions.js';
import { watchSession } from './relogin.js';

const root = document.getElementById('incident');
const id = root.dataset.incidentId;
const DONE = { submit: 'Submitted ✓ — the nurses are alerted.', review: 'Reviewed ✓', close: 'Closed ✓' };

showFlash(document.getElementById('flash'));
const skew = Date.parse(root.dataset.now) - Date.now(); // the server's clock minus ours
defaultTimes(root, () => Date.now() + skew);

const step = root.querySelector('form[data-action=step]');
if (step) actionForm(step, 'step', `/api/v1/incidents/${id}/${step.dataset.step}`, () => flashAfterReload(DONE[step.dataset.step]));

const addendum = root.querySelector('form[data-action=addendum]');
if (addendum) actionForm(addendum, 'addendum', `/api/v1/incidents/${id}/addenda`, () => flashAfterReload('Addendum added ✓'));

const mandated = root.querySelector('form[data-action=mandated]');
if (mandated) actionForm(mandated, 'mandated', `/api/v1/incidents/${id}/mandated-reports`, () => flashAfterReload('Mandated report filed ✓'));

const episode = root.querySelector('form[data-action=episode]');
if (episode) {
  actionForm(episode, 'episode', `/api/v1/incidents/${id}/episodes`, (answer) => { window.location.href = `/episodes/${answer.id}`; },
    () => ({ resident_id: Number(episode.elements.resident_id.value) }));
}

watchSession({ onSignedOut() {}, onSignedIn() {} });
scriptReady();
