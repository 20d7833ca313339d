// Fills the device table from the JSON API and refreshes it every 10 s. Values go in as text only.
const table = document.getElementById('devices');
const body = table.querySelector('tbody');

function cell(text, cls) {
  const td = document.createElement('td');
  td.textContent = text ?? '–';
  if (cls) td.className = cls;
  return td;
}

async function refresh() {
  const res = await fetch('/api/devices', { credentials: 'same-origin' });
  if (!res.ok) return;
  const devices = await res.json();
  body.replaceChildren();
  if (devices.length === 0) {
    const tr = document.createElement('tr');
    const td = cell(table.dataset.none);
    td.colSpan = 5;
    tr.append(td);
    body.append(tr);
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
