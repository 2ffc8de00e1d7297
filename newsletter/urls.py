from django.urls import path

from .views import one_click_unsubscribe

urlpatterns = [
    path(
        "unsubscribe/<str:token>/",
        one_click_unsubscribe,
        name="newsletter-unsubscribe",
    ),
]
