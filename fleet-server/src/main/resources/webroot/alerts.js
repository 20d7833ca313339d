// The fleet's alerts, newest first: open ones by default; a person acknowledges each. Text only.
import { get, once, send } from './api.js';
import { cell, emptyRow, noneText } from './table.js';

const table = document.getElementById('alerts');
const body = table.querySelector('tbody');
const form = document.getElementById('alerts-filter');
const query = new URLSearchParams(location.search);
if (!query.has('state')) query.set('state', 'open');
// Open alerts are the page's own view; asking for cleared or unacknowledged ones is a filter.
const filtered = query.get('state') === 'cleared' || query.get('unacknowledged') === 'true';
for (const el of form.elements) {
  if (!el.name) continue;
  if (el.type === 'checkbox') el.checked = query.get(el.name) === 'true';
  else el.value = query.get(el.name) ?? '';
}

function kindWords(kind) {
  return table.dataset['kind' + kind.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')] ?? kind;
}

async function refresh() {
  const res = await get('/api/alerts?' + query.toString());
  if (!res.ok) return;
  const list = await res.json();
  body.replaceChildren();
  if (list.length === 0) body.append(emptyRow(noneText(table, filtered), 6));
  for (const a of list) {
    const tr = document.createElement('tr');
    tr.dataset.alert = String(a.id);
    tr.dataset.kind = a.kind;
    const device = document.createElement('td');
    const link = document.createElement('a');
    link.href = '/devices/' + encodeURIComponent(a.deviceId);
    link.textContent = a.deviceId;
    device.append(link);
    const seen = document.createElement('td');
    if (a.acknowledgedBy) {
      seen.textContent = a.acknowledgedBy + ' · ' + new Date(a.acknowledgedAt).toLocaleString();
    } else {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = table.dataset.ack;
      b.addEventListener('click', () => once(b, async () => {
        await send('POST', '/api/alerts/' + a.id + '/acknowledge');
        refresh();
      }));
      seen.append(b);
    }
    tr.append(cell(new Date(a.raisedAt).toLocaleString()), device, cell(kindWords(a.kind)), cell(a.detail),
      cell(a.state), seen);
    body.append(tr);
  }
}

refresh();
setInterval(refresh, 30000);
