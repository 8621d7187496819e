/*
 * Inference cost calculator: optional script for a page that embeds the calculator in an
 * iframe. The embedded page posts {type: "inference-cost:height", height: <CSS pixels>} to
 * its parent whenever its content's height changes; this sets the iframe's height to match.
 * Only iframes whose window sent the message are resized. No dependencies, no storage.
 */
(function () {
  "use strict";
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || data.type !== "inference-cost:height" || typeof data.height !== "number") return;
    var height = Math.max(120, Math.min(Math.ceil(data.height), 20000));
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) frames[i].style.height = height + "px";
    }
  });
})();
