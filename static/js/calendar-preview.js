// The calendar page (templates/imports/staff/source_form.html): after «Prøv», move focus to
// the preview so it is read out and in view; an error summary takes focus instead (site.js).
(function () {
  "use strict";
  var preview = document.getElementById("preview");
  if (preview && !document.querySelector(".error-summary")) preview.focus();
})();
