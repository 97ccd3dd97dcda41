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
      frame.title = box.getAttribute("data-title");
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.setAttribute("allowfullscreen", "");
      frame.className = "fm-video__frame";
      box.replaceChildren(frame);
      frame.focus();
    });
  }

  /* Outcomes tracker: show only the rows sent to the chosen body, on the chosen
     theme, with the chosen progress. The choice is kept in the address
     (?body=...&theme=...&status=...), so a filtered list can be shared. */
  function setUpFilter(box) {
    var table = document.getElementById(box.getAttribute("data-target"));
    var selects = box.querySelectorAll("select");
    var count = box.querySelector(".fm-filter__count");
    /* "3 outcomes shown" in each plural form of the site's language (from the template). */
    var forms = JSON.parse(box.getAttribute("data-count") || "{}");
    var lang = document.documentElement.lang || "en";
    var plural = new Intl.PluralRules(lang);
    if (!table) return;
    box.hidden = false;
    var params = new URLSearchParams(window.location.search);
    selects.forEach(function (select) {
      var wanted = params.get(select.name);
      if (wanted && select.querySelector('option[value="' + CSS.escape(wanted) + '"]')) select.value = wanted;
    });
    function matches(row, select) {
      if (!select.value) return true;
      var value = row.getAttribute(select.getAttribute("data-attr")) || "";
      return value.charAt(0) === "|" ? value.indexOf("|" + select.value + "|") !== -1 : value === select.value;
    }
    function apply() {
      var rows = table.tBodies[0].rows, shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var match = Array.prototype.every.call(selects, function (s) { return matches(rows[i], s); });
        rows[i].hidden = !match;
        if (match) shown++;
      }
      count.textContent = (forms[plural.select(shown)] || forms.other || "{n}").replace("{n}", shown.toLocaleString(lang));
      var query = new URLSearchParams();
      selects.forEach(function (s) { if (s.value) query.set(s.name, s.value); });
      var text = query.toString();
      history.replaceState(null, "", window.location.pathname + (text ? "?" + text : "") + window.location.hash);
    }
    box.addEventListener("change", apply);
    box.addEventListener("submit", function (event) { event.preventDefault(); });
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
