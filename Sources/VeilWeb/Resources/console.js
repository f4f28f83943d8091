const api = {
  csrf: null,
  async call(method, url, body) {
    const headers = {'Content-Type': 'application/json'};
    if (method !== 'GET' && api.csrf) headers['X-CSRF-Token'] = api.csrf;
    const response = await fetch(url, {method, headers, credentials: 'same-origin', body: body ? JSON.stringify(body) : undefined});
    if (response.status === 401) { location.href = '/login?next=' + encodeURIComponent(location.pathname); throw new Error('logged out'); }
    const text = await response.text();
    const value = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error((value && value.error) || ('HTTP ' + response.status));
    return value;
  },
};
const el = (id) => document.getElementById(id);
const pad = (n) => String(n).padStart(2, '0');
const localInput = (date) => date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T'
  + pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
const cameraPath = (name) => '/cameras/' + encodeURIComponent(name);

async function header() {
  const me = await api.call('GET', '/api/session');
  api.csrf = me.csrfToken;
  el('who').textContent = me.user + ' (' + me.role + ')';
  if (me.role === 'admin') el('status-link').hidden = false;
  el('logout').addEventListener('click', async () => {
    await api.call('DELETE', '/api/session');
    location.href = '/login';
  });
  return me;
}

async function gridPage() {
  const grid = el('grid');
  for (const camera of await api.call('GET', '/api/cameras')) {
    const tile = document.createElement('div');
    tile.className = 'tile';
    const link = document.createElement('a');
    link.href = cameraPath(camera.name);
    // In a cluster: the node recording it, or why it cannot be shown (such as "on node X, offline").
    link.textContent = camera.name + ' — ' + camera.state + (camera.node ? ' on ' + camera.node : '')
      + (camera.note ? ' (' + camera.note + ')' : '');
    const video = document.createElement('video');
    video.muted = true; video.autoplay = true; video.playsInline = true;
    tile.append(link, video);
    grid.append(tile);
    new VeilPlayer(video, cameraPath(camera.name) + '/live.m3u8', true).start();
  }
}

async function cameraPage(me) {
  const name = decodeURIComponent(location.pathname.split('/')[2]);
  el('camera-name').textContent = name;
  document.title = name + ' · Veil';
  const video = el('video');
  let player = null;
  const play = (url, live, label) => {
    if (player) player.stop();
    el('mode').textContent = label;
    el('error').textContent = '';
    player = new VeilPlayer(video, url, live);
    player.onerror = (message) => { el('error').textContent = message; };
    player.onlatency = (ms) => { el('latency').textContent = live ? 'behind the camera: ' + (ms / 1000).toFixed(1) + ' s' : ''; };
    window.veilPlayer = player;
    player.start();
  };
  const goLive = () => play(cameraPath(name) + '/live.m3u8', true, 'Live');
  el('go-live').addEventListener('click', goLive);
  goLive();

  const refresh = async () => {
    const camera = (await api.call('GET', '/api/cameras')).find((c) => c.name === name);
    if (!camera) { el('state').textContent = 'not configured'; return; }
    el('state').textContent = camera.state + (camera.node ? ' on node ' + camera.node : '') + (camera.note ? ' — ' + camera.note : '');
    el('fps').textContent = camera.fps;
    el('last-frame').textContent = camera.lastFrame ? new Date(camera.lastFrame).toLocaleTimeString() : '—';
  };
  refresh();
  setInterval(refresh, 2000);

  const day = el('day');
  day.value = localInput(new Date()).slice(0, 10);
  // The chosen day's start (local midnight) and what `path` answers for it, from → to.
  const fetchDay = async (path) => {
    const start = new Date(day.value + 'T00:00:00'), end = new Date(start.getTime() + 86400000);
    const answer = await api.call('GET', path + 'from=' + encodeURIComponent(start.toISOString())
      + '&to=' + encodeURIComponent(end.toISOString()));
    return { start, answer };
  };
  const drawTimeline = async () => {
    const { start, answer: footage } = await fetchDay('/api/cameras/' + encodeURIComponent(name) + '/footage?');
    const timeline = el('timeline');
    timeline.replaceChildren();
    timeline.dataset.footageSpans = footage.footage.length;
    const place = (item, cls) => {
      const bar = document.createElement('div');
      bar.className = cls;
      bar.style.left = (100 * (new Date(item.start) - start) / 86400000) + '%';
      bar.style.width = Math.max(0.1, 100 * (new Date(item.end) - new Date(item.start)) / 86400000) + '%';
      bar.title = new Date(item.start).toLocaleTimeString() + ' – ' + new Date(item.end).toLocaleTimeString()
        + (item.label ? ': ' + item.label : '');
      timeline.append(bar);
    };
    footage.footage.forEach((s) => place(s, 'footage'));
    footage.gaps.forEach((g) => place(g, 'gap'));
    // Footage on a node that is not running: it exists, but plays once that node is back.
    (footage.offline || []).forEach((o) => place(Object.assign({}, o, { label: o.note }), 'offline'));
    if (footage.footage.length && !el('from').value) {
      const last = footage.footage[footage.footage.length - 1];
      const to = new Date(last.end), from = new Date(Math.max(new Date(last.start), to - 60000));
      el('from').value = localInput(from); el('to').value = localInput(to);
    }
    timeline.onclick = (event) => {
      const at = new Date(start.getTime() + 86400000 * event.offsetX / timeline.clientWidth);
      el('from').value = localInput(at); el('to').value = localInput(new Date(at.getTime() + 300000));
    };
  };
  // One chart per zone and line over the chosen day (the timeline's axis): per stored
  // interval the most people at once, or entries (dark) under exits (light). A coarsened
  // figure ("<3") is drawn at half its bound and greyed; the summary counts only exact figures.
  const drawOccupancy = async () => {
    const { start, answer: rows } = await fetchDay('/api/occupancy?camera=' + encodeURIComponent(name) + '&');
    const panel = el('occupancy');
    panel.replaceChildren();
    if (!rows.length) { panel.textContent = 'No counts for this day (no zones or lines configured, or nothing recorded).'; return; }
    const subjects = new Map();
    for (const row of rows) {
      const key = row.zone !== undefined ? 'zone ' + row.zone : 'line ' + row.line;
      if (!subjects.has(key)) subjects.set(key, []);
      subjects.get(key).push(row);
    }
    const drawn = (figure) => typeof figure === 'string' ? parseFloat(figure.slice(1)) / 2 : (figure || 0);
    const exact = (figure) => typeof figure === 'number' ? figure : 0;
    const isCoarse = (figure) => typeof figure === 'string';
    const time = (iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    for (const [key, list] of subjects) {
      const isZone = key.startsWith('zone');
      const height = (r) => isZone ? drawn(r.maxPeople) : drawn(r.entries) + drawn(r.exits);
      const top = Math.max(1, ...list.map(height));
      const title = document.createElement('h3');
      title.textContent = key + (isZone ? ' — most people at once' : ' — entries and exits');
      const summary = document.createElement('p');
      summary.className = 'summary';
      if (isZone) {
        const peak = list.reduce((best, r) => exact(r.maxPeople) > exact(best.maxPeople) ? r : best, list[0]);
        summary.textContent = exact(peak.maxPeople) ? 'peak ' + peak.maxPeople + ' at ' + time(peak.start)
          : 'no interval reached the minimum count';
      } else {
        const sum = (field) => list.reduce((total, r) => total + exact(r[field]), 0);
        const some = (field) => list.some((r) => isCoarse(r[field])) ? ' + a few' : '';
        summary.textContent = sum('entries') + some('entries') + ' in, ' + sum('exits') + some('exits') + ' out';
      }
      const chart = document.createElement('div');
      chart.className = 'chart';
      for (const r of list) {
        const bar = document.createElement('div');
        bar.className = 'interval' + ([r.maxPeople, r.entries, r.exits].some(isCoarse) ? ' coarse' : '');
        bar.style.left = (100 * (new Date(r.start) - start) / 86400000) + '%';
        bar.style.width = Math.max(0.1, 100 * (new Date(r.end) - new Date(r.start)) / 86400000) + '%';
        bar.title = time(r.start) + '–' + time(r.end) + ': ' + (isZone
          ? 'most ' + r.maxPeople + ', mean ' + r.meanPeople : r.entries + ' in, ' + r.exits + ' out');
        const parts = isZone ? [['people', drawn(r.maxPeople)]] : [['entries', drawn(r.entries)], ['exits', drawn(r.exits)]];
        for (const [cls, value] of parts) {
          const part = document.createElement('div');
          part.className = cls;
          part.style.height = (100 * value / top) + '%';
          bar.append(part);
        }
        chart.append(bar);
      }
      const axis = document.createElement('div');
      axis.className = 'axis';
      for (const hour of [0, 6, 12, 18, 24]) {
        const tick = document.createElement('span');
        tick.style.left = (100 * hour / 24) + '%';
        tick.textContent = String(hour).padStart(2, '0') + ':00';
        axis.append(tick);
      }
      const scale = document.createElement('span');
      scale.className = 'scale';
      scale.textContent = 'top ' + top;
      chart.append(scale);
      panel.append(title, summary, chart, axis);
    }
  };
  day.addEventListener('change', drawOccupancy);
  drawOccupancy().catch((error) => { el('occupancy').textContent = error.message; });
  day.addEventListener('change', drawTimeline);
  await drawTimeline();
  setInterval(drawTimeline, 30000);

  const range = () => ({from: new Date(el('from').value).toISOString(), to: new Date(el('to').value).toISOString()});
  el('range-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const r = range();
    play(cameraPath(name) + '/recorded.m3u8?from=' + encodeURIComponent(r.from) + '&to=' + encodeURIComponent(r.to), false,
         'Recorded ' + new Date(r.from).toLocaleString() + ' – ' + new Date(r.to).toLocaleTimeString());
  });
  if (me.role === 'exporter' || me.role === 'admin') {
    el('export-controls').hidden = false;
    el('export').addEventListener('click', async () => {
      el('export-result').textContent = 'Exporting…';
      try {
        const made = await api.call('POST', '/api/exports', Object.assign({camera: name, exact: el('exact').checked}, range()));
        el('export-result').replaceChildren();
        for (const [label, href] of [['Download clip', made.clip], ['Download signed manifest', made.manifest]]) {
          const a = document.createElement('a');
          a.href = href; a.textContent = label; a.download = ''; a.className = 'download';
          el('export-result').append(a, ' ');
        }
        el('export-result').append(made.frames + ' frames, ' + new Date(made.actualFrom).toLocaleTimeString() + ' – '
          + new Date(made.actualTo).toLocaleTimeString() + (made.gaps.length ? ', gaps: ' + made.gaps.join('; ') : '')
          + (made.node ? ', cut by node ' + made.node : ''));
        el('export-result').querySelector('a').click();
      } catch (error) {
        el('export-result').textContent = '';
        el('error').textContent = error.message;
      }
    });
  }
}

async function statusPage() {
  const status = await api.call('GET', '/api/status');
  const body = document.querySelector('#status-table tbody');
  const size = (b) => (b / 1e9).toFixed(2) + ' GB';
  for (const c of status.cameras) {
    const row = document.createElement('tr');
    const span = c.redactedFrom ? new Date(c.redactedFrom).toLocaleString() + ' – ' + new Date(c.redactedTo).toLocaleString() : 'none';
    for (const cell of [c.name, c.state, c.fps.toFixed(1), span, c.redactedSegments + ' (' + size(c.redactedBytes) + ')',
                        c.rawSegments + ' (' + size(c.rawBytes) + ')', c.gaps]) {
      const td = document.createElement('td');
      td.textContent = cell;
      row.append(td);
    }
    body.append(row);
  }
  if (status.freeBytes !== null) el('space').textContent = 'Free space: ' + size(status.freeBytes) + ' of ' + size(status.totalBytes);
}

document.addEventListener('DOMContentLoaded', async () => {
  const me = await header();
  const page = document.querySelector('[data-page]').dataset.page;
  if (page === 'grid') gridPage();
  else if (page === 'camera') cameraPage(me);
  else if (page === 'status') statusPage();
});
