"""The review app's screens: the main review screen and its modals."""
