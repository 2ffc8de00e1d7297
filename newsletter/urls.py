from django.urls import path

from .views import confirm_subscription, one_click_unsubscribe, preferences

urlpatterns = [
    path(
        "unsubscribe/<str:token>/",
        one_click_unsubscribe,
        name="newsletter-unsubscribe",
    ),
    path("confirm/<str:token>/", confirm_subscription, name="newsletter-confirm"),
    path("preferences/<str:token>/", preferences, name="newsletter-preferences"),
]
