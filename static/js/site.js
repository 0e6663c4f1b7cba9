// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // On a wide screen the listing's filter panel starts open.
  var wide = window.matchMedia("(min-width: 48rem)");
  document.querySelectorAll("details[data-open-wide]").forEach(function (details) {
    if (wide.matches) details.open = true;
  });
  // After a failed form or filter, move focus to the error summary so it is read out.
  var summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
})();
