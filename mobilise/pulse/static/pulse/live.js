// Ask for a fresh response rate every 30 seconds, only while the page is on screen.
// Without JavaScript the page still works: it has a link to load the rate again.
(function () {
  "use strict";
  var PERIOD = 30000;
  function refresh() {
    if (document.visibilityState !== "visible" || !window.htmx) {
      return;
    }
    document.querySelectorAll("[data-pulse-live]").forEach(function (el) {
      window.htmx.trigger(el, "pulse:refresh");
    });
  }
  window.setInterval(refresh, PERIOD);
  document.addEventListener("visibilitychange", refresh);
})();
