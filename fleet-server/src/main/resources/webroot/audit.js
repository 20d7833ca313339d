// The audit log, newest first, filtered by the page's own query; "older" pages back. Text only.
import { get, once } from './api.js';
import { showProblem } from './problems.js';
import { cell, emptyRow, noneText } from './table.js';

const table = document.getElementById('audit');
const body = table.querySelector('tbody');
const form = document.getElementById('audit-filter');
const query = new URLSearchParams(location.search);
for (const el of form.elements) {
  if (el.name && query.has(el.name)) el.value = query.get(el.name);
}
const filtered = [...query.values()].some((v) => v !== '');
let oldest = null;
let more = false;

async function load(append) {
  const q = new URLSearchParams(query);
  if (append && oldest !== null) q.set('before', String(oldest));
  const res = await get('/api/audit?' + q.toString());
  if (!res.ok) {
    await showProblem(document.getElementById('audit-error'), res);
    return;
  }
  const list = await res.json();
  if (!append) body.replaceChildren();
  if (!append && list.length === 0) body.append(emptyRow(noneText(table, filtered), 5));
  for (const e of list) {
    const tr = document.createElement('tr');
    tr.dataset.action = e.action;
    // The action's code and the server's recorded detail are English, kept as written for IT support.
    const action = cell(e.action);
    const detail = cell(e.detail);
    action.lang = 'en';
    detail.lang = 'en';
    tr.append(cell(new Date(e.at).toLocaleString()), cell(e.actor), action, cell(e.subject), detail);
    body.append(tr);
    oldest = e.id;
  }
  more = list.length >= 100;
}

// Once at a time: a double click on "older" must not append the same page twice. Enabled only while
// there may be more (set after once() has given the button back).
const older = document.getElementById('audit-older');
const showOlder = () => { older.disabled = !more; };
older.addEventListener('click', () => once(older, () => load(true)).then(showOlder));
load(false).then(showOlder);
