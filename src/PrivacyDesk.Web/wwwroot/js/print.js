// The receipt's print button: shown only when this script runs (the CSP forbids inline handlers), prints the page.
document.querySelectorAll('[data-print]').forEach(function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
});
