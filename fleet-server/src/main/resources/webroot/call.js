// The console's side of a video call: signalling over the call WebSocket, media with RTCPeerConnection.
// The device always makes the offer; the browser answers. Figures for the call record go back every 2 s.
import { checkSession } from './api.js';

const STATS_EVERY_MS = 2000;
const MAX_VIDEO_BITRATE = 800_000;
const FINAL = new Set(['ended', 'declined', 'missed', 'busy', 'locked', 'unreachable', 'failed']);

export class CallPanel {
  constructor() {
    this.el = document.getElementById('call');
    this.text = this.el.dataset;
    this.status = document.getElementById('call-status');
    this.who = document.getElementById('call-who');
    this.remote = document.getElementById('remote-video');
    this.self = document.getElementById('self-video');
    this.muteButton = document.getElementById('call-mute');
    this.cameraButton = document.getElementById('call-camera');
    this.cameraChoice = document.getElementById('call-camera-choice');
    this.micChoice = document.getElementById('call-mic-choice');
    this.incoming = document.getElementById('incoming');
    this.call = null;        // { id, deviceId, pc, pending: [], media: the camera opening }
    this.local = null;       // MediaStream from the camera and microphone
    this.ringingId = null;   // a device's call offered to this console
    // What tests and IT support can read: the last call's state and media figures.
    window.bostotteCall = { state: 'idle', reason: null, callId: null, framesDecoded: 0, audioSamplesReceived: 0 };

    this.muteButton.addEventListener('click', () => this.toggle('audio'));
    this.cameraButton.addEventListener('click', () => this.toggle('video'));
    document.getElementById('call-hangup').addEventListener('click', () => this.hangUp());
    document.getElementById('call-fullscreen').addEventListener('click', () => this.remote.requestFullscreen?.());
    document.getElementById('incoming-accept').addEventListener('click', () => this.accept());
    document.getElementById('incoming-decline').addEventListener('click', () => this.decline());
    this.cameraChoice.addEventListener('change', () => this.switchDevice('video', this.cameraChoice.value));
    this.micChoice.addEventListener('change', () => this.switchDevice('audio', this.micChoice.value));
    // Leaving the page ends this console: it must not be rung while hidden (or kept in the back-forward cache).
    window.addEventListener('pagehide', () => {
      this.leaving = true;
      this.ws?.close();
    });
    this.connect();
  }

  connect() {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    this.ws = new WebSocket(scheme + location.host + '/api/calls/ws');
    this.ws.addEventListener('message', (e) => this.onMessage(JSON.parse(e.data)));
    this.ws.addEventListener('open', () => { window.bostotteCall.socket = 'open'; });
    // The server ends this console's calls when the socket goes; come back for the next one.
    this.ws.addEventListener('close', () => {
      window.bostotteCall.socket = 'closed';
      if (this.call) this.finish('failed', 'connection to the server lost');
      if (!this.leaving) {
        // Refused because the session ended? Then to the sign-in page rather than trying for ever.
        checkSession();
        setTimeout(() => this.connect(), 2000);
      }
    });
  }

  send(message) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  /** Calls a citizen's device; {@code appointmentId} links the call to the booked visit it was started from. */
  async dial(deviceId, name, appointmentId) {
    if (this.call) return;
    this.call = { id: null, deviceId, pc: null, pending: [], name };
    this.open(name, this.text.ringing);
    window.bostotteCall.dialAt = Date.now();
    this.send({ type: 'call', deviceId, appointmentId: appointmentId ?? null });
    // The camera opens while the device rings; its offer may come first (an auto-answer, a slow
    // camera, the browser still asking the worker's permission) and is answered once it is open.
    this.call.media = this.openMedia();
    await this.call.media;
  }

  async accept() {
    const id = this.ringingId;
    if (!id || this.call) return;
    this.incoming.hidden = true;
    this.call = { id, deviceId: this.incoming.dataset.device, pc: null, pending: [],
      name: document.getElementById('incoming-who').textContent };
    this.open(document.getElementById('incoming-who').textContent, this.text.connecting);
    this.call.media = this.openMedia();
    await this.call.media;
    this.send({ type: 'accept', callId: id });
  }

  decline() {
    if (this.ringingId) this.send({ type: 'decline', callId: this.ringingId });
    this.ringingId = null;
    this.incoming.hidden = true;
  }

  hangUp() {
    if (!this.call) return;
    if (this.call.id) this.send({ type: 'hangup', callId: this.call.id });
    this.finish('ended', null);
  }

  open(name, status) {
    this.who.textContent = name ?? '';
    this.status.textContent = status;
    // Labelled from the start: a call that fails before the camera opens must not leave blank buttons.
    this.updateButtons();
    this.el.hidden = false;
    window.bostotteCall = { state: 'ringing', reason: null, callId: null, framesDecoded: 0, audioSamplesReceived: 0,
      socket: window.bostotteCall.socket };
  }

  async openMedia() {
    if (this.local) return;
    const call = this.call;
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true },
        video: { width: 640, height: 480 } });
      if (this.call !== call) {
        // The call ended (busy, offline, hung up) while the camera was opening: it must not stay on.
        for (const t of stream.getTracks()) t.stop();
        return;
      }
      this.local = stream;
      this.self.srcObject = this.local;
      this.updateButtons();
      await this.listDevices();
    } catch (e) {
      if (this.call === call) this.status.textContent = this.text.noMedia + ' (' + e.name + ')';
    }
  }

  async listDevices() {
    const devices = await navigator.mediaDevices.enumerateDevices();
    if (!this.local) return; // the call ended meanwhile
    const fill = (select, kind, track) => {
      select.replaceChildren();
      for (const d of devices.filter((x) => x.kind === kind)) {
        const o = document.createElement('option');
        o.value = d.deviceId;
        o.textContent = d.label || d.deviceId.slice(0, 8);
        o.selected = track && track.getSettings().deviceId === d.deviceId;
        select.append(o);
      }
    };
    fill(this.cameraChoice, 'videoinput', this.local.getVideoTracks()[0]);
    fill(this.micChoice, 'audioinput', this.local.getAudioTracks()[0]);
  }

  async switchDevice(kind, deviceId) {
    const constraints = kind === 'video' ? { video: { deviceId: { exact: deviceId } } } : { audio: { deviceId: { exact: deviceId } } };
    const stream = await navigator.mediaDevices.getUserMedia(constraints);
    const track = kind === 'video' ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
    const old = kind === 'video' ? this.local.getVideoTracks()[0] : this.local.getAudioTracks()[0];
    const sender = this.call?.pc?.getSenders().find((s) => s.track && s.track.kind === kind);
    if (sender) await sender.replaceTrack(track);
    if (old) { this.local.removeTrack(old); old.stop(); }
    this.local.addTrack(track);
    this.updateButtons();
  }

  toggle(kind) {
    const track = kind === 'audio' ? this.local?.getAudioTracks()[0] : this.local?.getVideoTracks()[0];
    if (!track) return;
    track.enabled = !track.enabled;
    this.updateButtons();
  }

  updateButtons() {
    const audio = this.local?.getAudioTracks()[0];
    const video = this.local?.getVideoTracks()[0];
    this.muteButton.textContent = audio && !audio.enabled ? this.text.unmute : this.text.mute;
    this.cameraButton.textContent = video && !video.enabled ? this.text.cameraOn : this.text.cameraOff;
  }

  onMessage(m) {
    switch (m.type) {
      case 'state': return this.onState(m);
      case 'incoming': return this.onIncoming(m);
      case 'offer': return this.onOffer(m);
      case 'ice': return this.onIce(m);
      case 'error':
        window.bostotteCall.error = m.message;
        if (this.call && !this.call.id) this.finish('failed', m.message);
        return undefined;
      default: return undefined;
    }
  }

  onIncoming(m) {
    if (this.call) return;
    this.ringingId = m.callId;
    this.incoming.dataset.device = m.deviceId;
    document.getElementById('incoming-who').textContent = m.citizen ?? m.deviceId;
    this.incoming.hidden = false;
    window.bostotteCall.incoming = m.callId;
  }

  onState(m) {
    if (this.ringingId === m.callId && FINAL.has(m.state) && (!this.call || this.call.id !== m.callId)) {
      this.ringingId = null;
      this.incoming.hidden = true;
      return;
    }
    if (!this.call) return;
    if (!this.call.id && this.call.deviceId === m.deviceId) this.call.id = m.callId;
    if (this.call.id !== m.callId) return;
    window.bostotteCall.state = m.state;
    window.bostotteCall.callId = m.callId;
    if (m.state === 'connected') this.call.connected = true;
    if (FINAL.has(m.state)) {
      this.finish(m.state, m.reason);
    } else {
      this.status.textContent = this.text[m.state] ?? m.state;
    }
  }

  async onOffer(m) {
    if (!this.call || this.call.id !== m.callId) return;
    // Answered without the camera and microphone, the call would be one-way: the citizen would
    // neither see nor hear the worker.
    const call = this.call;
    await call.media;
    if (this.call !== call) return;
    // 'relay' when the fleet requires all media through its TURN server (the server's call.ice.transport.policy).
    const pc = new RTCPeerConnection({ iceServers: m.iceServers ?? [], iceTransportPolicy: m.iceTransportPolicy ?? 'all' });
    this.call.pc = pc;
    if (this.local) for (const t of this.local.getTracks()) pc.addTrack(t, this.local);
    pc.addEventListener('track', (e) => {
      if (!this.remote.srcObject) this.remote.srcObject = new MediaStream();
      this.remote.srcObject.addTrack(e.track);
      // When the first picture is shown: the end of call setup as the worker sees it.
      if (e.track.kind === 'video' && this.remote.requestVideoFrameCallback) {
        this.remote.requestVideoFrameCallback(() => { window.bostotteCall.firstFrameAt = Date.now(); });
      }
    });
    pc.addEventListener('icecandidate', (e) => {
      if (e.candidate) {
        this.send({ type: 'ice', callId: m.callId, candidate: e.candidate.candidate, sdpMLineIndex: e.candidate.sdpMLineIndex });
      }
    });
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected') {
        this.send({ type: 'connected', callId: m.callId });
        this.startStats(pc, m.callId);
      } else if (pc.connectionState === 'failed') {
        this.send({ type: 'failed', callId: m.callId, reason: 'ICE failed: no network path to the device' });
      }
    });
    await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
    for (const c of this.call.pending) await pc.addIceCandidate(c);
    this.call.pending = [];
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    this.send({ type: 'answer', callId: m.callId, sdp: answer.sdp });
    // The citizen's line may be a metered 4G modem: the worker's picture needs no more than the device sends.
    for (const sender of pc.getSenders()) {
      if (sender.track?.kind !== 'video') continue;
      const params = sender.getParameters();
      if (!params.encodings?.length) continue;
      params.encodings[0].maxBitrate = MAX_VIDEO_BITRATE;
      await sender.setParameters(params).catch(() => {});
    }
  }

  async onIce(m) {
    if (!this.call || this.call.id !== m.callId || !m.candidate) return;
    const candidate = { candidate: m.candidate, sdpMLineIndex: m.sdpMLineIndex };
    if (this.call.pc && this.call.pc.remoteDescription) await this.call.pc.addIceCandidate(candidate);
    else this.call.pending.push(candidate);
  }

  startStats(pc, callId) {
    let last = null;
    this.statsTimer = setInterval(async () => {
      const report = await pc.getStats();
      const s = { framesDecoded: 0, audioSamplesReceived: 0, bytesIn: 0, bytesOut: 0, videoBytesOut: 0, lost: 0, received: 0 };
      const figures = {};
      report.forEach((r) => {
        if (r.type === 'inbound-rtp') {
          s.bytesIn += r.bytesReceived ?? 0;
          s.lost += Math.max(0, r.packetsLost ?? 0);
          s.received += r.packetsReceived ?? 0;
          if (r.kind === 'video') {
            s.framesDecoded = r.framesDecoded ?? 0;
            if (r.frameWidth) { figures.width = r.frameWidth; figures.height = r.frameHeight; }
            if (r.framesPerSecond) figures.fps = r.framesPerSecond;
          }
          if (r.kind === 'audio') {
            s.audioSamplesReceived = r.totalSamplesReceived ?? 0;
            if (r.jitter !== undefined) figures.jitterMs = r.jitter * 1000;
          }
        } else if (r.type === 'outbound-rtp') {
          s.bytesOut += r.bytesSent ?? 0;
          if (r.kind === 'video') {
            s.videoBytesOut += r.bytesSent ?? 0;
            // What the device has to decode, and why the browser holds back if it does (cpu, bandwidth).
            s.sentVideo = { width: r.frameWidth, height: r.frameHeight, fps: r.framesPerSecond,
              limitation: r.qualityLimitationReason };
          }
        } else if (r.type === 'candidate-pair' && r.nominated && r.currentRoundTripTime !== undefined) {
          figures.rttMs = r.currentRoundTripTime * 1000;
        } else if (r.type === 'transport' && r.selectedCandidatePairId) {
          // Which path media takes: 'relay' on either end means through the fleet's TURN server.
          const pair = report.get(r.selectedCandidatePairId);
          const local = pair && report.get(pair.localCandidateId);
          const remote = pair && report.get(pair.remoteCandidateId);
          if (local && remote) {
            window.bostotteCall.route = { local: local.candidateType, remote: remote.candidateType };
          }
        }
      });
      if (last) {
        const seconds = STATS_EVERY_MS / 1000;
        figures.recvKbps = Math.max(0, s.bytesIn - last.bytesIn) * 8 / 1000 / seconds;
        figures.sendKbps = Math.max(0, s.bytesOut - last.bytesOut) * 8 / 1000 / seconds;
        const lost = s.lost - last.lost;
        const got = s.received - last.received;
        figures.lossPct = lost + got > 0 ? 100 * lost / (lost + got) : 0;
        if (s.sentVideo) s.sentVideo.kbps = Math.round(Math.max(0, s.videoBytesOut - last.videoBytesOut) * 8 / 1000 / seconds);
      }
      last = s;
      figures.framesDecoded = s.framesDecoded;
      // In 10 ms buffers at 48 kHz, the unit the device reports.
      figures.audioBuffersPlayed = Math.floor(s.audioSamplesReceived / 480);
      Object.assign(window.bostotteCall, { framesDecoded: s.framesDecoded, audioSamplesReceived: s.audioSamplesReceived,
        videoBytesSent: s.videoBytesOut, sentVideo: s.sentVideo });
      this.send({ type: 'stats', callId, stats: figures });
    }, STATS_EVERY_MS);
  }

  finish(state, reason) {
    clearInterval(this.statsTimer);
    // The page may ask the worker whether this was the planned visit (contact log).
    if (this.call?.id && this.call.connected) {
      document.dispatchEvent(new CustomEvent('bostotte:call-finished',
        { detail: { callId: this.call.id, deviceId: this.call.deviceId, name: this.call.name, state } }));
    }
    if (this.call?.pc) this.call.pc.close();
    this.call = null;
    window.bostotteCall.state = state;
    window.bostotteCall.reason = reason;
    // Each outcome in the page's own words; the server's English reason only for IT support (on hover).
    this.status.textContent = this.text[state] ?? state;
    this.status.title = reason ?? '';
    if (this.local) for (const t of this.local.getTracks()) t.stop();
    this.local = null;
    this.self.srcObject = null;
    this.remote.srcObject = null;
    // The outcome stays readable for a moment, then the console is back to the list (the issue: idle within 5 s).
    setTimeout(() => { if (!this.call) this.el.hidden = true; }, 3000);
  }
}
