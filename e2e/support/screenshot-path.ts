// Where the end-to-end suite writes its pictures: with the test output (ignored by git), or, when
// MQTTSCOPE_SCREENSHOTS=docs, the README's own in docs/screenshots.
import path from 'node:path';

const folder = process.env.MQTTSCOPE_SCREENSHOTS === 'docs' ? path.join('docs', 'screenshots') : path.join('test-results', 'screenshots');

export const screenshotPath = (name: string): string => path.join(folder, `${name}.png`);
