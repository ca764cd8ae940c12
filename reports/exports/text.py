"""The committee table as CSV: the same rows, with theme and key question on every row."""

import csv
import io

from indicators.spreadsheet_text import csv_row


def committee_table_csv(table):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(csv_row(["Theme", "Key question", *table.qualified_columns(), "Caveats"]))
    for group, row in table.flat_rows():
        cells = [group.title, group.subtitle, *(c.shown for c in row.cells)]
        writer.writerow(csv_row([*cells, " | ".join(row.flags)]))
    return buffer.getvalue().encode("utf-8")
