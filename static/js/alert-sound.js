// A beep made with WebAudio (no audio files), which the nurse can mute; browsers unlock sound on a first tap.
const KEY = 'facility.alerts.muted';
let context = null;
let muted = localStorage.getItem(KEY) === 'yes';

function audio() {
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!context && Context) context = new Context();
  return context;
}

export function isMuted() { return muted; }

export function isLocked() { return !muted && (!context || context.state !== 'running'); }

export function setMuted(value) {
  muted = value;
  localStorage.setItem(KEY, value ? 'yes' : 'no');
}

export function unlock() {
  const ctx = audio();
  return ctx && ctx.state === 'suspended' ? ctx.resume() : Promise.resolve();
}

export function beep() {
  if (!muted) play();
}

// The same two tones whatever the console's mute says: a page with a mute of its own (the rounds reminders) uses this.
export function play() {
  const ctx = audio();
  if (!ctx || ctx.state !== 'running') return;
  const start = ctx.currentTime;
  for (const offset of [0, 0.3]) {
    const tone = ctx.createOscillator();
    const gain = ctx.createGain();
    tone.type = 'square';
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.25, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.22);
    tone.connect(gain).connect(ctx.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.25);
  }
  window.dispatchEvent(new CustomEvent('facility:sound')); // what was heard, for the page and its tests
}
