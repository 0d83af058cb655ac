// The bridge to this browser: reads and writes the sealed answers in localStorage, keeps the
// unlocked key for this tab only (sessionStorage), and hands files to the browser as downloads.
// It only ever sees sealed (encrypted) answers.
const CARRY = "workbook-carry-v1"; // written by reconnect.js in the template
const CARRY_FOR_MS = 15 * 60 * 1000;

// The server's base URL ("/" for `workbook serve`; "/user/NAME/" for each participant under
// JupyterHub, where every participant's pages share one origin and so one localStorage).
export function serverBase(body) {
  const page = (body && body.dataset && body.dataset.baseUrl) || "/voila/";
  return page.endsWith("voila/") ? page.slice(0, -"voila/".length) || "/" : page;
}

// The storage keys of this server's answers. Under JupyterHub every participant's server is at
// /user/NAME/ on one origin, so each has keys of its own. Any other server keeps the keys it
// always had: nothing stored before is lost, and behind nginx (/w1/, /w2/, one drawn at random
// for each visit) a reader finds their answers whichever server they land on.
export function storageKey(name, base) {
  return /\/user\/[^/]+\/([^/]+\/)?$/.test(base) ? `${name}@${base}` : name;
}

const BASE = serverBase(globalThis.document && globalThis.document.body);
const STORED = storageKey("workbook-answers-v1", BASE);
const SESSION = storageKey("workbook-unlock-v1", BASE);

function safely(action, fallback) {
  try { return action(); } catch (error) { return fallback; }
}

// What a page that lost its connection carried over to this one (answers/carry.py), taken out of
// the tab's storage as it is read: only for the same page and only for a short while.
function takeCarried() {
  const raw = safely(() => sessionStorage.getItem(CARRY), null);
  const carried = raw && safely(() => JSON.parse(raw), null);
  const fresh = carried && Date.now() - carried.at < CARRY_FOR_MS;
  if (raw && (!fresh || carried.path === location.pathname)) {
    safely(() => sessionStorage.removeItem(CARRY));
  }
  return fresh && carried.path === location.pathname ? JSON.stringify(carried.entries || []) : "";
}

function render({ model, el }) {
  el.classList.add("wb-device-bridge");
  // Every answer on the page as [exercise id, path, value], from the page's own copy of the
  // widgets, which holds what was typed up to the last key even with no kernel to send it to.
  window.workbookCarry = async () => {
    const entries = [];
    for (const [id, where] of Object.entries(model.get("fields") || {})) {
      const [exercise, trait, ...path] = where;
      try {
        const field = await model.widget_manager.get_model(id);
        if (field) entries.push([exercise, path, field.get(trait)]);
      } catch (error) { /* a widget already closed: nothing of it to carry */ }
    }
    return entries;
  };
  const report = () => {
    model.set("carried", takeCarried());
    model.set("stored", safely(() => localStorage.getItem(STORED), null) || "");
    model.set("session_key", safely(() => sessionStorage.getItem(SESSION), null) || "");
    model.set("available", safely(() => { localStorage.setItem("workbook-probe", "1");
      localStorage.removeItem("workbook-probe"); return true; }, false));
    model.set("ready", true);
    model.save_changes();
  };
  const onMessage = (message) => {
    if (message.op === "store") {
      const ok = safely(() => { localStorage.setItem(STORED, message.blob); return true; }, false);
      model.send({ op: "stored", ok, size: message.blob.length });
    } else if (message.op === "keep_key") {
      safely(() => sessionStorage.setItem(SESSION, message.key));
    } else if (message.op === "drop_key") {
      safely(() => sessionStorage.removeItem(SESSION));
    } else if (message.op === "forget") {
      safely(() => { localStorage.removeItem(STORED); sessionStorage.removeItem(SESSION); });
      model.send({ op: "forgotten", ok: !safely(() => localStorage.getItem(STORED), null) });
    } else if (message.op === "download") {
      const bytes = Uint8Array.from(atob(message.b64), (c) => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" }));
      const link = document.createElement("a");
      link.href = url;
      link.download = message.name;
      link.hidden = true;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } else if (message.op === "print") {
      // A frame that cannot run scripts holds the page; printing it prints only the answers.
      document.querySelectorAll("iframe.wb-print-frame").forEach((old) => old.remove());
      const frame = document.createElement("iframe");
      frame.className = "wb-print-frame";
      frame.title = "Your answers, ready to print";
      frame.setAttribute("sandbox", "allow-same-origin allow-modals");
      frame.setAttribute("aria-hidden", "true");
      frame.tabIndex = -1;
      frame.style.cssText = "position:fixed;width:0;height:0;border:0;right:0;bottom:0;";
      frame.addEventListener("load", () => {
        safely(() => frame.contentWindow.print());
        model.send({ op: "printed", ok: true });
      }, { once: true });
      frame.srcdoc = message.html;
      document.body.append(frame);
    }
  };
  // Whether answers on the page are kept nowhere yet: workbook.js asks before the page is left.
  const publish = () => {
    window.workbookAnswers = { unsaved: model.get("unsaved") === true, at: performance.now() };
  };
  model.on("msg:custom", onMessage);
  model.on("change:unsaved", publish);
  publish();
  report();
  return () => { model.off("msg:custom", onMessage); model.off("change:unsaved", publish); };
}
export default { render };
