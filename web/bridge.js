// The page side of the client: the Emscripten Module settings and window.phonefleet, which
// tests and assistive tools use to know what the ImGui canvas shows (SPEC 4b).
"use strict";

var Module = {
  canvas: document.getElementById("canvas"),
  print: function (text) { console.log(text); },
  printErr: function (text) { console.error(text); },
};

// Dear ImGui 1.86's OpenGL3 backend reads the scissor box and six blend values back at every
// frame, to restore them for a host application (there is none here). In Chromium each of those
// getParameter calls is a synchronous round trip to the GPU process, which first runs every
// command queued before it: the previous frame's drawing. Under software GL that held our frame
// callback for the whole GPU frame (p50 71 ms of an 83-ms frame, bench/scroll_bench.sh). The
// context of our canvas keeps these values as they are set and answers them itself; the first
// read of each still asks the GPU process, once.
// On unless the page sets window.phonefleetGlStateShadow = false before this script (the
// scroll bench measures both).
(function () {
  if (window.phonefleetGlStateShadow === false) return;
  var canvas = document.getElementById("canvas");
  var getContext = canvas.getContext;
  canvas.getContext = function (type, attributes) {
    var gl = getContext.call(this, type, attributes);
    if (gl && (type === "webgl2" || type === "webgl") && !gl.phonefleetStateShadow) shadowState(gl);
    return gl;
  };
  canvas.addEventListener("webglcontextlost", function () {
    var gl = canvas.phonefleetContext;
    if (gl) gl.phonefleetStateShadow = {};  // a restored context starts from the defaults
  });

  function shadowState(gl) {
    var SCISSOR_BOX = gl.SCISSOR_BOX;
    var shadowed = [SCISSOR_BOX, gl.BLEND_SRC_RGB, gl.BLEND_DST_RGB, gl.BLEND_SRC_ALPHA, gl.BLEND_DST_ALPHA,
      gl.BLEND_EQUATION_RGB, gl.BLEND_EQUATION_ALPHA];
    gl.phonefleetStateShadow = {};
    canvas.phonefleetContext = gl;
    var known = function () { return gl.phonefleetStateShadow; };
    var getParameter = gl.getParameter;
    gl.getParameter = function (name) {
      if (shadowed.indexOf(name) < 0) return getParameter.call(gl, name);
      var values = known();
      if (!(name in values)) values[name] = getParameter.call(gl, name);
      var value = values[name];
      return value instanceof Int32Array ? new Int32Array(value) : value;  // callers may keep it
    };
    // Each setter records what GL then holds. Arguments GL may refuse (a call GL refuses changes
    // nothing) forget the values instead: the next read asks GL again.
    var FACTORS = [gl.ZERO, gl.ONE, gl.SRC_COLOR, gl.ONE_MINUS_SRC_COLOR, gl.DST_COLOR, gl.ONE_MINUS_DST_COLOR,
      gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.DST_ALPHA, gl.ONE_MINUS_DST_ALPHA];
    var EQUATIONS = [gl.FUNC_ADD, gl.FUNC_SUBTRACT, gl.FUNC_REVERSE_SUBTRACT];
    var wrap = function (setter, record) {
      var real = gl[setter];
      gl[setter] = function () {
        real.apply(gl, arguments);
        record.apply(null, arguments);
      };
    };
    var set = function (pairs, valid) {
      var values = known();
      for (var i = 0; i < pairs.length; i += 2) {
        if (valid.indexOf(pairs[i + 1]) >= 0) values[pairs[i]] = pairs[i + 1];
        else {
          for (var j = 0; j < pairs.length; j += 2) delete values[pairs[j]];
          return;
        }
      }
    };
    wrap("scissor", function (x, y, w, h) {
      if (w >= 0 && h >= 0 && w === (w | 0) && h === (h | 0) && x === (x | 0) && y === (y | 0)) {
        known()[SCISSOR_BOX] = new Int32Array([x, y, w, h]);
      } else {
        delete known()[SCISSOR_BOX];
      }
    });
    wrap("blendFunc", function (src, dst) {
      set([gl.BLEND_SRC_RGB, src, gl.BLEND_SRC_ALPHA, src, gl.BLEND_DST_RGB, dst, gl.BLEND_DST_ALPHA, dst], FACTORS);
    });
    wrap("blendFuncSeparate", function (srcRgb, dstRgb, srcAlpha, dstAlpha) {
      set([gl.BLEND_SRC_RGB, srcRgb, gl.BLEND_DST_RGB, dstRgb, gl.BLEND_SRC_ALPHA, srcAlpha, gl.BLEND_DST_ALPHA, dstAlpha], FACTORS);
    });
    wrap("blendEquation", function (mode) {
      set([gl.BLEND_EQUATION_RGB, mode, gl.BLEND_EQUATION_ALPHA, mode], EQUATIONS);
    });
    wrap("blendEquationSeparate", function (rgb, alpha) {
      set([gl.BLEND_EQUATION_RGB, rgb, gl.BLEND_EQUATION_ALPHA, alpha], EQUATIONS);
    });
  }
})();

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
    // Key and character events the client has not yet given to ImGui (one change per key and
    // frame, wasm-client/ui/input_queue.cpp); 0 once everything typed is taken.
    pendingInput: function () {
      return ready ? Module._phonefleet_pending_input() : 0;
    },
    // The WebGL renderer and whether it is software (the client then draws at a ratio of 1).
    renderer: function () {
      return { name: Module.phonefleetRenderer || null, software: !!Module.phonefleetSoftwareGL };
    },
    // Frames the client has drawn: it skips frames while nothing changes (FramePacer).
    framesDrawn: function () {
      return ready ? Module._phonefleet_frames_drawn() : 0;
    },
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

  // The canvas keeps right-clicks for ImGui (an inline oncontextmenu would need CSP's 'unsafe-inline').
  Module.canvas.addEventListener("contextmenu", function (event) { event.preventDefault(); });

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
