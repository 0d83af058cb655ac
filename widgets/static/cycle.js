// A cycle diagram: stages as buttons round a ring (a list on narrow screens). A stage opens
// its description and a notes box. The ring is one Tab stop (the open stage, or the first):
// arrow keys, Home and End move between stages, and the next Tab reaches the notes box.
// Stages with notes carry a tick, and say so to screen readers.
function render({ model, el }) {
  const name = model.get("name");
  const stages = model.get("stages");
  const root = document.createElement("div");
  root.className = "wb-cycle-diagram";

  const ring = document.createElement("div");
  ring.className = "wb-cycle-ring";
  ring.innerHTML = `<svg class="wb-cycle-track" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
    <defs><marker id="${name}-arrow" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse">
    <path d="M0,0 L10,5 L0,10 z"></path></marker></defs>
    <circle cx="50" cy="50" r="38"></circle></svg>`;
  const list = document.createElement("ol");
  list.className = "wb-cycle-stages";
  list.setAttribute("aria-label", model.get("label"));
  ring.append(list);

  const panel = document.createElement("section");
  panel.className = "wb-cycle-panel";
  panel.id = `${name}-panel`;
  panel.hidden = true;
  const heading = document.createElement("h4");
  heading.id = `${name}-panel-title`;
  heading.tabIndex = -1;
  panel.setAttribute("aria-labelledby", heading.id);
  const description = document.createElement("div");
  description.className = "wb-cycle-description";
  const label = document.createElement("label");
  label.htmlFor = `${name}-notes`;
  const notes = document.createElement("textarea");
  notes.id = `${name}-notes`;
  notes.rows = 4;
  notes.maxLength = model.get("max_length");
  panel.append(heading, description, label, notes);

  const buttons = stages.map((stage, index) => {
    const item = document.createElement("li");
    const angle = (index / stages.length) * 2 * Math.PI - Math.PI / 2;
    item.style.setProperty("--x", `${50 + 38 * Math.cos(angle)}%`);
    item.style.setProperty("--y", `${50 + 38 * Math.sin(angle)}%`);
    const button = document.createElement("button");
    button.type = "button";
    button.id = `${name}-stage-${stage.id}`;
    button.className = "wb-cycle-stage";
    button.textContent = `${index + 1}. ${stage.title}`;
    const done = document.createElement("span");
    done.className = "wb-stage-done";
    done.hidden = true;
    done.innerHTML = '<span aria-hidden="true"> \u2713</span><span class="wb-visually-hidden"> (notes written)</span>';
    button.append(done);
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", panel.id);
    button.addEventListener("click", () => {
      model.set("open_stage", stage.id);
      model.save_changes();
      show();
    });
    button.addEventListener("keydown", (event) => {
      const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
      let next = null;
      if (event.key in moves) next = (index + moves[event.key] + stages.length) % stages.length;
      if (event.key === "Home") next = 0;
      if (event.key === "End") next = stages.length - 1;
      if (next === null) return;
      event.preventDefault();
      event.stopPropagation();
      buttons.forEach((other, place) => { other.tabIndex = place === next ? 0 : -1; });
      buttons[next].focus();
    });
    item.append(button);
    list.append(item);
    return button;
  });

  let timer = null;
  const saveNotes = () => {
    clearTimeout(timer);
    const open = model.get("open_stage");
    if (!open) return;
    model.set("notes", { ...model.get("notes"), [open]: notes.value });
    model.save_changes();
  };
  notes.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(saveNotes, 400); });
  notes.addEventListener("change", saveNotes);
  notes.addEventListener("keydown", (event) => event.stopPropagation());

  function show() {
    const open = model.get("open_stage");
    const stage = stages.find((s) => s.id === open);
    const written = model.get("notes") || {};
    const focused = buttons.indexOf(document.activeElement);
    const stop = focused >= 0 ? focused : Math.max(0, stages.findIndex((s) => s.id === open));
    buttons.forEach((button, index) => {
      const isOpen = stages[index].id === open;
      button.setAttribute("aria-expanded", String(isOpen));
      button.classList.toggle("wb-open", isOpen);
      button.tabIndex = index === stop ? 0 : -1;
      const hasNotes = Boolean((written[stages[index].id] || "").trim());
      button.classList.toggle("wb-has-notes", hasNotes);
      button.querySelector(".wb-stage-done").hidden = !hasNotes;
    });
    panel.hidden = !stage;
    if (!stage) return;
    heading.textContent = stage.title;
    description.innerHTML = stage.html; // rendered in the kernel from content Markdown, raw HTML escaped
    label.textContent = `${model.get("notes_label")} (${stage.title})`;
    if (document.activeElement !== notes) notes.value = (model.get("notes") || {})[open] || "";
  }

  model.on("change:open_stage", show);
  model.on("change:notes", show);
  show();
  // The page's early copy (widgets/early.py): keep the notes typed and the stage opened there.
  window.workbookEarly?.adopt(name, (copy, focused) => {
    const typed = [...copy.querySelectorAll("textarea[data-stage]")]
      .filter((box) => box.value !== box.defaultValue);
    if (typed.length) {
      const kept = { ...model.get("notes") };
      for (const box of typed) kept[box.dataset.stage] = box.value;
      model.set("notes", kept);
    }
    const focusedStage = focused && focused.closest("details") &&
      focused.closest("details").dataset.stage;
    const opened = focusedStage || (copy.querySelector("details[open]") || {}).dataset?.stage;
    if (opened) model.set("open_stage", opened);
    if (typed.length || opened) {
      model.save_changes();
      show();
    }
    if (!focusedStage) return null;
    return focused.tagName === "TEXTAREA" ? notes : buttons[stages.findIndex((s) => s.id === focusedStage)];
  });
  root.append(ring, panel);
  el.append(root);
  return () => {
    model.off("change:open_stage", show);
    model.off("change:notes", show);
  };
}
export default { render };
