// @ts-check
'use strict';
/**
 * /proc readings for the real-n8n bench (Linux): the machine's busy CPU, and a sampler of one process
 * (another process's CPU time, its main thread's CPU and run-queue wait, its peak RSS).
 */
const fs = require('node:fs');

/** Busy CPU time of the whole machine in ms, from /proc/stat (USER_HZ 100). */
function machineBusyMs() {
	const [user, nice, system, , , irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
	return (user + nice + system + irq + softirq + (steal ?? 0)) * 10;
}

/** This process's CPU time (user + system, all threads) in ms. */
const selfCpuMs = () => {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
};

/**
 * Samples process `pid` every `everyMs`: `cpu` its CPU time (ms, all threads, utime+stime in 10 ms
 * ticks), `main` and `wait` its main thread's CPU time and time spent runnable but waiting for a core
 * (ms, /proc/<pid>/task/<pid>/schedstat, ns resolution), `hwm` its VmHWM (peak RSS) and `rss` its VmRSS
 * (bytes), `busy` the
 * machine's busy CPU and `self` this process's CPU (ms).
 * @param {number} pid @param {number} everyMs
 */
function sampler(pid, everyMs) {
	/** @type {Array<{ t: number, cpu: number, main: number, wait: number, hwm: number, rss: number, busy: number, self: number }>} */
	const samples = [];
	const take = () => {
		try {
			const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
			const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
			const kb = (/** @type {string} */ name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) * 1024;
			const hwm = kb('VmHWM');
			const [main, wait] = fs.readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map((x) => Number(x) / 1e6);
			if (Number.isFinite(hwm)) samples.push({ t: Date.now(), cpu: (Number(f[11]) + Number(f[12])) * 10, main, wait, hwm, rss: kb('VmRSS'), busy: machineBusyMs(), self: selfCpuMs() });
		} catch {
			// the process is gone (or going)
		}
	};
	take();
	const timer = setInterval(take, everyMs);
	return { samples, stop: () => clearInterval(timer) };
}

/**
 * A sampled value at time t (epoch ms), interpolated linearly between the samples around it.
 * @param {Array<Record<string, number>>} samples @param {number} t @param {string} key
 */
function at(samples, t, key) {
	const i = samples.findIndex((x) => x.t >= t);
	if (i <= 0) return i === 0 ? samples[0][key] : samples[samples.length - 1][key];
	const a = samples[i - 1];
	const b = samples[i];
	return a[key] + ((b[key] - a[key]) * (t - a.t)) / Math.max(1, b.t - a.t);
}

module.exports = { machineBusyMs, selfCpuMs, sampler, at };
