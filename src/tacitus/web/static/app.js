// The dashboard's pages. Everything from the store is put on the page with textContent or as attribute
// values (el() below), never parsed as HTML: an article's own markup can only ever show as text.
"use strict";

const NAV = [["/", "Overview"], ["/events", "Events"], ["/dyad", "Dyads"], ["/network", "Network"],
             ["/map", "Map"], ["/article", "Articles"], ["/code", "Code a text"], ["/review", "Review"],
             ["/docs", "API"]];
const params = new URLSearchParams(location.search);
const $ = sel => document.querySelector(sel);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function status(text, isError) {
  const s = $("#status");
  s.textContent = text || "";
  s.className = isError ? "status error" : "status";
}

async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (e) { /* not JSON */ }
  if (!response.ok) {
    const detail = body && body.detail;
    throw new Error(`${response.status}: ${typeof detail === "string" ? detail : JSON.stringify(detail || response.statusText)}`);
  }
  return body;
}

function token() { return sessionStorage.getItem("tacitus-token") || ""; }

function post(path, data) {
  return api(path, {method: "POST", body: JSON.stringify(data),
                    headers: {"Content-Type": "application/json", "Authorization": "Bearer " + token()}});
}

function tokenForm() {
  const form = $("#token");
  if (!form) return;
  const show = () => { $("#token-state").textContent = token() ? "a token is set for this tab" : "no token set"; };
  form.token.value = token();
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    sessionStorage.setItem("tacitus-token", form.token.value.trim());
    show();
  });
  show();
}

// Only web links are followed from data (an article's url could say "javascript:").
function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

const fmt = (v, digits) => v === null || v === undefined ? "–" : (digits === undefined ? String(v) : Number(v).toFixed(digits));

function quadBadge(q, label) {
  return el("span", {class: `badge q${q}`, title: QUAD_NAMES[q] || ""}, label || QUAD_NAMES[q] || "?");
}

function reviewBadge(verdict) {
  if (!verdict) return null;
  return el("span", {class: "badge " + (verdict === "reject" ? "reject" : "review"), title: "a reviewer's verdict"},
            verdict === "correct" ? "corrected" : verdict + "ed");
}

function actorCell(code, name) {
  return el("span", {title: name || ""}, el("span", {class: "code"}, code || "?"),
            name && name !== code ? el("span", {class: "muted"}, " " + name) : null);
}

const eventLink = id => "/event?id=" + encodeURIComponent(id);

function eventsTable(table, events, extra) {
  const head = el("tr", {}, el("th", {}, "Date"), el("th", {}, "Source"), el("th", {}, "Event"),
                  el("th", {}, "Target"), el("th", {class: "num"}, "Goldstein"), el("th", {class: "num"}, "Reports"),
                  el("th", {}, "Sentence"));
  const rows = events.map(e => el("tr", {class: "clickable", "data-id": e.id, onclick: () => { location.href = eventLink(e.id); }},
    el("td", {class: "date"}, el("a", {href: eventLink(e.id)}, fmt(e.date))),
    el("td", {}, actorCell(e.source_code, e.source_name)),
    el("td", {}, quadBadge(e.quad_class, e.plover), " ", el("span", {class: "code muted"}, e.cameo), " ",
       reviewBadge(e.review)),
    el("td", {}, actorCell(e.target_code, e.target_name)),
    el("td", {class: "num"}, fmt(e.goldstein, 1)),
    el("td", {class: "num"}, fmt(e.num_mentions)),
    el("td", {class: "sentence"}, (e.sentence || "").slice(0, 160) + ((e.sentence || "").length > 160 ? "…" : ""))));
  table.replaceChildren(el("thead", {}, head), el("tbody", {}, rows.length ? rows : el("tr", {}, el("td", {colspan: 7, class: "muted"}, "No events."))));
  if (extra) extra(rows);
}

function quadLegend(box) {
  box.replaceChildren(...[1, 2, 3, 4].map(q => el("span", {}, el("i", {class: "q" + q}), QUAD_NAMES[q])));
}

async function fillCategories(select) {
  const data = await api("/api/categories");
  for (const c of data.categories) select.append(el("option", {value: c.plover}, c.plover));
}

function fillQuads(select) {
  for (const q of [1, 2, 3, 4]) select.append(el("option", {value: q}, `${q} ${QUAD_NAMES[q]}`));
}

// Text with marks: spans [{start, end, kind, title}] laid over text; overlapping marks nest as classes.
function markedText(box, text, marks) {
  const cuts = new Set([0, text.length]);
  for (const m of marks) { cuts.add(Math.max(0, m.start)); cuts.add(Math.min(text.length, m.end)); }
  const points = [...cuts].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const on = marks.filter(m => m.start <= a && m.end >= b);
    const piece = text.slice(a, b);
    if (!on.length) { parts.push(piece); continue; }
    const kinds = [...new Set(on.map(m => m.kind))];
    parts.push(el("mark", {class: kinds.join(" "), title: [...new Set(on.map(m => m.title).filter(Boolean))].join("\n")}, piece));
  }
  box.replaceChildren(...parts);
}

function actorMarks(actors, kind, label) {
  return (actors || []).filter(a => a.span).map(a => ({start: a.span[0], end: a.span[1], kind,
                                                       title: `${label}: ${a.code || "?"} ${a.name || ""}`}));
}

function formParams(form) {
  const out = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (String(v).trim()) out.set(k, String(v).trim());
  return out;
}

function pager(total, limit, offset, go) {
  $("#range").textContent = total ? `${offset + 1}–${Math.min(offset + limit, total)} of ${total}` : "none";
  $("#prev").disabled = offset <= 0;
  $("#next").disabled = offset + limit >= total;
  $("#prev").onclick = () => go(Math.max(0, offset - limit));
  $("#next").onclick = () => go(offset + limit);
}

// -- pages -------------------------------------------------------------------------------------------------
const PAGES = {};

PAGES.overview = async () => {
  const d = await api("/api/overview");
  const c = d.counts;
  $("#stats").replaceChildren(...[["events", "merged events"], ["mentions", "coded mentions"], ["articles", "articles"],
                                   ["reviewed", "events reviewed"]].map(([k, label]) =>
    el("div", {class: "stat"}, el("b", {}, (c[k] || 0).toLocaleString("en")), el("span", {}, label))));
  quadLegend($("#legend"));
  const timeline = fillPeriods(d.timeline, "month");
  timeChart($("#timeline"), timeline.map(r => r.period.slice(0, 7)),
            [1, 2, 3, 4].map(q => ({label: QUAD_NAMES[q], color: QUAD_COLORS[q], values: timeline.map(r => r["q" + q] || 0)})),
            null, i => { const p = timeline[i].period; location.href = `/events?since=${p}&until=${monthEnd(p)}`; });
  $("#dyads").replaceChildren(el("tr", {}, el("th", {}, "Source"), el("th", {}, "Target"), el("th", {class: "num"}, "Events"),
                                  el("th", {class: "num"}, "Mean Goldstein")),
    ...d.top_dyads.map(r => el("tr", {class: "clickable", onclick: () => { location.href = `/dyad?a=${encodeURIComponent(r.source)}&b=${encodeURIComponent(r.target)}`; }},
      el("td", {class: "code"}, r.source), el("td", {class: "code"}, r.target), el("td", {class: "num"}, r.events),
      el("td", {class: "num"}, fmt(r.goldstein_mean, 1)))));
  const maxA = Math.max(1, ...d.top_actors.map(a => a.events));
  $("#actors").replaceChildren(el("tr", {}, el("th", {}, "Actor"), el("th", {}, "Name"), el("th", {class: "num"}, "Events"), el("th", {class: "bar"}, "")),
    ...d.top_actors.map(a => {
      const bar = el("div", {class: "q2"});
      bar.style.height = "10px"; bar.style.width = Math.round(100 * a.events / maxA) + "%";  // CSSOM: allowed by the CSP
      return el("tr", {class: "clickable", onclick: () => { location.href = "/events?actor=" + encodeURIComponent(a.code); }},
        el("td", {class: "code"}, a.code), el("td", {}, a.name || ""), el("td", {class: "num"}, a.events), el("td", {class: "bar"}, bar));
    }));
  eventsTable($("#latest"), d.latest);
  status("");
};

function monthEnd(day) {
  const d = new Date(day + "T00:00:00Z");
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

function periodEnd(day, freq) {
  if (freq === "month") return monthEnd(day);
  const d = new Date(day + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + (freq === "week" ? 6 : 0));
  return d.toISOString().slice(0, 10);
}

PAGES.events = async () => {
  const form = $("#filters");
  await fillCategories(form.category);
  fillQuads(form.quad_class);
  for (const [k, v] of params) if (form[k]) form[k].value = v;
  const load = async offset => {
    const q = formParams(form);
    q.set("limit", 50);
    q.set("offset", offset);
    history.replaceState(null, "", "/events?" + q.toString());
    status("Loading…");
    const d = await api("/api/events?" + q.toString());
    eventsTable($("#events"), d.events);
    pager(d.total, d.limit, d.offset, load);
    status(`${d.total} events`);
  };
  form.addEventListener("submit", ev => { ev.preventDefault(); load(0).catch(e => status(e.message, true)); });
  form.addEventListener("reset", () => setTimeout(() => load(0).catch(e => status(e.message, true))));
  await load(Number(params.get("offset")) || 0);
};

PAGES.event = async () => {
  tokenForm();
  const id = params.get("id");
  if (!id) { status("No event given: open one from the events list.", true); return; }
  const d = await api("/api/events/" + encodeURIComponent(id));
  const e = d.event;
  document.title = `Tacitus · ${e.source_code || "?"} ${e.plover} ${e.target_code || "?"}`;
  $("#summary").replaceChildren(
    el("div", {class: "pair"}, actorCell(e.source_code, e.source_name), quadBadge(e.quad_class, e.plover),
       actorCell(e.target_code, e.target_name)),
    el("dl", {class: "kv"},
      el("dt", {}, "Date"), el("dd", {}, `${fmt(e.date)} (${e.date_precision || "undated"})`),
      el("dt", {}, "CAMEO"), el("dd", {class: "code"}, e.cameo),
      el("dt", {}, "Quad class"), el("dd", {}, `${e.quad_class} ${QUAD_NAMES[e.quad_class]}`),
      el("dt", {}, "Goldstein"), el("dd", {}, fmt(e.goldstein, 1)),
      el("dt", {}, "Modality"), el("dd", {}, e.modality),
      el("dt", {}, "Reports"), el("dd", {}, `${e.num_mentions} mentions in ${e.num_articles} articles from ${e.num_sources} sources`),
      el("dt", {}, "Place"), el("dd", {}, e.location ? `${e.location.name} (${e.location.country || "?"})` : "–"),
      el("dt", {}, "Confidence"), el("dd", {}, fmt(e.confidence, 2))));
  $("#mentions").replaceChildren(...d.mentions.map(m => {
    const sentence = el("p", {class: "sentence"});
    const at = (m.sentence || "").indexOf(m.trigger || "\u0000");
    markedText(sentence, m.sentence || "", at >= 0 ? [{start: at, end: at + m.trigger.length, kind: "trigger", title: "trigger"}] : []);
    return el("div", {class: "mention"},
      el("div", {}, el("a", {href: "/article?id=" + encodeURIComponent(m.article_id)}, m.title || m.article_id),
         el("span", {class: "muted"}, ` · ${m.outlet || "unknown outlet"} · published ${fmt(m.published)}`)),
      sentence,
      el("div", {class: "muted"}, `event date ${fmt(m.date)} (${m.date_precision || "?"}, ${m.date_basis}${m.date_text ? ': "' + m.date_text + '"' : ""}) · `,
         `trigger "${m.trigger}" · ${m.source_code || "?"} → ${m.target_code || "?"} · ${m.modality} · confidence ${fmt(m.confidence, 2)}`),
      el("hr"));
  }));
  showReviews(d.reviews);
  const form = $("#correct");
  await fillCategories(form.plover);
  const send = async data => {
    $("#review-status").textContent = "Saving…";
    try {
      await post(`/api/events/${encodeURIComponent(id)}/review`, data);
      $("#review-status").textContent = "Saved.";
      const again = await api("/api/events/" + encodeURIComponent(id));
      showReviews(again.reviews);
    } catch (err) {
      $("#review-status").textContent = err.message;
      $("#review-status").className = "status error";
    }
  };
  $("#accept").onclick = () => send({verdict: "accept"});
  $("#reject").onclick = () => send({verdict: "reject"});
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    const data = {verdict: "correct"};
    for (const [k, v] of formParams(form)) data[k] = v;
    send(data);
  });
  status("");
};

function showReviews(reviews) {
  const box = $("#reviews");
  if (!reviews.length) { box.replaceChildren(el("p", {class: "muted"}, "Not reviewed yet.")); return; }
  box.replaceChildren(...reviews.map(r => el("div", {class: "card human"},
    el("div", {}, reviewBadge(r.verdict), " ", el("span", {class: "muted"}, r.created_at.replace("T", " ").slice(0, 19) + " UTC")),
    r.verdict === "correct" ? el("div", {}, `${r.machine_source_code || "?"} ${r.machine_plover} (${r.machine_cameo}) ${r.machine_target_code || "?"} ${fmt(r.machine_date)}`,
                                 " → ", el("b", {}, `${r.source_code || "?"} ${r.plover} (${r.cameo}) ${r.target_code || "?"} ${fmt(r.date)}`)) : null,
    r.note ? el("div", {class: "muted"}, r.note) : null)));
}

PAGES.dyad = async () => {
  const form = $("#pick");
  const actors = await api("/api/actors?n=500");
  $("#actor-list").replaceChildren(...actors.actors.map(a => el("option", {value: a.code}, a.name || a.code)));
  let a = params.get("a"), b = params.get("b");
  if (!a || !b) {
    const o = await api("/api/overview");
    if (o.top_dyads.length) { a = o.top_dyads[0].source; b = o.top_dyads[0].target; }
  }
  form.a.value = a || ""; form.b.value = b || "";
  if (params.get("freq")) form.freq.value = params.get("freq");
  if (params.get("both") === "0") form.both.checked = false;
  quadLegend($("#legend"));
  $("#legend").append(el("span", {}, el("i", {class: "goldstein-key"}), "mean Goldstein (right axis)"));
  const show = async () => {
    const [src, tgt, freq, both] = [form.a.value.trim(), form.b.value.trim(), form.freq.value, form.both.checked];
    if (!src || !tgt) { status("Pick two actors.", true); return; }
    history.replaceState(null, "", `/dyad?a=${encodeURIComponent(src)}&b=${encodeURIComponent(tgt)}&freq=${freq}&both=${both ? 1 : 0}`);
    const d = await api(`/api/dyads/${encodeURIComponent(src)}/${encodeURIComponent(tgt)}/series?freq=${freq}&directed=${!both}`);
    $("#dyad-title").textContent = `${src} ${both ? "↔" : "→"} ${tgt}: events and mean Goldstein per ${freq}`;
    const s = fillPeriods(d.series, freq);
    const keys = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"];
    const listPeriod = async i => {
      const since = s[i].period, until = periodEnd(since, freq);
      const dyad = both ? null : `${src},${tgt}`;
      const q = new URLSearchParams({since, until, limit: 200});
      if (dyad) q.set("dyad", dyad); else { q.set("dyad", `${src},${tgt}`); q.set("directed", "false"); }
      const ev = await api("/api/events?" + q.toString());
      $("#period-title").textContent = `Events of ${src} ${both ? "↔" : "→"} ${tgt}, ${since} to ${until}`;
      eventsTable($("#events"), ev.events);
    };
    timeChart($("#chart"), s.map(r => freq === "month" ? r.period.slice(0, 7) : r.period),
              keys.map((k, j) => ({label: QUAD_NAMES[j + 1], color: QUAD_COLORS[j + 1], values: s.map(r => r[k] || 0)})),
              {label: "mean Goldstein", color: "#222", values: s.map(r => r.goldstein_mean), min: -10, max: 10},
              i => listPeriod(i).catch(e => status(e.message, true)));
    status(s.length ? `${s.reduce((n, r) => n + (r.events || 0), 0)} events` : "No dated events for this pair.");
    if (s.length) await listPeriod(s.length - 1);
  };
  form.addEventListener("submit", ev => { ev.preventDefault(); show().catch(e => status(e.message, true)); });
  await show();
};

PAGES.network = async () => {
  const form = $("#period");
  for (const k of ["since", "until", "edges"]) if (params.get(k)) form[k].value = params.get(k);
  const draw = async () => {
    const q = formParams(form);
    history.replaceState(null, "", "/network?" + q.toString());
    const d = await api("/api/network?" + q.toString());
    networkChart($("#net"), d.nodes, d.edges, n => { location.href = "/events?actor=" + encodeURIComponent(n.code); });
    $("#edges").replaceChildren(el("tr", {}, el("th", {}, "Source"), el("th", {}, "Target"), el("th", {class: "num"}, "Events"),
                                    el("th", {class: "num"}, "Mean Goldstein"), el("th", {class: "num"}, "Mentions")),
      ...d.edges.slice(0, 20).map(e => el("tr", {class: "clickable", onclick: () => { location.href = `/dyad?a=${encodeURIComponent(e.source)}&b=${encodeURIComponent(e.target)}&both=0`; }},
        el("td", {class: "code"}, e.source), el("td", {class: "code"}, e.target), el("td", {class: "num"}, e.events),
        el("td", {class: "num"}, fmt(e.goldstein_mean, 1)), el("td", {class: "num"}, e.mentions))));
    status(`${d.nodes.length} actors, ${d.edges.length} edges`);
  };
  form.addEventListener("submit", ev => { ev.preventDefault(); draw().catch(e => status(e.message, true)); });
  await draw();
};

PAGES.map = async () => {
  const form = $("#period");
  fillQuads(form.quad_class);
  for (const k of ["since", "until", "quad_class"]) if (params.get(k)) form[k].value = params.get(k);
  quadLegend($("#legend"));
  const draw = async () => {
    const q = formParams(form);
    history.replaceState(null, "", "/map?" + q.toString());
    const d = await api("/api/locations?" + q.toString());
    // Equirectangular: x = longitude, y = -latitude, in degrees.
    const svg = svgEl("svg", {viewBox: "-180 -84 360 144", class: "chart map", role: "img"});  // 84°N to 60°S
    svg.append(svgEl("image", {href: "/static/world.svg", x: -180, y: -90, width: 360, height: 180}));
    for (let lon = -150; lon <= 150; lon += 30) svg.append(svgEl("line", {x1: lon, x2: lon, y1: -90, y2: 90, class: "graticule"}));
    for (let lat = -60; lat <= 60; lat += 30) svg.append(svgEl("line", {x1: -180, x2: 180, y1: -lat, y2: -lat, class: "graticule"}));
    const most = Math.max(1, ...d.places.map(p => p.events));
    for (const p of [...d.places].reverse()) {  // the busiest places drawn last, on top
      const q4 = p.quad_classes;
      const major = q4.indexOf(Math.max(...q4)) + 1;
      const c = svgEl("circle", {cx: p.lon, cy: -p.lat, r: 1.2 + 4 * Math.sqrt(p.events / most), fill: QUAD_COLORS[major],
                                 "data-place": p.name});
      c.append(svgEl("title", {}, `${p.name} (${p.country || "?"}): ${p.events} events`));
      c.addEventListener("click", () => {
        $("#place-title").textContent = `${p.name} (${p.country || "?"}): ${p.events} events` + (p.events > p.latest.length ? `, latest ${p.latest.length}` : "");
        eventsTable($("#events"), p.latest);
      });
      svg.append(c);
    }
    $("#map").replaceChildren(svg);
    status(`${d.places.length} places, ${d.places.reduce((n, p) => n + p.events, 0)} located events`);
  };
  form.addEventListener("submit", ev => { ev.preventDefault(); draw().catch(e => status(e.message, true)); });
  await draw();
};

function mentionList(box, events, linkMerged) {
  box.replaceChildren(...events.map(e => el("div", {class: "mention"},
    el("div", {}, quadBadge(e.quad_class, e.plover), " ", el("span", {class: "code"}, e.cameo), " ",
       `${(e.source || []).map(a => a.code || a.text).join("+") || "?"} → ${(e.target || []).map(a => a.code || a.text).join("+") || "?"}`,
       linkMerged && e.merged_id ? el("a", {href: eventLink(e.merged_id)}, " event ›") : null),
    el("div", {class: "muted"}, `trigger "${e.trigger}" · date ${fmt(e.date)} (${e.date_precision || "?"}; basis: ${e.date_basis}${e.date_text ? ', "' + e.date_text + '"' : ""}) · ${e.modality}`),
    el("hr"))));
  if (!events.length) box.replaceChildren(el("p", {class: "muted"}, "No events coded."));
}

PAGES.article = async () => {
  const id = params.get("id");
  if (!id) {
    $("#list").hidden = false;
    const load = async offset => {
      const d = await api(`/api/articles?limit=50&offset=${offset}`);
      $("#articles").replaceChildren(el("tr", {}, el("th", {}, "Published"), el("th", {}, "Title"), el("th", {}, "Outlet"), el("th", {class: "num"}, "Events")),
        ...d.articles.map(a => el("tr", {class: "clickable", onclick: () => { location.href = "/article?id=" + encodeURIComponent(a.id); }},
          el("td", {}, fmt(a.date)), el("td", {}, el("a", {href: "/article?id=" + encodeURIComponent(a.id)}, a.title || a.id)),
          el("td", {}, a.outlet || ""), el("td", {class: "num"}, a.num_events))));
      pager(d.total, d.limit, d.offset, load);
    };
    await load(0);
    status("");
    return;
  }
  const d = await api("/api/articles/" + encodeURIComponent(id));
  const a = d.article;
  $("#one").hidden = false;
  document.title = "Tacitus · " + (a.title || a.id);
  const url = safeUrl(a.url);
  $("#meta").replaceChildren(el("h2", {}, a.title || a.id),
    el("div", {class: "muted"}, `${a.outlet || "unknown outlet"} · published ${fmt(a.date)} (${a.date_basis})`,
       a.dateline ? ` · dateline "${a.dateline}"` : "", " · ", url ? el("a", {href: url, rel: "noopener noreferrer"}, "source") : `id ${a.id}`),
    ...(a.warnings || []).map(w => el("div", {class: "warn"}, `${w.kind}: ${w.message}`)));
  const marks = [];
  for (const e of d.events) {
    marks.push({start: e.trigger_start, end: e.trigger_end, kind: "trigger", title: `${e.plover} (${e.cameo}) · date ${fmt(e.date)} (${e.date_basis})`});
    marks.push(...actorMarks(e.source, "source", "source"), ...actorMarks(e.target, "target", "target"));
  }
  markedText($("#text"), a.text || "", marks);
  mentionList($("#events"), d.events, true);
  status("");
};

PAGES.code = async () => {
  tokenForm();
  const form = $("#code");
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    const data = {text: form.text.value};
    if (form.date.value) data.date = form.date.value;
    if (form.title.value.trim()) data.title = form.title.value.trim();
    status("Coding… (the first text also loads the language pipeline)");
    form.querySelector("button").disabled = true;
    try {
      const d = await post("/api/code", data);
      $("#result").hidden = false;
      const marks = [];
      for (const e of d.events) {
        marks.push({start: e.trigger.span[0], end: e.trigger.span[1], kind: "trigger", title: `${e.event.plover} (${e.event.cameo})`});
        marks.push(...actorMarks(e.source, "source", "source"), ...actorMarks(e.target, "target", "target"));
      }
      markedText($("#text"), d.article.text, marks);
      mentionList($("#events"), d.events.map(e => ({...e, ...e.event, trigger: e.trigger.text})), false);
      status(`${d.events.length} events · published ${fmt(d.article.date)} (${d.article.date_basis})`);
    } catch (err) {
      status(err.message, true);
    } finally {
      form.querySelector("button").disabled = false;
    }
  });
  status("");
};

PAGES.review = async () => {
  tokenForm();
  const loadReviews = async () => {
    const d = await api("/api/reviews?limit=100");
    $("#reviews").replaceChildren(el("tr", {}, el("th", {}, "When (UTC)"), el("th", {}, "Verdict"), el("th", {}, "Coded"), el("th", {}, "Reviewed"), el("th", {}, "Note")),
      ...d.reviews.map(r => el("tr", {class: "clickable", onclick: () => { location.href = eventLink(r.event_id); }},
        el("td", {}, r.created_at.replace("T", " ").slice(0, 16)), el("td", {}, reviewBadge(r.verdict)),
        el("td", {class: "code"}, `${r.machine_source_code || "?"} ${r.machine_plover} ${r.machine_target_code || "?"} ${fmt(r.machine_date)}`),
        el("td", {class: "code"}, r.verdict === "reject" ? "(no event)" : `${r.source_code || "?"} ${r.plover} ${r.target_code || "?"} ${fmt(r.date)}`),
        el("td", {}, r.note || ""))));
    if (!d.reviews.length) $("#reviews").append(el("tr", {}, el("td", {colspan: 5, class: "muted"}, "No reviews yet.")));
  };
  const load = async offset => {
    const d = await api(`/api/events?reviewed=false&limit=25&offset=${offset}`);
    eventsTable($("#queue"), d.events, rows => rows.forEach((row, i) => {
      const e = d.events[i];
      const act = verdict => async ev => {
        ev.stopPropagation();
        try {
          await post(`/api/events/${encodeURIComponent(e.id)}/review`, {verdict});
          status(`${verdict}ed ${e.id}`);
          await Promise.all([load(offset), loadReviews()]);
        } catch (err) { status(err.message, true); }
      };
      row.append(el("td", {class: "actions"}, el("button", {class: "accept", type: "button", onclick: act("accept")}, "Accept"), " ",
                 el("button", {class: "reject", type: "button", onclick: act("reject")}, "Reject")));
    }));
    pager(d.total, d.limit, d.offset, load);
  };
  await Promise.all([load(0), loadReviews()]);
  status("");
};

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.dataset.page;
  const here = {overview: "/", event: "/events"}[page] || "/" + page;
  $("#nav").replaceChildren(...NAV.map(([href, label]) => el("a", {href, class: href === here ? "here" : null}, label)));
  status("Loading…");
  // data-ready tells people's tools (and the browser tests) the page has drawn what it loaded.
  PAGES[page]().catch(e => status(e.message, true)).finally(() => { document.body.dataset.ready = "1"; });
});
