// Small SVG charts drawn by hand: a time chart (stacked counts, optional Goldstein line) and a network.
// Data only ever reaches the page as text nodes and attribute values, never as markup.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
// The quad class colours of style.css (SVG attributes cannot read CSS variables).
const QUAD_COLORS = {1: "#5b9fd6", 2: "#1d5ea8", 3: "#ec9a3a", 4: "#c2352b"};
const QUAD_NAMES = {1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict"};

function svgEl(tag, attrs, text) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  if (text !== undefined) node.textContent = String(text);
  return node;
}

// Counts are whole numbers: the axis tops at 1, 2, 5, 10, 20, 50, ... with whole-number ticks.
function niceMax(v) {
  if (v <= 1) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

// Rows of {period: "YYYY-MM-DD", ...} with the missing periods added (as empty rows), so the axis is time.
function fillPeriods(rows, freq) {
  if (rows.length < 2) return rows;
  const byPeriod = new Map(rows.map(r => [r.period, r]));
  const out = [];
  let d = new Date(rows[0].period + "T00:00:00Z");
  const end = new Date(rows[rows.length - 1].period + "T00:00:00Z");
  while (d <= end && out.length <= 1000) {
    const key = d.toISOString().slice(0, 10);
    out.push(byPeriod.get(key) || {period: key});
    if (freq === "month") d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
    else if (freq === "year") d = new Date(Date.UTC(d.getUTCFullYear() + 1, 0, 1));
    else d = new Date(d.getTime() + (freq === "week" ? 7 : 1) * 86400000);
  }
  return out.length > 1000 ? rows : out;  // too long a span of days: bars for the periods with events only
}

// periods: ["2024-01-01", ...]; stacks: [{label, color, values: [...]}];
// line (optional): {label, color, values: [...], min, max}; onClick(index) when a period is clicked.
function timeChart(container, periods, stacks, line, onClick) {
  const W = 1000, H = 300, L = 44, R = line ? 44 : 12, T = 24, B = 40;
  const svg = svgEl("svg", {viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img"});
  const n = periods.length;
  const totals = periods.map((_, i) => stacks.reduce((s, st) => s + (st.values[i] || 0), 0));
  const top = niceMax(Math.max(0, ...totals));
  const bw = (W - L - R) / Math.max(n, 1);
  const y = v => T + (H - T - B) * (1 - v / top);
  const ticks = top <= 2 ? top : 5;
  for (let k = 0; k <= ticks; k++) {
    const v = top * k / ticks;
    svg.append(svgEl("line", {x1: L, x2: W - R, y1: y(v), y2: y(v), class: "grid"}));
    svg.append(svgEl("text", {x: L - 6, y: y(v) + 4, "text-anchor": "end"}, v));
  }
  svg.append(svgEl("text", {x: L - 6, y: T - 10, "text-anchor": "end"}, "events"));
  const every = Math.max(1, Math.ceil(n / 12));
  periods.forEach((p, i) => {
    let base = 0;
    const x = L + i * bw;
    for (const st of stacks) {
      const v = st.values[i] || 0;
      if (v > 0) {
        svg.append(svgEl("rect", {x: x + bw * 0.12, width: Math.max(bw * 0.76, 1), y: y(base + v),
                                  height: y(base) - y(base + v), fill: st.color}));
      }
      base += v;
    }
    if (i % every === 0) svg.append(svgEl("text", {x: x + bw / 2, y: H - B + 16, "text-anchor": "middle"}, p));
  });
  if (line) {
    const ly = v => T + (H - T - B) * (line.max - v) / (line.max - line.min);
    for (const v of [line.min, 0, line.max]) {
      svg.append(svgEl("text", {x: W - R + 6, y: ly(v) + 4}, v));
    }
    svg.append(svgEl("line", {x1: L, x2: W - R, y1: ly(0), y2: ly(0), class: "axis", "stroke-dasharray": "4 3"}));
    // The line joins neighbouring periods only: a period without events leaves a gap, not a slope.
    const pts = [];
    let run = [];
    line.values.forEach((v, i) => {
      if (v === null || v === undefined) { run = []; return; }
      const p = [L + i * bw + bw / 2, ly(v)];
      pts.push(p);
      run.push(p);
      if (run.length === 2) {
        svg.append(svgEl("line", {x1: run[0][0], y1: run[0][1], x2: p[0], y2: p[1], stroke: line.color, "stroke-width": 2}));
        run = [p];
      }
    });
    for (const [px, py] of pts) {
      svg.append(svgEl("circle", {cx: px, cy: py, r: 4, fill: line.color, stroke: "#fff", "stroke-width": 1.5,
                                  class: "goldstein-point"}));
    }
    svg.append(svgEl("text", {x: W - 4, y: T - 10, "text-anchor": "end"}, line.label));
  }
  svg.append(svgEl("line", {x1: L, x2: W - R, y1: H - B, y2: H - B, class: "axis"}));
  // One transparent band per period on top: hover shows the figures, a click selects the period.
  periods.forEach((p, i) => {
    const hit = svgEl("rect", {x: L + i * bw, y: T, width: bw, height: H - T - B, class: "hit",
                               "data-period": p, "data-index": i});
    const parts = stacks.map(st => `${st.label}: ${st.values[i] || 0}`);
    if (line && line.values[i] !== null && line.values[i] !== undefined) {
      parts.push(`${line.label}: ${Number(line.values[i]).toFixed(2)}`);
    }
    hit.append(svgEl("title", {}, `${p}\n${parts.join("\n")}`));
    if (onClick) {
      hit.addEventListener("click", () => {
        svg.querySelectorAll(".hit.selected").forEach(h => h.classList.remove("selected"));
        hit.classList.add("selected");
        onClick(i);
      });
    }
    svg.append(hit);
  });
  container.replaceChildren(svg);
  return svg;
}

// nodes: [{code, events}], edges: [{source, target, events, goldstein_mean}]. A small force layout from a
// circle: deterministic (no randomness), so the same data gives the same picture.
function networkChart(container, nodes, edges, onClick) {
  const W = 1000, H = 620;
  const svg = svgEl("svg", {viewBox: `0 0 ${W} ${H}`, class: "chart net", role: "img"});
  const byCode = new Map();
  nodes.forEach((n, i) => {
    const a = 2 * Math.PI * i / Math.max(nodes.length, 1);
    byCode.set(n.code, {...n, x: W / 2 + 250 * Math.cos(a), y: H / 2 + 230 * Math.sin(a), vx: 0, vy: 0});
  });
  const ns = [...byCode.values()];
  const links = edges.filter(e => byCode.has(e.source) && byCode.has(e.target) && e.source !== e.target);
  for (let step = 0; step < 300; step++) {
    const cool = 1 - step / 300;
    for (let i = 0; i < ns.length; i++) {
      for (let j = i + 1; j < ns.length; j++) {
        const a = ns[i], b = ns[j];
        let dx = a.x - b.x, dy = a.y - b.y;
        const d2 = Math.max(dx * dx + dy * dy, 25);
        const f = 2500 / d2;
        const d = Math.sqrt(d2);
        dx /= d; dy /= d;
        a.vx += dx * f; a.vy += dy * f; b.vx -= dx * f; b.vy -= dy * f;
      }
    }
    for (const e of links) {
      const a = byCode.get(e.source), b = byCode.get(e.target);
      const dx = b.x - a.x, dy = b.y - a.y, d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = (d - 110) * 0.02;
      a.vx += dx / d * f; a.vy += dy / d * f; b.vx -= dx / d * f; b.vy -= dy / d * f;
    }
    for (const n of ns) {
      n.vx += (W / 2 - n.x) * 0.004; n.vy += (H / 2 - n.y) * 0.004;  // gravity keeps islands in view
      n.x = Math.min(W - 40, Math.max(40, n.x + n.vx * cool));
      n.y = Math.min(H - 24, Math.max(24, n.y + n.vy * cool));
      n.vx *= 0.5; n.vy *= 0.5;
    }
  }
  const maxEv = Math.max(1, ...ns.map(n => n.events));
  const maxEdge = Math.max(1, ...links.map(e => e.events));
  for (const e of links) {
    const a = byCode.get(e.source), b = byCode.get(e.target);
    const g = e.goldstein_mean || 0;
    const line = svgEl("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y, "stroke-opacity": 0.75,
                                stroke: g >= 0 ? QUAD_COLORS[2] : QUAD_COLORS[4],
                                "stroke-width": 1 + 5 * e.events / maxEdge, class: "edge"});
    line.append(svgEl("title", {}, `${e.source} → ${e.target}: ${e.events} events, mean Goldstein ${g.toFixed(1)}`));
    svg.append(line);
  }
  for (const n of ns) {
    const r = 5 + 20 * Math.sqrt(n.events / maxEv);
    const c = svgEl("circle", {cx: n.x, cy: n.y, r, class: "node", "data-code": n.code});
    c.append(svgEl("title", {}, `${n.code}${n.name ? " (" + n.name + ")" : ""}: ${n.events} events`));
    if (onClick) c.addEventListener("click", () => onClick(n));
    svg.append(c);
    svg.append(svgEl("text", {x: n.x, y: n.y - r - 3, "text-anchor": "middle"}, n.code));
  }
  container.replaceChildren(svg);
  return svg;
}
