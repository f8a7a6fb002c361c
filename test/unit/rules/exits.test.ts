import { exitsCases } from './cases/exits.js';
import { runCases } from './helpers.js';

describe('trust rules: exits & timing', () => runCases(exitsCases));
