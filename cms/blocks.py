"""StreamField blocks shared by every app. Apps extend ``BaseBodyBlock``."""

from django.utils.translation import gettext_lazy as _
from grapple.helpers import register_streamfield_block
from grapple.models import GraphQLImage, GraphQLString
from wagtail import blocks

from cms.graphql.loaders import BatchedImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


@register_streamfield_block
class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=255)

    graphql_fields = [GraphQLString("text", required=True)]

    class Meta:
        icon = "title"
        label = _("Heading")


@register_streamfield_block
class CaptionedImageBlock(blocks.StructBlock):
    image = BatchedImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=500)
    credit = blocks.CharBlock(label=_("credit"), required=False, max_length=255)

    graphql_fields = [
        GraphQLImage("image"),
        GraphQLString("caption"),
        GraphQLString("credit"),
    ]

    class Meta:
        icon = "image"
        label = _("Image")


@register_streamfield_block
class KeyFigureBlock(blocks.StructBlock):
    """A number that stands out, e.g. "93" / "soldiers injured"."""

    figure = blocks.CharBlock(label=_("figure"), max_length=50)
    description = blocks.CharBlock(label=_("what it counts"), max_length=255)

    graphql_fields = [
        GraphQLString("figure", required=True),
        GraphQLString("description", required=True),
    ]

    class Meta:
        icon = "pick"
        label = _("Key figure")


class ParagraphBlock(blocks.RichTextBlock):
    # Exposed as grapple's RichTextBlock type: HTML with internal links resolved.
    class Meta:
        icon = "pilcrow"
        label = _("Paragraph")


class BaseBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock(features=RICH_TEXT_FEATURES)
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    key_figure = KeyFigureBlock()
