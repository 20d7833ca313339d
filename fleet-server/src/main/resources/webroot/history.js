// A device's network history as a uPlot chart: round-trip time and jitter (ms), loss (%) and the
// throughput tests (Mbit/s, as points: they run a few times a day). Shared by the console pages.
import { get } from './api.js';

const SERIES = [
  { key: 'rttMs', scale: 'ms', stroke: '#1f5fa8', label: 'rtt' },
  { key: 'jitterMs', scale: 'ms', stroke: '#7aa6d8', label: 'jitter' },
  { key: 'lossPct', scale: '%', stroke: '#b3261e', label: 'loss' },
  { key: 'downMbps', scale: 'mbps', stroke: '#0a7a32', label: 'down', points: true },
  { key: 'upMbps', scale: 'mbps', stroke: '#e69500', label: 'up', points: true },
  { key: 'signalDbm', scale: 'dbm', stroke: '#6a3d9a', label: 'signal' },
];

/** Columns for uPlot: x in seconds, then one array per series (null where not measured). */
export function columns(samples) {
  const xs = samples.map((s) => Date.parse(s.at) / 1000);
  return [xs, ...SERIES.map((def) => samples.map((s) => s[def.key] ?? null))];
}

/**
 * Draws the history of {@code deviceId} over {@code query} (the API's from/to) into {@code el}.
 * {@code labels} holds the words for each series and the axes, from the page's language.
 */
export async function showHistory(el, deviceId, query, labels) {
  const res = await get('/api/devices/' + encodeURIComponent(deviceId) + '/telemetry' + (query ? '?' + query : ''));
  el.replaceChildren();
  if (!res.ok) {
    el.textContent = labels.failed;
    return null;
  }
  const samples = await res.json();
  el.dataset.samples = String(samples.length);
  el.dataset.device = deviceId;
  if (samples.length === 0) {
    el.textContent = labels.none;
    return null;
  }
  const opts = {
    width: Math.max(320, el.clientWidth || 720),
    height: 260,
    scales: { x: { time: true } },
    series: [{}, ...SERIES.map((def) => ({
      label: labels[def.label],
      scale: def.scale,
      stroke: def.stroke,
      width: 1.5,
      spanGaps: !def.points,
      paths: def.points ? () => null : undefined,
      points: def.points ? { show: true, size: 7, fill: def.stroke } : { show: false },
    }))],
    axes: [{}, { scale: 'ms', label: labels.ms }, { scale: 'mbps', side: 1, label: labels.mbps, grid: { show: false } },
      { scale: '%', side: 1, label: '%', grid: { show: false } },
      { scale: 'dbm', side: 1, label: 'dBm', grid: { show: false } }],
  };
  return new window.uPlot(opts, columns(samples), el);
}
