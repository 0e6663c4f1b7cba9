"""Search that understands Danish: folding, stems, word parts, typos and filter words.

- :mod:`.fold` — one spelling for ø/ö/oe, æ/ä/ae, å/aa, accents, case and Unicode form;
  the words of a query, its stop words and stems.
- :mod:`.matching` — which events match a text query and how well (both engines).
- :mod:`.filterwords` — words that name a filter («roskilde», «weekend», «gratis») become it.
- :mod:`.suggest` — suggestions while typing and «Mente du …?» when nothing matches.
- :mod:`.trigrams` — pg_trgm's word similarity in Python, for typos on both engines.
"""
