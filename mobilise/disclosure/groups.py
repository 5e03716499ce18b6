"""Filtered views, free text and groups: what may be shown beside what is already on offer."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .rules import NHS, Rules


def differencing_refusal(people: int, others: Iterable[int], rules: Rules = NHS) -> str | None:
    """Why a view of `people` must be refused, or None when it may be shown.

    `others` are the sizes of the other views a person can open of the same answers (the whole wave,
    the other filters). A view that differs from one of them by 1 to threshold-1 people would let
    someone subtract one from the other and read a small group's answers, so it is refused."""
    if rules.is_small(people):
        return (
            f"Fewer than {rules.threshold} people are in this group, so its answers are not shown "
            "to keep everyone anonymous."
        )
    for other in others:
        if rules.is_small(abs(other - people)):
            return (
                f"This view differs from another one you can see by fewer than {rules.threshold} people, "
                "so comparing the two could reveal how those few answered. It is not shown."
            )
    return None


def free_text_shown(answered: int, rules: Rules = NHS) -> bool:
    """Comments are shown only once at least the threshold of people have answered (and never by group)."""
    return rules.enough(answered)


def visible_comments(
    comments: Iterable[tuple[int, str]], answered: int, redacted: Iterable[int] = (), rules: Rules = NHS
) -> list[str]:
    """The comments a member may read: none below the threshold, never a redacted one."""
    if not free_text_shown(answered, rules):
        return []
    gone = set(redacted)
    return [text for key, text in comments if key not in gone and text.strip()]


SMALLER_GROUPS = "Smaller groups"


def merge_small_groups(counts: Mapping[str, int], rules: Rules = NHS) -> dict[str, str]:
    """The label to show for each group: small groups join "Smaller groups", and so does the next
    smallest while the merged group is itself small, so every group shown has 0 or enough people."""
    merged = {label for label, n in counts.items() if rules.is_small(n)}
    rest = sorted((n, label) for label, n in counts.items() if label not in merged)
    while merged and rules.is_small(sum(counts[label] for label in merged)) and rest:
        merged.add(rest.pop(0)[1])
    return {label: (SMALLER_GROUPS if label in merged else label) for label in counts}
