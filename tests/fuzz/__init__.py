"""Property-based fuzzing of every public URL's query parameters and every form.

Hypothesis throws random and hostile values — markup and script, ``javascript:`` links,
SQL-ish strings, NUL bytes, very long strings, right-to-left and emoji text, impossible and
extreme dates, huge and negative numbers, repeated parameters — at the listing and its
filters, search, paging, the calendars and feeds, the API, the embeds, the place pages, the
sitemap, the account forms, the staff event form with its dates and repeat helper, the status
of a date, and the admin's lists. Through the real stack (test client, middleware, URLs,
views, templates) on the real database. Properties, for every request:

- no response is a 5xx (the test client re-raises a view's exception: that fails too);
- no input is reflected unescaped in an HTML response: no marked payload verbatim, no
  element, event handler or ``javascript:`` link of the visitor's making;
- XML and iCalendar responses still parse; bad input gets a 4xx or a normal page;
- a rejected form changes no row (nothing half-saved).

``FUZZ_EXAMPLES`` sets the examples per test (default 12, about a minute in all);
``pytest --hypothesis-show-statistics`` reports how many ran.
"""
