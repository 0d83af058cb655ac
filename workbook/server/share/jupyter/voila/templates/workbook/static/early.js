// Early forms (widgets/early.py): the page arrives with plain HTML copies of its widgets, so the
// reader can read and type while the widget code loads and the kernel connects. When every real
// widget of a copy has been drawn, what the reader typed or ticked is moved into it, focus and
// caret follow, and the copy is removed. Nothing here talks to the server.
(function () {
  "use strict";
  const adopters = new Map(); // anywidget name -> function(copy, focused) -> element to focus
  let status = null;
  let watcher = null;
  let incomplete = false;
  let waitingFor = null;
  const SLOW_CONNECT_MS = 15000;  // a page usually connects in a few seconds, even when busy
  const CONNECTING = "You can start now. The page's buttons will work in a moment, " +
    "once it has finished connecting.";
  const KEEP_OPEN = " Please keep this page open: reloading it would clear what you have typed.";
  const WAITING = {
    room: "Many people are using the workbook right now, so this page cannot keep your answers " +
      "yet. You can read and write as usual. The page keeps trying and will connect by itself as " +
      "soon as there is room, often within a few minutes. Once it has, you can save what you " +
      "wrote." + KEEP_OPEN,
    server: "This page cannot reach the workbook at the moment. You can keep reading and " +
      "writing; the page keeps trying by itself, and what you write cannot be saved until it " +
      "connects." + KEEP_OPEN,
    failed: "This page could not connect. Please copy anything you want to keep, then " +
      "reload the page.",
  };

  // Our anywidgets (choice_groups.js, cycle.js) call this from render() to take over their copy.
  window.workbookEarly = {
    adopt(name, takeOver) {
      adopters.set(name, takeOver);
      schedule();
    },
    // Called at the end of the page. Voilà's scripts load without holding up the page (they
    // start on the window's load event, which waits for them); JupyterLab's styles are added
    // once the browser has drawn the page (a frame, then a task).
    // Called at the end of the page, first: a page without its end mark (PAGE_END in render.py)
    // was cut short, and says so at its top with the support details and a way to try again.
    checkComplete() {
      if (document.querySelector(".wb-page-end")) return;
      incomplete = true;
      const notice = document.getElementById("wb-incomplete");
      const cells = document.getElementById("rendered_cells");
      if (!notice || !cells) return;
      cells.prepend(document.importNode(notice.content, true));
      const retry = cells.querySelector(".wb-retry");
      if (retry) retry.addEventListener("click", () => location.reload());
    },
    // A first page (attach.js) shows its status line while it waits for the reader's kernel.
    begin() {
      started();
    },
    // Why a first page is still waiting: "room" (no kernel can be had yet), "server" (the server
    // cannot be reached) or "failed" (the reader's own page did not fit this one).
    waiting(reason) {
      waitingFor = reason;
      if (!status) return;
      status.classList.add("wb-connect-slow");
      status.textContent = WAITING[reason];
    },
    start(voilaScript) {
      started();
      if (waitingFor) {
        waitingFor = null;
        status.classList.remove("wb-connect-slow");
        status.textContent = CONNECTING;
      }
      window.dispatchEvent(new Event("workbook-voila-loading"));
      const script = document.createElement("script");
      script.src = voilaScript;
      document.body.append(script);
      requestAnimationFrame(() => setTimeout(addLaterStyles, 0));
    },
  };

  function addLaterStyles() {
    const later = document.getElementById("wb-later-styles");
    const ours = document.getElementById("wb-style");
    if (!later || !ours) return;
    // Before ours, as when they were links in the head, so the workbook's rules still win;
    // voila-style.js adds its rules at the end of the head, so ours move after them.
    ours.before(document.importNode(later.content, true));
    later.remove();
    const styleScript = document.head.querySelector("script[src*='voila-style']");
    if (styleScript) styleScript.addEventListener("load", () => document.head.append(ours));
  }

  const realView = (id) => [...document.querySelectorAll(`.wb-m-${CSS.escape(id)}`)]
    .find((view) => !view.closest(".wb-early"));
  const realControl = (view) => view && (view.matches("textarea, input") ? view :
    view.querySelector("textarea, input"));

  function ready(copy) {
    return (copy.dataset.wbWait || "").split(" ").filter(Boolean).every((part) => {
      const [kind, id] = [part.slice(0, 1), part.slice(2)];
      return kind === "a" ? adopters.has(id) : Boolean(realControl(realView(id)));
    });
  }

  function replay(control, value) {
    control.value = value;
    control.dispatchEvent(new Event("input", { bubbles: true }));
    control.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function swap(copy) {
    // The reader's field, even if moving the page into Voilà's layout dropped its focus just now.
    const nowhere = !document.activeElement || document.activeElement === document.body;
    const focused = copy.contains(document.activeElement) ? document.activeElement :
      nowhere && lastField && copy.contains(lastField) ? lastField : null;
    const selection = focused && "selectionStart" in focused ?
      [focused.selectionStart, focused.selectionEnd] : null;
    let target = null;
    for (const field of copy.querySelectorAll("[data-wb-model]")) {
      const control = realControl(realView(field.dataset.wbModel));
      if (!control) continue;
      if (field.value !== field.defaultValue) replay(control, field.value);
      if (field === focused) target = control;
    }
    for (const part of copy.querySelectorAll("[data-wb-anywidget]")) {
      const takeOver = adopters.get(part.dataset.wbAnywidget);
      const chosen = takeOver && takeOver(part, focused);
      if (chosen && part.contains(focused)) target = chosen;
    }
    copy.remove();
    if (target) {
      target.focus({ preventScroll: true });
      if (selection && typeof target.setSelectionRange === "function") {
        try { target.setSelectionRange(...selection); } catch (error) { /* not a text field */ }
      }
    }
  }

  let pending = false;
  function schedule() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const copies = document.querySelectorAll(".wb-early");
      copies.forEach((copy) => { if (ready(copy)) swap(copy); });
      if (status && !document.querySelector(".wb-early")) finished();
    });
  }

  // Voilà moves the page into its own layout once its scripts start, which drops the focus:
  // put it back where the reader was typing, caret included.
  let lastField = null;
  document.addEventListener("focusin", (event) => {
    const field = event.target;
    lastField = field.closest && field.closest(".wb-early") ? field : null;
  });
  document.addEventListener("pointerdown", (event) => {
    if (lastField && event.target !== lastField) lastField = null;
  }, true);
  function keepFocus() {
    if (!lastField || !lastField.isConnected) return;
    if (document.activeElement && document.activeElement !== document.body) return;
    const selection = "selectionStart" in lastField ?
      [lastField.selectionStart, lastField.selectionEnd] : null;
    lastField.focus({ preventScroll: true });
    if (selection && lastField.setSelectionRange) lastField.setSelectionRange(...selection);
  }

  function carriedHere() {
    try {
      const carried = JSON.parse(sessionStorage.getItem("workbook-carry-v1") || "null");
      return Boolean(carried && carried.path === location.pathname);
    } catch (error) {
      return false;
    }
  }

  function started() {
    const cells = document.getElementById("rendered_cells");
    if (status || !cells || !cells.querySelector(".wb-early")) return;
    status = document.createElement("p");
    status.className = "wb-exercises-loading";
    status.setAttribute("role", "status");
    status.textContent = waitingFor ? WAITING[waitingFor] : CONNECTING;
    cells.prepend(status);
    if (carriedHere()) {
      // reconnect.js reloaded this page to put back what the reader wrote: it arrives with the
      // kernel, so these blank copies are not for typing into meanwhile.
      status.textContent = "Reconnecting: what you wrote will be back on the page in a moment.";
      cells.querySelectorAll(".wb-early textarea, .wb-early input").forEach((field) => {
        field.readOnly = true;
      });
    }
    setTimeout(() => {
      if (status && !waitingFor) {
        status.classList.add("wb-connect-slow");
        status.textContent = "This page is taking longer than usual to connect. You can keep " +
          "reading and typing: what you type stays on this page, but it cannot be saved until the " +
          "page connects, and reloading the page would clear it.";
      }
    }, SLOW_CONNECT_MS);
    watcher = new MutationObserver(() => { keepFocus(); schedule(); });
    watcher.observe(document.body, { childList: true, subtree: true });
  }

  function finished() {
    watcher.disconnect();
    status.textContent = incomplete ?
      "This page did not load completely: see the note at the top of the page." : "The page is ready.";
    const shown = status;
    status = null;
    setTimeout(() => { shown.hidden = true; }, 4000);
  }

})();
