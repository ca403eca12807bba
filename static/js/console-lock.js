// The console's two screens over everything: locked (idle: it still rings, without names) and ended (the session is
// over: it hears nothing, and says so aloud until someone logs in again).
import { ApiError, api, setToken } from './api.js';
import { play } from './alert-sound.js';

const me = Number(document.querySelector('.who').dataset.userId);
const lockedPanel = document.getElementById('console-locked');
const summary = document.getElementById('locked-summary');
const unlockForm = document.getElementById('unlock-form');
const unlockProblem = document.getElementById('unlock-problem');
const endedPanel = document.getElementById('session-ended');
const endedTitle = document.getElementById('session-ended-title');
const endedWhy = document.getElementById('session-ended-why');
const reloginForm = document.getElementById('relogin-form');
const reloginProblem = document.getElementById('relogin-problem');

const WHY = {
  session_ended: ['Your session was ended — log in again',
    'You were logged out from another window or device, or your password or account was changed. '
    + 'This console receives no alerts until someone logs in again.'],
  access_changed: ['Your access changed — this console is no longer yours',
    'An administrator changed your role: the alert console is for nurses and leads, and this one receives no '
    + 'alerts now. A nurse or lead can log in here; your own work is on your start page.'],
};

function problemText(error) {
  if (error instanceof ApiError && error.status === 401) return 'Unknown username or wrong password.';
  if (error instanceof ApiError && error.status === 403) return 'Only a nurse or a lead can use the alert console.';
  if (error instanceof ApiError && error.status === 429) return 'Too many tries. Wait a minute, then try again.';
  return `Could not log in: ${error.message}`;
}

// A login from one of the panels: the same person carries on in place; anyone else gets their own console.
function loginFrom(form, problem, path, done) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const answer = await api('POST', path, {
        username: form.elements.username.value.trim(), password: form.elements.password.value });
      setToken(answer.csrf_token);
      form.elements.password.value = '';
      problem.hidden = true;
      if (answer.user.id !== me) { window.location.reload(); return; }
      done();
    } catch (error) {
      problem.textContent = problemText(error);
      problem.hidden = false;
    }
  });
}

export function consoleScreens({ onUnlocked, onSignedIn }) {
  let endedAlarm = null;

  function show(panel, field) {
    panel.hidden = false;
    field.value = '';
    field.focus();
  }

  loginFrom(unlockForm, unlockProblem, '/api/v1/auth/unlock', () => {
    lockedPanel.hidden = true;
    document.body.classList.remove('console-is-locked');
    onUnlocked();
  });
  loginFrom(reloginForm, reloginProblem, '/api/v1/auth/login', () => {
    endedPanel.hidden = true;
    document.body.classList.remove('signed-out');
    clearInterval(endedAlarm);
    endedAlarm = null;
    onSignedIn();
  });

  return {
    lock() {
      if (!lockedPanel.hidden) return;
      document.body.classList.add('console-is-locked');
      unlockProblem.hidden = true;
      show(lockedPanel, unlockForm.elements.password);
    },
    isLocked: () => !lockedPanel.hidden,
    summarise(text) { summary.textContent = `Locked · ${text} · log in to see them`; },
    // Full screen and aloud, now and every 30 seconds: a console that hears nothing must never look alive.
    end(reason) {
      const [title, why] = WHY[reason] || WHY.session_ended;
      endedTitle.textContent = title;
      endedWhy.textContent = why;
      lockedPanel.hidden = true;
      document.body.classList.remove('console-is-locked');
      document.body.classList.add('signed-out');
      reloginProblem.hidden = true;
      if (endedPanel.hidden) show(endedPanel, reloginForm.elements.password);
      play();
      if (!endedAlarm) endedAlarm = setInterval(play, 30000);
    },
    isEnded: () => !endedPanel.hidden,
  };
}
