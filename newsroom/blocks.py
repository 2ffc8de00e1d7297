from django.utils.translation import gettext_lazy as _
from grapple.helpers import register_streamfield_block
from grapple.models import GraphQLSnippet, GraphQLString
from wagtail import blocks

from cms.blocks import BaseBodyBlock
from cms.graphql.loaders import BatchedSnippetChooserBlock


@register_streamfield_block
class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("quotation"))
    speaker = BatchedSnippetChooserBlock(
        "newsroom.Person", label=_("speaker"), required=False
    )

    graphql_fields = [
        GraphQLString("text", required=True),
        GraphQLSnippet("speaker", "newsroom.Person"),
    ]

    class Meta:
        icon = "openquote"
        label = _("Quote")


class PressReleaseBodyBlock(BaseBodyBlock):
    quote = QuoteBlock()
