// Draws the relationship network with cytoscape.js when it is available. The page works without
// it: the table below the drawing holds the same information.
const PALETTE = ["#005eb8", "#007f3b", "#7c2855", "#ed8b00", "#330072", "#00a499", "#ae2573", "#425563", "#ffb81c", "#8a1538"];
const SHAPES = ["ellipse", "round-rectangle", "triangle", "diamond", "hexagon", "star", "pentagon", "vee", "tag", "barrel"];
// The key is drawn in the same shape as the dots, so the legend names only the type of organisation.
const KEY_OUTLINES = {
  "ellipse": "circle(50%)",
  "triangle": "polygon(50% 0, 100% 100%, 0 100%)",
  "diamond": "polygon(50% 0, 100% 50%, 50% 100%, 0 50%)",
  "hexagon": "polygon(25% 0, 75% 0, 100% 50%, 75% 100%, 25% 100%, 0 50%)",
  "star": "polygon(50% 0, 61% 35%, 98% 35%, 68% 57%, 79% 91%, 50% 70%, 21% 91%, 32% 57%, 2% 35%, 39% 35%)",
  "pentagon": "polygon(50% 0, 100% 38%, 82% 100%, 18% 100%, 0 38%)",
  "vee": "polygon(0 0, 50% 40%, 100% 0, 50% 100%)",
  "tag": "polygon(0 0, 75% 0, 100% 50%, 75% 100%, 0 100%)",
};

function pairs(flat, prefix, classes) {
  const out = [];
  for (let i = 0; i + 1 < flat.length; i += 2) {
    out.push({ data: { id: `${prefix}${i / 2}`, source: `n${flat[i]}`, target: `n${flat[i + 1]}` }, classes });
  }
  return out;
}

function elements(data) {
  // People come as columns (labels, type, size, spof); ties as flat pairs of positions.
  const nodes = data.labels.map((label, i) => ({
    data: { id: `n${i}`, label, type: data.type[i], size: data.size[i], spof: data.spof[i] === 1 },
  }));
  return [...nodes, ...pairs(data.edges, "e", ""), ...pairs(data.suggested, "s", "suggested")];
}

function draw(container) {
  const source = document.getElementById(container.dataset.network);
  if (!source || typeof window.cytoscape !== "function") return;
  const data = JSON.parse(source.textContent);
  if (!data.labels || data.labels.length === 0) return;
  const maxSize = Math.max(1, ...data.size);
  const big = data.labels.length > 400;
  container.hidden = false;
  window.cytoscape({
    container,
    elements: elements(data),
    layout: big ? { name: "concentric", concentric: (n) => n.data("size"), levelWidth: () => 2, animate: false }
                : { name: "cose", animate: false, randomize: false, nodeRepulsion: 8000 },
    wheelSensitivity: 0.2,
    style: [
      { selector: "node", style: {
        "background-color": (n) => PALETTE[n.data("type") % PALETTE.length],
        "shape": (n) => SHAPES[n.data("type") % SHAPES.length],
        "width": (n) => 10 + 30 * Math.sqrt(n.data("size") / maxSize),
        "height": (n) => 10 + 30 * Math.sqrt(n.data("size") / maxSize),
        "label": big ? "" : "data(label)", "font-size": 9, "color": "#212b32",
        "text-valign": "bottom", "text-margin-y": 2,
      } },
      { selector: "node[?spof]", style: { "border-width": 4, "border-color": "#212b32" } },
      { selector: "edge", style: { "width": 1, "line-color": "#aeb7bd", "curve-style": "haystack", "opacity": 0.7 } },
      { selector: "edge.suggested", style: { "line-style": "dashed", "line-color": "#d5281b", "width": 2, "curve-style": "straight", "opacity": 1 } },
    ],
  });
  const legend = document.querySelector("[data-network-legend]");
  if (legend) {
    data.types.forEach((label, i) => {
      const item = document.createElement("li");
      const key = document.createElement("span");
      key.className = "engagement-legend__key";
      key.style.backgroundColor = PALETTE[i % PALETTE.length];
      key.setAttribute("aria-hidden", "true");
      key.style.clipPath = KEY_OUTLINES[SHAPES[i % SHAPES.length]] || "none";
      key.style.borderRadius = "2px";
      item.append(key, ` ${label}`);
      legend.append(item);
    });
    legend.hidden = false;
  }
}

document.querySelectorAll("[data-network]").forEach(draw);
