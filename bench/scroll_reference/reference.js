// The reference page's drawing (reference.html says what it draws): a file of its own, as the
// server's Content-Security-Policy runs no inline script.
"use strict";
(function () {
  var q = new URLSearchParams(location.search);
  var num = function (k, d) { return q.has(k) ? Number(q.get(k)) : d; };
  var TRIS = num("tris", 4000), DRAWS = Math.max(1, num("draws", 8)), LISTS = Math.max(1, num("lists", 2));
  var ATLAS = (q.get("atlas") || "512x512").split("x").map(Number);
  var READBACK = num("readback", 0) === 1;
  var canvas = document.getElementById("canvas");
  var gl = canvas.getContext("webgl2", {
    alpha: num("alpha", 1) === 1, depth: num("depth", 1) === 1, stencil: num("stencil", 1) === 1,
    antialias: false, premultipliedAlpha: true, preserveDrawingBuffer: false,
  });
  window.reference = { ready: false, frames: 0, error: gl ? null : "no WebGL2" };
  if (!gl) return;

  // Dear ImGui 1.86 imgui_impl_opengl3's GLSL 300 es shaders.
  function shader(type, src) {
    var s = gl.createShader(type);
    gl.shaderSource(s, src);
    gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(s));
    return s;
  }
  var program = gl.createProgram();
  gl.attachShader(program, shader(gl.VERTEX_SHADER, "#version 300 es\nprecision highp float;\n" +
    "layout (location = 0) in vec2 Position;\nlayout (location = 1) in vec2 UV;\nlayout (location = 2) in vec4 Color;\n" +
    "uniform mat4 ProjMtx;\nout vec2 Frag_UV;\nout vec4 Frag_Color;\n" +
    "void main() { Frag_UV = UV; Frag_Color = Color; gl_Position = ProjMtx * vec4(Position.xy, 0, 1); }\n"));
  gl.attachShader(program, shader(gl.FRAGMENT_SHADER, "#version 300 es\nprecision mediump float;\n" +
    "uniform sampler2D Texture;\nin vec2 Frag_UV;\nin vec4 Frag_Color;\nlayout (location = 0) out vec4 Out_Color;\n" +
    "void main() { Out_Color = Frag_Color * texture(Texture, Frag_UV.st); }\n"));
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(program));
  var locProj = gl.getUniformLocation(program, "ProjMtx"), locTex = gl.getUniformLocation(program, "Texture");

  // A font-atlas-like texture: glyph-sized cells of coverage, a white texel at (0,0) for solid
  // fills (ImGui's white pixel).
  var tex = gl.createTexture();
  var texels = new Uint8Array(ATLAS[0] * ATLAS[1] * 4);
  for (var y = 0; y < ATLAS[1]; y++) for (var x = 0; x < ATLAS[0]; x++) {
    var i = (y * ATLAS[0] + x) * 4;
    texels[i] = texels[i + 1] = texels[i + 2] = 255;
    texels[i + 3] = (x < 2 && y < 2) ? 255 : (((x * 7) ^ (y * 13)) & 0xff);
  }
  gl.bindTexture(gl.TEXTURE_2D, tex);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MIN_FILTER, gl.LINEAR);
  gl.texParameteri(gl.TEXTURE_2D, gl.TEXTURE_MAG_FILTER, gl.LINEAR);
  gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, ATLAS[0], ATLAS[1], 0, gl.RGBA, gl.UNSIGNED_BYTE, texels);

  var vao = gl.createVertexArray();
  var vbo = gl.createBuffer(), ibo = gl.createBuffer();
  var QUADS = Math.max(1, Math.round(TRIS / 2));
  var STRIDE = 20;  // ImDrawVert: pos 2f, uv 2f, col 4ub
  var vtx = new ArrayBuffer(QUADS * 4 * STRIDE), f32 = new Float32Array(vtx), u32 = new Uint32Array(vtx);
  // 16-bit indices as ImGui's: each draw list's vertices are indexed from 0 (at most 65536).
  LISTS = Math.max(LISTS, Math.ceil(QUADS / 16384));
  var perList = Math.ceil(QUADS / LISTS);
  var idx = new Uint16Array(perList * 6);
  for (var k = 0; k < perList; k++) {
    idx.set([k * 4, k * 4 + 1, k * 4 + 2, k * 4, k * 4 + 2, k * 4 + 3], k * 6);
  }
  var vboSize = 0, iboSize = 0;
  var scroll = 0;  // CSS pixels, moved by the wheel
  window.addEventListener("wheel", function (e) { scroll += e.deltaY; e.preventDefault(); }, { passive: false });

  var width = 0, height = 0, ratio = 1;
  function syncSize() {
    ratio = window.devicePixelRatio || 1;
    var w = Math.round(window.innerWidth * ratio), h = Math.round(window.innerHeight * ratio);
    if (w !== canvas.width || h !== canvas.height) { canvas.width = w; canvas.height = h; }
    width = w; height = h;
  }

  // The frame's geometry, as a scrolled table looks: a window-sized background, a row background
  // every other row, and the rest as glyph quads in rows of text (7x14 CSS px cells).
  function quad(q, x0, y0, x1, y1, u0, v0, u1, v1, col) {
    var o = q * 4 * 5;
    f32[o] = x0; f32[o + 1] = y0; f32[o + 2] = u0; f32[o + 3] = v0; u32[o + 4] = col;
    f32[o + 5] = x1; f32[o + 6] = y0; f32[o + 7] = u1; f32[o + 8] = v0; u32[o + 9] = col;
    f32[o + 10] = x1; f32[o + 11] = y1; f32[o + 12] = u1; f32[o + 13] = v1; u32[o + 14] = col;
    f32[o + 15] = x0; f32[o + 16] = y1; f32[o + 17] = u0; f32[o + 18] = v1; u32[o + 19] = col;
  }
  function build() {
    var rowH = 24 * ratio, gw = 7 * ratio, gh = 14 * ratio, first = Math.floor(scroll / 24);
    var offset = -((scroll % 24) + 24) % 24 * ratio;
    quad(0, 0, 0, width, height, 0, 0, 1 / ATLAS[0], 1 / ATLAS[1], 0xfff0f0f0);
    var rows = Math.ceil(height / rowH) + 1, n = 1;
    for (var r = 0; r < rows && n < QUADS; r++) {
      if ((first + r) % 2 === 0) quad(n++, 0, offset + r * rowH, width, offset + (r + 1) * rowH, 0, 0, 1 / ATLAS[0], 1 / ATLAS[1], 0xfffafafa);
    }
    var perRow = Math.max(1, Math.floor((width - 16 * ratio) / gw)), cellU = 8 / ATLAS[0], cellV = 16 / ATLAS[1];
    for (var g = 0; n < QUADS; g++, n++) {
      var row = Math.floor(g / perRow) % rows, col = g % perRow;
      var x = 8 * ratio + col * gw, y = offset + row * rowH + 5 * ratio;
      var c = (first + row + col) % 61, u = (c % 16) * cellU, v = Math.floor(c / 16) * cellV;
      quad(n, x, y, x + gw, y + gh, u, v, u + cellU, v + cellV, 0xff202020);
    }
  }

  function frame() {
    if (window.__bench && window.__bench.pre) window.__bench.pre();
    syncSize();
    build();
    if (READBACK) {  // what ImGui_ImplOpenGL3_RenderDrawData backs up
      gl.getParameter(gl.SCISSOR_BOX);
      gl.getParameter(gl.BLEND_SRC_RGB); gl.getParameter(gl.BLEND_DST_RGB);
      gl.getParameter(gl.BLEND_SRC_ALPHA); gl.getParameter(gl.BLEND_DST_ALPHA);
      gl.getParameter(gl.BLEND_EQUATION_RGB); gl.getParameter(gl.BLEND_EQUATION_ALPHA);
    }
    gl.viewport(0, 0, width, height);
    gl.clearColor(0.94, 0.94, 0.94, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.BLEND);
    gl.blendEquation(gl.FUNC_ADD);
    gl.blendFuncSeparate(gl.SRC_ALPHA, gl.ONE_MINUS_SRC_ALPHA, gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.disable(gl.CULL_FACE); gl.disable(gl.DEPTH_TEST); gl.disable(gl.STENCIL_TEST);
    gl.enable(gl.SCISSOR_TEST);
    gl.useProgram(program);
    gl.uniform1i(locTex, 0);
    gl.uniformMatrix4fv(locProj, false, [2 / width, 0, 0, 0, 0, -2 / height, 0, 0, 0, 0, -1, 0, -1, 1, 0, 1]);
    gl.bindVertexArray(vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, vbo);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, ibo);
    gl.enableVertexAttribArray(0); gl.enableVertexAttribArray(1); gl.enableVertexAttribArray(2);
    gl.vertexAttribPointer(0, 2, gl.FLOAT, false, STRIDE, 0);
    gl.vertexAttribPointer(1, 2, gl.FLOAT, false, STRIDE, 8);
    gl.vertexAttribPointer(2, 4, gl.UNSIGNED_BYTE, true, STRIDE, 16);
    gl.activeTexture(gl.TEXTURE0);
    gl.bindTexture(gl.TEXTURE_2D, tex);
    var drawsPerList = Math.max(1, Math.round(DRAWS / LISTS));
    for (var l = 0; l < LISTS; l++) {
      var q0 = l * perList, q1 = Math.min(QUADS, q0 + perList);
      if (q1 <= q0) break;
      var vbytes = (q1 - q0) * 4 * STRIDE, ibytes = (q1 - q0) * 12;
      if (vboSize < vbytes) { vboSize = vbytes; gl.bufferData(gl.ARRAY_BUFFER, vboSize, gl.STREAM_DRAW); }
      if (iboSize < ibytes) { iboSize = ibytes; gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, iboSize, gl.STREAM_DRAW); }
      gl.bufferSubData(gl.ARRAY_BUFFER, 0, new Uint8Array(vtx, q0 * 4 * STRIDE, vbytes));
      gl.bufferSubData(gl.ELEMENT_ARRAY_BUFFER, 0, idx, 0, (q1 - q0) * 6);
      // This list's quads in drawsPerList commands, each clipped to the canvas (as the table's
      // clip rectangles mostly are).
      var per = Math.ceil((q1 - q0) / drawsPerList);
      for (var d = 0; d < drawsPerList; d++) {
        var a = d * per, b = Math.min(q1 - q0, a + per);
        if (b <= a) break;
        gl.scissor(0, 0, width, height);
        gl.drawElements(gl.TRIANGLES, (b - a) * 6, gl.UNSIGNED_SHORT, a * 12);
      }
    }
    window.reference.frames += 1;
    if (window.__bench && window.__bench.post) window.__bench.post();
    requestAnimationFrame(frame);
  }
  syncSize();
  window.reference.ready = true;
  window.reference.config = { tris: QUADS * 2, draws: DRAWS, lists: LISTS, atlas: ATLAS, readback: READBACK,
    attributes: gl.getContextAttributes() };
  requestAnimationFrame(frame);
})();
