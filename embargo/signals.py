from django.dispatch import Signal

# A page was published under embargo: accredited readers may see it now.
# Arguments: ``page`` (specific), ``lifts_at``.
embargoed_page_published = Signal()

# The worker lifted a page's embargo: everyone sees it now. Argument: ``page``.
embargo_lifted = Signal()
