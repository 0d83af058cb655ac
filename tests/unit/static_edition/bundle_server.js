// Serves the functions of the cryptography bundle over stdin/stdout, one JSON request a line:
// {"fn": name, "args": [base64 string for bytes, or a number]} -> {"ok": base64} or {"error": {...}}.
// The bundle is evaluated with an indirect eval, as Pyodide's run_js does.
const fs = require('fs');
const readline = require('readline');

(0, eval)(fs.readFileSync(process.argv[2], 'utf8'));
const library = globalThis.workbookCrypto;
const toBytes = (arg) => (typeof arg === 'string' ? new Uint8Array(Buffer.from(arg, 'base64')) : arg);

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const { fn, args } = JSON.parse(line);
  let reply;
  try {
    const result = library[fn](...args.map(toBytes));
    if (!(result instanceof Uint8Array)) throw new TypeError(`${fn} did not return a Uint8Array`);
    reply = { ok: Buffer.from(result).toString('base64') };
  } catch (error) {
    reply = { error: { name: error.name, message: error.message } };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
});
