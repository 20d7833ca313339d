// An admin's part of "Mine borgere": add a citizen and change a citizen's worker. It uses the same API
// (and so the same checks) as scripts do; the server refuses anyone else, and other roles never see
// these controls. Citizens.js tells when its rows are drawn ('bostotte:citizens-shown') and listens
// for 'bostotte:citizens-changed'. Text only, never markup.
import { get, send } from './api.js';
import { edit } from './dialogs.js';

const isAdmin = document.body.dataset.role === 'admin';
const assignDialog = document.getElementById('assign-dialog');
const newDialog = document.getElementById('citizen-new-dialog');
let workers = null;

/** The staff accounts that can be a citizen's worker (enabled ones), by display name. */
async function staff() {
  if (!workers) {
    const res = await get('/api/users');
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

const changed = () => document.dispatchEvent(new CustomEvent('bostotte:citizens-changed'));

async function addCitizen() {
  const list = await staff();
  const ok = await edit(newDialog, (f) => options(f.assignedTo, list, null), (f) => send('POST', '/api/citizens', {
    displayName: f.displayName.value.trim(), postcode: f.postcode.value.trim() || null, assignedTo: f.assignedTo.value || null,
  }));
  if (ok) changed();
}

async function changeWorker(citizen) {
  const list = await staff();
  assignDialog.querySelector('.who').textContent = citizen.displayName;
  const ok = await edit(assignDialog, (f) => options(f.username, list, citizen.assignedAccountId),
    (f) => send('PUT', '/api/citizens/' + citizen.id + '/assignee', { username: f.username.value }));
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
