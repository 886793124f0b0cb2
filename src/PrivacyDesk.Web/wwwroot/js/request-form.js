// Shows the agent sections of the request form only for 任意代理人 / 法定代理人. Without JavaScript every section
// stays visible, with headings that say when it applies, so the form still works.
(function () {
    "use strict";
    var form = document.getElementById("request-form");
    if (!form) { return; }
    var radios = form.querySelectorAll("input[data-requester-type]");
    var agentOnly = form.querySelectorAll("[data-agent-only]");
    var legalOnly = form.querySelectorAll("[data-legal-only]");
    // Only the documents of one kind of agent carry data-for (an empty one belongs to every requester type).
    var typed = form.querySelectorAll("option[data-for]:not([data-for=''])");
    function update() {
        var chosen = form.querySelector("input[data-requester-type]:checked");
        var type = chosen === null ? "" : chosen.value;
        var hasAgent = type !== "" && type !== "Principal";
        var i;
        for (i = 0; i < agentOnly.length; i++) {
            agentOnly[i].hidden = !hasAgent;
        }
        // The 戸籍謄本's issue date, and the documents of the other kind of agent, only for the type they belong to.
        for (i = 0; i < legalOnly.length; i++) {
            legalOnly[i].hidden = type !== "LegalRepresentative";
        }
        for (i = 0; i < typed.length; i++) {
            var other = hasAgent && typed[i].getAttribute("data-for") !== type;
            typed[i].hidden = other;
            typed[i].disabled = other;
            if (other && typed[i].selected) { typed[i].parentNode.value = ""; }
        }
    }
    for (var i = 0; i < radios.length; i++) {
        radios[i].addEventListener("change", update);
    }
    update();
    var summary = document.getElementById("error-summary");
    if (summary) { summary.focus(); }
}());

// 郵便番号→住所: once seven digits are typed (full-width digits and the hyphen allowed), asks the app's own
// GET /postal-codes/{7 digits} and fills the prefecture and the city (with the town), then says so in the field's
// status line. It never overwrites what the member typed in the city field, only an empty field or its own earlier
// fill. Without JavaScript (or when the look-up fails) the fields are typed as usual.
(function () {
    "use strict";
    if (!window.fetch) { return; }
    var inputs = document.querySelectorAll("input[data-postal-code]");
    function digits(value) {
        return value.replace(/[０-９]/g, function (d) { return String.fromCharCode(d.charCodeAt(0) - 0xFEE0); })
            .replace(/[^0-9]/g, "");
    }
    function attach(input) {
        var prefecture = document.getElementById(input.getAttribute("data-prefecture"));
        var city = document.getElementById(input.getAttribute("data-city"));
        var status = document.getElementById(input.getAttribute("data-status"));
        var asked = "";
        var filled = "";
        function lookUp() {
            var code = digits(input.value);
            if (code.length !== 7 || code === asked) { return; }
            asked = code;
            fetch("/postal-codes/" + code, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
                .then(function (response) {
                    if (response.status === 404) { status.textContent = input.getAttribute("data-not-found"); return null; }
                    return response.ok ? response.json() : null;
                })
                .then(function (address) {
                    if (!address || digits(input.value) !== code) { return; }
                    if (prefecture && address.prefecture) { prefecture.value = address.prefecture; }
                    var place = (address.city || "") + (address.town || "");
                    if (city && place && (city.value === "" || city.value === filled)) {
                        city.value = place;
                        filled = place;
                    }
                    status.textContent = input.getAttribute("data-found");
                })
                .catch(function () { /* the member types the address */ });
        }
        input.addEventListener("input", lookUp);
        input.addEventListener("change", lookUp);
    }
    for (var i = 0; i < inputs.length; i++) { attach(inputs[i]); }
}());

// Post-redirect-get for the confirmation step: the page is the answer to a POST and is never cached (it shows personal
// data), so going back to it (from the receipt) would show the browser's ERR_CACHE_MISS page. Its history entry is
// turned into a GET of the form with ?reviewed=1, which explains that the review cannot be shown again. Filing itself
// answers with a redirect to the receipt.
(function () {
    "use strict";
    var review = document.querySelector("form[data-review-step]");
    if (review && window.history && window.history.replaceState) {
        window.history.replaceState(null, "", review.getAttribute("data-back-url"));
    }
}());
