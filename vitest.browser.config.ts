import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the HTML report and the SVG chart rendered by headless Chromium (Debian's
// /usr/bin/chromium, or $CHROMIUM). Kept apart so that `npm test` needs no browser.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
