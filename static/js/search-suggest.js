/* Suggestions while typing in a search box (input[data-suggest]): the ARIA 1.2 combobox
   pattern with a list box (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/).
   Progressive enhancement: without this file the box is a plain search field.
   Keys: Down/Up move through the suggestions, Enter opens the chosen one (or searches),
   Escape closes the list (a second Escape clears the box). Suggestions come from
   <listing>/forslag.json?q=..., asked 200 ms after the last key press. */
(function () {
  "use strict";
  var DELAY = 200;
  var counter = 0;

  function setUp(input) {
    var form = input.form;
    if (!form || !window.fetch) return;
    var id = "suggest-" + (++counter);
    var url = new URL("forslag.json", form.action).toString();
    var list = document.createElement("ul");
    var status = document.createElement("p");
    var wrapper = document.createElement("div");
    var timer = null;
    var request = null;
    var options = [];
    var active = -1;

    wrapper.className = "suggest";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    list.id = id + "-list";
    list.className = "suggest__list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    wrapper.appendChild(list);
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("autocomplete", "off");

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    // The list may be wider than the box (CSS), up to the viewport's right edge less 0.5rem.
    function openList() {
      var room = document.documentElement.clientWidth - wrapper.getBoundingClientRect().left;
      list.style.setProperty("--suggest-room", Math.max(room - 8, 0) + "px");
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function choose(index) {
      options.forEach(function (option, i) {
        option.element.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index < 0) {
        input.removeAttribute("aria-activedescendant");
        return;
      }
      input.setAttribute("aria-activedescendant", options[index].element.id);
      options[index].element.scrollIntoView({ block: "nearest" });
    }

    function show(data) {
      list.textContent = "";
      options = [];
      list.setAttribute("aria-label", data.label);
      // Places first: few, and what a name typed from its start most often means.
      ["municipalities", "venues", "events"].forEach(function (kind) {
        (data[kind] || []).forEach(function (row) {
          var item = document.createElement("li");
          var label = document.createElement("span");
          var note = document.createElement("span");
          item.id = id + "-option-" + options.length;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          item.className = "suggest__option";
          label.textContent = row.label;
          note.className = "suggest__kind";
          // Where it is: an event's or a venue's municipality.
          note.textContent = data.kinds[kind] + (row.place || row.group ? " · " + (row.place || row.group) : "");
          item.appendChild(label);
          item.appendChild(document.createTextNode(" "));
          item.appendChild(note);
          item.addEventListener("mousedown", function (event) {
            event.preventDefault(); // keep the focus in the box
          });
          item.addEventListener("click", function () {
            window.location.assign(row.url);
          });
          list.appendChild(item);
          options.push({ element: item, url: row.url });
        });
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!options.length) {
        close();
        status.textContent = input.value.trim().length > 1 ? data.none : "";
        return;
      }
      openList();
      status.textContent = data.count;
    }

    function ask() {
      var text = input.value.trim();
      if (text.length < 2) {
        close();
        return;
      }
      if (request) request.abort();
      request = new AbortController();
      fetch(url + "?q=" + encodeURIComponent(text), {
        signal: request.signal,
        credentials: "same-origin",
        headers: { Accept: "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && document.activeElement === input) show(data); })
        .catch(function () { /* aborted or offline: the plain search still works */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open && options.length) openList();
        if (options.length) choose((active + 1) % options.length);
      } else if (event.key === "ArrowUp") {
        if (!open || !options.length) return;
        event.preventDefault();
        choose(active <= 0 ? options.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          window.location.assign(options[active].url);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        } else if (input.value) {
          event.preventDefault();
          input.value = "";
        }
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-suggest]").forEach(setUp);
})();
