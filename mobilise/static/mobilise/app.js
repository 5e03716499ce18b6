// Starts the NHS.UK frontend components. Every page works without this script.
import { initAll } from "../vendor/nhsuk/nhsuk-frontend.min.js";

initAll();

// Results that are still coming in (response rates, on-the-day feedback) carry `data-live` and
// `hx-trigger="live:refresh"`: every 30 seconds, and when the tab comes back into view, each asks
// the server for its fresh copy. Nothing is asked while the tab is hidden. Without JavaScript the
// pages still work; each has its own link to look again.
const LIVE_PERIOD_MS = 30000;
function refreshLive() {
  if (document.visibilityState !== "visible" || !window.htmx) {
    return;
  }
  document.querySelectorAll("[data-live]").forEach((element) => window.htmx.trigger(element, "live:refresh"));
}
window.setInterval(refreshLive, LIVE_PERIOD_MS);
document.addEventListener("visibilitychange", refreshLive);
