"""When a pulse is deleted for good (emptied from the bin, or with its programme), the history of
its questions, waves and comments goes with it: nothing is left that names a pulse no longer there.

The pulse's own history rows carry the programme and are removed with the programme's (as the demo
reset does); the rows below carry only the pulse or wave, so the pulse app clears them itself."""

from __future__ import annotations

from typing import Any

from .models import Comment, Pulse, Question, Wave


def forget_history(sender: type[Pulse], instance: Pulse, **kwargs: Any) -> None:
    wave_ids = list(Wave.history.filter(pulse_id=instance.pk).values_list("id", flat=True).distinct())
    Comment.history.filter(wave_id__in=wave_ids).delete()
    Wave.history.filter(pulse_id=instance.pk).delete()
    Question.history.filter(pulse_id=instance.pk).delete()
