// Runs pyodide_answers.py inside Pyodide (the npm package, under node) with the cryptography
// stand-in and its bundle installed as they would be in the browser, so the stand-in's own
// run_js / to_js path is the one used:
//   node in_pyodide.mjs STANDIN_DIR BUNDLE CRYPTO_PY WORK_DIR    (prints the script's JSON report)
// WORK_DIR is copied to /work in Pyodide's file system before, and back after.
import fs from 'fs';
import path from 'path';
import { fileURLToPath } from 'url';
import { loadPyodide } from 'pyodide';

const [standin, bundle, cryptoPy, work] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
const pyodide = await loadPyodide();
const site = '/home/pyodide/site';

function copyIn(from, to) {
  pyodide.FS.mkdirTree(to);
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (entry.name === '__pycache__' || entry.name === '_bundle.js') continue;
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) copyIn(source, `${to}/${entry.name}`);
    else pyodide.FS.writeFile(`${to}/${entry.name}`, fs.readFileSync(source));
  }
}

copyIn(standin, `${site}/cryptography`);
pyodide.FS.writeFile(`${site}/cryptography/_bundle.js`, fs.readFileSync(bundle));
pyodide.FS.writeFile(`${site}/answers_crypto.py`, fs.readFileSync(cryptoPy));
copyIn(work, '/work');
pyodide.runPython(`import sys; sys.path.insert(0, ${JSON.stringify(site)})`);
console.log(pyodide.runPython(fs.readFileSync(path.join(here, 'pyodide_answers.py'), 'utf8')));
for (const name of pyodide.FS.readdir('/work')) {
  if (name !== '.' && name !== '..') fs.writeFileSync(path.join(work, name), pyodide.FS.readFile(`/work/${name}`));
}
