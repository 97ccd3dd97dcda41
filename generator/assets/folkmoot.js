/* folkmoot: small progressive enhancements. Without JavaScript every page
   still works: the video falls back to a plain link, the filter stays hidden. */
(function () {
  "use strict";

  /* Recap video: nothing is requested from the video host until the reader
     presses play; then the player replaces the notice. */
  function setUpVideo(box) {
    var button = box.querySelector(".fm-video__play");
    if (!button) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = box.getAttribute("data-embed");
      frame.title = box.getAttribute("data-title") || "Recap video";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.setAttribute("allowfullscreen", "");
      frame.className = "fm-video__frame";
      box.replaceChildren(frame);
      frame.focus();
    });
  }

  /* Outcomes tracker: show only the rows with the chosen status. */
  function setUpFilter(box) {
    var select = box.querySelector("select");
    var table = document.getElementById(select.getAttribute("data-target"));
    var count = box.querySelector(".fm-filter__count");
    if (!table) return;
    box.hidden = false;
    function apply() {
      var rows = table.tBodies[0].rows, shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var match = !select.value || rows[i].getAttribute("data-status") === select.value;
        rows[i].hidden = !match;
        if (match) shown++;
      }
      count.textContent = shown + (shown === 1 ? " outcome" : " outcomes") + " shown";
    }
    select.addEventListener("change", apply);
    apply();
  }

  function init() {
    document.querySelectorAll(".fm-video").forEach(setUpVideo);
    document.querySelectorAll(".fm-filter").forEach(setUpFilter);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
