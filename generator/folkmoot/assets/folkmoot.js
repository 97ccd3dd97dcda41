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

  /* "Prepare photos to upload": each chosen photo is decoded by the browser (turned
     upright from its orientation tag), drawn at most 1,600 pixels across and encoded
     afresh, which leaves behind everything but the pixels: place, time, phone,
     serial number. Nothing is uploaded; the copies are offered as downloads. */
  var MAX_SIDE = 1600;  // the widest copy the site publishes (folkmoot.records.photo_privacy.CLEAN_SIDE)

  function prepared(file) {
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      bitmap.close();
      var png = file.type === "image/png";
      return new Promise(function (resolve, reject) {
        canvas.toBlob(function (blob) {
          if (blob) resolve({ blob: blob, width: canvas.width, height: canvas.height, png: png });
          else reject(new Error("encode"));
        }, png ? "image/png" : "image/jpeg", 0.85);
      });
    });
  }

  function setUpPhotoPrep(box) {
    var input = box.querySelector("input[type=file]");
    var status = box.querySelector(".fm-photo-prep__status");
    var list = box.querySelector(".fm-photo-prep__list");
    box.hidden = false;
    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files);
      list.replaceChildren();
      status.textContent = "Making " + files.length + " safe " + (files.length === 1 ? "copy" : "copies") + "…";
      var done = 0;
      files.forEach(function (file) {
        var item = document.createElement("li");
        list.appendChild(item);
        prepared(file).then(function (made) {
          var name = file.name.replace(/\.[^.]*$/, "") + "-safe" + (made.png ? ".png" : ".jpg");
          var link = document.createElement("a");
          link.href = URL.createObjectURL(made.blob);
          link.download = name;
          link.className = "md-button fm-photo-prep__save";
          link.textContent = "Save " + name + " (" + made.width + " × " + made.height + " pixels, " +
            (made.blob.size / 1e6).toFixed(1) + " MB)";
          var preview = document.createElement("img");
          preview.src = link.href;
          preview.alt = "";
          preview.className = "fm-photo-prep__preview";
          item.replaceChildren(preview, link);
        }).catch(function () {
          item.textContent = file.name + ": this browser cannot open it. Save it as JPEG first (an iPhone's HEIC " +
            "photo: see below).";
        }).finally(function () {
          done++;
          if (done === files.length) status.textContent = "Done: save each copy below, then upload the copies.";
        });
      });
    });
  }

  /* A button that copies a text box's contents (the digest's HTML or text), shown only
     where the browser can copy. */
  function setUpCopy(button) {
    var source = document.getElementById(button.getAttribute("data-fm-copy"));
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.value).then(function () {
        button.textContent = "\u2713 " + label;
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  }

  function init() {
    document.querySelectorAll("[data-fm-copy]").forEach(setUpCopy);
    document.querySelectorAll(".fm-video").forEach(setUpVideo);
    document.querySelectorAll(".fm-filter").forEach(setUpFilter);
    document.querySelectorAll("[data-fm-photo-prep]").forEach(setUpPhotoPrep);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
