from django.urls import URLPattern, URLResolver

app_name = "stories"
urlpatterns: list[URLPattern | URLResolver] = []
