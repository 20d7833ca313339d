// One device for IT support: its state live over server-sent events, its alerts, remote commands
// (each confirmed in a dialog first), diagnostics bundles, network history and recent calls.
// Values go in as text only, never as markup.
import { cell, emptyRow, lifecycleWords } from './table.js';
import { showHistory } from './history.js';
import { checkSession, get, once, onSubmitOnce, send } from './api.js';
import { ask } from './dialogs.js';
import { problemOf } from './problems.js';

const page = document.getElementById('device-page');
const deviceId = decodeURIComponent(location.pathname.split('/').pop());
document.getElementById('device-id').textContent = deviceId;
const api = '/api/devices/' + encodeURIComponent(deviceId);

function words(verdict) {
  return page.dataset['line' + verdict.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')];
}

function text(id, value) {
  document.getElementById(id).textContent = value ?? '–';
}

const post = (path, body) => send('POST', path, body);

function showDevice(d) {
  const state = d.revoked ? 'revoked' : (d.online ? 'online' : 'offline');
  const el = document.getElementById('device-state');
  el.textContent = page.dataset[state] + (d.locked ? ', ' + page.dataset.locked : '');
  el.dataset.state = state;
  el.dataset.locked = String(d.locked);
  text('device-last-seen', d.lastSeen ? new Date(d.lastSeen).toLocaleString() : null);
  text('device-version', d.appVersion);
  text('device-model', d.model + ' · ' + d.serial);
  text('device-lifecycle', lifecycleWords(page, d.lifecycle));
  const planned = document.getElementById('device-planned-now');
  planned.textContent = d.outagePlannedUntil ? new Date(d.outagePlannedUntil).toLocaleDateString() : planned.dataset.none;
  const s = d.status;
  const h = page.dataset;
  text('device-health', s ? [s.cpuTempC != null ? s.cpuTempC.toFixed(1) + ' °C' : null, s.throttled ? h.healthThrottled : null,
    s.diskFreeMb + ' / ' + s.diskTotalMb + ' ' + h.healthDisk, h.healthCamera + ' ' + yesNo(s.camera),
    h.healthMicrophone + ' ' + yesNo(s.microphone), h.healthSpeaker + ' ' + yesNo(s.speaker),
    h.healthScreen + ' ' + yesNo(s.screen)].filter((x) => x).join(' · ') : null);
}

/** The "nothing here" line of a list, in the page's words. */
function noneItem(ul) {
  const li = document.createElement('li');
  li.textContent = ul.dataset.none;
  return li;
}

// A planned outage (holiday, hospital stay) keeps the offline alert quiet until the date.
onSubmitOnce(document.getElementById('device-planned'), async (f) => {
  const day = f.until.value;
  const res = await send('PUT', api + '/planned-outage', { until: day ? new Date(day + 'T23:59:59').toISOString() : null });
  // Said beside the form in the page's words (an outage that already ended is refused), not in an English alert.
  document.getElementById('device-planned-error').textContent = res.ok ? '' : await problemOf(res);
});

function yesNo(b) {
  return b ? page.dataset.yes : page.dataset.no;
}

function showCommands(list) {
  const table = document.getElementById('device-commands');
  const body = table.querySelector('tbody');
  body.replaceChildren();
  if (list.length === 0) body.append(emptyRow(table.dataset.none, 5));
  for (const c of list) {
    const tr = document.createElement('tr');
    tr.dataset.command = c.id;
    tr.dataset.type = c.type;
    tr.dataset.state = c.state;
    const params = Object.entries(c.params ?? {}).map(([k, v]) => k + ': ' + v).join(', ');
    // The command and its state in the page's words; the device's own detail is English, for IT support.
    const kind = document.querySelector('button[data-command="' + c.type + '"]')?.textContent ?? c.type;
    const state = cell(page.dataset['command' + c.state[0].toUpperCase() + c.state.slice(1)] ?? c.state, 'command-' + c.state);
    const detail = cell(c.detail);
    detail.lang = 'en';
    tr.append(cell(kind + (params ? ' (' + params + ')' : '')), state, detail, cell(c.issuedBy),
      cell(new Date(c.issuedAt).toLocaleString()));
    body.append(tr);
  }
  if (list.some((c) => c.type === 'collect-logs' && c.state === 'done')) bundles();
}

function showAlerts(list) {
  const ul = document.getElementById('device-alerts');
  ul.replaceChildren();
  if (list.length === 0) ul.append(noneItem(ul));
  for (const a of list) {
    const li = document.createElement('li');
    li.textContent = a.kind + ': ' + a.detail + ' (' + new Date(a.raisedAt).toLocaleString() + ') ';
    if (!a.acknowledgedBy) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = ul.dataset.ack;
      b.addEventListener('click', () => once(b, async () => {
        if ((await post('/api/alerts/' + a.id + '/acknowledge')).ok) b.remove();
      }));
      li.append(b);
    } else {
      li.append(document.createTextNode('✓ ' + a.acknowledgedBy));
    }
    ul.append(li);
  }
}

async function bundles() {
  const res = await get(api + '/log-bundles');
  if (!res.ok) return;
  const list = await res.json();
  const ul = document.getElementById('device-log-bundles');
  ul.replaceChildren();
  if (list.length === 0) ul.append(noneItem(ul));
  for (const b of list) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = '/api/log-bundles/' + encodeURIComponent(b.id);
    a.className = 'log-bundle';
    a.textContent = new Date(b.receivedAt).toLocaleString() + ' (' + Math.ceil(b.sizeBytes / 1024) + ' kB)';
    li.append(a);
    ul.append(li);
  }
}

async function calls() {
  const res = await get('/api/calls?deviceId=' + encodeURIComponent(deviceId));
  if (!res.ok) return;
  const list = await res.json();
  const table = document.getElementById('device-calls');
  const body = table.querySelector('tbody');
  body.replaceChildren();
  if (list.length === 0) body.append(emptyRow(table.dataset.none, 5));
  for (const c of list.slice(0, 20)) {
    const q = c.quality ?? {};
    const quality = [q.lossPctMean != null ? 'loss ' + q.lossPctMean + ' %' : null, q.rttMsMean != null ? 'rtt ' + q.rttMsMean + ' ms' : null]
      .filter((x) => x).join(', ');
    const tr = document.createElement('tr');
    tr.append(cell(new Date(c.createdAt).toLocaleString()), cell(c.worker), cell(c.state + (c.reason ? ': ' + c.reason : '')),
      cell(c.durationS != null ? c.durationS + ' s' : null), cell(quality));
    body.append(tr);
  }
}

/** Asks in the page's own dialog (not window.confirm): large buttons, the question in the user's language. */
function confirmAction(question, askText) {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-text').textContent = question;
  const askLabel = document.getElementById('confirm-ask');
  const input = document.getElementById('confirm-input');
  askLabel.hidden = !askText;
  askLabel.querySelector('span').textContent = askText ?? '';
  input.value = '';
  return ask(dialog, () => ({ message: input.value }));
}

for (const b of document.querySelectorAll('button[data-command]')) {
  b.addEventListener('click', () => once(b, async () => {
    const answer = await confirmAction(b.dataset.confirm, b.dataset.ask);
    if (!answer) return;
    const body = { type: b.dataset.command };
    // The button names the param its answer goes in (the lock's message), as the protocol spells it.
    if (b.dataset.param && answer.message) body.params = { [b.dataset.param]: answer.message };
    const res = await post(api + '/commands', body);
    if (!res.ok) alert(await problemOf(res));
  }));
}

// Settings go out as a set-config command: only the fields filled in change; a cleared one goes
// out empty, and the screen goes back to its own default for it.
onSubmitOnce(document.getElementById('device-settings'), async (form) => {
  const params = {};
  for (const el of form.elements) {
    if (el.name === 'clear') {
      for (const key of el.value.split(',').filter((k) => k)) params[key] = '';
    } else if (el.name && el.value !== '') params[el.name] = el.value;
  }
  if (Object.keys(params).length === 0) return;
  if (!(await confirmAction(form.dataset.confirm))) return;
  const res = await post(api + '/commands', { type: 'set-config', params });
  if (!res.ok) alert(await problemOf(res));
  else form.reset();
});

function history() {
  const days = Number(document.getElementById('device-period').value);
  const to = new Date();
  const from = new Date(to.getTime() - days * 86400000);
  const section = document.getElementById('device-history');
  showHistory(document.getElementById('device-history-chart'), deviceId,
    'from=' + from.toISOString() + '&to=' + to.toISOString(), section.dataset);
}
document.getElementById('device-period').addEventListener('change', history);

async function line() {
  const res = await get(api + '/verdict');
  if (!res.ok) return;
  const v = await res.json();
  const f = v.figures ?? {};
  text('device-line', words(v.verdict) + (f.samples ? ' (' + [f.downMbps != null ? f.downMbps + '/' + f.upMbps + ' Mbit/s' : null,
    f.rttMs != null ? f.rttMs + ' ms' : null, f.lossPct != null ? f.lossPct + ' %' : null].filter((x) => x).join(', ') + ')' : ''));
}

// The live part: the server sends the device, its commands and open alerts whenever they change.
const events = new EventSource(api + '/live');
events.onmessage = (e) => {
  const s = JSON.parse(e.data);
  showDevice(s.device);
  showCommands(s.commands);
  showAlerts(s.alerts);
  page.dataset.live = 'yes';
};
events.addEventListener('gone', () => events.close());
// The browser retries a dropped connection by itself, but gives up on a refusal: if the session ended, say so.
events.onerror = () => {
  if (events.readyState === EventSource.CLOSED) checkSession();
};

line();
bundles();
calls();
history();
