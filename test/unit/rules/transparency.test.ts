import { transparencyCases } from './cases/transparency.js';
import { runCases } from './helpers.js';

describe('trust rules: governance & transparency', () => runCases(transparencyCases));
