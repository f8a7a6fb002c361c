import { finalityCases } from './cases/finality.js';
import { runCases } from './helpers.js';

describe('trust rules: finality', () => runCases(finalityCases));
