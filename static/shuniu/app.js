// Shuniu's only script: small behaviours wired by data attributes (CSP forbids inline scripts).
document.addEventListener("click", function (event) {
  const target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.getAttribute("data-confirm"))) {
    event.preventDefault();
  }
});

// Operator console: Ctrl+Enter submits a form marked data-submit-on-ctrl-enter.
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
    const form = event.target.closest("form[data-submit-on-ctrl-enter]");
    if (form) {
      event.preventDefault();
      form.requestSubmit();
    }
  }
});

// A suggested unit button fills the "dispatch to" select with that unit.
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-choose-unit]");
  if (!button) { return; }
  const select = document.getElementById("id_dispatch_to");
  if (!select) { return; }
  const name = button.getAttribute("data-choose-unit");
  for (const option of select.options) {
    if (option.text === name) { select.value = option.value; }
  }
});

// Pickers: a <select data-picker> becomes a searchable Tom Select (vendored); unit lists keep their tree indent.
// A search matches a name that contains it, or whose characters it follows in order: "住建" finds
// 县住房和城乡建设局 and "发改" 县发展和改革局, as office staff abbreviate.
function pickerScore(fields) {
  return function (search) {
    const query = search.replace(/\s+/g, "");
    return function (item) {
      if (!query) { return 1; }
      let best = 0;
      for (const field of fields) {
        const text = String(item[field] || "");
        if (text.indexOf(query) >= 0) { return 2; }
        let at = 0;
        for (const ch of text) { if (ch === query[at]) { at += 1; if (at === query.length) { break; } } }
        if (at === query.length) { best = 1; }
      }
      return best;
    };
  };
}

document.addEventListener("DOMContentLoaded", function () {
  if (typeof TomSelect === "undefined") { return; }
  document.querySelectorAll("select[data-picker]").forEach(function (select) {
    const many = select.multiple;
    const category = select.getAttribute("data-picker") === "category";
    new TomSelect(select, {
      plugins: many ? ["remove_button"] : [],
      placeholder: select.getAttribute("data-placeholder") || "",
      allowEmptyOption: !many,
      maxOptions: 500,
      // Categories are found by their keywords too (暖气 → 供暖燃气); units and people by name.
      searchField: category ? ["text", "keywords"] : ["text"],
      score: pickerScore(category ? ["text", "keywords"] : ["text"]),
      render: {
        no_results: function () {
          const div = document.createElement("div");
          div.className = "no-results";
          div.textContent = document.body.getAttribute("data-no-match") || "—";
          return div;
        },
      },
    });
  });
});

// "添加一行" in a formset table: clone the <template> row with the next form index.
document.addEventListener("click", function (event) {
  const button = event.target.closest("[data-add-row]");
  if (!button) { return; }
  const prefix = button.getAttribute("data-prefix");
  const total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
  const body = document.querySelector("#" + button.getAttribute("data-add-row") + " tbody");
  const template = document.getElementById("milestone-empty");
  if (!total || !body || !template) { return; }
  const index = parseInt(total.value, 10);
  body.insertAdjacentHTML("beforeend", template.innerHTML.replace(/__prefix__/g, String(index)));
  total.value = String(index + 1);
});

// A print button: the print stylesheet hides the menu bar, filters and buttons.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) { window.print(); }
});
