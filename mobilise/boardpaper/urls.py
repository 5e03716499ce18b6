from django.urls import URLPattern, URLResolver

app_name = "boardpaper"
urlpatterns: list[URLPattern | URLResolver] = []
