// Inside the embedded list: tell the page around the <iframe> how tall the list is, so that
// it can size the frame (static/js/embed-host.js does that).
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = 0;
  function post() {
    var height = Math.ceil(document.documentElement.scrollHeight);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "kulturmetropolen:height", height: height }, "*");
  }
  window.addEventListener("load", post);
  window.addEventListener("resize", post);
  if ("ResizeObserver" in window) new ResizeObserver(post).observe(document.body);
  post();
})();
