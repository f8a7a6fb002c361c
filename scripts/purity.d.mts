import type { Plugin } from 'esbuild';
export declare const purityGuard: Plugin;
export declare function checkPurity(entries: string[]): Promise<void>;
