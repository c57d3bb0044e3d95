// The timeline chart: each dated event on a time axis, its dot sized by how many sources report it
// and darkened when more than one independent origin does. Periods (a month, a week) are bars.
import { select } from "d3-selection";
import { scaleUtc } from "d3-scale";
import { axisBottom } from "d3-axis";

const DAY = 86400000;
const LANE = 30;
const MAX_LANES = 8;
const MARGIN = { top: 18, right: 24, bottom: 34, left: 24 };

function radius(support) {
  return 8 + 2.5 * Math.sqrt(Math.max(0, support - 1));
}

function tooltip() {
  let tip = document.getElementById("np-tip");
  if (!tip) {
    tip = document.createElement("div");
    tip.id = "np-tip";
    tip.className = "tip";
    tip.hidden = true;
    document.body.append(tip);
  }
  return tip;
}

export function showTip(ev, title, body) {
  const tip = tooltip();
  tip.replaceChildren();
  const h = document.createElement("strong");
  h.textContent = title;
  tip.append(h);
  if (body) {
    const p = document.createElement("div");
    p.textContent = body;
    tip.append(p);
  }
  tip.hidden = false;
  const pad = 14;
  const w = tip.offsetWidth;
  const left = Math.min(ev.clientX + pad, window.innerWidth - w - 8);
  tip.style.left = `${Math.max(8, left)}px`;
  tip.style.top = `${ev.clientY + pad}px`;
}

export function hideTip() {
  tooltip().hidden = true;
}

function clip(text, n) {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > n ? t.slice(0, n - 1) + "…" : t;
}

export function drawTimeline(figure, points) {
  if (!figure) return;
  let dated = points
    .filter((p) => p.start)
    .map((p) => ({ ...p, t0: Date.parse(p.start), t1: Date.parse(p.end || p.start) + DAY }));
  const undated = points.length - dated.length;
  if (!dated.length) {
    figure.append(Object.assign(document.createElement("figcaption"), {
      textContent: "No event has a calendar date to chart.",
    }));
    return;
  }
  const width = Math.max(320, figure.clientWidth || 800);
  // Scale to the events dated to a day, week or month; a year-long period must not squash them.
  const LONG = 45 * DAY;
  const basis = dated.some((p) => p.t1 - p.t0 <= LONG) ? dated.filter((p) => p.t1 - p.t0 <= LONG) : dated;
  let lo = Math.min(...basis.map((p) => p.t0));
  let hi = Math.max(...basis.map((p) => p.t1));
  const offScale = dated.filter((p) => p.t1 <= lo || p.t0 >= hi);
  dated = dated.filter((p) => !offScale.includes(p));
  for (const p of dated) {
    p.t0 = Math.max(p.t0, lo);
    p.t1 = Math.min(p.t1, hi);
  }
  const pad = Math.max((hi - lo) * 0.04, DAY);
  lo -= pad;
  hi += pad;
  const x = scaleUtc().domain([lo, hi]).range([MARGIN.left, width - MARGIN.right]);

  // Greedy lanes so that dots and bars do not overlap.
  const ends = [];
  dated.sort((a, b) => a.t0 - b.t0 || b.support - a.support);
  for (const p of dated) {
    p.r = radius(p.support);
    p.x0 = x(p.t0);
    p.x1 = Math.max(x(p.t1), p.x0);
    p.bar = p.t1 - p.t0 > DAY * 1.5;
    const left = (p.bar ? p.x0 : p.x0 - p.r) - 4;
    const right = p.bar ? Math.max(p.x1, p.x0 + p.r) : p.x0 + p.r;
    let lane = ends.findIndex((end) => end <= left);
    if (lane < 0 && ends.length < MAX_LANES) lane = ends.length;
    if (lane < 0) lane = ends.indexOf(Math.min(...ends));
    ends[lane] = right;
    p.lane = lane;
  }
  const height = MARGIN.top + ends.length * LANE + MARGIN.bottom;
  const svg = select(figure)
    .append("svg")
    .attr("class", "timeline-svg")
    .attr("viewBox", `0 0 ${width} ${height}`)
    .attr("width", "100%")
    .attr("role", "img")
    .attr("aria-label", `Timeline of ${dated.length} dated events`);
  const axisY = height - MARGIN.bottom + 6;
  const ticks = Math.max(2, Math.floor(width / 120));
  const fmt = x.tickFormat(ticks);
  svg
    .append("g")
    .attr("class", "axis")
    .attr("transform", `translate(0,${axisY})`)
    .call(axisBottom(x).ticks(ticks).tickFormat(fmt).tickSizeOuter(0).tickSize(-(axisY - MARGIN.top + 6)))
    .call((g) => g.select(".domain").remove());

  const laneY = (p) => MARGIN.top + p.lane * LANE + LANE / 2;
  const event = svg
    .append("g")
    .selectAll("g")
    .data(dated)
    .join("g")
    .attr("class", (p) => `event${p.origins > 1 ? " corroborated" : ""}`)
    .attr("tabindex", 0)
    .attr("data-id", (p) => p.id);
  event
    .filter((p) => p.bar)
    .append("rect")
    .attr("class", "period")
    .attr("x", (p) => p.x0)
    .attr("y", (p) => laneY(p) - 5)
    .attr("width", (p) => Math.max(2, p.x1 - p.x0))
    .attr("height", 10)
    .attr("rx", 5);
  event
    .append("circle")
    .attr("cx", (p) => p.x0)
    .attr("cy", laneY)
    .attr("r", (p) => p.r);
  event
    .append("text")
    .attr("class", "count")
    .attr("x", (p) => p.x0)
    .attr("y", laneY)
    .attr("dy", "0.35em")
    .text((p) => p.support);

  const go = (p) => {
    const target = document.getElementById(`event-${p.id}`);
    if (!target) return;
    target.scrollIntoView({ behavior: "smooth", block: "center" });
    target.classList.remove("flash");
    void target.offsetWidth;
    target.classList.add("flash");
  };
  event
    .on("mousemove", (ev, p) =>
      showTip(ev, p.label, `${clip(p.text, 180)} (${p.support} source${p.support > 1 ? "s" : ""}, ${p.origins} independent)`),
    )
    .on("mouseleave", hideTip)
    .on("click", (ev, p) => go(p))
    .on("keydown", (ev, p) => {
      if (ev.key === "Enter") go(p);
    });
  const notes = [];
  if (offScale.length) notes.push(`Not drawn at this scale: ${offScale.map((p) => p.label).join(", ")}.`);
  if (undated) notes.push(`${undated} event${undated > 1 ? "s" : ""} without a calendar date ${undated > 1 ? "are" : "is"} listed below only.`);
  if (notes.length) figure.append(Object.assign(document.createElement("figcaption"), { textContent: notes.join(" ") }));
}
