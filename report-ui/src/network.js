// The actor network: entities as circles sized by mentions, joined when they are named in the
// same sentence. Laid out once with d3-force (deterministic), fitted to the box; nodes can be dragged.
import { select } from "d3-selection";
import { forceSimulation, forceLink, forceManyBody, forceCenter, forceCollide, forceX, forceY } from "d3-force";
import { drag } from "d3-drag";
import { showTip, hideTip } from "./timeline.js";

const TYPES = [
  ["person", "Person"],
  ["organization", "Organisation"],
  ["place", "Place"],
  ["nationality", "Group"],
  ["event", "Event"],
  ["other", "Other"],
];

export function drawNetwork(figure, graph) {
  if (!figure || !graph || !graph.nodes.length) return;
  const nodes = graph.nodes.map((n) => ({ ...n, r: Math.min(30, 6 + 3.2 * Math.sqrt(n.mentions)) }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const links = graph.edges
    .filter((e) => byId.has(e.source) && byId.has(e.target))
    .map((e) => ({ ...e }));
  const maxW = Math.max(1, ...links.map((l) => l.weight));
  const width = Math.max(320, figure.clientWidth || 800);
  const height = Math.max(360, Math.min(620, 160 + nodes.length * 9));

  const sim = forceSimulation(nodes)
    .force("link", forceLink(links).id((n) => n.id).distance((l) => 70 + 50 / l.weight).strength((l) => 0.2 + (0.6 * l.weight) / maxW))
    .force("charge", forceManyBody().strength((n) => -120 - n.r * 8))
    .force("center", forceCenter(width / 2, height / 2))
    .force("x", forceX(width / 2).strength(0.04))
    .force("y", forceY(height / 2).strength(0.07))
    .force("collide", forceCollide((n) => n.r + 6))
    .stop();
  for (let i = 0; i < 320; i++) sim.tick();

  const labelled = new Set(
    [...nodes].sort((a, b) => b.mentions - a.mentions).slice(0, nodes.length <= 24 ? nodes.length : 18).map((n) => n.id),
  );
  // Fit the layout (with room for labels) into the box.
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of nodes) {
    const half = labelled.has(n.id) ? Math.max(n.r, n.name.length * 3.6) : n.r;
    x0 = Math.min(x0, n.x - half);
    x1 = Math.max(x1, n.x + half);
    y0 = Math.min(y0, n.y - n.r);
    y1 = Math.max(y1, n.y + n.r + 18);
  }
  const padding = 12;
  const svg = select(figure)
    .append("svg")
    .attr("class", "network-svg")
    .attr("viewBox", `${x0 - padding} ${y0 - padding} ${x1 - x0 + 2 * padding} ${y1 - y0 + 2 * padding}`)
    .attr("width", "100%")
    .attr("height", height)
    .attr("role", "img")
    .attr("aria-label", `Network of ${nodes.length} actors and ${links.length} links`);

  const link = svg
    .append("g")
    .attr("class", "links")
    .selectAll("line")
    .data(links)
    .join("line")
    .attr("stroke-width", (l) => 1 + (3.5 * l.weight) / maxW)
    .on("mousemove", (ev, l) =>
      showTip(ev, `${l.source.name} · ${l.target.name}`, `named together in ${l.weight} sentence${l.weight > 1 ? "s" : ""} across ${l.articles} article${l.articles > 1 ? "s" : ""}`),
    )
    .on("mouseleave", hideTip);
  const node = svg
    .append("g")
    .attr("class", "nodes")
    .selectAll("g")
    .data(nodes)
    .join("g")
    .attr("class", (n) => `node t-${n.type}${labelled.has(n.id) ? " labelled" : ""}`);
  node.append("circle").attr("r", (n) => n.r);
  node
    .append("text")
    .attr("dy", (n) => n.r + 13)
    .text((n) => n.name);

  const place = () => {
    link
      .attr("x1", (l) => l.source.x)
      .attr("y1", (l) => l.source.y)
      .attr("x2", (l) => l.target.x)
      .attr("y2", (l) => l.target.y);
    node.attr("transform", (n) => `translate(${n.x},${n.y})`);
  };
  place();

  const neighbours = new Map(nodes.map((n) => [n.id, new Set([n.id])]));
  for (const l of links) {
    neighbours.get(l.source.id).add(l.target.id);
    neighbours.get(l.target.id).add(l.source.id);
  }
  node
    .on("mouseenter", (ev, n) => {
      const near = neighbours.get(n.id);
      svg.classed("focus", true);
      node.classed("near", (m) => near.has(m.id));
      link.classed("near", (l) => l.source.id === n.id || l.target.id === n.id);
    })
    .on("mousemove", (ev, n) =>
      showTip(ev, n.name, `${n.mentions} mention${n.mentions > 1 ? "s" : ""} in ${n.articles} article${n.articles > 1 ? "s" : ""}`),
    )
    .on("mouseleave", () => {
      svg.classed("focus", false);
      node.classed("near", false);
      link.classed("near", false);
      hideTip();
    })
    .call(
      drag()
        .container(svg.node())
        .on("drag", (ev, n) => {
          n.x = ev.x;
          n.y = ev.y;
          place();
        }),
    );

  const present = new Set(nodes.map((n) => n.type));
  const legend = document.createElement("figcaption");
  legend.className = "legend";
  for (const [type, label] of TYPES) {
    if (!present.has(type)) continue;
    const item = document.createElement("span");
    const dot = document.createElement("span");
    dot.className = `dot t-${type}`;
    item.append(dot, label);
    legend.append(item);
  }
  figure.append(legend);
}
