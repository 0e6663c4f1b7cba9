"""The small text formats the demo data is written in, to keep long lists readable."""


def items(text: str) -> list[str]:
    """``"a | b|c"`` → ``["a", "b", "c"]``: the «|»-separated items, stripped."""
    return [item.strip() for item in text.split("|")]


def pairs(text: str) -> dict[str, str]:
    """``"a=1|b=2"`` → ``{"a": "1", "b": "2"}``, in order; an item without «=» raises
    ``ValueError``."""
    return dict(item.split("=", 1) for item in items(text))
