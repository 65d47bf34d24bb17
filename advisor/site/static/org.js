// advisor org site: filter the service x decision matrix by owner, decision and value. Without JavaScript
// every service is listed and the filters stay hidden. Values are read from the table's own cells, so the
// script never parses record text as HTML.
(function () {
  "use strict";

  function setUpMatrix() {
    var form = document.getElementById("matrix-filters");
    var table = document.getElementById("matrix");
    if (!form || !table) return;
    form.hidden = false;
    var owner = document.getElementById("filter-owner");
    var decision = document.getElementById("filter-decision");
    var value = document.getElementById("filter-value");
    var count = document.getElementById("matrix-count");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);

    function cell(row, key) {
      return row.querySelector('td[data-key="' + key.replace(/["\\]/g, "") + '"]');
    }

    function fillValues() {
      var key = decision.value;
      var seen = {};
      value.textContent = "";
      var any = document.createElement("option");
      any.value = "";
      any.textContent = "any value";
      value.appendChild(any);
      if (!key) { value.disabled = true; return; }
      rows.forEach(function (row) {
        var found = cell(row, key);
        var text = found ? found.getAttribute("data-value") : "";
        if (text) seen[text] = true;
      });
      Object.keys(seen).sort().forEach(function (text) {
        var option = document.createElement("option");
        option.value = text;
        option.textContent = text;  // textContent: a value from a record is never parsed as HTML
        value.appendChild(option);
      });
      value.disabled = false;
    }

    function apply() {
      var shown = 0;
      rows.forEach(function (row) {
        var ok = !owner.value || row.getAttribute("data-owner") === owner.value;
        if (ok && decision.value && value.value) {
          var found = cell(row, decision.value);
          ok = !!found && found.getAttribute("data-value") === value.value;
        }
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown + " of " + rows.length + " shown";
    }

    owner.addEventListener("change", apply);
    decision.addEventListener("change", function () { fillValues(); apply(); });
    value.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    fillValues();
    apply();
  }

  document.addEventListener("DOMContentLoaded", setUpMatrix);
})();
