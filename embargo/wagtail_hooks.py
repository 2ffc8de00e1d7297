from wagtail import hooks

from .lifting import lift_due
from .visibility import embargoed_paths, hide_embargoed, is_embargoed, lifted_at

# cms/visibility.py asks these on every path that hands pages out.
hooks.register("filter_visible_pages", hide_embargoed)
hooks.register("hidden_page_paths", embargoed_paths)
hooks.register("is_page_withheld", is_embargoed)
hooks.register("page_public_since", lifted_at)
# cms/scheduled_publishing.py: on the worker's tick, under its lease.
hooks.register("scheduled_publishing_tick", lift_due)
