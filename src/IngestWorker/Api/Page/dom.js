// Shared by the page's scripts: an SVG or HTML element, its attributes or text and its parent given in one call.
"use strict";
window.pageDom = (function () {
  const svgNs = "http://www.w3.org/2000/svg";

  function svg(name, attributes, parent) {
    const node = document.createElementNS(svgNs, name);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, String(value));
    if (parent) parent.appendChild(node);
    return node;
  }

  function html(tag, text, parent, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    if (parent) parent.appendChild(node);
    return node;
  }

  return { svg: svg, html: html };
})();
