// A classic (non-module) script that runs before the page's module: where
// the module cannot run at all, the page says why instead of staying at
// "Loading…". Opened as a file (file://), browsers refuse module scripts and
// module workers, so nothing else of the page would run.
(function () {
  function say(text) {
    var s = document.getElementById("status");
    if (s) s.textContent = text;
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (location.protocol === "file:") {
      say("This page was opened as a file (file://), where browsers do not run its scripts. " +
        "Run `py2wasm playground` and open the URL it prints, or serve an exported folder " +
        "over HTTP (e.g. python -m http.server -d DIR --bind 127.0.0.1).");
      document.body.dataset.mode = "file";
      return;
    }
    setTimeout(function () {
      if (!document.body.dataset.ready && document.getElementById("status").textContent === "Loading…") {
        say("The page's script did not start (see the browser console): is the playground server still running?");
      }
    }, 15000);
  });
})();
