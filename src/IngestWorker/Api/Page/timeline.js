// The timeline page: fetches the API's answers and draws them as plain SVG. No library, no network but the worker's own API.
"use strict";
(function () {
  const kindColours = { level: "#1565c0", target: "#ef6c00", reduction: "#6a1b9a", increase: "#2e7d32" };
  const statusColours = {
    "active": "#2e7d32", "receiving-forces": "#00897b", "withdrawal-planned": "#f9a825", "withdrawal-started": "#ef6c00",
    "handover-in-progress": "#8e24aa", "handed-over": "#616161", "residual-presence": "#5d4037"
  };
  const state = { selected: null, knownAt: "" };

  const el = window.pageDom.svg, html = window.pageDom.html;

  // Every page of a list route, following nextCursor.
  async function all(path, extra) {
    const items = [];
    let cursor = null;
    do {
      const query = new URLSearchParams(Object.assign({ limit: "1000" }, extra || {}));
      if (state.knownAt) query.set("knownAt", state.knownAt);
      if (cursor) query.set("cursor", cursor);
      const response = await fetch(path + "?" + query.toString());
      if (!response.ok) throw new Error(path + " answered " + response.status);
      const page = await response.json();
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  const day = text => new Date(text + "T00:00:00Z").getTime();
  const year = ms => new Date(ms).getUTCFullYear();
  const seriesName = s => s.force + " " + s.location + " " + s.kind;
  const number = n => n.toLocaleString("en-US");

  // Years on a long axis; months (every one, or every third) when the axis spans less than three years.
  function timeAxis(svg, x, from, to, top, bottom) {
    const months = (to - from) / (30.4 * 864e5);
    const ticks = [];
    if (months < 36) {
      const step = months < 14 ? 1 : 3;
      const first = new Date(from);
      for (let m = first.getUTCFullYear() * 12 + first.getUTCMonth(); ; m++) {
        const at = Date.UTC(Math.floor(m / 12), m % 12, 1);
        if (at > to) break;
        if (at < from || (m % 12) % step !== 0) continue;
        ticks.push([at, m % 12 === 0 ? String(Math.floor(m / 12)) : new Date(at).toLocaleString("en-US", { month: "short", timeZone: "UTC" })]);
      }
    } else {
      const step = Math.max(1, Math.ceil((year(to) - year(from)) / 12));
      for (let y = year(from); y <= year(to) + 1; y++) {
        const at = Date.UTC(y, 0, 1);
        if (at >= from && at <= to && y % step === 0) ticks.push([at, String(y)]);
      }
    }
    for (const [at, label] of ticks) {
      el("line", { x1: x(at), x2: x(at), y1: top, y2: bottom, class: "grid" }, svg);
      el("text", { x: x(at), y: bottom + 14, "text-anchor": "middle" }, svg).textContent = label;
    }
    el("line", { x1: x(from), x2: x(to), y1: bottom, y2: bottom, class: "axis" }, svg);
  }

  // The chart holds counts only; a click asks the API for every report behind that point, figure by figure.
  async function showSources(series, point) {
    const body = document.getElementById("sources-body");
    body.replaceChildren();
    html("h3", seriesName(series) + ", " + point.period, body);
    const query = { location: series.location, force: series.force, kind: series.kind, period: point.period, dated: String(point.dated) };
    const sources = await all("/api/history/sources", query);
    if (sources.length === 0) { html("p", "No sources found for this point.", body, "hint"); return; }
    const figures = [];
    for (const source of sources) {
      const last = figures[figures.length - 1];
      if (last && last.count === source.count && last.bound === source.bound) last.reports.push(source);
      else figures.push({ count: source.count, bound: source.bound, supported: source.supported, reports: [source] });
    }
    for (const figure of figures) {
      const block = html("div", null, body, "figure" + (figure.supported ? " supported" : ""));
      html("h3", figure.bound + " " + number(figure.count) + " — " + figure.reports.length + " report" + (figure.reports.length === 1 ? "" : "s")
        + (figure.supported ? " (supported)" : ""), block);
      for (const report of figure.reports) {
        const line = html("div", null, block, "report");
        html("div", report.outlets.join(" + ") + (report.copies.length > 1 ? " (" + report.copies.length + " copies)" : ""), line);
        for (const copy of report.copies) {
          html("div", (copy.copyOf ? "copy: " : "") + (copy.title || copy.streamId) + " (" + (copy.published || "undated") + ")", line, "copy");
        }
      }
    }
    body.dataset.shown = point.period;
  }

  function troopChart(location, series, container) {
    const box = html("div", null, container, "chart");
    box.dataset.location = location;
    html("h2", location, box);
    const legend = html("div", null, box, "legend");
    const width = 900, height = 280, left = 60, right = 15, top = 10, bottom = 250;
    const svg = el("svg", { viewBox: "0 0 " + width + " " + (height + 10), class: "troop-chart", "data-location": location, role: "img" }, box);
    const points = series.flatMap(s => s.points);
    let from = Math.min(...points.map(p => day(p.start))), to = Math.max(...points.map(p => day(p.end)));
    if (from === to) { from -= 180 * 864e5; to += 180 * 864e5; }
    const pad = (to - from) * 0.03;
    from -= pad; to += pad;
    const counts = points.flatMap(p => p.figures.map(f => f.count)).filter(c => c > 0);
    const low = Math.pow(10, Math.floor(Math.log10(Math.min(...counts)))), high = Math.pow(10, Math.ceil(Math.log10(Math.max(...counts) * 1.2)));
    const x = t => left + (t - from) / (to - from) * (width - left - right);
    const y = c => bottom - (Math.log10(Math.max(c, low)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)) * (bottom - top);
    for (let c = low; c <= high; c *= 10) {
      el("line", { x1: left, x2: width - right, y1: y(c), y2: y(c), class: "grid" }, svg);
      el("text", { x: left - 6, y: y(c) + 4, "text-anchor": "end" }, svg).textContent = number(c);
    }
    el("line", { x1: left, x2: left, y1: top, y2: bottom, class: "axis" }, svg);
    timeAxis(svg, x, from, to, top, bottom);

    const groups = [];
    for (const s of series) {
      const name = seriesName(s);
      const colour = s.force === "Coalition" ? shade(kindColours[s.kind] || "#444") : (kindColours[s.kind] || "#444");
      const button = html("button", null, legend);
      button.type = "button";
      const swatch = html("span", null, button, "swatch");
      swatch.style.background = colour;
      button.appendChild(document.createTextNode(s.force + " " + s.kind + " (" + s.points.length + ")"));
      button.dataset.series = name;
      button.addEventListener("click", () => { state.selected = state.selected === name ? null : name; highlight(); });

      const g = el("g", { class: "series", "data-series": name }, svg);
      groups.push(g);
      const dated = s.points.filter(p => p.dated);
      if (dated.length > 1) {
        el("polyline", {
          class: "trend", fill: "none", stroke: colour, "stroke-width": 1.2, "stroke-dasharray": "4 3",
          points: dated.map(p => x((day(p.start) + day(p.end)) / 2) + "," + y(p.count)).join(" ")
        }, g);
      }
      for (const p of s.points) {
        const cx = x((day(p.start) + day(p.end)) / 2), cy = y(p.count);
        // The period as a bar, the bound as a range.
        el("line", { x1: x(day(p.start)), x2: Math.max(x(day(p.end)), x(day(p.start)) + 1), y1: cy, y2: cy, stroke: colour, "stroke-width": 3, opacity: 0.35 }, g);
        const range = p.bound === "at-least" ? [cy, top] : p.bound === "at-most" ? [cy, bottom] : p.bound === "approximately" ? [y(p.count * 1.1), y(p.count * 0.9)] : null;
        if (range) el("line", { x1: cx, x2: cx, y1: range[0], y2: range[1], stroke: colour, "stroke-width": 1.5, opacity: 0.6, class: "range" }, g);
        const r = 3 + Math.min(6, 2 * p.reports);
        const circle = el("circle", {
          cx: cx, cy: cy, r: r, fill: p.dated ? colour : "#fff", stroke: colour, "stroke-width": 1.5,
          class: "point" + (p.disagreement ? " disagreement" : ""), "data-period": p.period, "data-count": p.count, "data-reports": p.reports, tabindex: 0
        }, g);
        el("title", {}, circle).textContent = name + ", " + p.period + ": " + p.bound + " " + number(p.count) + " (" + p.reports + " report" + (p.reports === 1 ? "" : "s") + ")";
        circle.addEventListener("click", () => {
          showSources(s, p).catch(error => { document.getElementById("sources-body").textContent = "Could not load the sources: " + error.message; });
        });
      }
    }
    svg.highlight = () => {
      for (const g of groups) {
        g.classList.toggle("faded", state.selected !== null && g.dataset.series !== state.selected && groups.some(o => o.dataset.series === state.selected));
        g.classList.toggle("selected", g.dataset.series === state.selected);
      }
      for (const b of legend.querySelectorAll("button")) b.classList.toggle("selected", b.dataset.series === state.selected);
    };
  }

  function shade(hex) {
    const n = parseInt(hex.slice(1), 16), mix = c => Math.round(c + (255 - c) * 0.45);
    return "#" + [n >> 16, (n >> 8) & 255, n & 255].map(mix).map(c => c.toString(16).padStart(2, "0")).join("");
  }

  function highlight() {
    for (const svg of document.querySelectorAll("svg.troop-chart")) svg.highlight();
  }

  function baseChart(bases, container) {
    const box = html("div", null, container, "chart");
    html("h2", "Base status over time", box);
    const legend = html("div", null, box, "legend");
    for (const [status, colour] of Object.entries(statusColours)) {
      const item = html("span", null, legend);
      html("span", null, item, "swatch").style.background = colour;
      item.appendChild(document.createTextNode(status));
    }
    if (bases.length === 0) { html("p", "No statements about bases.", box, "hint"); return; }
    const row = 22, left = 190, right = 15, width = 900, top = 5;
    const bottom = top + row * bases.length;
    const svg = el("svg", { viewBox: "0 0 " + width + " " + (bottom + 25), class: "base-chart", role: "img" }, box);
    const runs = bases.flatMap(b => b.runs);
    const ends = runs.map(r => r.end ? day(r.end) : day(r.from));
    let from = Math.min(...runs.map(r => day(r.from))), to = Math.max(...ends);
    to = Math.max(to, from + 365 * 864e5);
    const pad = (to - from) * 0.05;
    from -= pad;
    to += pad;
    const x = t => left + (t - from) / (to - from) * (width - left - right);
    timeAxis(svg, x, from, to, top, bottom);
    bases.forEach((b, i) => {
      const g = el("g", { class: "base", "data-base": b.base }, svg);
      el("text", { x: left - 6, y: top + i * row + 15, "text-anchor": "end" }, g).textContent = b.base;
      for (const run of b.runs) {
        const start = x(day(run.from)), end = run.end ? x(day(run.end)) : x(to);
        const rect = el("rect", {
          x: start, y: top + i * row + 3, width: Math.max(3, end - start), height: row - 6, rx: 3,
          fill: statusColours[run.status] || "#999", class: "run", "data-status": run.status
        }, g);
        el("title", {}, rect).textContent = b.base + ": " + run.status + " from " + (run.start || run.from) + (run.end ? " until " + run.end : " (now)");
        rect.addEventListener("click", () => {
          const body = document.getElementById("sources-body");
          body.replaceChildren();
          html("h3", b.base + ": " + run.status, body);
          html("p", "From " + (run.start || run.from + " (undated, when reported)") + (run.end ? " until " + run.end : ", still holding")
            + "; " + run.statementCount + " statement" + (run.statementCount === 1 ? "" : "s") + ".", body);
          html("p", "Opened by: “" + run.opening.quote + "”", body);
          html("p", (run.opening.source.outlet || run.opening.source.title || "") + " (" + (run.opening.source.published || "undated") + ")", body, "copy");
        });
      }
    });
  }

  // A long series or base comes in pieces over several pages ("continues": true): join each back into one.
  function joined(pieces, parts) {
    const whole = [];
    for (const piece of pieces) {
      const last = whole[whole.length - 1];
      if (last && last.continues) {
        last[parts].push(...piece[parts]);
        last.continues = piece.continues;
      } else {
        whole.push(piece);
      }
    }
    return whole;
  }

  async function load() {
    const summary = document.getElementById("summary");
    summary.textContent = "Loading…";
    const [seriesPieces, basePieces] = await Promise.all([all("/api/history", { sources: "none" }), all("/api/bases", { statements: "none" })]);
    const history = joined(seriesPieces, "points"), bases = joined(basePieces, "runs");
    const troops = document.getElementById("troops");
    troops.replaceChildren();
    const byPlace = new Map();
    for (const s of history) {
      if (!byPlace.has(s.location)) byPlace.set(s.location, []);
      byPlace.get(s.location).push(s);
    }
    for (const [location, series] of [...byPlace.entries()].sort((a, b) => a[0].localeCompare(b[0]))) troopChart(location, series, troops);
    if (history.length === 0) html("p", "No troop counts known" + (state.knownAt ? " at " + state.knownAt : "") + ".", troops, "hint");
    const basesBox = document.getElementById("bases");
    basesBox.replaceChildren();
    baseChart(bases, basesBox);
    window.baseMap.draw(document.getElementById("map"), bases, history, statusColours);
    highlight();
    const points = history.reduce((n, s) => n + s.points.length, 0);
    summary.textContent = history.length + " series, " + points + " points, " + bases.length + " bases" + (state.knownAt ? ", as known at " + state.knownAt : "");
    document.body.dataset.loaded = state.knownAt || "all";
  }

  function reload() {
    load().catch(error => { document.getElementById("summary").textContent = "Could not load: " + error.message; });
  }

  document.getElementById("known-at").addEventListener("change", event => { state.knownAt = event.target.value; reload(); });
  document.getElementById("known-now").addEventListener("click", () => { document.getElementById("known-at").value = ""; state.knownAt = ""; reload(); });
  reload();
})();
