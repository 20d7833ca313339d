// "Mine borgere": the worker's citizens with their device's state, the line in words, the next online
// visit and a call button that says beforehand when a call is unlikely to work; the worker's booked
// visits (call, move, cancel), reminders shortly before them, and the contact log with its CSV export.
// Text only, never markup.
import { CallPanel } from './call.js';
import { cell, emptyRow, button } from './table.js';
import { get, send } from './api.js';
import { edit } from './dialogs.js';
import { problemText } from './problems.js';
import { localDateTime } from './dates.js';

const table = document.getElementById('citizens');
const body = table.querySelector('tbody');
const visitsTable = document.getElementById('appointments');
const contactsTable = document.getElementById('contacts');
const reminders = document.getElementById('visit-reminders');
const calls = new CallPanel();
const lang = document.documentElement.lang || 'da';
const byId = new Map();
let visits = [];

const when = (iso) => new Date(iso).toLocaleString(lang, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const time = (iso) => new Date(iso).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' });
const dataKey = (prefix, wire) => prefix + wire.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('');
/** The value of a datetime-local input as an ISO instant (the browser's zone is the worker's). */
const instant = (local) => (local ? new Date(local).toISOString() : null);
const localValue = (iso) => localDateTime(new Date(iso));

async function getJson(path) {
  const res = await get(path);
  return res.ok ? res.json() : null;
}

// ------------------------------------------------------------------ citizens

async function refreshCitizens() {
  const list = await getJson('/api/citizens');
  if (!list) return;
  body.replaceChildren();
  if (list.length === 0) body.append(emptyRow(table.dataset.none, 6));
  for (const view of list) {
    const { citizen, deviceOnline, line, lastSeen, nextVisit, precheck } = view;
    byId.set(citizen.id, view);
    const tr = document.createElement('tr');
    tr.dataset.device = citizen.deviceId ?? '';
    tr.dataset.citizen = citizen.id;
    const state = deviceOnline ? 'online' : 'offline';
    const stateText = citizen.deviceId ? table.dataset[state]
      + (!deviceOnline && lastSeen ? ' (' + table.dataset.lastSeen + ' ' + when(lastSeen) + ')' : '') : null;
    const verdict = line?.verdict ?? 'unknown';
    const action = document.createElement('td');
    if (citizen.deviceId) {
      const call = button(table.dataset.call, () => calls.dial(citizen.deviceId, citizen.displayName));
      call.className = 'call';
      call.dataset.device = citizen.deviceId;
      action.append(call);
      if (precheck) {
        // The pre-call check: said before the worker presses, not after the call fails.
        const hint = document.createElement('span');
        hint.className = 'hint precheck-' + precheck;
        hint.textContent = table.dataset[dataKey('precheck', precheck)] ?? precheck;
        action.append(hint);
        if (precheck === 'offline' || precheck === 'locked') call.classList.add('unlikely');
      }
    }
    const more = document.createElement('td');
    const book = button(table.dataset.book, () => bookVisit(citizen));
    book.className = 'book';
    book.dataset.citizen = citizen.id;
    const log = button(table.dataset.log, () => logContact(citizen));
    log.className = 'log-contact';
    log.dataset.citizen = citizen.id;
    const settings = button(table.dataset.settings, () => editSettings(view));
    settings.className = 'settings';
    settings.dataset.citizen = citizen.id;
    more.append(book, ' ', log, ' ', settings);
    tr.append(cell(citizen.displayName), cell(stateText, 'state-' + state),
      cell(citizen.deviceId ? table.dataset[dataKey('line', verdict)] : null, 'line-' + verdict),
      cell(nextVisit ? when(nextVisit.startsAt) : table.dataset.noVisit, 'next-visit'), action, more);
    body.append(tr);
  }
  // The rows are drawn: an admin's tools (citizen-admin.js) add theirs.
  document.dispatchEvent(new CustomEvent('bostotte:citizens-shown', { detail: list }));
}

// ------------------------------------------------------------------ visits

async function bookVisit(citizen, visit) {
  const dialog = document.getElementById('book-dialog');
  const saveButton = dialog.querySelector('button[value=save]');
  // A clash with another visit is a warning: said once, then "Book anyway" books it (or a new time is checked again).
  let overlapConfirmed = false;
  const unconfirm = () => {
    overlapConfirmed = false;
    saveButton.textContent = saveButton.dataset.save;
  };
  const saved = await edit(dialog, (f) => {
    const h2 = dialog.querySelector('h2');
    h2.textContent = visit ? h2.dataset.move : h2.dataset.book;
    dialog.querySelector('.who').textContent = citizen.displayName;
    unconfirm();
    f.startsAt.oninput = unconfirm;
    f.minutes.oninput = unconfirm;
    if (visit) {
      f.startsAt.value = localValue(visit.startsAt);
      f.minutes.value = visit.minutes;
    }
  }, (form) => {
    const payload = { startsAt: instant(form.startsAt.value), minutes: Number(form.minutes.value) || 30, overlapConfirmed };
    return visit ? send('PUT', '/api/appointments/' + visit.id, payload)
      : send('POST', '/api/citizens/' + citizen.id + '/appointments', payload);
  }, (body) => {
    if (body.code !== 'overlap') return null;
    overlapConfirmed = true;
    saveButton.textContent = saveButton.dataset.anyway;
    const visits = (body.overlaps ?? []).map((o) => o.citizenName + ', ' + when(o.startsAt) + ' (' + o.workerName + ')').join('; ');
    return problemText(body, { visits });
  });
  if (saved) refreshAll();
}

async function refreshVisits() {
  const list = await getJson('/api/appointments');
  if (!list) return;
  visits = list;
  const tbody = visitsTable.querySelector('tbody');
  tbody.replaceChildren();
  if (list.length === 0) tbody.append(emptyRow(visitsTable.dataset.none, 4));
  for (const v of list) {
    const tr = document.createElement('tr');
    tr.dataset.appointment = v.id;
    const actions = document.createElement('td');
    if (v.deviceId) {
      const call = button(visitsTable.dataset.call, () => calls.dial(v.deviceId, v.citizenName, v.id));
      call.className = 'call-visit';
      call.dataset.appointment = v.id;
      actions.append(call, ' ');
    }
    const move = button(visitsTable.dataset.move, () => bookVisit({ id: v.citizenId, displayName: v.citizenName }, v));
    move.className = 'move';
    // Asked first: a slip of the mouse must not cancel a citizen's visit.
    const cancel = button(visitsTable.dataset.cancel, async () => {
      const dialog = document.getElementById('cancel-dialog');
      const cancelled = await edit(dialog, () => {
        dialog.querySelector('.who').textContent = v.citizenName + ', ' + when(v.startsAt);
      }, () => send('DELETE', '/api/appointments/' + v.id));
      if (cancelled) refreshAll();
    });
    cancel.className = 'cancel';
    actions.append(move, ' ', cancel);
    tr.append(cell(when(v.startsAt)), cell(v.citizenName), cell(String(v.minutes)), actions);
    tbody.append(tr);
  }
  remind();
}

/** A banner for each visit starting within its citizen's reminder time (or under way). */
function remind() {
  const now = Date.now();
  reminders.replaceChildren();
  for (const v of visits) {
    const start = new Date(v.startsAt).getTime();
    const lead = (byId.get(v.citizenId)?.citizen.reminderMinutes ?? 15) * 60000;
    if (now >= start - Math.max(lead, 60000) && now < start + v.minutes * 60000) {
      const p = document.createElement('p');
      p.className = 'reminder';
      p.dataset.appointment = v.id;
      p.textContent = reminders.dataset.soon.replace('{name}', v.citizenName).replace('{time}', time(v.startsAt)) + ' ';
      if (v.deviceId) p.append(button(visitsTable.dataset.call, () => calls.dial(v.deviceId, v.citizenName, v.id)));
      reminders.append(p);
    }
  }
}

// ------------------------------------------------------------------ contacts

async function logContact(citizen, call) {
  const dialog = document.getElementById('contact-dialog');
  const saved = await edit(dialog, (f) => {
    const h2 = dialog.querySelector('h2');
    h2.textContent = call ? h2.dataset.afterCall : h2.dataset.log;
    dialog.querySelector('.who').textContent = citizen.displayName ?? '';
    for (const el of dialog.querySelectorAll('.by-hand')) el.hidden = !!call;
    if (!call) f.happenedAt.value = localDateTime();
  }, (form) => {
    const payload = { completed: form.completed.checked, noteType: form.noteType.value || null, note: form.note.value || null };
    return call ? send('POST', '/api/calls/' + call.callId + '/contact', payload)
      : send('POST', '/api/citizens/' + citizen.id + '/contacts', {
        ...payload, kind: form.kind.value, happenedAt: instant(form.happenedAt.value),
        minutes: form.minutes.value === '' ? null : Number(form.minutes.value),
      });
  });
  if (saved) refreshContacts();
}

// After a call that connected, the worker says whether it was the visit (or leaves it for later).
document.addEventListener('bostotte:call-finished', (e) => {
  const view = [...byId.values()].find((x) => x.citizen.deviceId === e.detail.deviceId);
  logContact({ displayName: view?.citizen.displayName ?? e.detail.name }, e.detail);
});

function period() {
  const form = document.getElementById('contacts-filter');
  const to = form.to.value ? new Date(form.to.value + 'T00:00') : new Date();
  if (form.to.value) to.setDate(to.getDate() + 1);
  const from = form.from.value ? new Date(form.from.value + 'T00:00') : new Date(to.getTime() - 28 * 86400000);
  return 'from=' + from.toISOString() + '&to=' + to.toISOString();
}

async function refreshContacts() {
  const q = period();
  document.getElementById('contacts-csv').href = '/api/contacts.csv?' + q + (lang === 'en' ? '&lang=en' : '');
  const list = await getJson('/api/contacts?' + q);
  if (!list) return;
  const tbody = contactsTable.querySelector('tbody');
  tbody.replaceChildren();
  if (list.length === 0) tbody.append(emptyRow(contactsTable.dataset.none, 7));
  const noteTypes = document.querySelector('#contact-dialog select[name=noteType]');
  for (const c of list) {
    const tr = document.createElement('tr');
    tr.dataset.contact = c.id;
    const topic = c.noteType ? [...noteTypes.options].find((o) => o.value === c.noteType)?.textContent : null;
    tr.append(cell(when(c.happenedAt)), cell(c.citizenName), cell(contactsTable.dataset[dataKey('kind', c.kind)]),
      cell(c.minutes == null ? null : String(c.minutes)), cell(c.completed ? contactsTable.dataset.yes : contactsTable.dataset.no),
      cell(topic), cell(c.note));
    tbody.append(tr);
  }
}

document.getElementById('contacts-filter').addEventListener('submit', (e) => {
  e.preventDefault();
  refreshContacts();
});

// ------------------------------------------------------------------ settings

async function editSettings(view) {
  const { citizen } = view;
  const dialog = document.getElementById('settings-dialog');
  const me = document.body.dataset.user;
  const admin = document.body.dataset.role === 'admin';
  const callersOf = (text) => [...new Set(text.split(/[\s,]+/).filter((u) => u))].sort();
  const num = (el) => (el.value === '' ? null : Number(el.value));
  const saved = await edit(dialog, (f) => {
    dialog.querySelector('.who').textContent = citizen.displayName;
    f.answerPolicy.value = citizen.answerPolicy;
    f.autoAnswerS.value = citizen.autoAnswerS;
    // Auto-answer is for the listed callers; a worker turning it on lists themself unless they say otherwise.
    f.autoAnswerCallers.value = (citizen.autoAnswerUsernames.length ? citizen.autoAnswerUsernames : [me]).join(', ');
    f.reminderMinutes.value = citizen.reminderMinutes;
    f.travelMinutes.value = citizen.travelMinutes ?? '';
    f.travelKm.value = citizen.travelKm ?? '';
    f.inTargetGroup.checked = citizen.inTargetGroup;
    // Who counts in the target group is the organisation's decision, not the worker's.
    f.inTargetGroup.closest('label').hidden = !admin;
  // The whole dialog in one request: the server saves all of it or none (and audits the answer policy
  // only when it changes), so a refusal leaves nothing half-saved and saving again works.
  }, (form) => send('PUT', '/api/citizens/' + citizen.id + '/settings', {
    answerPolicy: form.answerPolicy.value, autoAnswerS: num(form.autoAnswerS),
    autoAnswerCallers: form.answerPolicy.value === 'auto-answer' ? callersOf(form.autoAnswerCallers.value) : [],
    reminderMinutes: num(form.reminderMinutes), travelMinutes: num(form.travelMinutes), travelKm: num(form.travelKm),
    inTargetGroup: admin ? form.inTargetGroup.checked : null,
  }));
  if (saved) refreshCitizens();
}

function refreshAll() {
  refreshCitizens().then(refreshVisits);
}

document.addEventListener('bostotte:citizens-changed', refreshAll);
refreshAll();
refreshContacts();
setInterval(refreshAll, 10000);
setInterval(remind, 30000);
