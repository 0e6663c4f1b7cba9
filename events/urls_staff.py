"""URLs of the venue staff's pages under /mine-arrangementer/."""

staff_patterns = ([], "staff")
