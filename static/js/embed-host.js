// On the page that embeds Kulturmetropolen's list: give each list's <iframe> the height the
// list reports. Only messages from the frames' own origin are used.
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "kulturmetropolen:height") return;
    var height = Number(data.height);
    if (!isFinite(height) || height < 50 || height > 20000) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      if (frame.contentWindow !== event.source) continue;
      if (new URL(frame.src, document.baseURI).origin !== event.origin) return;
      frame.style.height = height + "px";
    }
  });
})();
