// The synthetic sample behind `costcurve sample`.

export {
  generateSample,
  checkSampleOptions,
  SAMPLE_DEFAULTS,
  MAX_PERSONS,
  type SampleOptions,
  type SampleFile,
  type SampleFiles,
} from './generateSample.js';
export { writeSample, type WriteSampleOptions } from './writeSample.js';
