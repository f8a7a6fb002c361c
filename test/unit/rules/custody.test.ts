import { custodyCases } from './cases/custody.js';
import { runCases } from './helpers.js';

describe('trust rules: custody & bridge', () => runCases(custodyCases));
