"""What the accounts app announces. Apps that build on accounts (the newsletter)
listen; accounts itself imports none of them."""

from django.dispatch import Signal

# Someone registers (whether or not the address already has an account): listeners
# check their own arguments and raise a coded error to refuse, before anything is
# written. Arguments: user (not saved), newsletter, newsletter_topics.
registration_checking = Signal()

# A new account was created. Arguments: user, newsletter (the sign-up box ticked),
# newsletter_topics (topic slugs, possibly empty).
user_registered = Signal()

# The user proved they own their address (a confirmation or reset code). Arguments:
# user.
email_verified = Signal()

# The account is about to be deleted: remove what belongs to it. Arguments: user.
account_deleting = Signal()
