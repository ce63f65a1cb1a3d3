import { Worker } from "worker_threads";

/** Why `parseHclIsolated` could not return a configuration. */
export type HclParseFailureKind = "syntax" | "crash" | "timeout" | "missing-parser";

/** A file `@cdktf/hcl2json` refused (`syntax`, with its message), crashed on, or did not finish in time. */
export class HclParseError extends Error {
  constructor(
    readonly kind: HclParseFailureKind,
    message: string,
  ) {
    super(message);
    this.name = "HclParseError";
  }
}

/** Options of `parseHclIsolated`. */
export interface HclParseOptions {
  /**
   * Longest a single file may take to parse before the parser is stopped and the file reported.
   * @default 60_000
   */
  readonly timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The parser's worker: loads `@cdktf/hcl2json` (Go compiled to wasm) with the Go runtime's writes to
 * stdout/stderr captured instead of printed (a Go fatal error dumps thousands of lines of goroutine
 * stacks), and reports the Go program's exit, which otherwise leaves the caller waiting forever.
 */
const WORKER_SOURCE = `
"use strict";
const { parentPort, workerData } = require("worker_threads");
const realFs = require("fs");
let output = "";
let current;
require(workerData.wasmExec);
globalThis.fs = new Proxy(realFs, {
  get(target, key) {
    if (key === "writeSync") {
      return (fd, buf, ...rest) => {
        if (fd !== 1 && fd !== 2) return target.writeSync(fd, buf, ...rest);
        if (output.length < 4096) output += Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength).toString("utf8");
        return buf.byteLength;
      };
    }
    const value = target[key];
    return typeof value === "function" ? value.bind(target) : value;
  },
});
const Go = globalThis.Go;
globalThis.Go = class extends Go {
  constructor() {
    super();
    this.exit = (code) => {
      parentPort.postMessage({ id: current, crash: "the parser stopped (exit code " + code + "): " + output });
      process.exit(1);
    };
  }
};
const hcl2json = require(workerData.hcl2json);
parentPort.on("message", ({ id, file, text }) => {
  current = id;
  output = "";
  hcl2json.parse(file, text).then(
    (config) => parentPort.postMessage({ id, config }),
    (err) => parentPort.postMessage({ id, error: String((err && err.message) || err), name: (err && err.name) || "Error" }),
  );
});
`;

interface Pending {
  readonly id: number;
  readonly resolve: (config: Record<string, unknown>) => void;
  readonly reject: (err: HclParseError) => void;
  readonly timer: NodeJS.Timeout;
}

interface WorkerReply {
  readonly id: number;
  readonly config?: Record<string, unknown>;
  readonly error?: string;
  readonly name?: string;
  readonly crash?: string;
}

/**
 * One parser worker, used for one file at a time. A crash, a non-syntax error (the JavaScript side
 * ran out of stack) or a timeout ends the worker; the next file gets a fresh one. The worker does
 * not keep the process alive while idle.
 */
class ParserWorker {
  private worker: Worker | undefined;
  private pending: Pending | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  parse(file: string, text: string, timeoutMs: number): Promise<Record<string, unknown>> {
    const run = () => this.parseNow(file, text, timeoutMs);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private parseNow(file: string, text: string, timeoutMs: number): Promise<Record<string, unknown>> {
    const worker = this.start();
    if (worker instanceof HclParseError) return Promise.reject(worker);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => {
        this.fail(new HclParseError("timeout", `the HCL parser did not finish within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending = { id, resolve, reject, timer };
      worker.ref();
      worker.postMessage({ id, file, text });
    });
  }

  private start(): Worker | HclParseError {
    if (this.worker) return this.worker;
    let paths: { hcl2json: string; wasmExec: string };
    try {
      const hcl2json = require.resolve("@cdktf/hcl2json");
      paths = { hcl2json, wasmExec: require.resolve("@cdktf/hcl2json/wasm/bridge_wasm_exec.js") };
    } catch {
      return new HclParseError("missing-parser", "@cdktf/hcl2json is not installed");
    }
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: paths, resourceLimits: { stackSizeMb: 1 } });
    worker.on("message", (reply: WorkerReply) => this.onReply(reply, worker));
    worker.on("error", (err: Error) => this.lost(worker, `the HCL parser failed: ${err.message}`));
    worker.on("exit", (code) => this.lost(worker, `the HCL parser stopped (exit code ${code})`));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onReply(reply: WorkerReply, worker: Worker): void {
    const pending = this.pending;
    if (!pending || reply.id !== pending.id) return;
    if (reply.config !== undefined) {
      this.settle();
      pending.resolve(reply.config);
    } else if (reply.crash !== undefined) {
      this.fail(new HclParseError("crash", firstLines(reply.crash)));
    } else {
      const syntax = reply.name === "Error";
      if (!syntax) void worker.terminate(); // a RangeError may have left the Go runtime half-way: start afresh
      this.fail(new HclParseError(syntax ? "syntax" : "crash", reply.error ?? "unknown error"));
    }
  }

  private lost(worker: Worker, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.fail(new HclParseError("crash", reason));
  }

  private fail(err: HclParseError): void {
    const pending = this.pending;
    if (!pending) return;
    this.settle();
    if (err.kind !== "syntax") {
      const worker = this.worker;
      this.worker = undefined;
      void worker?.terminate();
    }
    pending.reject(err);
  }

  private settle(): void {
    if (this.pending) clearTimeout(this.pending.timer);
    this.pending = undefined;
    this.worker?.unref();
  }
}

/** The Go runtime's first lines say what happened (`fatal error: ...`); the goroutine dump after them does not. */
function firstLines(output: string): string {
  const lines = output
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("runtime:") && !l.startsWith("[signal"));
  const fatal = lines.find((l) => /^(fatal error|panic):/.test(l));
  return `the HCL parser crashed${fatal ? ` (${fatal})` : ""}`;
}

let shared: ParserWorker | undefined;

/**
 * Parses HCL with `@cdktf/hcl2json` in a worker thread, so that a file which crashes the parser
 * (Go's runtime exits, or the wasm traps) or keeps it busy past `timeoutMs` rejects with an
 * `HclParseError` for that file, and the next file gets a fresh parser. Files are parsed one at a
 * time. Syntax errors reject with kind `syntax` and hcl2json's message.
 *
 * @example
 * const config = await parseHclIsolated("main.tf", 'resource "aws_iam_role" "ci" {}\n');
 */
export function parseHclIsolated(file: string, text: string, options: HclParseOptions = {}): Promise<Record<string, unknown>> {
  shared ??= new ParserWorker();
  return shared.parse(file, text, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
}
