import { operatorsCases } from './cases/operators.js';
import { runCases } from './helpers.js';

describe('trust rules: operators', () => runCases(operatorsCases));
