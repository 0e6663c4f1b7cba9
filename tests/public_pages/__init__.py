"""Every public page answers and shows what a visitor relies on.

UI strings of our own are checked on the English pages (``/en/``) only, because the Danish
translations may lag behind; Danish pages are checked by their data, status and structure.
"""
