// Test harness for the preview webview: serves the bundled assets and the very HTML shell the
// extension uses (same CSP, fresh nonce) from a local HTTP server, and drives Debian's Chromium
// through playwright-core with a fake acquireVsCodeApi that records what the webview posts.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildPreviewHtml, createNonce } from '../../client/src/preview/html.js';

export const ROOT = resolve(__dirname, '../..');
export const CHROMIUM = process.env.L2SPEC_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export type Theme = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

/** A subset of the variables VS Code defines on the webview's <html>, per theme kind. */
export const THEME_VARS: Record<Theme, Record<string, string>> = {
  light: {
    '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#3b3b3b', '--vscode-descriptionForeground': '#717171',
    '--vscode-focusBorder': '#005fb8', '--vscode-panel-border': '#e5e5e5', '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-textLink-foreground': '#005fb8', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px',
  },
  dark: {
    '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-focusBorder': '#0078d4', '--vscode-panel-border': '#2b2b2b', '--vscode-editorWidget-background': '#202020',
    '--vscode-textLink-foreground': '#4daafc', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px',
  },
  'high-contrast': {
    '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-descriptionForeground': '#ffffff',
    '--vscode-focusBorder': '#f38518', '--vscode-contrastBorder': '#6fc3df', '--vscode-editorWidget-background': '#0c141f',
    '--vscode-textLink-foreground': '#21a6ff', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px',
  },
  'high-contrast-light': {
    '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#292929', '--vscode-descriptionForeground': '#292929',
    '--vscode-focusBorder': '#006bbd', '--vscode-contrastBorder': '#0f4a85', '--vscode-editorWidget-background': '#ffffff',
    '--vscode-textLink-foreground': '#0f4a85', '--vscode-font-family': 'system-ui, sans-serif', '--vscode-font-size': '13px',
  },
};

const BODY_CLASS: Record<Theme, string> = {
  light: 'vscode-light', dark: 'vscode-dark', 'high-contrast': 'vscode-high-contrast', 'high-contrast-light': 'vscode-high-contrast-light',
};

export interface Harness {
  origin: string;
  context: BrowserContext;
  /** Opens a fresh preview page; `state` seeds getState() as after a window reload. */
  open(options?: { theme?: Theme; state?: unknown; width?: number; height?: number }): Promise<Page>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const assets: Record<string, { file: string; type: string }> = {
    '/dist/webview/preview.js': { file: join(ROOT, 'dist/webview/preview.js'), type: 'text/javascript' },
    '/dist/webview/preview.css': { file: join(ROOT, 'dist/webview/preview.css'), type: 'text/css' },
  };
  let origin = '';
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const asset = assets[url.pathname];
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' });
      res.end(readFileSync(asset.file));
      return;
    }
    if (url.pathname === '/preview.html') {
      const html = buildPreviewHtml({
        cspSource: origin, nonce: createNonce(),
        scriptUri: `${origin}/dist/webview/preview.js`, styleUri: `${origin}/dist/webview/preview.css`,
      });
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const profile = mkdtempSync(join(tmpdir(), 'l2spec-webview-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1400, height: 900 }, offline: false,
  });
  // Nothing but the local server may be reached.
  await context.route('**/*', (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));

  return {
    origin,
    context,
    async open(options = {}) {
      const theme = options.theme ?? 'light';
      const page = await context.newPage();
      await page.setViewportSize({ width: options.width ?? 1400, height: options.height ?? 900 });
      // tsx compiles the test with keepNames, so functions shipped to the page call __name().
      await page.addInitScript('globalThis.__name = (fn) => fn;');
      await page.addInitScript(({ vars, bodyClass, state }) => {
        const w = window as unknown as Record<string, unknown>;
        w.__posted = [];
        w.__state = state;
        w.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', (e) => (w.__cspViolations as string[]).push(`${e.violatedDirective} ${e.blockedURI}`));
        w.acquireVsCodeApi = () => ({
          postMessage: (m: unknown) => (w.__posted as unknown[]).push(JSON.parse(JSON.stringify(m))),
          getState: () => w.__state,
          setState: (s: unknown) => { w.__state = JSON.parse(JSON.stringify(s)); },
        });
        const applyVars = () => { for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v); };
        const applyBody = () => { document.body.className = bodyClass; };
        if (document.documentElement) applyVars(); else document.addEventListener('DOMContentLoaded', applyVars);
        if (document.body) applyBody(); else document.addEventListener('DOMContentLoaded', applyBody);
      }, { vars: THEME_VARS[theme], bodyClass: BODY_CLASS[theme], state: options.state });
      await page.goto(`${origin}/preview.html`);
      await page.waitForFunction(() => ((window as unknown as { __posted: { type: string }[] }).__posted ?? []).some((m) => m.type === 'ready'));
      return page;
    },
    async close() {
      await context.close();
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Posts a host message to the webview, as the extension would. */
export async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message as object);
}

export async function posted(page: Page): Promise<{ type: string; [k: string]: unknown }[]> {
  return page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
}
