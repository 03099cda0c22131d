// A program that prints lines through the command line's standard output and ends right after,
// without a turn of the event loop: by process.exit, or by an error nobody catches. What it
// printed must all arrive.
import { standardOutput } from '../electron/cli/line-writer';

const [count, ending] = process.argv.slice(2);
const out = standardOutput();
for (let index = 0; index < Number(count); index++) out(`line ${index}`);
if (ending === 'exit') process.exit(0);
throw new Error('the program failed right after printing');
