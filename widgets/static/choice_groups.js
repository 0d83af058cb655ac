// Radio groups with a fieldset and legend each, so a screen reader announces the question.
function render({ model, el }) {
  const name = model.get("name");
  const root = document.createElement("div");
  root.className = "wb-choice-groups";
  const inputs = [];

  for (const group of model.get("groups")) {
    const fieldset = document.createElement("fieldset");
    fieldset.className = "wb-choice-group";
    const legend = document.createElement("legend");
    legend.textContent = group.legend;
    const options = document.createElement("div");
    options.className = "wb-choice-options";
    for (const option of model.get("options")) {
      const id = `${name}-${group.id}-${option.id}`;
      const input = document.createElement("input");
      input.type = "radio";
      input.name = `${name}-${group.id}`;
      input.id = id;
      input.value = option.id;
      input.dataset.group = group.id;
      input.addEventListener("change", () => {
        if (!input.checked) return;
        model.set("value", { ...model.get("value"), [group.id]: option.id });
        model.save_changes();
      });
      const label = document.createElement("label");
      label.htmlFor = id;
      label.textContent = option.label;
      const pair = document.createElement("span");
      pair.className = "wb-choice";
      pair.append(input, label);
      options.append(pair);
      inputs.push(input);
    }
    const note = document.createElement("p");
    note.className = "wb-choice-note";
    note.dataset.group = group.id;
    fieldset.append(legend, note, options);
    root.append(fieldset);
  }

  // A note under a question, such as what the reader chose at the start of the module.
  const showNotes = () => {
    const notes = model.get("notes") || {};
    for (const note of root.querySelectorAll(".wb-choice-note")) {
      note.textContent = notes[note.dataset.group] || "";
      note.hidden = !note.textContent;
    }
  };
  showNotes();
  model.on("change:notes", showNotes);

  const show = () => {
    const value = model.get("value") || {};
    for (const input of inputs) input.checked = value[input.dataset.group] === input.value;
  };
  show();
  model.on("change:value", show);
  // The page's early copy (widgets/early.py): keep what the reader ticked before this was drawn.
  window.workbookEarly?.adopt(name, (copy, focused) => {
    const ticked = [...copy.querySelectorAll("input[type=radio]")]
      .filter((radio) => radio.checked && !radio.defaultChecked);
    if (ticked.length) {
      const value = { ...model.get("value") };
      for (const radio of ticked) value[radio.dataset.group] = radio.value;
      model.set("value", value);
      model.save_changes();
      show();
    }
    return focused && inputs.find((input) => input.dataset.group === focused.dataset.group &&
      input.value === focused.value);
  });
  el.append(root);
  return () => { model.off("change:value", show); model.off("change:notes", showNotes); };
}
export default { render };
