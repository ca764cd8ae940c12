// Draws each chart on the page from the figure the server wrote beside it as a JSON data
// block (reports/charts.py): the Content-Security-Policy allows no inline script.
document.querySelectorAll("[data-figure]").forEach(function (plot) {
  var figure = JSON.parse(document.getElementById(plot.dataset.figure).textContent);
  Plotly.newPlot(plot, figure.data, figure.layout, figure.config);
});
