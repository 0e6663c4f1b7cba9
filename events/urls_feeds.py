"""URLs of calendars (ICS), RSS/Atom feeds, embeds, the JSON API, sitemap and robots.txt."""

localized_feed_patterns = ([], "feeds")
unprefixed_patterns = []
