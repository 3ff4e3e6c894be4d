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
