// advisor adr site: Mermaid code blocks drawn as diagrams, with the vendored Mermaid build (mermaid.min.js),
// offline. Without JavaScript the code block stays as written. The source reaches Mermaid as text
// (textContent, never HTML) and securityLevel "strict" encodes HTML in labels and turns click callbacks off.
// A diagram is drawn once it is on screen: Mermaid measures its labels, which a hidden section (the
// single-file site shows one page at a time) cannot give.
(function () {
  "use strict";
  var waiting = [];

  function prepare() {
    var blocks = document.querySelectorAll("pre > code.language-mermaid");
    if (!blocks.length || !window.mermaid) return;
    window.mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      htmlLabels: false,
      flowchart: { htmlLabels: false },
      theme: window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "default",
    });
    Array.prototype.forEach.call(blocks, function (code) {
      var pre = code.parentNode;
      var figure = document.createElement("div");
      figure.className = "diagram mermaid";
      figure.setAttribute("role", "img");
      figure.setAttribute("aria-label", "Diagram (its source follows)");
      figure.textContent = code.textContent;
      pre.parentNode.insertBefore(figure, pre);
      var details = document.createElement("details");
      var summary = document.createElement("summary");
      summary.textContent = "Diagram source";
      pre.parentNode.insertBefore(details, pre);
      details.appendChild(summary);
      details.appendChild(pre);
      waiting.push(figure);
    });
  }

  function drawVisible() {
    var now = waiting.filter(function (figure) { return figure.getClientRects().length > 0; });
    if (!now.length) return;
    waiting = waiting.filter(function (figure) { return now.indexOf(figure) === -1; });
    window.mermaid.run({ nodes: now, suppressErrors: true }).then(function () {
      now.forEach(function (figure) {
        if (figure.querySelector("svg")) figure.setAttribute("data-drawn", "true");
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    prepare();
    drawVisible();
  });
  window.addEventListener("load", drawVisible);
  window.addEventListener("hashchange", drawVisible);
})();
