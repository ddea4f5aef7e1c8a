// The tool's name and version as reports print them.

export const VERSION = '0.1.0';
export const TOOL = `costcurve ${VERSION}`;
