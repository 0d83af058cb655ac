// The static edition (workbook/static_edition/): each page arrives with its outputs prepared at
// build time, so it can be read and filled in at once; then Python starts in this browser and
// Voici adds each cell's live outputs beside the prepared ones. When a cell's live outputs
// arrive, its prepared text goes (the live copy says the same) and its early forms stay until
// early.js has moved what the reader typed into the live widgets. Links between modules name
// notebooks (x.ipynb); here each page is x.html. JupyterLab's renderer opens every link of a
// live output in a new tab; the workbook's own pages open in this one, as in the served edition.
(function () {
  "use strict";
  const PREPARED = "data-wb-prepared";

  function page(href) {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin || !url.pathname.endsWith(".ipynb")) return null;
    url.pathname = url.pathname.replace(/\.ipynb$/, ".html");
    return url.href;
  }
  function followPage(event) {
    const link = event.target.closest && event.target.closest("a[href]");
    if (!link) return;
    const target = page(link.getAttribute("href"));
    if (target) link.setAttribute("href", target);
    if (new URL(link.href, location.href).origin !== location.origin) return;
    link.removeAttribute("target");
    const plain = event.type === "keydown" || (event.button === 0 && !event.ctrlKey &&
      !event.metaKey && !event.shiftKey && !event.altKey);
    if (target && plain) {
      // JupyterLab's own handler would try to open the notebook in its file browser, which
      // Voici has not got: go to the page here instead.
      event.preventDefault();
      event.stopImmediatePropagation();
      location.assign(target);
    }
  }
  document.addEventListener("click", followPage, true);
  document.addEventListener("auxclick", followPage, true);
  document.addEventListener("keydown", (event) => { if (event.key === "Enter") followPage(event); }, true);

  function handOver(live) {
    const cell = live.closest("[cell-index]");
    if (!cell) return;
    cell.querySelectorAll(`.jp-Cell-outputWrapper[${PREPARED}] .jp-OutputArea-child`).forEach((child) => {
      if (!child.querySelector(".wb-early")) child.remove();
    });
  }

  function watch() {
    const cells = document.getElementById("rendered_cells");
    if (!cells) return;
    cells.querySelectorAll(".jp-Cell-outputWrapper").forEach((w) => w.setAttribute(PREPARED, ""));
    new MutationObserver((changes) => {
      for (const change of changes) {
        for (const node of change.addedNodes) {
          if (node.nodeType === 1 && node.matches(".jp-Cell-outputWrapper:not([" + PREPARED + "])")) {
            handOver(node);
          }
        }
      }
    }).observe(cells, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watch);
  else watch();
})();
