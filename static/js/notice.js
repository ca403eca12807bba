// What a page says beside the form or row a tap changed: the words, and an error's own words (its fields named).
import { ApiError } from './api.js';

export function say(where, text, isError = false) {
  where.textContent = text;
  where.classList.toggle('error', isError);
  where.hidden = !text;
}

export function explain(error) {
  if (!(error instanceof ApiError)) return 'The server could not be reached.';
  const fields = error.body && error.body.errors;
  if (fields) return Object.entries(fields).map(([name, why]) => `${name.replaceAll('_', ' ')}: ${[].concat(why).join(' ')}`).join('; ');
  return error.message;
}
