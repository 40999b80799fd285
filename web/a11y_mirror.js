// The accessible mirror of the canvas (issue 20). Dear ImGui draws pixels: a screen reader finds
// nothing in a canvas. This keeps, beside it, plain elements made from what the client's last
// frame drew (window.phonefleet.widgets(), the registry the tests use too): headings, tabs,
// buttons, menu items, fields, texts and table rows with their cells, each with its role and
// name, grouped by dialog. Pressing one of them (a screen reader's default action, Enter on a
// focused button) clicks the same place of the canvas through the client's input queue, so it
// does exactly what a mouse click does. Fields hand the focus to the canvas, where typing goes.
"use strict";

(function () {
  var mirror = document.getElementById("a11y-mirror");
  if (!mirror || !window.phonefleet) return;
  var PERIOD_MS = 250;  // a screen reader reads at human speed: four refreshes a second suffice
  var lastShape = "";
  var rects = [];       // the widget under each mirrored control, by index, kept current

  function clickAt(index) {
    var w = rects[index];
    if (!w || !Module._phonefleet_click_at) return;
    var canvas = Module.canvas.getBoundingClientRect();
    Module._phonefleet_click_at(w.x - canvas.left + w.w / 2, w.y - canvas.top + w.h / 2);
  }

  function control(w, index) {
    var el;
    switch (w.role) {
      case "heading":
        el = document.createElement("h2");
        el.textContent = w.label;
        return el;
      case "button": case "tab": case "menu-item": case "combo": case "checkbox":
        el = document.createElement("button");
        el.type = "button";
        if (w.role === "tab") el.setAttribute("role", "tab");
        if (w.role === "menu-item") el.setAttribute("role", "menuitem");
        if (w.role === "combo") el.setAttribute("aria-haspopup", "listbox");
        el.textContent = w.value ? w.label + ": " + w.value : w.label;
        if (!w.enabled) el.setAttribute("aria-disabled", "true");
        el.addEventListener("click", function () { if (w.enabled) clickAt(index); });
        return el;
      case "input":
        el = document.createElement("input");
        el.type = "text";
        el.setAttribute("aria-label", w.label);
        if (!w.enabled) el.setAttribute("aria-disabled", "true");
        // The field itself is in the canvas: focus goes there, with the field clicked.
        el.addEventListener("focus", function () { clickAt(index); Module.canvas.focus(); });
        return el;
      default:  // text, cell, column-header, progress, notification, spinner, tooltip
        el = document.createElement("span");
        el.textContent = w.label + " ";
        if (w.role === "notification") el.setAttribute("role", "status");
        if (w.role === "progress") el.setAttribute("role", "progressbar");
        return el;
    }
  }

  // One table per run of row-keyed widgets: a row per key, a cell per widget of that key.
  function build(widgets) {
    var root = document.createDocumentFragment();
    var groups = {};     // dialog title -> container
    var tables = {};     // dialog title -> {table, rows: key -> row element}
    var containerOf = function (dialog) {
      var key = dialog || "";
      if (!groups[key]) {
        var g = document.createElement("div");
        if (dialog) { g.setAttribute("role", "dialog"); g.setAttribute("aria-label", dialog); }
        else g.setAttribute("role", "main");
        groups[key] = g;
        root.appendChild(g);
      }
      return groups[key];
    };
    widgets.forEach(function (w, index) {
      var container = containerOf(w.dialog);
      var el = control(w, index);
      if (w.role === "column-header") {
        var t = tableOf(w.dialog, container);
        if (!t.head) {
          t.head = document.createElement("div");
          t.head.setAttribute("role", "row");
          t.table.insertBefore(t.head, t.table.firstChild);
        }
        el.setAttribute("role", "columnheader");
        t.head.appendChild(el);
      } else if (w.row && w.role !== "heading") {
        var tb = tableOf(w.dialog, container);
        var row = tb.rows[w.row];
        if (!row) {
          row = tb.rows[w.row] = document.createElement("div");
          row.setAttribute("role", "row");
          row.setAttribute("aria-label", w.row);
          tb.table.appendChild(row);
        }
        var cell = document.createElement("div");
        cell.setAttribute("role", "cell");
        cell.appendChild(el);
        row.appendChild(cell);
      } else {
        container.appendChild(el);
      }
    });
    function tableOf(dialog, container) {
      var key = dialog || "";
      if (!tables[key]) {
        var table = document.createElement("div");
        table.setAttribute("role", "table");
        container.appendChild(table);
        tables[key] = { table: table, rows: {} };
      }
      return tables[key];
    }
    return root;
  }

  function refresh() {
    var widgets;
    try { widgets = window.phonefleet.widgets(); } catch (e) { return; }
    rects = widgets;
    // Rebuilt only when what a person can read or do changed, not when things merely moved:
    // a screen reader keeps its place while the list scrolls.
    var shape = JSON.stringify(widgets.map(function (w) {
      return [w.role, w.label, w.value || "", w.enabled, w.dialog || "", w.row || ""];
    }));
    if (shape === lastShape) return;
    lastShape = shape;
    var focused = document.activeElement && mirror.contains(document.activeElement)
      ? document.activeElement.textContent : null;
    mirror.replaceChildren(build(widgets));
    if (focused) {  // the same control keeps the focus across a rebuild
      var again = Array.prototype.find.call(mirror.querySelectorAll("button"), function (b) { return b.textContent === focused; });
      if (again) again.focus();
    }
  }
  setInterval(refresh, PERIOD_MS);
})();
