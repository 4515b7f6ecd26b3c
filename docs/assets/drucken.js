/* "Drucken" buttons ([data-mso-drucken]): hidden without JavaScript, they open the browser's print dialog. */
(function () {
  "use strict";
  document.querySelectorAll("[data-mso-drucken]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
