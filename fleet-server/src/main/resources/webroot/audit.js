// The audit log, newest first, filtered by the page's own query; "older" pages back. Text only.
import { get } from './api.js';
import { cell, emptyRow } from './table.js';

const table = document.getElementById('audit');
const body = table.querySelector('tbody');
const form = document.getElementById('audit-filter');
const query = new URLSearchParams(location.search);
for (const el of form.elements) {
  if (el.name && query.has(el.name)) el.value = query.get(el.name);
}
let oldest = null;

async function load(append) {
  const q = new URLSearchParams(query);
  if (append && oldest !== null) q.set('before', String(oldest));
  const res = await get('/api/audit?' + q.toString());
  if (!res.ok) {
    document.getElementById('audit-error').textContent = (await res.json()).error;
    return;
  }
  const list = await res.json();
  if (!append) body.replaceChildren();
  if (!append && list.length === 0) body.append(emptyRow(table.dataset.none, 5));
  for (const e of list) {
    const tr = document.createElement('tr');
    tr.dataset.action = e.action;
    tr.append(cell(new Date(e.at).toLocaleString()), cell(e.actor), cell(e.action), cell(e.subject), cell(e.detail));
    body.append(tr);
    oldest = e.id;
  }
  document.getElementById('audit-older').disabled = list.length < 100;
}

document.getElementById('audit-older').addEventListener('click', () => load(true));
load(false);
