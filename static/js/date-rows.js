// Progressive enhancement of the staff form's date rows: ticking «Hele dagen» turns the row's
// start and end into date inputs (only the dates count), unticking turns them back into date
// and time inputs. The value is kept: the date part is carried over, and a time typed before is
// given back. The server takes either shape (events/forms/occurrence.py); without this file the
// form works the same.
(function () {
  "use strict";
  var DATE = /^\d{4}-\d{2}-\d{2}/;

  function toDate(input) {
    if (input.type === "date") return;
    var value = input.value;
    if (value.length > 10) input.dataset.time = value.slice(10);
    input.type = "date";
    input.value = DATE.test(value) ? value.slice(0, 10) : "";
  }

  function toDateTime(input) {
    if (input.type === "datetime-local") return;
    var value = input.value;
    input.type = "datetime-local";
    if (DATE.test(value)) input.value = value.slice(0, 10) + (input.dataset.time || "T00:00");
  }

  document.querySelectorAll(".date-row").forEach(function (row) {
    var allDay = row.querySelector('input[type="checkbox"][name$="-all_day"]');
    if (!allDay) return;
    var inputs = row.querySelectorAll('input[name$="-start"], input[name$="-end"]');
    function apply() {
      inputs.forEach(allDay.checked ? toDate : toDateTime);
    }
    allDay.addEventListener("change", apply);
    apply();
  });
})();
