/**
 * The script of the HTML page (`devstack graph --format html`), inlined into the page: a small SVG
 * renderer of our own, with no dependency and no network access. It lays each file out as a box
 * (its nodes in layers, dependencies to the left of what depends on them, long chains wrapped into
 * bands), packs the boxes in three columns (workflows, Dockerfiles, compose files), draws every edge,
 * and adds pan (drag), zoom (wheel, `+`/`-`, `0` to fit), search, hover highlighting and a details
 * panel on click. It records the render time as the performance measure `devstack-graph-render` and
 * as `data-render-ms` on the `<svg>`.
 *
 * Plain ES2017 in a string (no template literals), so it runs as written in any current browser.
 * @module
 */

/** @internal the page script; reads the JSON in `#graph-data` and draws into `#graph`. */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  performance.mark('devstack-graph-start');
  var t0 = performance.now();
  var data = JSON.parse(document.getElementById('graph-data').textContent);
  var svg = document.getElementById('graph');
  var details = document.getElementById('details');
  var NODE_W = 240, LINE_H = 14, PAD = 8, COL_GAP = 46, ROW_GAP = 12, CLUSTER_PAD = 14, TITLE_H = 22;
  var MAX_ROWS = 12, MAX_COLS = 8, SECTION_GAP = 160, CLUSTER_GAP = 30, MAX_CHARS = 38;

  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function clip(s) {
    var chars = Array.from(s);
    return chars.length > MAX_CHARS ? chars.slice(0, MAX_CHARS - 1).join('') + '\u2026' : s;
  }

  var nodes = data.nodes, edges = data.edges;
  var index = {};
  nodes.forEach(function (n, i) { index[n.id] = i; n.i = i; n.out = []; n.inc = []; });
  edges.forEach(function (e, k) {
    e.k = k; e.a = index[e.from]; e.b = index[e.to];
    nodes[e.a].out.push(k); nodes[e.b].inc.push(k);
  });

  // ---- layout of one cluster: layers by the longest chain of dependencies inside the file
  var byFile = {};
  nodes.forEach(function (n) { (byFile[n.file] = byFile[n.file] || []).push(n); });
  function layoutCluster(c) {
    var members = byFile[c.file] || [];
    var inside = {};
    members.forEach(function (n) { inside[n.i] = true; });
    var layer = {}, state = {};
    function depth(n) {
      if (state[n.i] === 2) return layer[n.i];
      if (state[n.i] === 1) return 0; // a cycle: cut it here
      state[n.i] = 1;
      var d = 0;
      n.out.forEach(function (k) {
        var t = edges[k].b;
        if (inside[t]) d = Math.max(d, depth(nodes[t]) + 1);
      });
      state[n.i] = 2; layer[n.i] = d;
      return d;
    }
    // dependencies are resolved first with an explicit stack, so that depth() recurses one level
    // at a time and a chain of 200 services cannot exhaust the call stack
    members.forEach(function (n) {
      var stack = [n], seen = {};
      while (stack.length) {
        var top = stack[stack.length - 1];
        if (state[top.i] === 2) { stack.pop(); continue; }
        var pending = null;
        if (!seen[top.i]) {
          seen[top.i] = true;
          top.out.forEach(function (k) { var t = edges[k].b; if (inside[t] && state[t] !== 2 && !seen[t]) { pending = pending || []; pending.push(nodes[t]); } });
        }
        if (pending) { Array.prototype.push.apply(stack, pending); continue; }
        stack.pop(); depth(top);
      }
    });
    var layers = [];
    members.forEach(function (n) { var l = layer[n.i] || 0; (layers[l] = layers[l] || []).push(n); });
    layers = layers.filter(function (l) { return l && l.length; });
    // columns: each layer, split when it has more than MAX_ROWS nodes; ordered by the rows of their dependencies
    var rowOf = {};
    var columns = [];
    layers.forEach(function (l) {
      l.sort(function (p, q) { return bary(p) - bary(q) || p.i - q.i; });
      for (var s = 0; s < l.length; s += MAX_ROWS) {
        var col = l.slice(s, s + MAX_ROWS);
        col.forEach(function (n, r) { rowOf[n.i] = r; });
        columns.push(col);
      }
    });
    function bary(n) {
      var sum = 0, cnt = 0;
      n.out.forEach(function (k) { var t = edges[k].b; if (rowOf[t] !== undefined) { sum += rowOf[t]; cnt++; } });
      return cnt ? sum / cnt : n.i / 1e6;
    }
    // bands: at most MAX_COLS columns side by side, more columns wrap below
    var x0 = CLUSTER_PAD, y = TITLE_H + CLUSTER_PAD, width = 0;
    for (var b = 0; b < columns.length; b += MAX_COLS) {
      var band = columns.slice(b, b + MAX_COLS), bandH = 0;
      band.forEach(function (col, ci) {
        var yy = y;
        col.forEach(function (n) {
          n.h = PAD * 2 + LINE_H * n.lines.length;
          n.x = x0 + ci * (NODE_W + COL_GAP); n.y = yy; n.w = NODE_W;
          yy += n.h + ROW_GAP;
        });
        bandH = Math.max(bandH, yy - y);
        width = Math.max(width, x0 + (ci + 1) * (NODE_W + COL_GAP) - COL_GAP);
      });
      y += bandH + ROW_GAP * 2;
    }
    c.members = members;
    c.w = Math.max(width + CLUSTER_PAD, Math.min(480, 8 + 7 * c.file.length));
    c.h = Math.max(y - ROW_GAP * 2 + CLUSTER_PAD, TITLE_H + CLUSTER_PAD * 2);
  }

  // ---- packing: three sections side by side, clusters on shelves in each
  var sections = [['workflow'], ['dockerfile'], ['compose']];
  var clusters = data.clusters;
  clusters.forEach(layoutCluster);
  var sx = 0, totalH = 0;
  sections.forEach(function (kinds) {
    var list = clusters.filter(function (c) { return kinds.indexOf(c.kind) >= 0; });
    if (!list.length) return;
    var area = 0, widest = 0;
    list.forEach(function (c) { area += (c.w + CLUSTER_GAP) * (c.h + CLUSTER_GAP); widest = Math.max(widest, c.w); });
    var target = Math.max(widest, Math.sqrt(area * 0.8));
    var x = 0, y = 0, shelfH = 0, used = 0;
    list.forEach(function (c) {
      if (x > 0 && x + c.w > target) { x = 0; y += shelfH + CLUSTER_GAP; shelfH = 0; }
      c.x = sx + x; c.y = y;
      x += c.w + CLUSTER_GAP; shelfH = Math.max(shelfH, c.h); used = Math.max(used, x);
    });
    totalH = Math.max(totalH, y + shelfH);
    sx += used - CLUSTER_GAP + SECTION_GAP;
  });
  var totalW = Math.max(sx - SECTION_GAP, 1);
  var clusterOf = {};
  clusters.forEach(function (c) { clusterOf[c.file] = c; });
  nodes.forEach(function (n) {
    var c = clusterOf[n.file];
    n.x += c.x; n.y += c.y;
  });

  // ---- drawing
  function edgePath(e) {
    var a = nodes[e.a], b = nodes[e.b];
    var ax, bx;
    if (b.x + b.w <= a.x) { ax = a.x; bx = b.x + b.w; }
    else if (a.x + a.w <= b.x) { ax = a.x + a.w; bx = b.x; }
    else { ax = a.x; bx = b.x; }
    var ay = a.y + a.h / 2, by = b.y + b.h / 2;
    var bend = Math.max(30, Math.abs(bx - ax) / 2);
    var s1 = ax === a.x ? -1 : 1, s2 = bx === b.x ? -1 : 1;
    if (ax === a.x && bx === b.x) { s1 = -1; s2 = -1; }
    return 'M' + ax.toFixed(1) + ',' + ay.toFixed(1) + ' C' + (ax + s1 * bend).toFixed(1) + ',' + ay.toFixed(1) + ' ' + (bx + s2 * bend).toFixed(1) + ',' + by.toFixed(1) + ' ' + bx.toFixed(1) + ',' + by.toFixed(1);
  }
  var SHORT = { service_healthy: 'healthy', service_started: 'started', service_completed_successfully: 'completed' };
  var out = [];
  out.push('<defs>');
  ['depends_on', 'build', 'from', 'copy-from', 'needs', 'builds-image'].forEach(function (k) {
    out.push('<marker id="arrow-' + k + '" class="arrow ' + k + '" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker>');
  });
  out.push('</defs><g id="viewport">');
  clusters.forEach(function (c) {
    out.push('<g class="cluster ' + c.kind + '" data-file="' + esc(c.file) + '"><rect x="' + c.x + '" y="' + c.y + '" width="' + c.w + '" height="' + c.h + '" rx="8"/><text x="' + (c.x + 10) + '" y="' + (c.y + 16) + '">' + esc(c.file) + '</text></g>');
  });
  edges.forEach(function (e) {
    var label = SHORT[e.label] || e.label;
    out.push('<path class="edge ' + e.kind + '" data-k="' + e.k + '" data-from="' + esc(e.from) + '" data-to="' + esc(e.to) + '" d="' + edgePath(e) + '" marker-end="url(#arrow-' + e.kind + ')"><title>' + esc(nodes[e.a].name + ' \u2192 ' + nodes[e.b].name + ' (' + e.label + ')') + '</title></path>');
    if (e.kind === 'depends_on') {
      var a = nodes[e.a], b = nodes[e.b];
      out.push('<text class="edge-label" data-k="' + e.k + '" x="' + ((a.x + b.x + b.w) / 2).toFixed(1) + '" y="' + ((a.y + a.h / 2 + b.y + b.h / 2) / 2 - 3).toFixed(1) + '">' + esc(label) + '</text>');
    }
  });
  nodes.forEach(function (n) {
    out.push('<g class="node ' + n.kind + '" data-i="' + n.i + '" data-id="' + esc(n.id) + '" transform="translate(' + n.x + ',' + n.y + ')"><title>' + esc(n.lines.join('\n') + '\n' + n.file) + '</title>');
    out.push('<rect width="' + n.w + '" height="' + n.h + '" rx="' + (n.kind === 'service' ? 12 : n.kind === 'stage' ? 4 : 0) + '"/><text>');
    n.lines.forEach(function (l, li) {
      out.push('<tspan x="' + PAD + '" y="' + (PAD + LINE_H * li + 11) + '"' + (li === 0 ? ' class="name"' : '') + '>' + esc(clip(l)) + '</tspan>');
    });
    out.push('</text></g>');
  });
  out.push('</g>');
  svg.innerHTML = out.join('');
  var viewport = document.getElementById('viewport');
  var nodeEls = svg.querySelectorAll('g.node');
  var edgeEls = {};
  Array.prototype.forEach.call(svg.querySelectorAll('[data-k]'), function (el) { var k = el.getAttribute('data-k'); (edgeEls[k] = edgeEls[k] || []).push(el); });

  // ---- pan and zoom through the viewBox
  var view = { x: 0, y: 0, w: totalW, h: totalH };
  function apply() { svg.setAttribute('viewBox', view.x + ' ' + view.y + ' ' + view.w + ' ' + view.h); }
  function fit() {
    var r = svg.getBoundingClientRect();
    var ratio = (r.width || 1) / (r.height || 1);
    var w = totalW + 80, h = totalH + 80;
    if (w / h < ratio) w = h * ratio; else h = w / ratio;
    view = { x: (totalW - w) / 2, y: (totalH - h) / 2, w: w, h: h };
    apply();
  }
  function zoom(f, cx, cy) {
    var r = svg.getBoundingClientRect();
    var px = cx === undefined ? 0.5 : (cx - r.left) / r.width, py = cy === undefined ? 0.5 : (cy - r.top) / r.height;
    var nw = Math.min(Math.max(view.w * f, 100), (totalW + 80) * 8), nh = nw * view.h / view.w;
    view = { x: view.x + (view.w - nw) * px, y: view.y + (view.h - nh) * py, w: nw, h: nh };
    apply();
  }
  function centreOn(n) {
    var w = Math.min(view.w, 1400), h = w * view.h / view.w;
    view = { x: n.x + n.w / 2 - w / 2, y: n.y + n.h / 2 - h / 2, w: w, h: h };
    apply();
  }
  svg.addEventListener('wheel', function (ev) { ev.preventDefault(); zoom(ev.deltaY > 0 ? 1.15 : 1 / 1.15, ev.clientX, ev.clientY); }, { passive: false });
  var drag = null;
  svg.addEventListener('pointerdown', function (ev) { drag = { x: ev.clientX, y: ev.clientY, view: view, moved: false }; });
  window.addEventListener('pointermove', function (ev) {
    if (!drag) return;
    var r = svg.getBoundingClientRect(), s = view.w / r.width;
    if (Math.abs(ev.clientX - drag.x) + Math.abs(ev.clientY - drag.y) > 3) drag.moved = true;
    view = { x: drag.view.x - (ev.clientX - drag.x) * s, y: drag.view.y - (ev.clientY - drag.y) * s, w: drag.view.w, h: drag.view.h };
    apply();
  });
  window.addEventListener('pointerup', function () { setTimeout(function () { drag = null; }, 0); });
  document.getElementById('zoom-in').onclick = function () { zoom(1 / 1.3); };
  document.getElementById('zoom-out').onclick = function () { zoom(1.3); };
  document.getElementById('zoom-fit').onclick = fit;
  window.addEventListener('keydown', function (ev) {
    if (ev.target && ev.target.tagName === 'INPUT') return;
    if (ev.key === '+' || ev.key === '=') zoom(1 / 1.3);
    else if (ev.key === '-') zoom(1.3);
    else if (ev.key === '0') fit();
    else if (ev.key === 'Escape') select(null);
  });

  // ---- highlight and details
  function mark(n, on) {
    svg.classList.toggle('focusing', on);
    nodeEls[n.i].classList.toggle('hl', on);
    n.out.concat(n.inc).forEach(function (k) {
      (edgeEls[k] || []).forEach(function (el) { el.classList.toggle('hl', on); });
      var e = edges[k], other = e.a === n.i ? e.b : e.a;
      nodeEls[other].classList.toggle('near', on);
    });
  }
  var selected = null, hovered = null;
  function row(k, v) { return '<dt>' + esc(k) + '</dt><dd>' + v + '</dd>'; }
  function link(i) { return '<a href="#" data-goto="' + i + '">' + esc(nodes[i].name) + '</a> <small>' + esc(nodes[i].file) + '</small>'; }
  function show(n) {
    if (!n) { details.hidden = true; return; }
    var d = n.details, html = '<h2>' + esc(n.name) + '</h2><p class="kind">' + esc(n.kind) + ' in ' + esc(n.file) + '</p><dl>';
    Object.keys(d).forEach(function (k) {
      if (k === 'kind') return;
      var v = d[k];
      var text = Array.isArray(v) ? (v.length ? v.map(function (x) { return typeof x === 'object' ? Object.keys(x).map(function (kk) { return kk + ': ' + x[kk]; }).join(', ') : String(x); }).join('<br>') : '\u2014')
        : typeof v === 'object' ? Object.keys(v).map(function (kk) { return kk + ': ' + v[kk]; }).join(', ') : String(v);
      html += row(k, Array.isArray(v) ? text.split('<br>').map(esc).join('<br>') : esc(text));
    });
    html += row('depends on', n.out.length ? n.out.map(function (k) { return esc(edges[k].label) + ' \u2192 ' + link(edges[k].b); }).join('<br>') : '\u2014');
    html += row('needed by', n.inc.length ? n.inc.map(function (k) { return link(edges[k].a) + ' (' + esc(edges[k].label) + ')'; }).join('<br>') : '\u2014');
    details.innerHTML = html + '</dl>';
    details.hidden = false;
  }
  function select(n) {
    if (selected) mark(selected, false);
    selected = n;
    if (n) mark(n, true);
    show(n);
  }
  svg.addEventListener('pointerover', function (ev) {
    var g = ev.target.closest && ev.target.closest('g.node');
    if (!g || selected) return;
    hovered = nodes[+g.getAttribute('data-i')];
    mark(hovered, true);
  });
  svg.addEventListener('pointerout', function (ev) {
    var g = ev.target.closest && ev.target.closest('g.node');
    if (!g || !hovered || selected) return;
    mark(hovered, false); hovered = null;
  });
  svg.addEventListener('click', function (ev) {
    if (drag && drag.moved) return;
    var g = ev.target.closest && ev.target.closest('g.node');
    if (hovered) { mark(hovered, false); hovered = null; }
    select(g ? nodes[+g.getAttribute('data-i')] : null);
  });
  details.addEventListener('click', function (ev) {
    var a = ev.target.closest && ev.target.closest('[data-goto]');
    if (!a) return;
    ev.preventDefault();
    var n = nodes[+a.getAttribute('data-goto')];
    select(n); centreOn(n);
  });
  var search = document.getElementById('search');
  search.addEventListener('keydown', function (ev) {
    if (ev.key !== 'Enter') return;
    var q = search.value.trim().toLowerCase();
    if (!q) return;
    var hit = nodes.filter(function (n) { return n.id.toLowerCase() === q || n.name.toLowerCase() === q; })[0] || nodes.filter(function (n) { return n.id.toLowerCase().indexOf(q) >= 0; })[0];
    search.classList.toggle('miss', !hit);
    if (hit) { select(hit); centreOn(hit); }
  });

  document.getElementById('counts').textContent = nodes.length + ' nodes \u00b7 ' + edges.length + ' edges \u00b7 ' + clusters.length + ' files';
  fit();
  var ms = performance.now() - t0;
  svg.setAttribute('data-render-ms', ms.toFixed(1));
  performance.measure('devstack-graph-render', 'devstack-graph-start');
})();
`;
