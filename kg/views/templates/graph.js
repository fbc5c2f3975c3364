// The graph page's script: kg render inlines it, kg serve serves it as /static/graph.js.
(function () {
  "use strict";
  // Data arrives as JSON in non-executed script blocks ("<" is written as \u003c, so nothing in
  // it can close the block) and every tooltip is made a DOM element filled with textContent:
  // article text is never parsed as HTML.
  function readJSON(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }
  function tooltip(text) {
    var element = document.createElement("div");
    element.className = "kg-tooltip";
    element.textContent = text;
    return element;
  }
  function withTooltips(items) {
    for (var i = 0; i < items.length; i++) {
      if (typeof items[i].title === "string") {
        items[i].title = tooltip(items[i].title);
      }
    }
    return items;
  }
  var status = document.getElementById("kg-status");
  var nodes = new vis.DataSet(withTooltips(readJSON("kg-nodes")));
  var edges = new vis.DataSet(withTooltips(readJSON("kg-edges")));
  var options = readJSON("kg-options");
  var container = document.getElementById("kg-network");
  var layoutMs = Number(container.dataset.layoutMs) || 5000;
  // The data goes in after the handlers are on: a small graph can stabilise synchronously.
  var network = new vis.Network(container, {}, options);
  // Laid out and drawn: say so on the page (and to scripts: data-kg-state="ready").
  function ready() {
    network.once("afterDrawing", function () {
      status.textContent = "";
      container.dataset.kgNodes = String(nodes.length);
      container.dataset.kgEdges = String(edges.length);
      container.dataset.kgState = "ready";
    });
    network.redraw();
  }
  if (options.physics && options.physics.enabled && nodes.length > 0) {
    // Stabilise (a bounded number of iterations and seconds), then stop the simulation for good, so a
    // large graph does not keep the CPU busy; dragging a node still moves only that node.
    var started = Date.now();
    network.on("stabilizationProgress", function (params) {
      status.textContent = "Laying out: " + Math.round(100 * params.iterations / params.total) + "%";
      if (Date.now() - started > layoutMs) {
        network.stopSimulation();  // ends stabilising: a large graph is laid out in bounded time
      }
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      ready();
    });
  }
  network.setData({ nodes: nodes, edges: edges });
  if (!(options.physics && options.physics.enabled && nodes.length > 0)) {
    ready();
  }
  // On the explorer's pages a node links to its page: a click on it opens that page.
  var linkBlock = document.getElementById("kg-links");
  if (linkBlock) {
    var links = JSON.parse(linkBlock.textContent);
    network.on("click", function (params) {
      var href = params.nodes.length === 1 ? links[String(params.nodes[0])] : null;
      if (typeof href === "string" && href.charAt(0) === "/") {
        window.location.assign(href);
      }
    });
  }
  window.kgNetwork = network;
})();
