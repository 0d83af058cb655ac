// Page behaviour that must work before (and without) the kernel: quick exit by button and by
// Shift pressed on its own three times, in-page links, and workbook links that do not pile up history.
(function () {
  "use strict";
  const meta = (name, fallback) => {
    const element = document.querySelector(`meta[name="${name}"]`);
    return (element && element.content) || fallback;
  };

  // Leaving with answers kept nowhere asks first (the browser's own "Leave site?" prompt).
  // The answers panel says whether answers are unsaved (device.js sets window.workbookAnswers);
  // text typed into an exercise since it last said so counts too. Quick exit never asks.
  let leavingNow = false;
  let lastTyped = -1;
  document.addEventListener("input", (event) => {
    const field = event.target;
    if (field.matches && field.matches("textarea, input[type=text]") &&
        !field.closest(".wb-answers-panel, .wb-survey")) lastTyped = performance.now();
  }, true);
  const addListener = window.addEventListener.bind(window);
  const removeListener = window.removeEventListener.bind(window);
  addListener("beforeunload", (event) => {
    const answers = window.workbookAnswers || { unsaved: false, at: -1 };
    if (leavingNow || !(answers.unsaved || lastTyped > answers.at)) return;
    event.preventDefault();
    event.returnValue = "";
  });
  // Voilà shuts the page's kernel down on "beforeunload", even when the reader then chooses to
  // stay. Such goodbyes wait for "pagehide", which comes only when the page really goes.
  window.addEventListener = function (type, listener, options) {
    return addListener(type === "beforeunload" ? "pagehide" : type, listener, options);
  };
  window.removeEventListener = function (type, listener, options) {
    return removeListener(type === "beforeunload" ? "pagehide" : type, listener, options);
  };

  function quickExit() {
    leavingNow = true;
    try { sessionStorage.clear(); } catch (error) { /* storage may be blocked */ }
    document.documentElement.style.visibility = "hidden";
    const cells = document.getElementById("rendered_cells");
    if (cells) cells.remove();
    document.title = "";
    location.replace(meta("workbook-quick-exit", "/weather"));
  }
  window.workbookQuickExit = quickExit;
  // reconnect.js reloads a page that lost its kernel once what was typed is carried over.
  window.workbookReload = () => {
    leavingNow = true;
    location.reload();
  };

  // The keyboard shortcut, as GOV.UK's "Exit this page": Shift pressed and released on its own,
  // three times within two seconds. Shift used with anything else (capitals, Shift+Tab,
  // Shift+arrows, Shift+click) or held down does not count, and any other key starts again.
  const LONE_PRESS_MS = 1000;
  const THREE_PRESSES_MS = 2000;
  let lonePresses = [];
  let shiftDownAt = null;
  document.addEventListener("keydown", (event) => {
    if (event.key === "Shift") {
      shiftDownAt = event.repeat ? null : performance.now();
      return;
    }
    shiftDownAt = null;
    lonePresses = [];
  }, true);
  document.addEventListener("mousedown", () => { shiftDownAt = null; }, true);
  window.addEventListener("blur", () => { shiftDownAt = null; lonePresses = []; });
  document.addEventListener("keyup", (event) => {
    if (event.key !== "Shift" || shiftDownAt === null) return;
    const now = performance.now();
    const alone = now - shiftDownAt < LONE_PRESS_MS;
    shiftDownAt = null;
    if (!alone) { lonePresses = []; return; }
    lonePresses = lonePresses.filter((time) => now - time < THREE_PRESSES_MS);
    lonePresses.push(now);
    if (lonePresses.length >= 3) quickExit();
  }, true);

  // The bar is in the page's HTML (top_bar.html.j2); the button works through this listener, set
  // before the bar is parsed. A page without the bar gets one once it has been read in full
  // (Voilà streams its pages, so an early look could miss a bar that is still on its way).
  document.addEventListener("click", (event) => {
    if (event.target.closest && event.target.closest("#wb-quick-exit")) quickExit();
  }, true);
  function addQuickExit() {
    if (document.getElementById("wb-quick-exit")) return;
    const bar = document.createElement("div");
    bar.className = "wb-quick-exit-bar";
    const button = document.createElement("button");
    button.type = "button";
    button.id = "wb-quick-exit";
    button.className = "wb-quick-exit";
    button.textContent = "Quick exit";
    button.title = "Leave this page now. Shortcut: press Shift on its own three times.";
    const helpNow = document.createElement("a");
    helpNow.className = "wb-help-now";
    helpNow.href = meta("workbook-help-now", "/help-now");
    helpNow.textContent = "Help now";
    const help = document.createElement("a");
    help.className = "wb-staying-safe";
    help.href = meta("workbook-staying-safe", "/staying-safe");
    help.textContent = "Staying safe";
    bar.append(button, helpNow, help);
    document.body.prepend(bar);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", addQuickExit);
  else addQuickExit();

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0) return;
    const href = link.getAttribute("href");
    if (href.startsWith("#")) {
      // JupyterLab's renderer only looks for targets inside the same output: find it anywhere.
      const target = document.getElementById(decodeURIComponent(href.slice(1)));
      if (!target) return;
      event.preventDefault();
      event.stopPropagation();
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
      history.replaceState(null, "", href);
      return;
    }
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || link.download || event.ctrlKey || event.metaKey ||
        event.shiftKey || event.altKey) return;
    // Workbook links open in this tab (JupyterLab marks them target=_blank), replacing the
    // current entry: one workbook entry in the history at a time, so quick exit leaves none.
    event.preventDefault();
    event.stopPropagation();
    location.replace(url.href);
  }, true);

  // The page's text shows before its exercises: say so, in words, until the first widget is there.
  function exercisesStatus() {
    // Every workbook page has an answers panel, its first widget.
    const cells = document.getElementById("rendered_cells");
    if (!cells) return;
    // A page that cannot open (content with a mistake) has no panel but says so in its own words.
    const ready = () => document.querySelector(".wb-answers-panel, .wb-error");
    if (ready()) return;
    const status = document.createElement("p");
    status.className = "wb-exercises-loading";
    status.setAttribute("role", "status");
    status.textContent = "The exercises are loading…";
    cells.prepend(status);
    const done = () => {
      observer.disconnect();
      status.textContent = "";
      status.hidden = true;
    };
    const observer = new MutationObserver(() => { if (ready()) done(); });
    observer.observe(cells, { childList: true, subtree: true });
    setTimeout(done, 30000);  // a page without exercises (a content problem) says so itself
  }
  document.addEventListener("DOMContentLoaded", exercisesStatus);

  // ipywidgets' file button counts the files it holds ("Choose a file (0)"): say it in words.
  const UPLOAD = ".jupyter-widget-upload, .widget-upload";
  const COUNT = /\s\((\d+)\)$/;
  function plainUploadButtons() {
    document.querySelectorAll(UPLOAD).forEach((button) => {
      for (const node of button.childNodes) {
        const count = node.nodeType === Node.TEXT_NODE && node.data.match(COUNT);
        if (count) node.data = node.data.replace(COUNT, count[1] === "0" ? "" : " (file chosen)");
      }
    });
  }
  new MutationObserver(plainUploadButtons).observe(document.documentElement,
    { childList: true, subtree: true, characterData: true });
})();
