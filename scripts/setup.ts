/**
 * `npm run setup`: installs what the project needs beyond npm packages, each only when it is
 * not already available — the `temporal` CLI (dev server) into .tools/, and for the workbook
 * checks openpyxl into .tools/venv and LibreOffice Calc from Debian's packages (as root with
 * apt). The demo and the tests call the same finders, so this step is optional; CI runs it to
 * fail early.
 */
import { loadConfig } from '../infra/config';
import { findOrInstallTemporalCli } from '../infra/temporalCli';
import { findOrInstallLibreOffice } from './lib/libreOffice';
import { findOrInstallOpenpyxl } from './lib/openpyxl';

const config = loadConfig();
const cli = findOrInstallTemporalCli(config.projectRoot, config.temporal.cliPath);
if (cli) console.log(`temporal CLI: ${cli}`);
else console.log('no temporal CLI could be found or installed; the Temporal SDK will download its dev server on first use');
const openpyxl = findOrInstallOpenpyxl(config.projectRoot);
console.log(openpyxl.python ? `openpyxl: ${openpyxl.python}` : `no openpyxl (${openpyxl.reason}): the workbook's openpyxl test will be skipped`);
const libreOffice = findOrInstallLibreOffice();
console.log(libreOffice.soffice ? `LibreOffice: ${libreOffice.soffice}` : `no LibreOffice (${libreOffice.reason}): the workbook's LibreOffice tests will be skipped`);
