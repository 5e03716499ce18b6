from django.urls import URLPattern, URLResolver

app_name = "adoption"
urlpatterns: list[URLPattern | URLResolver] = []
