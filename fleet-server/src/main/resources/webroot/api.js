// What the console pages send: JSON over the signed-in session, with the CSRF token every change needs.
// Every request goes through here, so a session that has ended (8 hours, a sign-out in another tab)
// sends the person to the sign-in page, which brings them back to this page afterwards.
import { showProblem } from './problems.js';

const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? '';

/** To the sign-in page with its "you have been signed out" message and the way back here; never resolves. */
export function signInAgain() {
  const lang = document.documentElement.lang === 'en' ? '&lang=en' : '';
  location.assign('/login?expired=1&next=' + encodeURIComponent(location.pathname + location.search) + lang);
  // The page is going away: whatever awaited this request must not go on to show an error.
  return new Promise(() => {});
}

function checked(res) {
  return res.status === 401 ? signInAgain() : res;
}

/** GETs {@code path}; a 401 (the session ended) goes to the sign-in page instead of resolving. */
export function get(path) {
  return fetch(path, { credentials: 'same-origin' }).then(checked);
}

export function send(method, path, body) {
  return fetch(path, {
    method, credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf }, body: JSON.stringify(body ?? {}),
  }).then(checked);
}

/** After a live connection (events, call socket) failed: to the sign-in page if the session is why. */
export function checkSession() {
  return get('/api/session');
}

/** POSTs and shows the server's error in {@code errorEl} (cleared on success); true if it worked. */
export async function postShowingError(path, body, errorEl) {
  const res = await send('POST', path, body);
  if (res.ok) {
    errorEl.textContent = '';
    errorEl.removeAttribute('title');
  } else {
    await showProblem(errorEl, res);
  }
  return res.ok;
}

/**
 * Sends once however it is clicked: {@code control} (a button, or a form's submit buttons) is
 * disabled while {@code work} runs and enabled again after, so a double click sends one request
 * and a retry after an error still works. Returns what {@code work} returns; a call while one is
 * running returns undefined without running it.
 */
export async function once(control, work) {
  const buttons = control instanceof HTMLFormElement
    ? [...control.querySelectorAll('button:not([type="button"]), input[type="submit"]')] : [control];
  if (control.dataset.busy === 'yes') return undefined;
  control.dataset.busy = 'yes';
  const wasDisabled = buttons.map((b) => b.disabled);
  buttons.forEach((b) => { b.disabled = true; });
  try {
    return await work();
  } finally {
    delete control.dataset.busy;
    buttons.forEach((b, i) => { b.disabled = wasDisabled[i]; });
  }
}

/** Listens for {@code form}'s submit and runs {@code work(form)} once at a time (see {@link once}). */
export function onSubmitOnce(form, work) {
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    once(form, () => work(form, e));
  });
}
