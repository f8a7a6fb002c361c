import { governanceCases } from './cases/governance.js';
import { runCases } from './helpers.js';

describe('trust rules: governance', () => runCases(governanceCases));
