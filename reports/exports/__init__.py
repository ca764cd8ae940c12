"""Committee tables as Word, Excel, CSV and PDF, all from reports.exports.table rows."""
