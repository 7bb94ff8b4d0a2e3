// @ts-check
'use strict';
/**
 * Preloaded into every n8n process of the end-to-end run (NODE_OPTIONS=--require ..., next to
 * loopback-guard.js). Works around an n8n 2.x exit race that crashes `n8n execute` with SIGSEGV after
 * it printed a successful result:
 *
 * - with the `vm` expression engine, n8n-core's WorkflowExecute releases the execution's isolate at the
 *   very end of the run (execution-engine/workflow-execute.js, `.finally(releaseIsolate)`), and
 *   @n8n/expression-runtime's IsolatePool.release() then starts a replacement isolate in the background
 *   (pool/isolate-pool.js `replenish()`: new Isolate, createContext, eval of the 480 KB runtime bundle);
 * - `n8n execute` prints the run, and BaseCommand.finally() (dist/commands/base-command.js) sleeps
 *   100 ms, closes the database and calls process.exit() without disposing the expression engine
 *   (only exitSuccessFully() calls Expression.disposeExpressionEngine());
 * - process.exit() while isolated-vm is still initialising that isolate crashes node (SIGSEGV), so
 *   whenever the replacement takes longer than ~100 ms (a busy 2-core CI machine) the command dies
 *   with signal SIGSEGV and no output, though the workflow succeeded.
 *
 * This wraps BaseCommand.prototype.finally so that, for `n8n execute` only, it first awaits Expression.disposeExpressionEngine()
 * (IsolatePool.dispose() waits for in-flight replenishments, then disposes the isolates): the shutdown
 * step n8n's own exitSuccessFully() performs. Nothing else changes: the exit code, the output and
 * everything the e2e checks stay n8n's. A no-op where the engine was never initialised (n8n 1.x with
 * the legacy engine) and for every other command.
 */
const Module = require('node:module');
const path = require('node:path');

const BASE_COMMAND = `${path.sep}n8n${path.sep}dist${path.sep}commands${path.sep}base-command.js`;
/** How long the dispose may take before the command exits anyway (it normally takes milliseconds). */
const DISPOSE_TIMEOUT_MS = 15_000;

/** @type {any} */
const mod = Module;
const originalLoad = mod._load;
let patched = false;

/** @param {string} request @param {any} parent @param {boolean} isMain */
mod._load = function loadAndPatch(request, parent, isMain) {
	const exported = originalLoad.apply(this, arguments);
	// Only a request for base-command is looked at (n8n's commands require './base-command'); own
	// properties only, so that a module still loading (circular require) triggers no Node warning.
	if (!patched && typeof request === 'string' && request.endsWith('base-command') && parent && exported && Object.prototype.hasOwnProperty.call(exported, 'BaseCommand')) {
		let filename = '';
		try {
			filename = mod._resolveFilename(request, parent, isMain);
		} catch {
			// not resolvable: not n8n's base command
		}
		if (filename.endsWith(BASE_COMMAND) && typeof exported.BaseCommand?.prototype?.finally === 'function') {
			patched = true;
			patchFinally(exported.BaseCommand, filename);
		}
	}
	return exported;
};

/** @param {any} BaseCommand @param {string} baseCommandFile */
function patchFinally(BaseCommand, baseCommandFile) {
	const originalFinally = BaseCommand.prototype.finally;
	/** @param {unknown} error */
	BaseCommand.prototype.finally = async function finallyAfterDisposingExpressionEngine(error) {
		// Only `n8n execute`: `n8n start` calls finally() right after it started and keeps running.
		if (this.constructor.name === 'Execute') await disposeExpressionEngine(baseCommandFile);
		return await originalFinally.call(this, error);
	};
}

/** Expression.disposeExpressionEngine() of the n8n-workflow n8n loaded, if it has a VM evaluator. @param {string} from */
async function disposeExpressionEngine(from) {
	let Expression;
	try {
		Expression = require(require.resolve('n8n-workflow', { paths: [path.dirname(from)] })).Expression;
	} catch {
		return;
	}
	if (typeof Expression?.disposeExpressionEngine !== 'function' || !Expression.vmEvaluator) return;
	/** @type {NodeJS.Timeout | undefined} */
	let timer;
	const timeout = new Promise((resolve) => {
		timer = setTimeout(resolve, DISPOSE_TIMEOUT_MS);
		timer.unref();
	});
	try {
		await Promise.race([Expression.disposeExpressionEngine(), timeout]);
	} catch {
		// n8n exits the way it would have without this step
	} finally {
		clearTimeout(timer);
	}
}
