// What a page says beside the form or row a tap changed: the words, and an error's own words (its fields named).
import { ApiError } from './api.js';

export function say(where, text, isError = false) {
  where.textContent = text;
  where.classList.toggle('error', isError);
  where.hidden = !text;
}

// A 422's field errors as lines a person reads: nested ones (aftercare.provider, answers.item9, a list's items)
// named by their path — "aftercare provider: …", "resident ids (item 2): …" — never "[object Object]".
export function reasons(errors, path = '') {
  return Object.entries(errors || {}).flatMap(([name, why]) => {
    const named = /^\d+$/.test(name) ? `${path} (item ${Number(name) + 1})` : `${path} ${name}`.trim();
    if (why && typeof why === 'object' && !Array.isArray(why)) return reasons(why, named);
    return [`${named.replaceAll('_', ' ')}: ${[].concat(why).join(' ')}`];
  });
}

export function explain(error) {
  if (!(error instanceof ApiError)) return 'The server could not be reached.';
  const fields = error.body && error.body.errors;
  if (fields) return reasons(fields).join('; ');
  return error.message;
}
