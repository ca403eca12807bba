// The tablet's back camera read for QR codes: the browser's BarcodeDetector where it reads QR codes, else the
// jsQR decoder (npm), loaded only on a browser that needs it.
export const DECODER_URL = '/vendor/jsQR.js';
const EVERY_MS = 150;

let fallback = null;
let reader = null;

function loadFallback() {
  fallback ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = DECODER_URL;
    script.addEventListener('load', () => resolve(window.jsQR));
    script.addEventListener('error', () => { fallback = null; reject(new Error('the QR decoder could not be loaded')); });
    document.head.append(script);
  });
  return fallback;
}

async function nativeReader() {
  if (!('BarcodeDetector' in window)) return null;
  try {
    if (!(await window.BarcodeDetector.getSupportedFormats()).includes('qr_code')) return null;
    const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue || null;
  } catch {
    return null;
  }
}

async function fallbackReader() {
  const jsQR = await loadFallback();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    if (!video.videoWidth) return null;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    context.drawImage(video, 0, 0);
    const frame = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data || null;
  };
}

// The way this browser reads a frame, found (and the fallback decoder loaded) once: a page calls this early so
// that scanning works offline even before the service worker has kept the decoder.
export function prepare() {
  reader ??= nativeReader().then((native) => native || fallbackReader());
  reader.catch(() => { reader = null; });
  return reader;
}

// A printed label may carry the token alone or at the end of a link: either way the token is the last part.
export function tokenOf(text) {
  return text.trim().split('/').filter(Boolean).pop() || '';
}

export class Scanner {
  constructor(video) {
    this.video = video;
    this.run = null; // the scan in progress; stop() ends it even while the camera is still being opened
  }

  // Calls onToken with each token read until stop(); rejects when there is no camera or no permission.
  async start(onToken) {
    this.stop();
    const run = {};
    this.run = run;
    if (!navigator.mediaDevices?.getUserMedia) throw new Error('this browser cannot open the camera here (it needs https)');
    const read = await prepare();
    const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
    if (this.run !== run) { stream.getTracks().forEach((track) => track.stop()); return; }
    run.stream = stream;
    this.video.srcObject = stream;
    await this.video.play().catch(() => {});
    const tick = async () => {
      let text = null;
      try { text = await read(this.video); } catch { /* a frame that cannot be read: try the next one */ }
      if (this.run !== run) return;
      if (text && tokenOf(text)) onToken(tokenOf(text));
      run.timer = setTimeout(tick, EVERY_MS);
    };
    tick();
  }

  stop() {
    const run = this.run;
    this.run = null;
    if (!run) return;
    clearTimeout(run.timer);
    run.stream?.getTracks().forEach((track) => track.stop());
    this.video.srcObject = null;
  }
}
