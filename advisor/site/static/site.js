// advisor adr site: type-ahead search, status and tag filters. Without JavaScript every page still works;
// with it, the search box and the filters appear. The index is a script file (window.adrSearchIndex)
// because browsers refuse fetch() of a local file when the site is opened from file://.
(function () {
  "use strict";
  var indexPromise = null;

  function loadIndex() {
    if (window.adrSearchIndex) return Promise.resolve(window.adrSearchIndex);
    if (!indexPromise) {
      indexPromise = new Promise(function (resolve) {
        var script = document.createElement("script");
        script.src = "search-index.js";
        script.onload = function () { resolve(window.adrSearchIndex || []); };
        script.onerror = function () { resolve([]); };
        document.head.appendChild(script);
      });
    }
    return indexPromise;
  }

  function matches(entry, words) {
    var hay = (entry.i + " " + entry.t + " " + entry.s + " " + entry.d).toLowerCase() + " " + entry.x;
    return words.every(function (w) { return hay.indexOf(w) !== -1; });
  }

  function wordsOf(text) {
    return text.toLowerCase().split(/\s+/).filter(function (w) { return w.length > 0; });
  }

  function showResults(list, entries) {
    list.textContent = "";
    entries.slice(0, 12).forEach(function (entry) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = entry.p;
      link.textContent = entry.i + ": " + entry.t;  // textContent: record text is never parsed as HTML
      var status = document.createElement("span");
      status.className = "badge status-" + entry.s.replace(/[^a-z0-9-]/g, "");
      status.textContent = entry.s;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" "));
      item.appendChild(status);
      list.appendChild(item);
    });
  }

  function setUpSearch() {
    var form = document.querySelector("form.search");
    var input = document.getElementById("search");
    var list = document.getElementById("search-results");
    if (!form || !input || !list) return;
    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.getAttribute("href");
    });
    input.addEventListener("input", function () {
      var words = wordsOf(input.value);
      if (!words.length) { list.textContent = ""; return; }
      loadIndex().then(function (index) {
        showResults(list, index.filter(function (e) { return matches(e, words); }));
      });
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { input.value = ""; list.textContent = ""; }
    });
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
      if (event.key === "/" && !typing) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  function setUpFilters() {
    var filters = document.getElementById("filters");
    var table = document.getElementById("records");
    if (!filters || !table) return;
    filters.hidden = false;
    var text = document.getElementById("filter-text");
    var count = document.getElementById("filter-count");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);

    function apply(byPage) {
      var shown = {};
      Array.prototype.forEach.call(filters.querySelectorAll("input[name=status]"), function (box) {
        shown[box.value] = box.checked;
      });
      var tags = Array.prototype.filter.call(filters.querySelectorAll("input[name=tag]"), function (box) {
        return box.checked;
      }).map(function (box) { return box.value; });
      var visible = 0;
      rows.forEach(function (row) {
        var own = (row.getAttribute("data-tags") || "").split(" ");
        var tagged = !tags.length || tags.some(function (tag) { return own.indexOf(tag) !== -1; });
        var ok = shown[row.getAttribute("data-status")] !== false && tagged &&
          (!byPage || byPage[row.getAttribute("data-page")]);
        row.hidden = !ok;
        if (ok) visible += 1;
      });
      count.textContent = visible + " of " + rows.length + " shown";
    }

    function refresh() {
      var words = wordsOf(text.value);
      if (!words.length) { apply(null); return; }
      loadIndex().then(function (index) {
        var byPage = {};
        index.forEach(function (e) { if (matches(e, words)) byPage[e.p] = true; });
        apply(byPage);
      });
    }

    filters.addEventListener("change", refresh);
    text.addEventListener("input", refresh);
    apply(null);
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpSearch();
    setUpFilters();
  });
})();
