// Messages between the extension and the preview webview. The webview is treated as untrusted:
// it only ever sends element ids / finding indexes (never paths or ranges), and every message
// it posts goes through parseWebviewMessage before the extension acts on it.
import type { ReviewSnapshot } from '../../../server/src/render/snapshot.js';

/** Extension → webview. */
export type HostMessage =
  | { type: 'snapshot'; uri: string; version: number; snapshot: ReviewSnapshot }
  /**
   * Marks one element (`elementId`, or the element of a spec `path`: cursor follow), or, with
   * `ids`, a set of elements at once (e.g. the parties of a coalition in "Who must collude");
   * `ids: []` clears the set.
   */
  | { type: 'highlight'; elementId?: string; path?: string; ids?: string[] }
  | { type: 'clear'; reason: string }
  /** Select a coalition of the "Who must collude" panel (a second select of it clears it). */
  | { type: 'selectCoalition'; failure: 'steal' | 'freeze' | 'censor' | 'halt'; index: number }
  /** The panel's lock state; the webview keeps it in its saved state so a reload restores it. */
  | { type: 'panel'; locked: boolean }
  | { type: 'exportRequest'; requestId: number; format: 'png'; svg: string; width: number; height: number; scale: number };

/** Webview → extension. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'reveal'; elementId: string }
  | { type: 'revealFinding'; index: number }
  | { type: 'exportResult'; requestId: number; ok: true; data: string }
  | { type: 'exportResult'; requestId: number; ok: false; error: string };

/** Same charset as the renderer's element ids (ELEMENT_ID_PATTERN). */
const ELEMENT_ID = /^[A-Za-z0-9_%:.~>-]{1,1000}$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/** A PNG of the largest diagram at 2× stays far below this. */
export const MAX_EXPORT_BYTES = 64 * 1024 * 1024;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function onlyKeys(v: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(v).every((k) => keys.includes(k));
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v < 1_000_000;

/** Returns the message when it is exactly one of the allowed shapes, else undefined. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!isRecord(raw) || typeof raw.type !== 'string') return undefined;
  switch (raw.type) {
    case 'ready':
      return onlyKeys(raw, ['type']) ? { type: 'ready' } : undefined;
    case 'reveal':
      return onlyKeys(raw, ['type', 'elementId']) && typeof raw.elementId === 'string' && ELEMENT_ID.test(raw.elementId)
        ? { type: 'reveal', elementId: raw.elementId } : undefined;
    case 'revealFinding':
      return onlyKeys(raw, ['type', 'index']) && isIndex(raw.index) ? { type: 'revealFinding', index: raw.index } : undefined;
    case 'exportResult': {
      if (!isIndex(raw.requestId)) return undefined;
      if (raw.ok === true && onlyKeys(raw, ['type', 'requestId', 'ok', 'data']) && typeof raw.data === 'string'
        && raw.data.length > 0 && raw.data.length <= MAX_EXPORT_BYTES * 1.4 && BASE64.test(raw.data)) {
        return { type: 'exportResult', requestId: raw.requestId, ok: true, data: raw.data };
      }
      if (raw.ok === false && onlyKeys(raw, ['type', 'requestId', 'ok', 'error']) && typeof raw.error === 'string') {
        return { type: 'exportResult', requestId: raw.requestId, ok: false, error: raw.error.slice(0, 500) };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Light shape check on the webview side (the host is trusted, but stale or foreign messages are ignored). */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (!isRecord(raw)) return undefined;
  switch (raw.type) {
    case 'snapshot':
      return typeof raw.uri === 'string' && typeof raw.version === 'number' && isRecord(raw.snapshot) && (raw.snapshot as { format?: unknown }).format === 1
        ? (raw as unknown as HostMessage) : undefined;
    case 'highlight':
      if (Array.isArray(raw.ids)) {
        return raw.ids.length <= 10_000 && raw.ids.every((id) => typeof id === 'string' && ELEMENT_ID.test(id))
          ? { type: 'highlight', ids: raw.ids as string[] } : undefined;
      }
      return (raw.elementId === undefined || typeof raw.elementId === 'string') && (raw.path === undefined || typeof raw.path === 'string')
        ? { type: 'highlight', elementId: raw.elementId as string | undefined, path: raw.path as string | undefined } : undefined;
    case 'clear':
      return typeof raw.reason === 'string' ? { type: 'clear', reason: raw.reason } : undefined;
    case 'selectCoalition':
      return (raw.failure === 'steal' || raw.failure === 'freeze' || raw.failure === 'censor' || raw.failure === 'halt') && isIndex(raw.index) && raw.index < 100
        ? { type: 'selectCoalition', failure: raw.failure, index: raw.index } : undefined;
    case 'panel':
      return typeof raw.locked === 'boolean' ? { type: 'panel', locked: raw.locked } : undefined;
    case 'exportRequest':
      return raw.format === 'png' && isIndex(raw.requestId) && typeof raw.svg === 'string' && typeof raw.width === 'number'
        && typeof raw.height === 'number' && typeof raw.scale === 'number' ? (raw as unknown as HostMessage) : undefined;
    default:
      return undefined;
  }
}
