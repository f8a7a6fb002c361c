// The webview's HTML shell, as a pure function so the Chromium tests load exactly what the
// extension serves. No spec text ever goes into this HTML: content arrives by message and is
// drawn with DOM APIs. The CSP allows only our bundled script (by nonce) and stylesheet.

export interface ShellOptions {
  /** webview.cspSource (or the test server origin). */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** Static panel title (not spec text). */
  title?: string;
}

/** 128 random bits, base64: fresh for every HTML shell. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    // blob: is only for rasterising our own SVG export to PNG inside the webview.
    `img-src ${cspSource} blob: data:`,
    `font-src ${cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

const ATTR_SAFE = /^[A-Za-z0-9+/=:._\-%~]*$/;

function attr(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export function buildPreviewHtml(options: ShellOptions): string {
  if (!ATTR_SAFE.test(options.nonce)) throw new Error('nonce has unexpected characters');
  const csp = contentSecurityPolicy(options.cspSource, options.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attr(options.styleUri)}">
<title>${attr(options.title ?? 'l2spec preview')}</title>
</head>
<body>
<div id="app" class="loading"><p class="status" role="status">Loading the design review…</p></div>
<script nonce="${attr(options.nonce)}" src="${attr(options.scriptUri)}"></script>
</body>
</html>
`;
}
