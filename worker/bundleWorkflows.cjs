// Run as a child process by workflowBundle.ts: bundles the workflows (argv[2]) for the SDK's
// sandbox and writes the code to argv[3], then exits, taking webpack's memory with it.
const fs = require('node:fs');
const { bundleWorkflowCode, DefaultLogger } = require('@temporalio/worker');

const [workflowsPath, outPath] = process.argv.slice(2);
bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN') })
  .then(({ code }) => fs.writeFileSync(outPath, code))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
