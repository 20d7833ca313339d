// "Mine borgere": the worker's citizens with their device's state and a call button. Text only, never markup.
import { CallPanel } from './call.js';
import { cell, emptyRow } from './table.js';

const table = document.getElementById('citizens');
const body = table.querySelector('tbody');
const calls = new CallPanel();


async function refresh() {
  const res = await fetch('/api/citizens', { credentials: 'same-origin' });
  if (!res.ok) return;
  const list = await res.json();
  body.replaceChildren();
  if (list.length === 0) {
    body.append(emptyRow(table.dataset.none, 6));
  }
  for (const { citizen, deviceOnline, line } of list) {
    const tr = document.createElement('tr');
    tr.dataset.device = citizen.deviceId ?? '';
    const state = deviceOnline ? 'online' : 'offline';
    const action = document.createElement('td');
    if (citizen.deviceId) {
      const button = document.createElement('button');
      button.className = 'call';
      button.textContent = table.dataset.call;
      button.dataset.device = citizen.deviceId;
      button.addEventListener('click', () => calls.dial(citizen.deviceId, citizen.displayName));
      action.append(button);
      if (!deviceOnline) {
        const hint = document.createElement('span');
        hint.className = 'hint';
        hint.textContent = table.dataset.offlineHint;
        action.append(hint);
      }
    }
    // The verdict in words, e.g. data-line-audio-only → dataset.lineAudioOnly.
    const verdict = line?.verdict ?? 'unknown';
    const words = table.dataset['line' + verdict.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')];
    tr.append(cell(citizen.displayName), cell(citizen.postcode), cell(citizen.deviceId),
      cell(citizen.deviceId ? table.dataset[state] : null, 'state-' + state),
      cell(citizen.deviceId ? words : null, 'line-' + verdict), action);
    body.append(tr);
  }
}

refresh();
setInterval(refresh, 10000);
