"""The venue staff's calendar pages (``sources``) and trying an address (``trying``)."""
