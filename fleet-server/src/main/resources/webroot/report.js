// The organisation's report: figures computed by the server in SQL (/api/report), shown as tables and
// a uPlot chart of online visits per week with the online share of all contacts. Text only, never markup.
import { get } from './api.js';
import { cell, emptyRow } from './table.js';

const main = document.getElementById('report');
const form = document.getElementById('report-period');
const lang = document.documentElement.lang || 'da';
const pct = (x) => (x == null ? null : Math.round(x * 1000) / 10 + ' %');
const num = (x) => (x == null ? null : x.toLocaleString(lang));
let chart;

/** The period as the API's query, or null when it ends before it starts. */
function period() {
  const to = form.to.value ? new Date(form.to.value + 'T00:00') : new Date();
  if (form.to.value) to.setDate(to.getDate() + 1);
  const from = form.from.value ? new Date(form.from.value + 'T00:00') : new Date(to.getTime() - 84 * 86400000);
  if (!(from < to)) return null;
  return 'from=' + from.toISOString() + '&to=' + to.toISOString();
}

/** No figures rather than the last period's under a new heading: says why instead. */
function failed(message) {
  document.getElementById('report-error').textContent = message;
  document.getElementById('report-csv').removeAttribute('href');
  if (chart) chart.destroy();
  chart = null;
  document.getElementById('weekly-chart').replaceChildren();
  for (const body of main.querySelectorAll('table tbody')) body.replaceChildren();
  for (const table of main.querySelectorAll('table.groups thead')) table.replaceChildren();
  for (const el of main.querySelectorAll('.report-figures strong, .formula')) el.textContent = '–';
  document.getElementById('savings-missing').textContent = '';
}

function text(id, value) {
  document.getElementById(id).textContent = value ?? '–';
}

function rows(tableId, list, columns, cls) {
  const table = document.getElementById(tableId);
  const body = table.querySelector('tbody');
  body.replaceChildren();
  if (list.length === 0) body.append(emptyRow(main.dataset.none, columns));
  return body;
}

function groups(tableId, list) {
  const table = document.getElementById(tableId);
  table.querySelector('thead').replaceChildren(document.getElementById('group-head').content.cloneNode(true));
  const body = rows(tableId, list, 16);
  for (const g of list) {
    const tr = document.createElement('tr');
    tr.dataset.name = g.name;
    tr.append(cell(g.name), cell(num(g.onlineVisits)), cell(num(g.contacts)), cell(pct(g.onlineShare)),
      cell(num(g.onlineMinutesMean)), cell(num(g.calls)), cell(num(g.connected)), cell(num(g.declined)), cell(num(g.missed)),
      cell(num(g.busy)), cell(num(g.unreachable)), cell(num(g.failed)), cell(num(g.lossPctMean)), cell(num(g.rttMsMean)),
      cell(pct(g.videoShare)), cell(g.onlineVisitsPerWeek.join(' · '), 'per-week'));
    body.append(tr);
  }
}

function weekly(weeks) {
  const el = document.getElementById('weekly-chart');
  if (chart) chart.destroy();
  el.replaceChildren();
  if (weeks.length === 0) return;
  const x = weeks.map((w) => new Date(w.week + 'T00:00').getTime() / 1000);
  chart = new window.uPlot({
    width: Math.min(900, el.clientWidth || 900), height: 260,
    series: [{}, { label: main.dataset.online, stroke: '#1b6ca8', width: 2, scale: 'n' },
      { label: main.dataset.share, stroke: '#2f8f46', width: 2, scale: '%', value: (u, v) => (v == null ? '–' : v + ' %') }],
    // One tick per week, labelled with its Monday's date (uPlot would otherwise pick hours).
    axes: [{ splits: () => x, values: (u, vals) => vals.map((v) => new Date(v * 1000).toLocaleDateString(lang,
      { day: 'numeric', month: 'short' })) },
    { scale: 'n' }, { scale: '%', side: 1, values: (u, vals) => vals.map((v) => v + ' %') }],
    scales: { '%': { range: [0, 100] } },
  }, [x, weeks.map((w) => w.onlineVisits), weeks.map((w) => (w.onlineShare == null ? null : Math.round(w.onlineShare * 100)))], el);
}

async function load() {
  const q = period();
  if (!q) {
    failed(main.dataset.invalidPeriod);
    return;
  }
  // One file per table (a spreadsheet shows one table per file), in the page's language.
  const language = lang === 'en' ? '&lang=en' : '';
  for (const a of document.querySelectorAll('a.report-csv')) a.href = '/api/report.csv?' + q + '&table=' + a.dataset.table + language;
  document.getElementById('report-zip').href = '/api/report.zip?' + q + language;
  const res = await get('/api/report?' + q);
  if (!res.ok) {
    failed(res.status === 400 ? main.dataset.invalidPeriod : main.dataset.failed);
    return;
  }
  document.getElementById('report-error').textContent = '';
  const r = await res.json();
  const a = r.adoption;
  text('adoption-target', num(a.targetGroup));
  text('adoption-devices', num(a.withDevice));
  text('adoption-active', num(a.active));
  const ms = rows('milestones', a.milestones, 3);
  for (const m of a.milestones) {
    const tr = document.createElement('tr');
    tr.append(cell(m.milestone), cell(num(m.citizens)), cell(m.reached ? main.dataset.reached : main.dataset.notReached,
      m.reached ? 'reached' : 'not-reached'));
    ms.append(tr);
  }
  const wb = rows('weeks', r.weeks, 5);
  for (const w of r.weeks) {
    const tr = document.createElement('tr');
    tr.append(cell(w.week), cell(num(w.onlineVisits)), cell(num(w.contacts)), cell(pct(w.onlineShare)), cell(num(w.onlineMinutesMean)));
    wb.append(tr);
  }
  weekly(r.weeks);
  groups('teams', r.teams);
  groups('workers', r.workers);
  const s = r.savings;
  text('savings-visits', num(s.onlineVisits));
  text('savings-hours', num(s.drivingHours));
  text('savings-km', num(s.kilometres));
  text('savings-dkk', num(s.dkk) + ' kr.');
  // The formula in the page's words with this municipality's rates; the API's `formula` is its English form.
  text('savings-formula', document.getElementById('savings-formula').dataset.template
    .replace('{hourly}', num(s.hourlyCostDkk)).replace('{mileage}', num(s.mileageRateDkk)));
  const missing = document.getElementById('savings-missing');
  missing.textContent = s.onlineVisits > s.visitsWithTravel
    ? missing.dataset.text.replace('{n}', s.onlineVisits - s.visitsWithTravel) : '';
  text('ata-before', pct(r.ata.before));
  text('ata-after', pct(r.ata.after));
  text('ata-formula', document.getElementById('ata-formula').dataset.template);
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  load();
});
load();
