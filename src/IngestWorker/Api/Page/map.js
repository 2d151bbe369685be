// The map of the page: the bases of the current answer on the country outlines of outlines.js, each a
// mark coloured by its status as known at the page's date and sized by its statements, with the troop
// figures by country beside it and the bases the rules cannot place listed under them.
"use strict";
window.baseMap = (function () {
  const radians = Math.PI / 180;
  const outlines = window.regionOutlines;
  const el = window.pageDom.svg, html = window.pageDom.html;

  // The Mercator projection the outlines were drawn with (tools/map/build-outlines.mjs checks the two agree).
  function project(lon, lat) {
    const [tx, ty] = outlines.translate;
    return [tx + outlines.scale * lon * radians, ty - outlines.scale * Math.log(Math.tan(Math.PI / 4 + lat * radians / 2))];
  }

  const statements = b => b.runs.reduce((n, run) => n + run.statementCount, 0);

  // The view closes in on the marks (keeping the outlines' shape), so a few bases in Iraq do not sit in a corner.
  function viewOf(points) {
    if (points.length === 0) return [0, 0, outlines.width, outlines.height];
    const xs = points.map(p => p[0]), ys = points.map(p => p[1]);
    const aspect = outlines.height / outlines.width;
    let width = Math.max(260, Math.max(...xs) - Math.min(...xs) + 140);
    let height = Math.max(width * aspect, Math.max(...ys) - Math.min(...ys) + 140);
    width = Math.min(outlines.width, Math.max(width, height / aspect));
    height = Math.min(outlines.height, width * aspect);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2, cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const x = Math.min(Math.max(0, cx - width / 2), outlines.width - width), y = Math.min(Math.max(0, cy - height / 2), outlines.height - height);
    return [x, y, width, height];
  }

  function showRuns(b, colours) {
    const body = document.getElementById("sources-body");
    body.replaceChildren();
    html("h3", b.base + (b.siteKind ? " (" + b.siteKind + (b.country ? ", " + b.country : "") + ")" : ""), body);
    html("p", "Now " + b.status + (b.since ? " since " + b.since : "") + "; " + statements(b) + " statement" + (statements(b) === 1 ? "" : "s") + ".", body);
    const list = html("ol", null, body, "runs");
    for (const run of b.runs) {
      const item = html("li", null, list);
      const swatch = html("span", null, item, "swatch");
      swatch.style.background = colours[run.status] || "#999";
      item.appendChild(document.createTextNode(run.status + " from " + (run.start || run.from + " (undated)") + (run.end ? " until " + run.end : ", still holding")
        + " — " + run.statementCount + " statement" + (run.statementCount === 1 ? "" : "s")));
      html("div", "“" + run.opening.quote + "”", item, "copy");
    }
    body.dataset.shown = b.base;
  }

  // The latest level of each force in each country, from the troop timelines of the same answer.
  function troopTable(history, parent) {
    const rows = new Map();
    for (const s of history.filter(s => s.kind === "level" && s.points.length > 0)) {
      const dated = s.points.filter(p => p.dated);
      const latest = (dated.length ? dated : s.points).reduce((a, b) => (a.end >= b.end ? a : b));
      if (!rows.has(s.location)) rows.set(s.location, {});
      rows.get(s.location)[s.force] = latest;
    }
    html("h3", "Troops by country (latest level)", parent);
    if (rows.size === 0) { html("p", "No troop levels known.", parent, "hint"); return; }
    const table = html("table", null, parent, "troop-table");
    const head = html("tr", null, html("thead", null, table));
    for (const title of ["Country", "US", "Coalition"]) html("th", title, head);
    const body = html("tbody", null, table);
    for (const [country, forces] of [...rows.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      const row = html("tr", null, body);
      row.dataset.country = country;
      html("td", country, row);
      for (const force of ["US", "Coalition"]) {
        const p = forces[force];
        html("td", p ? p.count.toLocaleString("en-US") + " (" + p.period + ")" : "–", row);
      }
    }
  }

  function draw(container, bases, history, colours) {
    container.replaceChildren();
    const box = html("div", null, container, "chart map-chart");
    html("h2", "Where the bases are", box);
    const layout = html("div", null, box, "map-layout");
    const placed = bases.filter(b => b.latitude !== null && b.latitude !== undefined && b.longitude !== null && b.longitude !== undefined);
    const unplaced = bases.filter(b => !placed.includes(b));
    const points = placed.map(b => project(b.longitude, b.latitude));
    const view = viewOf(points);
    const zoom = view[2] / outlines.width;
    const svg = el("svg", { viewBox: view.join(" "), class: "base-map", role: "img", "aria-label": "Bases on a map of the region" }, layout);
    el("rect", { x: 0, y: 0, width: outlines.width, height: outlines.height, class: "sea" }, svg);
    const land = el("g", { class: "countries" }, svg);
    for (const country of outlines.countries) {
      el("title", {}, el("path", { d: country.d, class: "country", "data-country": country.name }, land)).textContent = country.name;
    }
    for (const country of outlines.countries) {
      const [x, y] = country.label;
      if (x > view[0] && x < view[0] + view[2] && y > view[1] && y < view[1] + view[3]) {
        el("text", { x: x, y: y, class: "country-label", "font-size": 11 * zoom }, svg).textContent = country.name;
      }
    }
    // Larger marks first, so a small one on the same spot stays clickable on top.
    const order = placed.map((b, i) => [b, points[i]]).sort((a, b) => statements(b[0]) - statements(a[0]));
    for (const [b, [x, y]] of order) {
      const count = statements(b);
      const mark = el("circle", {
        cx: x, cy: y, r: (4 + 2.2 * Math.sqrt(count)) * zoom, fill: colours[b.status] || "#999", "stroke-width": 1.2 * zoom,
        class: "base-mark", "data-base": b.base, "data-status": b.status, "data-statements": count, tabindex: 0
      }, svg);
      el("title", {}, mark).textContent = b.base + ": " + b.status + " (" + count + " statement" + (count === 1 ? "" : "s") + ")";
      mark.addEventListener("click", () => showRuns(b, colours));
      mark.addEventListener("keydown", event => { if (event.key === "Enter") showRuns(b, colours); });
    }
    const side = html("div", null, layout, "map-side");
    const legend = html("div", null, side, "legend map-legend");
    for (const [status, colour] of Object.entries(colours)) {
      const item = html("span", null, legend);
      html("span", null, item, "swatch").style.background = colour;
      item.appendChild(document.createTextNode(status));
    }
    troopTable(history, side);
    html("h3", "Not on the map", side);
    if (unplaced.length === 0) {
      html("p", "Every base has a place.", side, "hint");
    } else {
      const list = html("ul", null, side, "unplaced");
      for (const b of unplaced) {
        const item = html("li", null, list);
        item.dataset.base = b.base;
        const swatch = html("span", null, item, "swatch");
        swatch.style.background = colours[b.status] || "#999";
        const link = html("button", b.base + " (" + b.status + ")", item, "link");
        link.type = "button";
        link.addEventListener("click", () => showRuns(b, colours));
      }
    }
  }

  return { draw: draw };
})();
