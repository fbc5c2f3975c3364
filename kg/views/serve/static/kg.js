// kg explorer: a little script on server-rendered pages (every page works without it).
// Search suggestions, sortable result tables, Ctrl+Enter in the SPARQL editor. Text from the
// graph is only ever set with textContent, never as HTML.
(function () {
  "use strict";

  function suggest(input) {
    var form = input.form;
    var list = form.querySelector(".kg-suggestions");
    if (!list) {
      list = document.createElement("ul");
      list.className = "kg-suggestions";
      list.setAttribute("role", "listbox");
      list.hidden = true;
      form.appendChild(list);
    }
    var timer = null, asked = "", active = -1;
    function show(hits) {
      list.textContent = "";
      active = -1;
      hits.forEach(function (hit) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = hit.href;
        link.textContent = hit.label;
        var note = document.createElement("span");
        note.className = "kg-muted";
        note.textContent = " " + hit.type + " · " + hit.mentions + " mentions" + (hit.name !== hit.label ? " · as “" + hit.name + "”" : "");
        item.appendChild(link);
        item.appendChild(note);
        list.appendChild(item);
      });
      list.hidden = hits.length === 0;
    }
    function ask() {
      var q = input.value.trim();
      if (q === asked) { return; }
      asked = q;
      if (!q) { show([]); return; }
      fetch("/search.json?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { hits: [] }; })
        .then(function (answer) { if (answer.query.trim() === input.value.trim()) { show(answer.hits); } })
        .catch(function () { show([]); });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, 120);
    });
    input.addEventListener("keydown", function (event) {
      var items = list.querySelectorAll("a");
      if (list.hidden || !items.length) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        active = (active + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items.forEach(function (a, i) { a.classList.toggle("kg-active", i === active); });
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].href);
      } else if (event.key === "Escape") {
        list.hidden = true;
      }
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) { list.hidden = true; }
    });
  }

  function sortable(table) {
    var body = table.tBodies[0];
    table.querySelectorAll("button.kg-sort").forEach(function (button) {
      button.addEventListener("click", function () {
        var column = Number(button.dataset.column);
        var descending = button.dataset.order === "asc";
        table.querySelectorAll("button.kg-sort").forEach(function (b) { delete b.dataset.order; });
        button.dataset.order = descending ? "desc" : "asc";
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[column];
          if (!cell) { return ""; }
          if (cell.dataset.sort !== undefined) { return Number(cell.dataset.sort); }
          return cell.textContent.trim().toLowerCase();
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var order = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y));
          return descending ? -order : order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  }

  document.querySelectorAll(".kg-search input[type=search]").forEach(suggest);
  document.querySelectorAll("table.kg-sortable").forEach(sortable);
  var editor = document.getElementById("kg-sparql");
  if (editor) {
    editor.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        editor.form.submit();
      }
    });
  }
})();
