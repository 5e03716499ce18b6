"""Routes for the relationships part: the register, surveys and their results, and the survey link."""

from .register import urlpatterns as register_patterns
from .surveys import urlpatterns as survey_patterns

app_name = "engagement"
urlpatterns = [*register_patterns, *survey_patterns]
