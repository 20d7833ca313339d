// Coverage: devices on a map coloured by their line's verdict, and the per-postcode table.
// Markers are drawn by Leaflet as vectors, so they show even when the map tiles cannot load.
import { cell, emptyRow } from './table.js';

const COLOURS = { 'video-hd': '#0a7a32', video: '#4caf50', 'audio-only': '#e69500', insufficient: '#b3261e', unknown: '#7a7a7a' };
const VERDICTS = ['video-hd', 'video', 'audio-only', 'insufficient', 'unknown'];
// The period comes from the page's own query (?from=…&to=…), else the API's default (30 days).
const period = new URLSearchParams(location.search);
const query = ['from', 'to'].filter((k) => period.get(k)).map((k) => k + '=' + encodeURIComponent(period.get(k))).join('&');
const suffix = query ? '?' + query : '';
document.getElementById('coverage-csv').href = '/api/coverage.csv' + suffix;
const mapEl = document.getElementById('coverage-map');
const table = document.getElementById('coverage');
const body = table.querySelector('tbody');

const map = window.L.map(mapEl).setView([56.2, 10.3], 7); // Denmark until the devices are known
window.L.tileLayer(mapEl.dataset.tiles, { maxZoom: 18, attribution: '© OpenStreetMap' }).addTo(map);

function words(verdict) {
  return table.dataset['line' + verdict.split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')];
}

async function points() {
  const res = await fetch('/api/coverage/points' + suffix, { credentials: 'same-origin' });
  if (!res.ok) return;
  const list = await res.json();
  const bounds = [];
  for (const p of list) {
    const marker = window.L.circleMarker([p.latitude, p.longitude], {
      radius: 8, color: '#1a1a1a', weight: 1, fillColor: COLOURS[p.verdict] ?? COLOURS.unknown, fillOpacity: 0.9,
      className: 'verdict-' + p.verdict,
    }).addTo(map);
    marker.bindTooltip(p.deviceId + ' · ' + p.postcode + ' · ' + words(p.verdict));
    bounds.push([p.latitude, p.longitude]);
  }
  if (bounds.length > 0) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 13 });
  mapEl.dataset.markers = String(list.length);
}

async function areas() {
  const res = await fetch('/api/coverage' + suffix, { credentials: 'same-origin' });
  if (!res.ok) return;
  const list = await res.json();
  body.replaceChildren();
  if (list.length === 0) body.append(emptyRow(table.dataset.none, 8));
  for (const a of list) {
    const tr = document.createElement('tr');
    tr.dataset.postcode = a.postcode;
    const links = a.links.map((l) => l.link + ': ' + (l.downMedianMbps ?? '–') + ' / ' + (l.downP10Mbps ?? '–') + ' ↓, '
      + (l.upMedianMbps ?? '–') + ' / ' + (l.upP10Mbps ?? '–') + ' ↑').join('; ');
    tr.append(cell(a.postcode), cell(String(a.devices)), ...VERDICTS.map((v) => cell(String(a.verdicts[v] ?? 0))), cell(links));
    body.append(tr);
  }
}

points();
areas();
