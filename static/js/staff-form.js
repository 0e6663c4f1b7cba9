// Progressive enhancement of the staff event form: after the first click on a button that
// sends the form, that button says it is working and further clicks send nothing. The
// server refuses a second event anyway (the form's one-time token); this only spares the
// person the doubt. Without this file the form works the same.
(function () {
  "use strict";
  document.querySelectorAll("form[data-busy-label]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.busy) {
        event.preventDefault();
        return;
      }
      form.dataset.busy = "1";
      var button = event.submitter;
      if (!button) return;
      // Not disabled: a disabled button's name and value would not be sent.
      button.setAttribute("aria-disabled", "true");
      button.classList.add("button--busy");
      button.dataset.label = button.textContent;
      button.textContent = form.dataset.busyLabel;
    });
    // Back from the next page (bfcache): the form can be used again.
    window.addEventListener("pageshow", function () {
      delete form.dataset.busy;
      form.querySelectorAll(".button--busy").forEach(function (button) {
        button.removeAttribute("aria-disabled");
        button.classList.remove("button--busy");
        button.textContent = button.dataset.label;
      });
    });
  });
})();
