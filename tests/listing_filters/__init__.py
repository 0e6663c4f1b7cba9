"""The listing's filters, seen through the page a citizen gets at /arrangementer/.

Every test runs at a fixed time, Wednesday 18 March 2026 at noon in Copenhagen (conftest.py).
"""
