// Draws each chart on the page from the figure the server wrote beside it as a JSON data
// block (reports/charts.py): the Content-Security-Policy allows no inline script.
// On a narrow screen a time axis keeps every other tick (the latest always), so the
// period labels never crowd or overlap.
document.querySelectorAll("[data-figure]").forEach(function (plot) {
  var figure = JSON.parse(document.getElementById(plot.dataset.figure).textContent);
  var xaxis = figure.layout.xaxis || {};
  var most = plot.clientWidth < 560 ? 3 : 6;
  if (xaxis.tickvals && xaxis.tickvals.length > most) {
    var step = Math.ceil(xaxis.tickvals.length / most);
    var keep = function (_, i, all) { return (all.length - 1 - i) % step === 0; };
    xaxis.tickvals = xaxis.tickvals.filter(keep);
    xaxis.ticktext = xaxis.ticktext.filter(keep);
  }
  Plotly.newPlot(plot, figure.data, figure.layout, figure.config);
});
