// A first page (workbook/server/shells.py) is the same for every reader and comes without a kernel.
// This asks the server for the reader's own page, made in a kernel of their own, takes from it
// what ties the page to that kernel (the kernel's id, each widget's output and model ids) and
// puts it into the page on screen, which the reader keeps using; then Voilà's scripts load and
// early.js moves what was typed into the real widgets, as on any page. When no kernel can be
// had yet, the page says so in plain words and asks again a little later.
(function () {
  "use strict";
  const LIVE = { "X-Workbook-Page": "live" };
  const RETRY_MS = 5000;
  const OUTPUT = 'script[type="application/vnd.voila.cell-output+json"]';
  const controller = new AbortController();
  let leaving = false;
  let kernelId = null;

  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const cookie = (name) => (document.cookie.split("; ").find((part) => part.startsWith(name + "=")) ||
    "").slice(name.length + 1);

  // A reader who leaves before Voilà's scripts have started would leave their kernel running
  // until it is culled: shut it down, as Voilà does for a page that has started.
  function shutDown() {
    if (!kernelId || window.jupyterapp) return;
    const base = document.body.dataset.baseUrl || "/voila/";
    fetch(`${base}api/shutdown/${encodeURIComponent(kernelId)}`, {
      method: "POST", keepalive: true, credentials: "same-origin",
      headers: { "X-XSRFToken": decodeURIComponent(cookie("_xsrf")) },
    }).catch(() => {});
  }
  window.addEventListener("pagehide", () => {
    leaving = true;
    controller.abort();
    shutDown();
  });

  async function livePage() {
    while (!leaving) {
      let response = null;
      try {
        response = await fetch(location.href, {
          headers: LIVE, cache: "no-store", credentials: "same-origin", signal: controller.signal,
        });
        if (response.ok) return new DOMParser().parseFromString(await response.text(), "text/html");
      } catch (error) { /* the server cannot be reached now, or the reader is leaving */ }
      if (leaving) break;
      window.workbookEarly.waiting(response && response.status === 503 ? "room" : "server");
      await pause(RETRY_MS);
    }
    return null;
  }

  // The page's parts as it arrived: early.js removes a copy as soon as nothing is left to wait
  // for, and the pairs below are counted as the page was made.
  const asMade = new Map();
  const parts = (selector) => [...document.querySelectorAll(`#rendered_cells ${selector}`)];

  function pairs(live, selector) {
    const here = asMade.get(selector);
    const there = [...live.querySelectorAll(`#rendered_cells ${selector}`)];
    return here.length === there.length ? here.map((node, index) => [node, there[index]]) : null;
  }

  // The page on screen and the reader's own page come from the same notebook and code, so they
  // match element for element; only ids differ. Anything else (the content changed in between,
  // or the reader's page was cut short) is handled by replacePage.
  function transplant(live) {
    if (!live.querySelector(".wb-page-end")) return false;
    const outputs = pairs(live, OUTPUT);
    const copies = pairs(live, ".wb-early");
    const fields = pairs(live, ".wb-early [data-wb-model]");
    if (!outputs || !copies || !fields) return false;
    if (fields.some(([here, there]) => here.tagName !== there.tagName)) return false;
    for (const [here, there] of outputs) here.textContent = there.textContent;
    for (const [here, there] of copies) here.dataset.wbWait = there.dataset.wbWait || "";
    for (const [here, there] of fields) {
      const label = document.querySelector(`label[for="${CSS.escape(here.id)}"]`);
      here.dataset.wbModel = there.dataset.wbModel;
      here.id = there.id;
      if (label) label.htmlFor = there.id;
    }
    return true;
  }

  // The reader's page differs from the one on screen: show it instead, with the text typed so
  // far put back in its boxes when they still line up.
  function replacePage(live) {
    const cellsOf = (doc) => {
      const cell = doc.querySelector("#rendered_cells [cell-index]");
      return cell && cell.parentElement;
    };
    const here = cellsOf(document);
    const there = cellsOf(live);
    if (!here || !there) return false;
    const typed = [...here.querySelectorAll(".wb-early [data-wb-model]")].map((field) => field.value);
    here.replaceChildren(...[...there.childNodes].map((node) => document.importNode(node, true)));
    const fresh = [...here.querySelectorAll(".wb-early [data-wb-model]")];
    if (fresh.length === typed.length) fresh.forEach((field, index) => { field.value = typed[index]; });
    window.workbookEarly.checkComplete();
    return true;
  }

  // Voilà's scripts start on the window's load event, which has long passed by the time a
  // first page has its kernel: from now on, a listener for it is called at once instead.
  function loadHasPassed() {
    const add = window.addEventListener;
    window.addEventListener = function (type, listener, options) {
      if (type !== "load") return add.call(this, type, listener, options);
      const event = new Event("load");
      setTimeout(() => (typeof listener === "function" ? listener.call(window, event) :
        listener.handleEvent(event)), 0);
      return undefined;
    };
  }

  window.workbookAttach = async function (voilaScript) {
    for (const selector of [OUTPUT, ".wb-early", ".wb-early [data-wb-model]"]) {
      asMade.set(selector, parts(selector));
    }
    window.workbookEarly.begin();
    const live = await livePage();
    if (!live) return;
    const config = live.getElementById("jupyter-config-data");
    kernelId = config && JSON.parse(config.textContent).kernelId;
    if (!config || !(transplant(live) || replacePage(live))) {
      shutDown();
      window.workbookEarly.waiting("failed");
      return;
    }
    document.getElementById("jupyter-config-data").textContent = config.textContent;
    if (document.readyState !== "complete") {
      await new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
    }
    loadHasPassed();
    window.workbookEarly.start(voilaScript);
  };
})();
