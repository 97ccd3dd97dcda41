/* folkmoot: makes each embedded folkmoot frame on this page as tall as what it shows.
   Optional: without it a frame keeps the height its snippet gives it. Each embed page
   tells its height with postMessage. Only a message from this script's own site, sent
   by a frame whose address is in that site's embed/ folder, is believed: no other
   frame on the page (an advert, another widget) can resize itself through it. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var folder = new URL(".", script.src).href; // https://.../embed/
  var origin = new URL(script.src).origin;

  function ours(frame) {
    return typeof frame.src === "string" && frame.src.indexOf(folder) === 0 && frame.src.indexOf("..") === -1;
  }

  addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || typeof data.folkmootEmbed !== "string") return;
    if (typeof data.height !== "number" || !isFinite(data.height)) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source && ours(frames[i])) {
        frames[i].style.height = Math.min(Math.max(Math.ceil(data.height), 80), 4000) + "px";
      }
    }
  });

  // Frames that told their height before this script arrived are asked again.
  function ask() {
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (ours(frames[i]) && frames[i].contentWindow) {
        frames[i].contentWindow.postMessage({ folkmootEmbedAsk: true }, origin);
      }
    }
  }
  ask();
  addEventListener("load", ask);
})();
