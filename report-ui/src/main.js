// newsprism brief.html: the interactive parts of the report. The page is complete HTML without
// this script; it adds citation pop-overs, word differences between quote wordings, the timeline
// chart and the actor network. Data comes from the two JSON blocks the Python renderer embeds.
import { initCitations } from "./cite.js";
import { markVariants } from "./diff.js";
import { drawTimeline } from "./timeline.js";
import { drawNetwork } from "./network.js";

function readJson(id) {
  const el = document.getElementById(id);
  return el ? JSON.parse(el.textContent) : null;
}

function guarded(name, fn) {
  try {
    fn();
  } catch (err) {
    // A broken enhancement must not take the rest of the page down; the HTML is still there.
    console.error(`newsprism: ${name} failed`, err);
  }
}

function start() {
  const story = readJson("np-story");
  const view = readJson("np-view");
  if (!story || !view) return;
  document.documentElement.classList.add("js");
  guarded("citations", () => initCitations(story, view.cites, view.published));
  guarded("quote variants", () => markVariants(document));
  guarded("timeline", () => drawTimeline(document.getElementById("timeline-chart"), view.timeline));
  guarded("network", () => drawNetwork(document.getElementById("network-chart"), view.network));
  document.body.dataset.ready = "true";
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
