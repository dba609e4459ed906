(function () {
  "use strict";
  var table = document.getElementById("reports");
  var rows = Array.prototype.slice.call(table.tBodies[0].rows);
  var only = document.getElementById("only-problems");
  var filter = document.getElementById("filter");
  // 只看问题 and the text filter together decide which rows show.
  function apply() {
    var q = filter.value.trim().toLowerCase();
    rows.forEach(function (r) {
      var hide = (only.checked && r.getAttribute("data-problems") !== "1") ||
        (q !== "" && r.textContent.toLowerCase().indexOf(q) < 0);
      r.hidden = hide;
    });
  }
  // A link to the page with #only-problems opens it filtered.
  if (location.hash === "#only-problems") { only.checked = true; apply(); }
  only.addEventListener("change", apply);
  filter.addEventListener("input", apply);
  // Click a heading to sort by it; again to reverse.
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
    th.addEventListener("click", function () {
      var asc = !th.classList.contains("asc");
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.classList.remove("asc", "desc"); });
      th.classList.add(asc ? "asc" : "desc");
      var num = th.getAttribute("data-type") === "num";
      rows.sort(function (a, b) {
        var x = a.cells[col].textContent, y = b.cells[col].textContent;
        var c = num ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, "zh-CN");
        return asc ? c : -c;
      });
      rows.forEach(function (r) { table.tBodies[0].appendChild(r); });
    });
  });
}());
