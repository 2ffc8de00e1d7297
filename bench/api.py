"""Wagtail's REST API v2 serving the release fields the GraphQL listing asks for.

The fields are what a project would declare as ``PressReleasePage.api_fields``;
they are added by this bench-only endpoint instead, so the model stays untouched.
The serializers are written the way the API v2 documentation shows (a field per
value, read from the page), with no prefetching: this is stock API v2."""

from __future__ import annotations

from rest_framework import serializers
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from newsroom.models import PressReleasePage

from .views import src_set


class SummaryField(serializers.Field):
    def to_representation(self, page):
        return page.standfirst


class TranslationsField(serializers.Field):
    def to_representation(self, page):
        request = self.context["request"]
        return [
            {"locale": other.locale.language_code, "url": other.get_url(request)}
            for other in page.get_translations()
            .live()
            .public()
            .select_related("locale")
            .order_by("locale__language_code")
        ]


class PeopleField(serializers.Field):
    """Each person with the position held on the release's date."""

    def to_representation(self, page):
        day = page.date.date()
        people = []
        for link in page.release_people.all():
            position = link.person.position_on(day)
            people.append(
                {
                    "role": position.title if position else None,
                    "person": {"name": link.person.name, "slug": link.person.slug},
                }
            )
        return people


class TopicsField(serializers.Field):
    def to_representation(self, page):
        return [
            {"name": link.topic.name, "slug": link.topic.slug}
            for link in page.release_topics.all()
        ]


class SrcSetField(serializers.Field):
    def to_representation(self, page):
        return {"srcSet": src_set(page.hero_image)}


RELEASE_API_FIELDS = [
    APIField("date"),
    APIField("summary", serializer=SummaryField(source="*")),
    APIField("translations", serializer=TranslationsField(source="*")),
    APIField("people", serializer=PeopleField(source="*")),
    APIField("topics", serializer=TopicsField(source="*")),
    APIField("hero_image_src_set", serializer=SrcSetField(source="*")),
]

# The fields of the API request equivalent to the GraphQL listing; "_" drops the
# default ones (id, type, detail_url, first_published_at).
RELEASE_FIELDS = (
    "_,title,slug,html_url,locale,date,summary,translations,people,topics,"
    "hero_image_src_set"
)


class ReleasePagesAPIViewSet(PagesAPIViewSet):
    @classmethod
    def get_body_fields(cls, model):
        fields = super().get_body_fields(model)
        if issubclass(model, PressReleasePage):
            fields = fields + RELEASE_API_FIELDS
        return fields


api_router = WagtailAPIRouter("benchapi")
api_router.register_endpoint("pages", ReleasePagesAPIViewSet)
