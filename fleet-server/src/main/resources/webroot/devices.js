// The fleet list: filters, order and page live in the page's own query string, so a filtered view
// can be bookmarked and shared; the server filters, sorts and pages. Values go in as text only.
import { get } from './api.js';
import { showProblem } from './problems.js';
import { cell, emptyRow, lifecycleWords, noneText } from './table.js';

const table = document.getElementById('devices');
const body = table.querySelector('tbody');
const form = document.getElementById('fleet-filter');
const count = document.getElementById('fleet-count');
const query = new URLSearchParams(location.search);
// Order and paging are not filters: only what narrows the fleet makes an empty list "no match".
const filtered = [...query.entries()].some(([k, v]) => !['sort', 'dir', 'page'].includes(k) && v !== '' && v !== 'false');

// Show the filters as asked.
for (const el of form.elements) {
  if (!el.name) continue;
  if (el.type === 'checkbox') el.checked = query.get(el.name) === 'true';
  else if (query.has(el.name)) el.value = query.get(el.name);
}

function go(changes) {
  const q = new URLSearchParams(query);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === '') q.delete(k); else q.set(k, v);
  }
  location.search = q.toString();
}

for (const a of table.querySelectorAll('a[data-sort]')) {
  a.addEventListener('click', (e) => {
    e.preventDefault();
    const same = (query.get('sort') ?? 'id') === a.dataset.sort;
    go({ sort: a.dataset.sort, dir: same && query.get('dir') !== 'desc' ? 'desc' : 'asc', page: null });
  });
}

function words(verdict) {
  return table.dataset['line' + verdict.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')];
}

async function refresh() {
  const res = await get('/api/fleet?' + query.toString());
  if (!res.ok) {
    await showProblem(count, res);
    return;
  }
  const page = await res.json();
  body.replaceChildren();
  if (page.items.length === 0) body.append(emptyRow(noneText(table, filtered), 9));
  for (const d of page.items) {
    const tr = document.createElement('tr');
    tr.dataset.device = d.id;
    const link = document.createElement('a');
    link.href = '/devices/' + encodeURIComponent(d.id);
    link.textContent = d.id;
    const id = document.createElement('td');
    id.append(link);
    const state = d.revoked ? 'revoked' : (d.online ? 'online' : 'offline');
    const version = (d.appVersion ?? '–') + (d.appVersion && page.newestVersion && d.appVersion !== page.newestVersion
      ? ' ' + table.dataset.outdated : '');
    tr.append(id, cell(d.model), cell(table.dataset[state] + (d.locked ? ', ' + table.dataset.locked : ''), 'state-' + state),
      cell(d.lastSeen ? new Date(d.lastSeen).toLocaleString() : null), cell(version), cell(words(d.verdict)),
      cell(d.postcode), cell(lifecycleWords(table, d.lifecycle)), cell(d.openAlerts > 0 ? String(d.openAlerts) : ''));
    body.append(tr);
  }
  const first = page.total === 0 ? 0 : page.page * page.size + 1;
  count.textContent = first + '–' + (page.page * page.size + page.items.length) + ' ' + table.dataset.of + ' ' + page.total;
  count.dataset.total = String(page.total);
  document.getElementById('fleet-prev').disabled = page.page === 0;
  document.getElementById('fleet-next').disabled = (page.page + 1) * page.size >= page.total;
}

document.getElementById('fleet-prev').addEventListener('click', () => go({ page: Math.max(0, Number(query.get('page') ?? 0) - 1) }));
document.getElementById('fleet-next').addEventListener('click', () => go({ page: Number(query.get('page') ?? 0) + 1 }));

refresh();
setInterval(refresh, 15000);
