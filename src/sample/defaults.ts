// The sample's defaults, apart from the generator so that the command line can show them in its
// help without loading it.

import type { SampleOptions } from './generateSample.js';

/** The defaults of `costcurve sample`; fixtures/sample is this sample. */
export const SAMPLE_DEFAULTS: SampleOptions = { persons: 20_000, seed: 2013 };
