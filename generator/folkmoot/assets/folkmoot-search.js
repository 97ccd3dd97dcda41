/* folkmoot: the header search box, answered by Pagefind's chunked index.
   Pagefind (pagefind/pagefind.js) is loaded on the first keystroke, and
   then fetches only the index chunks and result excerpts it needs. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-fm-search]");
  if (!form) return;
  var input = form.querySelector("input");
  var box = document.getElementById("fm-search-results");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var pagefind = null, latest = 0, timer = null;
  /* The words, in the site's language, from the page (see partials/search.html). */
  var words = JSON.parse(form.getAttribute("data-fm-strings") || "{}");
  var plural = new Intl.PluralRules(document.documentElement.lang || "en");
  function counted(forms, n) {
    var text = forms[plural.select(n)] || forms.other || "";
    return text.replace("{n}", n.toLocaleString(document.documentElement.lang || "en"));
  }

  function load() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        /* each result's address asks the page it opens to mark the words searched for */
        pf.options({ baseUrl: root.pathname, highlightParam: "highlight" });
        return pf;
      });
    }
    return pagefind;
  }

  /* The section of the page where the words were found most (a group's notes, an outcome):
     a result opens there, not at the top of a long recap. */
  function bestSection(data) {
    var sections = (data.sub_results || []).filter(function (s) {
      return s.anchor && s.anchor.element !== "h1" && s.locations && s.locations.length;
    });
    sections.sort(function (x, y) { return y.locations.length - x.locations.length; });
    return sections[0] || null;
  }

  function item(data) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    var section = bestSection(data);
    a.href = section ? section.url : data.url;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    var h = document.createElement("h1");
    h.textContent = (data.meta && data.meta.title) || data.url;
    article.append(h);
    if (section) {
      var where = document.createElement("h2");
      where.className = "fm-search-section";
      where.textContent = section.title;
      article.append(where);
    }
    var p = document.createElement("p");
    p.innerHTML = (section || data).excerpt;  /* Pagefind escapes the page text and adds only <mark> */
    article.append(p);
    a.append(article);
    li.append(a);
    return li;
  }

  function search() {
    var query = input.value.trim(), ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      meta.textContent = meta.getAttribute("data-placeholder") || meta.textContent;
      return;
    }
    meta.textContent = words.searching;
    load().then(function (pf) { return pf.search(query); }).then(function (found) {
      if (ticket !== latest) return null;
      return Promise.all(found.results.slice(0, 10).map(function (r) { return r.data(); }))
        .then(function (pages) {
          if (ticket !== latest) return;
          list.replaceChildren.apply(list, pages.map(item));
          var n = found.results.length;
          meta.textContent = n === 0 ? words.none : n > 10 ?
            words.more.replace("{results}", counted(words.count, n)) : counted(words.count, n);
        });
    }).catch(function () {
      meta.textContent = words.unavailable;
    });
  }

  /* Opened from a result: mark the words searched for, with Pagefind's own highlighter. */
  if (new URLSearchParams(location.search).has("highlight")) {
    import(new URL("pagefind/pagefind-highlight.js", root).href).then(function (module) {
      new module.default({ highlightParam: "highlight", markContext: "article.md-content__inner", addStyles: false });
    }).catch(function () { /* a copy of the site without search: the page reads as it is */ });
  }

  meta.setAttribute("data-placeholder", meta.textContent);
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    search();
  });
  /* The theme shows the results panel while its #__search checkbox is
     checked; its own search would tick it, so we do: on focus, and the
     magnifier or "/" opens it and focuses the box; Escape closes it. */
  var toggle = document.getElementById("__search");
  if (toggle) {
    input.addEventListener("focus", function () { toggle.checked = true; });
    toggle.addEventListener("change", function () {
      if (toggle.checked) setTimeout(function () { input.focus(); }, 50);
    });
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (event.key === "Escape" && toggle.checked) {
        toggle.checked = false;
        input.blur();
      } else if ((event.key === "/" || event.key === "s") && !typing && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        toggle.checked = true;
        input.focus();
      }
    });
  }
})();
