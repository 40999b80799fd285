// The page side of the client: the Emscripten Module settings and window.phonefleet, which
// tests and assistive tools use to know what the ImGui canvas shows (SPEC 4b).
"use strict";

var Module = {
  canvas: document.getElementById("canvas"),
  print: function (text) { console.log(text); },
  printErr: function (text) { console.error(text); },
};

(function () {
  var ready = false;
  var previousInit = Module.onRuntimeInitialized;
  Module.onRuntimeInitialized = function () {
    ready = true;
    if (previousInit) previousInit();
  };

  // A C string from an exported function, copied into JS at once.
  function call(name) {
    if (!ready) return null;
    return Module.UTF8ToString(Module["_" + name]());
  }

  window.phonefleet = {
    // Current screen: "login", "devices"; null until the client runs.
    view: function () { return call("phonefleet_view"); },
    // What the last frame drew: [{label, role, x, y, w, h, enabled}] in CSS pixels of the page.
    widgets: function () {
      var json = call("phonefleet_widgets_json");
      if (!json) return [];
      var offset = Module.canvas.getBoundingClientRect();
      return JSON.parse(json).map(function (w) {
        w.x += offset.left;
        w.y += offset.top;
        return w;
      });
    },
  };

  // Say what happened instead of showing a frozen canvas.
  Module.canvas.addEventListener("webglcontextlost", function (event) {
    event.preventDefault();
    var loading = document.getElementById("loading");
    loading.textContent = "PhoneFleet: WebGL context lost. Reload the page.";
    loading.hidden = false;
  });
  window.addEventListener("error", function () {
    var loading = document.getElementById("loading");
    if (loading && !loading.hidden) loading.textContent = "PhoneFleet could not start.";
  });
})();
