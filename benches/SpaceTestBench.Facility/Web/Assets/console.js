// SpaceTestBench facility console: the live parts of server-rendered pages. No framework, no build step.
'use strict';

function refreshRows(id, url, every) {
  const target = document.getElementById(id);
  const tick = async () => {
    // Not while the user is in a form of the rows: their typing is not replaced under them.
    if (target.contains(document.activeElement)) return;
    try {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (response.ok) { const html = await response.text(); if (html !== target.innerHTML) target.innerHTML = html; }
    } catch (e) { /* the next tick tries again */ }
  };
  setInterval(tick, every);
}

function text(element, value) { document.getElementById(element).textContent = value; }

function span(ms) {
  if (ms == null || isNaN(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000), d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  return (d > 0 ? d + ' d ' : '') + (d > 0 || h > 0 ? h + ' h ' : '') + m + ' min ' + (s % 60) + ' s';
}

function timeSpanMs(value) {
  // .NET TimeSpan JSON: "[d.]hh:mm:ss[.fffffff]"
  if (!value) return null;
  const m = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(value);
  return m ? ((+(m[1] || 0) * 24 + +m[2]) * 3600 + +m[3] * 60 + +m[4]) * 1000 : null;
}

function verdictClass(v) { return String(v || '').toLowerCase(); }

function watchCampaign(id) {
  const log = document.getElementById('log');
  const scenarios = document.getElementById('scenarios');
  const measurementRows = document.querySelector('#measurements tbody');
  const banner = document.getElementById('verdict');
  const state = document.getElementById('campaign-state');
  const series = { dose: new Map(), thermal: new Map(), ber: new Map() };
  const units = { dose: {}, thermal: {}, ber: {} };
  let previous = null, firstBench = null;

  const line = (kind, message) => {
    log.textContent += (kind === 'progress' ? '' : '[' + kind + '] ') + message + '\n';
    if (log.textContent.length > 200000) log.textContent = log.textContent.slice(-150000);
    log.scrollTop = log.scrollHeight;
  };
  const setVerdict = (words, verdict) => { banner.textContent = words; banner.className = 'verdict ' + verdictClass(verdict); };
  const scenarioItem = (number, name) => {
    let item = document.getElementById('scenario-' + number);
    if (!item) {
      item = document.createElement('li'); item.id = 'scenario-' + number; item.value = number;
      item.innerHTML = '<span class="name"></span><span class="verdict-tag running">running</span>';
      scenarios.appendChild(item);
    }
    if (name) item.querySelector('.name').textContent = name;
    return item;
  };

  // Wall time: from placement to now (or to the end), as the control node recorded them.
  const wall = document.getElementById('wall-time');
  const tickWall = () => {
    const placed = Date.parse(wall.dataset.placed || ''), ended = Date.parse(wall.dataset.ended || '');
    if (!isNaN(placed)) wall.textContent = span((isNaN(ended) ? Date.now() : ended) - placed) + ' since placed';
  };
  tickWall(); setInterval(tickWall, 1000);

  const source = new EventSource('/console/api/campaigns/' + id + '/events');
  for (const kind of ['placed', 'run-started', 'requeued']) {
    source.addEventListener(kind, e => { line(kind, e.data); if (kind !== 'requeued' && !wall.dataset.placed) wall.dataset.placed = new Date().toISOString(); if (state.textContent !== 'running') { state.textContent = kind === 'requeued' ? 'queued' : kind === 'placed' ? 'placed' : 'running'; state.className = 'state ' + state.textContent; } });
  }
  source.addEventListener('progress', e => line('progress', e.data));
  source.addEventListener('run-finished', e => {
    line('run-finished', e.data);
    const m = /finished: (\w+)/.exec(e.data);
    if (m) setVerdict('Verdict: ' + m[1], m[1]);
  });
  source.addEventListener('snapshot', e => {
    const s = JSON.parse(e.data);
    if (s.scenarios) text('scenario-count', '(' + (s.scenarioNumber || 0) + ' of ' + s.scenarios + ')');
    if (previous && previous.scenarioNumber > 0) {
      // A scenario's verdict is the one whose count grew since the snapshot before.
      for (const [verdict, count] of Object.entries(s.verdicts || {})) {
        if (count > ((previous.verdicts || {})[verdict] || 0)) {
          const tag = scenarioItem(previous.scenarioNumber, previous.scenarioName).querySelector('.verdict-tag');
          tag.textContent = verdict; tag.className = 'verdict-tag ' + verdictClass(verdict);
        }
      }
    }
    if (s.scenarioNumber > 0 && !s.finished) scenarioItem(s.scenarioNumber, s.scenarioName);
    text('current-step', s.stepText ? 'Step ' + (s.stepIndex + 1) + ' of ' + s.stepCount + ': ' + s.stepText : '—');
    const gauges = (s.gauges || []).map(g => g.name + ' ' + g.done.toPrecision(4) + (g.target != null ? ' / ' + g.target.toPrecision(4) : '') + ' ' + g.unit).join(' · ');
    text('activity', [s.activity, gauges].filter(x => x).join(' — ') || '—');
    if (s.started && s.now) text('bench-time', span(Date.parse(s.now) - Date.parse(s.started)) + (s.virtualClock ? ' (simulated bench clock)' : ''));
    const planned = (s.plannedScenarios || []).slice(Math.max(s.scenarioNumber, 1) - 1);
    if (!s.finished && planned.length && planned.every(p => p)) text('remaining', span(planned.map(timeSpanMs).reduce((a, b) => a + b, 0)) + ' at most, from the plan');
    if (s.finished) { setVerdict('Verdict: ' + s.finished.verdict, s.finished.verdict); text('remaining', '—'); }
    else if (s.scenarioNumber > 0 && !/^Verdict/.test(banner.textContent)) setVerdict('Running scenario ' + s.scenarioNumber + ' of ' + s.scenarios + ': ' + (s.scenarioName || ''), '');
    previous = s;
  });
  source.addEventListener('measurements', e => {
    for (const m of JSON.parse(e.data)) {
      const row = document.createElement('tr');
      const conditions = Object.entries(m.conditions || {}).map(([k, v]) => k + ' = ' + v).join(', ');
      for (const cell of [m.scenarioName || ('#' + m.scenario), m.name, Number(m.value.toPrecision(6)) + ' ' + (m.unit || ''), m.limit || 'no limit', m.verdict, conditions, new Date(m.benchTime).toISOString().replace('.000', '')]) {
        const td = document.createElement('td'); td.textContent = cell; row.appendChild(td);
      }
      row.children[4].innerHTML = '<span class="verdict-tag ' + verdictClass(m.verdict) + '"></span>';
      row.children[4].firstChild.textContent = m.verdict;
      measurementRows.insertBefore(row, measurementRows.firstChild);
      while (measurementRows.rows.length > 500) measurementRows.deleteRow(-1);
      plotPoint(m);
    }
    draw('plot-dose', series.dose, units.dose, false);
    draw('plot-thermal', series.thermal, units.thermal, false);
    draw('plot-ber', series.ber, units.ber, true);
  });
  source.addEventListener('end', e => {
    source.close();
    state.textContent = e.data; state.className = 'state ' + e.data;
    if (!/Verdict/.test(banner.textContent) || e.data === 'cancelled' || e.data === 'aborted') setVerdict('Ended: ' + e.data, e.data);
    else banner.textContent += ' (campaign ' + e.data + ')';
    const cancel = document.querySelector('#cancel-form button'); if (cancel) cancel.disabled = true;
    if (wall.dataset.placed && !wall.dataset.ended) wall.dataset.ended = new Date().toISOString();
    line('end', e.data);
    showDownloads(id);
  });

  function key(conditions, pattern) { return Object.keys(conditions || {}).find(k => pattern.test(k)); }
  function add(kind, name, x, y, xUnit, yUnit) {
    if (!isFinite(x) || !isFinite(y)) return;
    if (!series[kind].has(name)) series[kind].set(name, []);
    series[kind].get(name).push([x, y]);
    units[kind] = { x: xUnit, y: yUnit };
  }
  function plotPoint(m) {
    const doseKey = key(m.conditions, /dose/i);
    const powerKey = key(m.conditions, /power|optical|received/i);
    if (/bit.?error|\bber\b/i.test(m.name) && powerKey && m.value > 0) {
      add('ber', m.name, parseFloat(m.conditions[powerKey]), Math.log10(m.value), powerKey + ' (' + unitOf(m.conditions[powerKey]) + ')', 'log10 ' + m.name);
    } else if (doseKey) {
      add('dose', m.name, parseFloat(m.conditions[doseKey]), m.value, doseKey + ' (' + unitOf(m.conditions[doseKey]) + ')', m.name + ' (' + (m.unit || '') + ')');
    } else if (/temperature/i.test(m.name) || /°C|^K$/.test(m.unit || '')) {
      const t = Date.parse(m.benchTime); if (firstBench === null) firstBench = t;
      add('thermal', m.name, (t - firstBench) / 3600000, m.value, 'bench time (h)', 'temperature (' + (m.unit || '') + ')');
    }
  }
  function unitOf(valueText) { const m = /[-+0-9.eE]+\s*(.*)$/.exec(String(valueText)); return m && m[1] ? m[1] : ''; }
}

const palette = ['#0b5cad', '#a31515', '#16632f', '#7a4b00', '#5b2a86', '#006d77'];

function draw(id, seriesMap, unit, logY) {
  const svg = document.getElementById(id);
  const all = [...seriesMap.values()].flat();
  if (all.length === 0) return;
  const W = 420, H = 260, L = 56, R = 10, T = 12, B = 44;
  let [x0, x1] = [Math.min(...all.map(p => p[0])), Math.max(...all.map(p => p[0]))];
  let [y0, y1] = [Math.min(...all.map(p => p[1])), Math.max(...all.map(p => p[1]))];
  if (x0 === x1) { x0 -= 1; x1 += 1; } if (y0 === y1) { y0 -= 1; y1 += 1; }
  const X = x => L + (x - x0) / (x1 - x0) * (W - L - R), Y = y => H - B - (y - y0) / (y1 - y0) * (H - T - B);
  const fmt = v => Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-2 && v !== 0) ? v.toExponential(1) : +v.toPrecision(3);
  let out = `<rect x="${L}" y="${T}" width="${W - L - R}" height="${H - T - B}" fill="none" stroke="#8a96a8"/>`;
  for (const f of [0, 0.5, 1]) {
    const xv = x0 + f * (x1 - x0), yv = y0 + f * (y1 - y0);
    out += `<text x="${X(xv)}" y="${H - B + 16}" font-size="11" text-anchor="middle">${fmt(xv)}</text>`;
    out += `<text x="${L - 4}" y="${Y(yv) + 4}" font-size="11" text-anchor="end">${logY ? '1e' + fmt(yv) : fmt(yv)}</text>`;
  }
  out += `<text x="${(L + W - R) / 2}" y="${H - 6}" font-size="11" text-anchor="middle">${escapeXml(unit.x || '')}</text>`;
  out += `<text x="12" y="${(T + H - B) / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${(T + H - B) / 2})">${escapeXml(unit.y || '')}</text>`;
  let i = 0;
  for (const [name, points] of seriesMap) {
    const colour = palette[i % palette.length];
    const sorted = [...points].sort((a, b) => a[0] - b[0]);
    out += `<polyline fill="none" stroke="${colour}" stroke-width="1.5" points="${sorted.map(p => X(p[0]) + ',' + Y(p[1])).join(' ')}"/>`;
    out += sorted.map(p => `<circle cx="${X(p[0])}" cy="${Y(p[1])}" r="2.5" fill="${colour}"/>`).join('');
    out += `<text x="${L + 6}" y="${T + 14 + 13 * i}" font-size="11" fill="${colour}">${escapeXml(name)} (${points.length})</text>`;
    i++;
  }
  svg.innerHTML = out;
  svg.setAttribute('data-points', String(all.length));
}

function escapeXml(s) { return String(s).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c])); }

async function showDownloads(id) {
  const response = await fetch('/console/api/campaigns/' + id + '/runs', { credentials: 'same-origin' });
  if (!response.ok) return;
  const target = document.getElementById('downloads');
  target.innerHTML = '';
  for (const run of await response.json()) {
    if (!run.archive) continue;
    const p = document.createElement('p'); const a = document.createElement('a');
    a.href = '/console/runs/' + run.id + '/archive'; a.textContent = 'Download the run folder (' + run.station + ', ' + (run.verdict || run.state) + ')';
    p.appendChild(a); target.appendChild(p);
  }
}

function pemBody(text, label) {
  const m = new RegExp('-----BEGIN ' + label + '-----([\\s\\S]+?)-----END ' + label + '-----').exec(text);
  if (!m) return null;
  const raw = atob(m[1].replace(/\s+/g, ''));
  return Uint8Array.from(raw, c => c.charCodeAt(0));
}

function base64(buffer) { return btoa(String.fromCharCode(...new Uint8Array(buffer))); }

function signReport(id, token) {
  const button = document.getElementById('sign-button');
  const status = document.getElementById('sign-status');
  const say = (message, error) => { status.textContent = message; status.className = error ? 'message error' : 'message'; };
  button.addEventListener('click', async () => {
    const file = document.getElementById('private-key').files[0];
    if (!file) { say('Choose your private key file first.', true); return; }
    try {
      // The key file is read here and never leaves this page: only the signature and the public key are sent.
      const pem = await file.text();
      const der = pemBody(pem, 'PRIVATE KEY');
      if (!der) { say('That file holds no PKCS#8 private key (PREFIX.key.pem from spacebench report keygen).', true); return; }
      const key = await crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
      const jwk = await crypto.subtle.exportKey('jwk', key);
      const publicKey = await crypto.subtle.importKey('jwk', { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
      const spki = base64(await crypto.subtle.exportKey('spki', publicKey));
      const headers = { 'Content-Type': 'application/json', RequestVerificationToken: token };
      const prepared = await fetch('/console/api/reports/' + id + '/manifest', { method: 'POST', headers, credentials: 'same-origin' });
      const manifest = await prepared.json();
      if (!prepared.ok) { say(manifest.detail || manifest.title || ('Refused: ' + prepared.status), true); return; }
      // ECDSA P-256 with SHA-256; WebCrypto gives r‖s (IEEE P1363), the form the signature files keep.
      const signature = base64(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, new TextEncoder().encode(manifest.manifest)));
      const kept = await fetch('/console/api/reports/' + id + '/signatures', { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify({ manifest: manifest.manifest, signature, publicKey: spki }) });
      if (!kept.ok) { const problem = await kept.json(); say(problem.detail || problem.title || ('Refused: ' + kept.status), true); return; }
      say('Signed as ' + manifest.meaning + ' by ' + manifest.signer + '.', false);
      setTimeout(() => location.reload(), 600);
    } catch (e) {
      say('Cannot sign: ' + e.message, true);
    }
  });
}
