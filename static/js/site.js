// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // On a wide screen the listing's filter panel and the main menu are open.
  var wide = window.matchMedia("(min-width: 48rem)");
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    if (wide.matches) details.open = true;
    // …and stays open there: its button is only a label when wide (CSS hides it or shows it
    // as a heading), so a click or Enter on it must not hide the content for screen readers.
    var summary = details.querySelector("summary");
    if (summary) {
      summary.addEventListener("click", function (event) {
        if (wide.matches) event.preventDefault();
      });
    }
  });
  // After a failed form or filter, move focus to the error summary so it is read out.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
    // A link in the summary moves focus to its field (or the group's first choice), with
    // the field's label in view; a plain fragment link would only scroll.
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      var field = target.matches("input, select, textarea")
        ? target
        : target.querySelector("input, select, textarea");
      if (!field) return;
      event.preventDefault();
      var details = field.closest("details");
      if (details) details.open = true;
      var label = field.closest("fieldset") || field.closest(".field") || field;
      label.scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }
})();
