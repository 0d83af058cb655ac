// In-page links (the contents list, "All support options") scroll to their target and move
// focus there. JupyterLab's output renderer only looks for targets inside the same output.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest('a[href^="#"]');
  if (!link) return;
  const target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
  if (!target) return;
  event.preventDefault();
  event.stopPropagation();
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.scrollIntoView({ block: "start" });
  target.focus({ preventScroll: true });
  history.replaceState(null, "", link.getAttribute("href"));
}, true);
