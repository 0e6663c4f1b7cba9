"""Typos at the beginning of a longer word: «gospl koncert» for «Gospelkoncert i kirken».

Trigram similarity (:mod:`.trigrams`) compares whole words, so a typo that is the beginning of
a compound («gospl», of «gospelkoncert») shares too few trigrams with it. Here a query word is
compared with the beginnings of the known words of the names that are about as long as it:
at most one edit (a letter missing, extra, wrong, or two letters swapped: the optimal string
alignment distance) for words of 4–7 letters, two from 8 letters; a word of four letters only
misses a letter or has two swapped (with one wrong, three letters are too little to go by).
The candidates are only the known words with the same first two letters
(:class:`.matching.NameWords.by_start`), and a beginning must end with the word's last letter
(or its last two swapped: «gosple»): an edit at the cut would only say that the word shares
its first letters with many words («bold» is not «bolig»).
"""

#: Words this long get one edit, longer ones two.
ONE_EDIT_UP_TO = 7
MIN_LENGTH = 4


def osa_distance(a: str, b: str, bound: int) -> int:
    """The optimal string alignment distance of ``a`` and ``b`` (insertions, deletions,
    substitutions and swaps of neighbours, each 1), or ``bound + 1`` once it is sure to be
    more than ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    before, row = None, list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            cost = current[j - 1] + 1
            if (replace := row[j - 1] + (letter != other)) < cost:
                cost = replace
            if row[j] + 1 < cost:
                cost = row[j] + 1
            if before and i > 1 and j > 1 and letter == b[j - 2] and a[i - 2] == other:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if min(current) > bound:
            return bound + 1
        before, row = row, current
    return row[-1]


def prefix_corrections(word: str, known, limit=2) -> list[str]:
    """Up to ``limit`` beginnings of ``known`` words (``known.by_start``) within the edits
    allowed for ``word``'s length, fewest edits first, then the beginning that most known
    words share, then the longer: «gospl» → «gospel». ``[]`` for words shorter than four letters."""
    size = len(word)
    if size < MIN_LENGTH:
        return []
    edits = 1 if size <= ONE_EDIT_UP_TO else 2
    shortest, longest = max(MIN_LENGTH, size - edits), size + edits
    last, swapped = word[-1], word[-2:][::-1]
    shared = {}
    for other in known.by_start.get(word[:2], ()):
        for length in range(shortest, min(len(other), longest) + 1):
            if other[length - 1] == last or other[length - 2 : length] == swapped:
                start = other[:length]
                shared[start] = shared.get(start, 0) + 1
    scored = []
    for start, count in shared.items():
        if size == MIN_LENGTH and len(start) == size and sorted(start) != sorted(word):
            continue  # four letters, one of them wrong: too little left («kage» is no «kare»)
        if (distance := osa_distance(word, start, edits)) <= edits:
            scored.append((distance, -count, -len(start), start))
    return [start for *_order, start in sorted(scored)[:limit]]
