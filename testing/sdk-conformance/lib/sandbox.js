'use strict';
// Starts bin/sandbox (the jars the build made; it builds them first when sources are newer) on a free port with a
// project file of the suite's, and stops it again: SIGTERM, which stops its moto server too.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPOSITORY = path.resolve(__dirname, '..', '..', '..');
const READY = /^Ready: GET (http:\/\/127\.0\.0\.1:\d+)\/health$/m;

class Sandbox {
  constructor(child, baseUrl, log) {
    this.child = child;
    this.baseUrl = baseUrl;
    this.log = log;
  }

  /** Runs `bin/sandbox --port 0 --projects FILE`; resolves when its banner says it is ready. */
  static start(projectFile, { startTimeoutMs }) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sdk-conformance-'));
    const projects = path.join(dir, 'projects.json');
    fs.writeFileSync(projects, JSON.stringify(projectFile, null, 2));
    const log = path.join(dir, 'sandbox.log');
    const child = spawn(path.join(REPOSITORY, 'bin', 'sandbox'), ['--port', '0', '--projects', projects], {
      cwd: REPOSITORY,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A suite that dies without its after() hook must not leave a sandbox (and its moto server) behind.
    const stopOnExit = () => child.kill('SIGTERM');
    process.once('exit', stopOnExit);
    child.once('exit', () => process.removeListener('exit', stopOnExit));

    const logStream = fs.createWriteStream(log);
    let output = '';
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(`not ready after ${startTimeoutMs / 1000} s`), startTimeoutMs);
      const fail = (why) => {
        clearTimeout(timer);
        child.kill('SIGTERM');
        reject(new Error(`bin/sandbox ${why}; its output (${log}):\n${output.slice(-4000)}`));
      };
      const read = (chunk) => {
        logStream.write(chunk);
        if (output.length < 1_000_000) {
          output += chunk.toString();
        }
        const ready = READY.exec(output);
        if (ready) {
          clearTimeout(timer);
          resolve(new Sandbox(child, ready[1], log));
        }
      };
      child.stdout.on('data', read);
      child.stderr.on('data', read);
      child.once('error', (error) => fail(`could not be run: ${error.message}`));
      child.once('exit', (code, signal) => fail(`exited (${signal || `exit ${code}`}) before it was ready`));
    });
  }

  /** SIGTERM, then waits for the exit (the sandbox stops its moto server first); SIGKILL after the timeout. */
  stop(timeoutMs = 30_000) {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.child.kill('SIGKILL');
      }, timeoutMs);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.kill('SIGTERM');
    });
  }
}

module.exports = { Sandbox, REPOSITORY };
