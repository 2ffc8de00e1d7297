"""What the accounts app announces. Apps that build on accounts (the newsletter)
listen; accounts itself imports none of them."""

from django.dispatch import Signal

# A new account was created. Arguments: user, newsletter (the sign-up box ticked),
# newsletter_topics (topic slugs, possibly empty).
user_registered = Signal()

# The user proved they own their address (a confirmation or reset code). Arguments:
# user.
email_verified = Signal()

# The account is about to be deleted: remove what belongs to it. Arguments: user.
account_deleting = Signal()
