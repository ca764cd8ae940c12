"""What officers do: fill in and sign off a period's return, import values, and answer the
exception report. Its models live in indicators; its templates in templates/officers."""
