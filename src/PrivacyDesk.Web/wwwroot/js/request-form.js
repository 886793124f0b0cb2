// Shows the agent sections of the request form only for 任意代理人 / 法定代理人. Without JavaScript every section
// stays visible, with headings that say when it applies, so the form still works.
(function () {
    "use strict";
    var form = document.getElementById("request-form");
    if (!form) { return; }
    var radios = form.querySelectorAll("input[data-requester-type]");
    var agentOnly = form.querySelectorAll("[data-agent-only]");
    function update() {
        var chosen = form.querySelector("input[data-requester-type]:checked");
        var hasAgent = chosen !== null && chosen.value !== "Principal";
        for (var i = 0; i < agentOnly.length; i++) {
            agentOnly[i].hidden = !hasAgent;
        }
    }
    for (var i = 0; i < radios.length; i++) {
        radios[i].addEventListener("change", update);
    }
    update();
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
}());
