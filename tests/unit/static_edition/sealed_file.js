// Seal or open a workbook answers file in node with the bundle's scrypt and AES-GCM, following the
// layout of workbook/answers/crypto.py, written out again here so each checks the other:
//   node sealed_file.js BUNDLE seal FILE PASSPHRASE < plaintext
//   node sealed_file.js BUNDLE open FILE PASSPHRASE > plaintext   (exit 3, error name on stderr)
const fs = require('fs');
const nodeCrypto = require('crypto');

const [bundlePath, command, file, passphrase] = process.argv.slice(2);
(0, eval)(fs.readFileSync(bundlePath, 'utf8'));
const library = globalThis.workbookCrypto;

const MAGIC = Buffer.from('WBANSWERS');
const LABEL = Buffer.from('workbook passphrase check');
const [SALT, NONCE, CHECK] = [16, 12, 16];
const HEADER = MAGIC.length + 4 + SALT + NONCE + CHECK;
const bytes = (buffer) => new Uint8Array(buffer); // a plain Uint8Array, as Pyodide's to_js gives

function fail(name) {
  process.stderr.write(name);
  process.exit(3);
}

function keys(salt, log2n, r, p) {
  const material = library.scrypt(bytes(Buffer.from(passphrase, 'utf8')), bytes(salt), 2 ** log2n, r, p, 64);
  return [material.subarray(0, 32), material.subarray(32)];
}

const checkOf = (checkKey) => nodeCrypto.createHmac('sha256', checkKey).update(LABEL).digest().subarray(0, CHECK);

if (command === 'seal') {
  const plaintext = fs.readFileSync(0);
  const salt = nodeCrypto.randomBytes(SALT);
  const nonce = nodeCrypto.randomBytes(NONCE);
  const [aesKey, checkKey] = keys(salt, 17, 8, 1);
  const header = Buffer.concat([MAGIC, Buffer.from([1, 17, 8, 1]), salt, nonce, checkOf(checkKey)]);
  const body = library.gcmEncrypt(aesKey, bytes(nonce), bytes(plaintext), bytes(header));
  fs.writeFileSync(file, Buffer.concat([header, body]));
} else if (command === 'open') {
  const sealed = fs.readFileSync(file);
  if (sealed.length < HEADER + 16 || !sealed.subarray(0, MAGIC.length).equals(MAGIC)) fail('NotAnAnswersFile');
  let at = MAGIC.length;
  const [version, log2n, r, p] = sealed.subarray(at, (at += 4));
  if (version !== 1) fail('NewerVersion');
  const salt = sealed.subarray(at, (at += SALT));
  const nonce = sealed.subarray(at, (at += NONCE));
  const stored = sealed.subarray(at, (at += CHECK));
  const [aesKey, checkKey] = keys(salt, log2n, r, p);
  if (!nodeCrypto.timingSafeEqual(checkOf(checkKey), stored)) fail('WrongPassphrase');
  try {
    const plaintext = library.gcmDecrypt(aesKey, bytes(nonce), bytes(sealed.subarray(HEADER)), bytes(sealed.subarray(0, HEADER)));
    process.stdout.write(plaintext);
  } catch (error) {
    fail(error.name);
  }
} else {
  fail(`UnknownCommand ${command}`);
}
