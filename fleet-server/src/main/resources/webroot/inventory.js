// Inventory and loans (admin): every device with its state and current loan; lend a ready device to
// a citizen without one (a box still in stock says it must be enrolled first), take a device back, retire one. Values go in as text only.
import { get, once, onSubmitOnce, postShowingError } from './api.js';
import { button, cell, emptyRow, lifecycleWords } from './table.js';
import { ask } from './dialogs.js';
import { localDate } from './dates.js';

const table = document.getElementById('inventory');
const body = table.querySelector('tbody');
const error = document.getElementById('inventory-error');

const post = (path, payload) => postShowingError(path, payload, error);

async function confirmText(text) {
  document.getElementById('confirm-text').textContent = text;
  return ask(document.getElementById('confirm-dialog'));
}

async function lend(item) {
  const res = await get('/api/citizens');
  const citizens = (await res.json()).map((c) => c.citizen ?? c).filter((c) => !c.deviceId);
  const select = document.getElementById('lend-citizen');
  select.replaceChildren(...citizens.map((c) => {
    const o = document.createElement('option');
    o.value = String(c.id);
    o.textContent = c.displayName + (c.postcode ? ' (' + c.postcode + ')' : '');
    return o;
  }));
  document.getElementById('lend-device').textContent = item.deviceId;
  document.getElementById('lend-start').value = localDate();
  document.getElementById('lend-expected').value = '';
  if (!(await ask(document.getElementById('lend-dialog')))) return;
  await post('/api/devices/' + encodeURIComponent(item.deviceId) + '/loan', {
    citizenId: Number(select.value), startedOn: document.getElementById('lend-start').value,
    expectedReturn: document.getElementById('lend-expected').value || null,
  });
  refresh();
}

async function refresh() {
  const res = await get('/api/inventory');
  if (!res.ok) return;
  const items = await res.json();
  body.replaceChildren();
  if (items.length === 0) body.append(emptyRow(table.dataset.none, 7));
  for (const item of items) {
    const tr = document.createElement('tr');
    tr.dataset.device = item.deviceId;
    tr.dataset.lifecycle = item.lifecycle;
    const loan = item.loan;
    const actions = document.createElement('td');
    if (item.lifecycle === 'enrolled' || item.lifecycle === 'returned') {
      const lendButton = button(table.dataset.lend, () => once(lendButton, () => lend(item)));
      actions.append(lendButton);
    } else if (item.lifecycle === 'in_stock') {
      // Not lendable yet, and the row says what makes it so rather than just lacking the button.
      const hint = document.createElement('span');
      hint.className = 'hint enrol-first';
      hint.textContent = table.dataset.enrolFirst;
      actions.append(hint, ' ');
    }
    if (item.lifecycle === 'loaned') {
      const returnButton = button(table.dataset.return, () => once(returnButton, async () => {
        if (await confirmText(table.dataset.confirmReturn + ' ' + item.deviceId)) {
          await post('/api/devices/' + encodeURIComponent(item.deviceId) + '/return', {});
          refresh();
        }
      }));
      actions.append(returnButton);
    } else if (item.lifecycle !== 'retired') {
      const retireButton = button(table.dataset.retire, () => once(retireButton, async () => {
        if (await confirmText(table.dataset.confirmRetire + ' ' + item.deviceId)) {
          await post('/api/devices/' + encodeURIComponent(item.deviceId) + '/retire', {});
          refresh();
        }
      }));
      actions.append(retireButton);
    }
    const state = lifecycleWords(table, item.lifecycle);
    tr.append(cell(item.deviceId), cell(item.model + ' · ' + item.serial), cell(state), cell(loan?.citizen),
      cell(loan?.startedOn), cell(loan ? (loan.expectedReturn ?? '–') + (loan.overdue ? ' ' + table.dataset.overdue : '') : null),
      actions);
    body.append(tr);
  }
}

onSubmitOnce(document.getElementById('stock-new'), async (f) => {
  if (await post('/api/inventory', { model: f.model.value, serial: f.serial.value })) {
    f.reset();
    refresh();
  }
});

refresh();
