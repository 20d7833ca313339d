// Fills the device table from the JSON API and refreshes it every 10 s. Values go in as text only.
import { cell, emptyRow } from './table.js';

const table = document.getElementById('devices');
const body = table.querySelector('tbody');

async function refresh() {
  const res = await fetch('/api/devices', { credentials: 'same-origin' });
  if (!res.ok) return;
  const devices = await res.json();
  body.replaceChildren();
  if (devices.length === 0) {
    body.append(emptyRow(table.dataset.none, 5));
  }
  for (const d of devices) {
    const tr = document.createElement('tr');
    const state = d.revoked ? 'revoked' : (d.online ? 'online' : 'offline');
    tr.append(cell(d.id), cell(d.model), cell(table.dataset[state], 'state-' + state),
      cell(d.lastSeen ? new Date(d.lastSeen).toLocaleString() : null), cell(d.appVersion));
    body.append(tr);
  }
}

refresh();
setInterval(refresh, 10000);
