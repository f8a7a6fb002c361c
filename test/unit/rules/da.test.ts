import { daCases } from './cases/da.js';
import { runCases } from './helpers.js';

describe('trust rules: data availability', () => runCases(daCases));
