// Trust rules, grouped by area. Each file exports one `rule`.
import type { Rule } from '../types.js';

export const trustRules: readonly Rule[] = [];
