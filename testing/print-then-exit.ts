// A program that prints lines through the command line's standard output and ends right after:
// by returning, as `mqttscope` commands end (the event loop then waits for every write), or at
// once by process.exit or an error nobody catches (then only the write at exit delivers them).
import { standardOutput } from '../electron/cli/line-writer';

const [count, ending] = process.argv.slice(2);
const out = standardOutput();
for (let index = 0; index < Number(count); index++) out(`line ${index}`);
if (ending === 'exit') process.exit(0);
if (ending === 'throw') throw new Error('the program failed right after printing');
