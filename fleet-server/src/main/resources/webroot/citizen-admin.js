// An admin's part of "Mine borgere": add a citizen and change a citizen's worker. It uses the same API
// (and so the same checks) as scripts do; the server refuses anyone else, and other roles never see
// these controls. Citizens.js tells when its rows are drawn ('bostotte:citizens-shown') and listens
// for 'bostotte:citizens-changed'. Text only, never markup.
import { send } from './api.js';

const isAdmin = document.body.dataset.role === 'admin';
const assignDialog = document.getElementById('assign-dialog');
const newDialog = document.getElementById('citizen-new-dialog');
let workers = null;

/** The staff accounts that can be a citizen's worker (enabled ones), by display name. */
async function staff() {
  if (!workers) {
    const res = await fetch('/api/users', { credentials: 'same-origin' });
    const all = res.ok ? await res.json() : [];
    workers = all.filter((u) => u.role === 'staff' && !u.disabled).sort((a, b) => a.displayName.localeCompare(b.displayName));
  }
  return workers;
}

function options(select, list, chosen) {
  const keep = [...select.options].filter((o) => o.value === '');
  select.replaceChildren(...keep, ...list.map((u) => {
    const o = document.createElement('option');
    o.value = u.username;
    o.textContent = u.displayName + ' (' + u.username + ')';
    o.selected = u.id === chosen;
    return o;
  }));
}

/**
 * Opens the dialog and sends its values once per "save"; on an error it stays open with the server's
 * words and the next "save" tries again. Resolves true once the server took it, false if cancelled.
 */
function sendFrom(dialog, request) {
  const form = dialog.querySelector('form');
  const error = dialog.querySelector('.error');
  error.textContent = '';
  dialog.showModal();
  return new Promise((resolve) => {
    let sending = false;
    const onSubmit = async (e) => {
      if (e.submitter?.value !== 'save') return;
      e.preventDefault(); // stay open until the server has answered
      if (sending) return;
      sending = true;
      const res = await request(form);
      sending = false;
      if (res.ok) {
        finish(true);
      } else {
        error.textContent = (await res.json().catch(() => ({}))).error ?? res.statusText;
      }
    };
    const onClose = () => finish(false);
    function finish(ok) {
      form.removeEventListener('submit', onSubmit);
      dialog.removeEventListener('close', onClose);
      if (dialog.open) dialog.close();
      resolve(ok);
    }
    form.addEventListener('submit', onSubmit);
    dialog.addEventListener('close', onClose);
  });
}

const changed = () => document.dispatchEvent(new CustomEvent('bostotte:citizens-changed'));

async function addCitizen() {
  const form = newDialog.querySelector('form');
  form.reset();
  options(form.assignedTo, await staff(), null);
  const ok = await sendFrom(newDialog, (f) => send('POST', '/api/citizens', {
    displayName: f.displayName.value.trim(), postcode: f.postcode.value.trim() || null, assignedTo: f.assignedTo.value || null,
  }));
  if (ok) changed();
}

async function changeWorker(citizen) {
  const form = assignDialog.querySelector('form');
  form.reset();
  assignDialog.querySelector('.who').textContent = citizen.displayName;
  options(form.username, await staff(), citizen.assignedAccountId);
  const ok = await sendFrom(assignDialog, (f) => send('PUT', '/api/citizens/' + citizen.id + '/assignee', { username: f.username.value }));
  if (ok) changed();
}

/** Each row gets the citizen's worker and a button to change it. */
function decorate(list) {
  for (const { citizen } of list) {
    const cellEl = document.querySelector('#citizens tr[data-citizen="' + citizen.id + '"] td:last-child');
    if (!cellEl) continue;
    const worker = document.createElement('span');
    worker.className = 'worker';
    worker.textContent = assignDialog.dataset.worker + ': ' + (citizen.assignedWorker ?? assignDialog.dataset.none);
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'assign';
    b.dataset.citizen = citizen.id;
    b.textContent = assignDialog.dataset.change;
    b.addEventListener('click', () => changeWorker(citizen));
    cellEl.append(' ', b, ' ', worker);
  }
}

if (isAdmin) {
  document.getElementById('citizen-admin').hidden = false;
  document.getElementById('citizen-new').addEventListener('click', addCitizen);
  document.addEventListener('bostotte:citizens-shown', (e) => decorate(e.detail));
}
