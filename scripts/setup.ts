/**
 * `npm run setup`: installs what the project needs beyond npm packages — today the
 * `temporal` CLI (dev server) into .tools/ when it is not already available. The demo and
 * the test suite call the same finder, so this step is optional; CI runs it to fail early.
 */
import { loadConfig } from '../infra/config';
import { findOrInstallTemporalCli } from '../infra/temporalCli';

const config = loadConfig();
const cli = findOrInstallTemporalCli(config.projectRoot, config.temporal.cliPath);
if (cli) console.log(`temporal CLI: ${cli}`);
else console.log('no temporal CLI could be found or installed; the Temporal SDK will download its dev server on first use');
