import datetime
import itertools

import factory
from django.utils import timezone
from wagtail.models import Locale

from newsroom.models import (
    NewsroomIndexPage,
    Person,
    PersonPosition,
    PressReleasePage,
    PressReleasePerson,
    PressReleaseTopic,
    RelatedPressRelease,
    Topic,
)

_numbers = itertools.count(1)


def locale(code: str) -> Locale:
    return Locale.objects.get(language_code=code)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")
    locale = factory.LazyFunction(lambda: locale("en"))


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    locale = factory.LazyFunction(lambda: locale("en"))


def add_position(person, title, start, end=None, organisation="NATO"):
    return PersonPosition.objects.create(
        person=person,
        title=title,
        organisation=organisation,
        start_date=start,
        end_date=end,
    )


def create_release(
    code: str = "en",
    *,
    title: str | None = None,
    date: datetime.datetime | None = None,
    people=(),
    topics=(),
    related=(),
    hero_image=None,
    body=None,
    publish: bool = True,
    translation_of: PressReleasePage | None = None,
) -> PressReleasePage:
    """A press release under the newsroom of ``code``, published unless told not."""
    number = next(_numbers)
    title = title or f"Generated release {number}"
    index = NewsroomIndexPage.objects.get(locale__language_code=code)
    page = PressReleasePage(
        title=title,
        slug=f"generated-release-{number}",
        locale=index.locale,
        date=date or timezone.now() - datetime.timedelta(days=number),
        location="Brussels",
        standfirst=f"Standfirst of {title}.",
        hero_image=hero_image,
        body=body or [{"type": "paragraph", "value": f"<p>Body of {title}.</p>"}],
        live=False,
    )
    if translation_of is not None:
        page.translation_key = translation_of.translation_key
    page.release_people = [PressReleasePerson(person=p) for p in people]
    page.release_topics = [PressReleaseTopic(topic=t) for t in topics]
    page.related_releases = [RelatedPressRelease(related=r) for r in related]
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    page.refresh_from_db()
    return page
