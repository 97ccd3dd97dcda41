/* folkmoot: makes each embedded folkmoot frame on this page as tall as what it shows.
   Optional: without it a frame keeps the height its snippet gives it. Each embed page
   tells its height with postMessage; only a frame's own page is believed. */
(function () {
  "use strict";
  addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data.folkmootEmbed !== "string" || typeof data.height !== "number") return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(Math.max(Math.ceil(data.height), 80), 4000) + "px";
      }
    }
  });
})();
