/*
 * Dossier — starts swagger-ui on the API's reference page (/api/docs), reading the description's
 * address from the page. No validator badge (it would call a server outside), no top bar (it
 * would load other descriptions), no query-string configuration; no deep links, which swagger-ui
 * puts as links inside each operation's button (nested controls a screen reader cannot reach).
 */
(function () {
  "use strict";

  function start() {
    var root = document.getElementById("swagger-ui");
    if (!root || typeof window.SwaggerUIBundle !== "function") {
      return;
    }
    window.SwaggerUIBundle({
      url: root.getAttribute("data-url"),
      domNode: root,
      deepLinking: false,
      validatorUrl: null,
      queryConfigEnabled: false,
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
      defaultModelsExpandDepth: 0,
      docExpansion: "list"
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
