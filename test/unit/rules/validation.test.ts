import { validationCases } from './cases/validation.js';
import { runCases } from './helpers.js';

describe('trust rules: state validation', () => runCases(validationCases));
