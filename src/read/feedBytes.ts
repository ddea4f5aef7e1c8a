// The size a file is read in, in a module of its own: the command's first module (bin/costcurve.ts)
// reads it before the rest of the command loads (aggregate/readingThreads.ts).

/** The working buffer's first size; it grows for records longer than that. */
export const FEED_BYTES = 1024 * 1024;
