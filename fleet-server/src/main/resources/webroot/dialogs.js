// The console's dialogs: a question answered "ok" or not, and a form that saves once per "save" and
// stays open on a refusal. One place, so every page's dialogs behave alike (Escape, retries, double clicks).
import { once } from './api.js';
import { problemText } from './problems.js';

/**
 * Shows `dialog` (a form with method="dialog" and an "ok" button) and resolves `answer()` when it
 * is closed with "ok", else null.
 */
export function ask(dialog, answer = () => true) {
  // Closed with Escape, a dialog keeps the last answer: it must not count as this one's "ok".
  dialog.returnValue = '';
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok' ? answer() : null), { once: true });
    dialog.showModal();
  });
}

/**
 * Opens a dialog and runs `save(form)` (one request, answering a fetch Response) on each "save": the
 * dialog stays open until it worked; a refusal is said in the dialog, in the page's words, for the
 * worker to correct and save again. Resolves true once saved, false when the worker cancels.
 * `refused(body)` may add to what is said (and return the words), for answers such as a clash.
 */
export function edit(dialog, fill, save, refused = () => null) {
  const form = dialog.querySelector('form');
  const error = dialog.querySelector('.error');
  form.reset();
  error.textContent = '';
  dialog.returnValue = ''; // Escape closes without setting it: not "saved" from an earlier opening
  fill(form);
  dialog.showModal();
  // Set (not added) on each opening, so an earlier opening's handler never saves again.
  form.onsubmit = async (e) => {
    if (e.submitter?.value !== 'save') return; // "cancel" closes the dialog as usual
    e.preventDefault();
    // Sent once however Gem is clicked; enabled again after, so a retry after a refusal works.
    const res = await once(form, () => save(form));
    if (!res) return; // this dialog's save is already on its way
    if (res.ok) {
      dialog.close('save');
      return;
    }
    const body = await res.json().catch(() => ({}));
    error.textContent = refused(body) ?? problemText(body, {}, res.status);
  };
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'save'), { once: true });
  });
}
