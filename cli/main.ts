import { runCli } from './weibao.js';

await runCli(process.argv);
