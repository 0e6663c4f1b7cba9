// The event page's share control, progressive enhancement: without this file the page shows
// the address in a read-only field. With it, "Copy link" copies the address, and where the
// browser has the Web Share API (navigator.share, mostly phones) "Share" opens its share sheet.
(function () {
  "use strict";
  document.querySelectorAll("[data-share]").forEach(function (box) {
    var field = box.querySelector("input");
    var status = box.querySelector("[data-share-status]");
    var copy = box.querySelector("[data-share-copy]");
    var share = box.querySelector("[data-share-native]");
    if (!field || !status) return;
    var url = field.value;

    function say(text) {
      status.textContent = "";
      // A new text node each time, so that the same message is read out again.
      window.setTimeout(function () { status.textContent = text; }, 50);
    }

    function copyFromField() {
      field.focus();
      field.select();
      var done = false;
      try {
        done = document.execCommand("copy");
      } catch (error) {
        done = false;
      }
      say(done ? box.dataset.copied : box.dataset.copyFailed);
    }

    field.addEventListener("focus", function () { field.select(); });

    if (copy) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(url).then(function () {
            say(box.dataset.copied);
          }, copyFromField);
        } else {
          copyFromField();
        }
      });
    }

    if (share && typeof navigator.share === "function") {
      share.hidden = false;
      share.addEventListener("click", function () {
        navigator.share({ title: box.dataset.title, url: url }).catch(function () {
          // Closed without sharing: nothing to say.
        });
      });
    }
  });
})();
