// When the page's kernel dies (killed, out of memory) or the server restarts while the page is
// open, nothing typed is lost: the page reads every answer from its own copy of the widgets
// (device.js, workbook/answers/carry.py), keeps them in this tab for the moment of a reload,
// waits until the server answers again and reloads; the fresh page's kernel puts them back.
(function () {
  "use strict";
  const CARRY = "workbook-carry-v1";
  const LOST_AFTER_MS = 8000;  // reconnecting longer than this: the kernel is gone
  const GIVE_UP_LOOKING_MS = 120000;
  let lost = false;
  let leaving = false;
  window.addEventListener("pagehide", () => { leaving = true; });

  function say(text) {
    let status = document.getElementById("wb-reconnect-status");
    const cells = document.getElementById("rendered_cells");
    if (!status && cells) {
      status = document.createElement("p");
      status.id = "wb-reconnect-status";
      status.className = "wb-reconnect-status";
      status.setAttribute("role", "alert");
      cells.prepend(status);
    }
    if (status) status.textContent = text;
  }

  async function keep() {
    const entries = window.workbookCarry ? await window.workbookCarry() : [];
    sessionStorage.setItem(CARRY, JSON.stringify({ path: location.pathname, at: Date.now(), entries }));
  }

  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  async function serverAnswers() {
    const meta = document.querySelector('meta[name="workbook-staying-safe"]');
    const url = (meta && meta.content) || location.href;
    for (;;) {
      try {
        const response = await fetch(url, { cache: "no-store", credentials: "same-origin" });
        if (response.ok) return;
      } catch (error) { /* the server is not back yet */ }
      await pause(2000);
    }
  }

  async function carryOver() {
    if (lost || leaving) return;
    lost = true;
    say("This page has lost its connection. What you have written is safe on this page; " +
        "it will reconnect in a moment and put your writing back.");
    try {
      await keep();
    } catch (error) {
      say("This page has lost its connection, and this browser does not let it keep your " +
          "writing while it reconnects. Copy anything you want to keep before you reload the page.");
      return;
    }
    await serverAnswers();
    if (leaving) return;
    try { await keep(); } catch (error) { /* kept above */ }  // what was typed while waiting too
    if (window.workbookReload) window.workbookReload(); else location.reload();
  }

  function watch(kernel) {
    kernel.statusChanged.connect((_sender, status) => {
      if (status === "autorestarting" || status === "restarting" || status === "dead") carryOver();
    });
    let connectingSince = null;
    kernel.connectionStatusChanged.connect((_sender, status) => {
      if (status === "disconnected") carryOver();
      if (status !== "connecting") { connectingSince = null; return; }
      const since = connectingSince = performance.now();
      setTimeout(() => {
        if (connectingSince === since && kernel.connectionStatus === "connecting") carryOver();
      }, LOST_AFTER_MS);
    });
  }

  // Voilà's scripts load once the page has its kernel (early.js says when): look from then on.
  window.addEventListener("workbook-voila-loading", () => {
    const started = performance.now();
    (function lookForKernel() {
      const app = window.jupyterapp;
      const kernel = app && app.widgetManager && app.widgetManager.kernel;
      if (kernel) watch(kernel);
      else if (performance.now() - started < GIVE_UP_LOOKING_MS) setTimeout(lookForKernel, 500);
    })();
  }, { once: true });
})();
