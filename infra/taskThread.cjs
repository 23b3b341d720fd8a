// The module a cpuPool thread loads first (infra/cpuPool.ts): tsx's register hook, then the
// pool's TypeScript task module, whose default export piscina calls for each task.
require('tsx/cjs/api').register();
module.exports = require(require('node:worker_threads').workerData.taskFile);
