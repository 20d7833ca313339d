// Coverage: devices on a map coloured by their line's verdict, and the per-postcode table.
// Markers are drawn by Leaflet as vectors, so they show even when the map tiles cannot load.
import { get } from './api.js';
import { cell, emptyRow } from './table.js';
import { showHistory } from './history.js';

const COLOURS = { 'video-hd': '#0a7a32', video: '#4caf50', 'audio-only': '#e69500', insufficient: '#b3261e', unknown: '#7a7a7a' };
const VERDICTS = ['video-hd', 'video', 'audio-only', 'insufficient', 'unknown'];
// The period comes from the page's own query (?from=…&to=…), else the API's default (30 days).
const period = new URLSearchParams(location.search);
const query = ['from', 'to'].filter((k) => period.get(k)).map((k) => k + '=' + encodeURIComponent(period.get(k))).join('&');
const suffix = query ? '?' + query : '';
// The file in the page's language (Danish: semicolons and decimal commas for a Danish spreadsheet).
const csvLang = document.documentElement.lang === 'en' ? 'lang=en' : '';
document.getElementById('coverage-csv').href = '/api/coverage.csv' + (csvLang ? (suffix ? suffix + '&' : '?') + csvLang : suffix);
const mapEl = document.getElementById('coverage-map');
const table = document.getElementById('coverage');
const body = table.querySelector('tbody');

const map = window.L.map(mapEl).setView([56.2, 10.3], 7); // Denmark until the devices are known
const markers = [];
// Without its tiles (no internet on the server's network, a tile server down) the map says so and
// labels every point with its postcode on a plain background, instead of a silent grey box.
function withoutTiles() {
  if (mapEl.classList.contains('no-tiles')) return;
  mapEl.classList.add('no-tiles');
  document.getElementById('coverage-no-tiles').hidden = false;
  for (const m of markers) label(m);
}

/** A point's postcode written beside it, for a map without tiles to find one's way by. */
function label(marker) {
  marker.unbindTooltip().bindTooltip(marker.options.postcode, { permanent: true, direction: 'right', offset: [10, 0], className: 'postcode' });
}
if (mapEl.dataset.tiles) {
  let loaded = false;
  window.L.tileLayer(mapEl.dataset.tiles, { maxZoom: 18, attribution: '© OpenStreetMap' })
    .on('tileload', () => { loaded = true; }).on('tileerror', withoutTiles).addTo(map);
  // A tile server that never answers fails no request: give it ten seconds.
  setTimeout(() => { if (!loaded) withoutTiles(); }, 10000);
} else {
  withoutTiles();
}

function words(verdict) {
  return table.dataset['line' + verdict.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')];
}

async function points() {
  const res = await get('/api/coverage/points' + suffix);
  if (!res.ok) return;
  const list = await res.json();
  const bounds = [];
  for (const p of list) {
    const marker = window.L.circleMarker([p.latitude, p.longitude], {
      radius: 8, color: '#1a1a1a', weight: 1, fillColor: COLOURS[p.verdict] ?? COLOURS.unknown, fillOpacity: 0.9,
      className: 'verdict-' + p.verdict + ' device-' + p.deviceId, postcode: p.postcode,
    }).addTo(map);
    marker.bindTooltip(p.deviceId + ' · ' + p.postcode + ' · ' + words(p.verdict));
    markers.push(marker);
    if (mapEl.classList.contains('no-tiles')) label(marker);
    marker.on('click', () => history(p));
    bounds.push([p.latitude, p.longitude]);
  }
  if (bounds.length > 0) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });
  mapEl.dataset.markers = String(list.length);
}

const historySection = document.getElementById('device-history');
const historyChart = document.getElementById('device-history-chart');

/** The clicked device's history over the same period, below the map. */
function history(p) {
  historySection.hidden = false;
  historySection.querySelector('h2').textContent = historySection.dataset.heading + ' ' + p.deviceId + ' (' + p.postcode + ')';
  showHistory(historyChart, p.deviceId, query, historySection.dataset).then(() => historySection.scrollIntoView());
}

/** The share of each verdict among an area's devices, as one stacked bar. */
function verdictBar(counts, total) {
  const bar = document.createElement('div');
  bar.className = 'verdict-bar';
  for (const v of VERDICTS) {
    const n = counts[v] ?? 0;
    if (n === 0) continue;
    const part = document.createElement('span');
    part.style.width = (100 * n / total) + '%';
    part.style.background = COLOURS[v];
    part.title = words(v) + ': ' + n;
    bar.append(part);
  }
  return bar;
}

async function areas() {
  const res = await get('/api/coverage' + suffix);
  if (!res.ok) return;
  const list = await res.json();
  body.replaceChildren();
  if (list.length === 0) body.append(emptyRow(table.dataset.none, 9));
  for (const a of list) {
    const tr = document.createElement('tr');
    tr.dataset.postcode = a.postcode;
    const links = a.links.map((l) => l.link + ': ' + (l.downMedianMbps ?? '–') + ' / ' + (l.downP10Mbps ?? '–') + ' ↓, '
      + (l.upMedianMbps ?? '–') + ' / ' + (l.upP10Mbps ?? '–') + ' ↑').join('; ');
    const chart = document.createElement('td');
    chart.append(verdictBar(a.verdicts, a.devices));
    tr.append(cell(a.postcode), cell(String(a.devices)), chart, ...VERDICTS.map((v) => cell(String(a.verdicts[v] ?? 0))),
      cell(links));
    body.append(tr);
  }
}

points();
areas();
