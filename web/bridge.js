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

  // Files for the Import menu (issue 4): the hidden picker of index.html, or a file dropped
  // onto the page. Its bytes go into wasm memory and to phonefleet_file_received at once; the
  // client validates them in slices over the next frames.
  function sendFile(file) {
    if (!ready || !file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var bytes = new Uint8Array(reader.result);
      var name = new TextEncoder().encode(file.name);
      var namePtr = Module._malloc(name.length + 1);
      var dataPtr = Module._malloc(Math.max(bytes.length, 1));
      // Read HEAPU8 after malloc: growing the memory replaces the view.
      Module.HEAPU8.set(name, namePtr);
      Module.HEAPU8[namePtr + name.length] = 0;
      Module.HEAPU8.set(bytes, dataPtr);
      try {
        Module._phonefleet_file_received(namePtr, dataPtr, bytes.length);
      } finally {
        Module._free(namePtr);
        Module._free(dataPtr);
      }
    };
    reader.onerror = function () { console.error("PhoneFleet: cannot read " + file.name); };
    reader.readAsArrayBuffer(file);
  }
  var picker = document.getElementById("import-file");
  if (picker) {
    picker.addEventListener("change", function () {
      if (picker.files && picker.files[0]) sendFile(picker.files[0]);
      picker.value = "";  // choosing the same file again (after fixing it) fires again
    });
  }
  window.addEventListener("dragover", function (event) {
    if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    }
  });
  window.addEventListener("drop", function (event) {
    if (!event.dataTransfer || !event.dataTransfer.files || !event.dataTransfer.files.length) return;
    event.preventDefault();
    sendFile(event.dataTransfer.files[0]);
  });

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
