'use strict';
function parsePlaylist(text, base) {
  const lines = text.split('\n').map((l) => l.trim());
  const segments = [];
  let map = null, duration = 0, date = null, target = 1, sequence = 0, ended = false;
  for (const line of lines) {
    if (line.startsWith('#EXT-X-TARGETDURATION:')) target = parseFloat(line.slice(22));
    else if (line.startsWith('#EXT-X-MEDIA-SEQUENCE:')) sequence = parseInt(line.slice(22), 10);
    else if (line.startsWith('#EXT-X-MAP:')) map = new URL(/URI="([^"]+)"/.exec(line)[1], base).href;
    else if (line.startsWith('#EXT-X-PROGRAM-DATE-TIME:')) date = Date.parse(line.slice(25));
    else if (line.startsWith('#EXTINF:')) duration = parseFloat(line.slice(8));
    else if (line === '#EXT-X-ENDLIST') ended = true;
    else if (line && !line.startsWith('#')) {
      segments.push({uri: new URL(line, base).href, map, duration, date, sequence: sequence++});
      date = null;
    }
  }
  return {segments, target, ended};
}

function codecOf(init) {
  const bytes = new Uint8Array(init);
  for (let i = 0; i + 8 < bytes.length; i++) {
    if (bytes[i] === 0x61 && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x63 && bytes[i + 3] === 0x43) {
      const hex = (b) => b.toString(16).padStart(2, '0');
      return 'avc1.' + hex(bytes[i + 5]) + hex(bytes[i + 6]) + hex(bytes[i + 7]);
    }
  }
  return 'avc1.640028';
}

class VeilPlayer {
  constructor(video, url, live) {
    this.video = video; this.url = new URL(url, location.href).href; this.live = live;
    this.appended = []; this.latencies = []; this.next = null; this.map = null; this.stopped = false; this.error = null;
    this.queue = Promise.resolve();
  }

  async start() {
    if (!window.MediaSource) { this.video.src = this.url; return this.video.play().catch(() => {}); }
    this.source = new MediaSource();
    this.video.src = URL.createObjectURL(this.source);
    await new Promise((resolve) => this.source.addEventListener('sourceopen', resolve, {once: true}));
    this.timer = setInterval(() => this.sampleLatency(), 250);
    await this.poll();
  }

  stop() {
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.pollTimer);
    this.video.removeAttribute('src');
    this.video.load();
  }

  async fetchBytes(uri) {
    const response = await fetch(uri, {credentials: 'same-origin'});
    if (!response.ok) throw new Error(uri + ': ' + response.status);
    return response.arrayBuffer();
  }

  async poll() {
    if (this.stopped) return;
    let playlist;
    try {
      const response = await fetch(this.url, {credentials: 'same-origin'});
      if (!response.ok) throw new Error((await response.json().catch(() => ({}))).error || response.status);
      playlist = parsePlaylist(await response.text(), this.url);
      let pending = playlist.segments;
      if (this.next === null) pending = this.live ? pending.slice(-1) : pending;
      else pending = pending.filter((s) => s.sequence >= this.next);
      for (const segment of pending) {
        if (this.stopped) return;
        await this.append(segment);
        this.next = segment.sequence + 1;
        if (!this.live) await this.waitForRoom();
      }
      if (playlist.ended && !this.stopped) { await this.idle(); this.source.endOfStream(); return; }
    } catch (error) {
      this.error = String(error.message || error);
      if (this.onerror) this.onerror(this.error);
    }
    if (!this.stopped) this.pollTimer = setTimeout(() => this.poll(), this.live ? 250 : 1000);
  }

  async append(segment) {
    if (segment.map !== this.map) {
      const init = await this.fetchBytes(segment.map);
      if (!this.buffer) {
        this.buffer = this.source.addSourceBuffer('video/mp4; codecs="' + codecOf(init) + '"');
        this.buffer.mode = 'sequence';
      }
      await this.push(init);
      this.map = segment.map;
    }
    const media = await this.fetchBytes(segment.uri);
    const bufferedEnd = () => { const b = this.buffer.buffered; return b.length ? b.end(b.length - 1) : 0; };
    const start = bufferedEnd();
    await this.push(media);
    this.appended.push({start, end: bufferedEnd(), date: segment.date});
    if (this.appended.length === 1) {
      this.video.currentTime = this.buffer.buffered.length ? this.buffer.buffered.start(0) : 0;
      this.video.play().catch(() => {});
    }
    if (this.live) this.keepNearTheEdge();
  }

  push(bytes) {
    return new Promise((resolve, reject) => {
      const done = () => { this.buffer.removeEventListener('error', fail); resolve(); };
      const fail = () => { this.buffer.removeEventListener('updateend', done); reject(new Error('the browser rejected a segment')); };
      this.buffer.addEventListener('updateend', done, {once: true});
      this.buffer.addEventListener('error', fail, {once: true});
      this.buffer.appendBuffer(bytes);
    });
  }

  idle() {
    return this.buffer && this.buffer.updating ? new Promise((r) => this.buffer.addEventListener('updateend', r, {once: true})) : Promise.resolve();
  }

  async waitForRoom() {
    while (!this.stopped && this.buffer && this.buffer.buffered.length
           && this.buffer.buffered.end(this.buffer.buffered.length - 1) - this.video.currentTime > 30) {
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  keepNearTheEdge() {
    const ranges = this.buffer.buffered;
    if (!ranges.length) return;
    const edge = ranges.end(ranges.length - 1);
    // Live: stay about one segment behind the newest picture (a late segment stalls
    // the picture briefly rather than letting the delay grow).
    if (edge - this.video.currentTime > 2.5) this.video.currentTime = Math.max(ranges.start(0), edge - 1);
    if (this.video.currentTime > 60 && !this.buffer.updating) this.buffer.remove(0, this.video.currentTime - 30);
  }

  sampleLatency() {
    const t = this.video.currentTime;
    const shown = this.appended.find((a) => a.start <= t && t < a.end);
    if (!shown || shown.date === null || this.video.paused) return;
    this.latencies.push(Date.now() - (shown.date + (t - shown.start) * 1000));
    if (this.latencies.length > 2400) this.latencies.shift();
    if (this.onlatency) this.onlatency(this.latencies[this.latencies.length - 1]);
  }
}
window.VeilPlayer = VeilPlayer;
